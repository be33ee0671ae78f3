"""Vendor-neutral view models: what the screens show, where the Fusebill models do not fit both vendors.

Plain data only (no Textual, no rich): the TUI decides how each kind of value looks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

#: How a value is shown: literal text, a coloured status, money in the row's currency, a date, a moment.
ValueKind = Literal["text", "lines", "status", "money", "day", "when"]


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the customer list: key, label, width (0: shares the rest), sort field, how to show it."""

    key: str
    label: str
    width: int
    sort: str | None = None
    right: bool = False
    kind: ValueKind = "text"
    share: int = 0


@dataclass(frozen=True)
class ColumnSet:
    """The customer list's columns for one vendor, and which of them fit a narrow table."""

    columns: tuple[ColumnSpec, ...]
    compact: tuple[str, ...]
    wide_from: int = 110

    @property
    def sortable(self) -> tuple[ColumnSpec, ...]:
        """The columns the server can sort by."""
        return tuple(column for column in self.columns if column.sort)

    def for_sort(self, sort_field: str | None) -> ColumnSpec | None:
        """The column sorted by ``sort_field`` (any case), if one is."""
        if not sort_field:
            return None
        return next((c for c in self.sortable if c.sort and c.sort.lower() == sort_field.lower()), None)

    def by_key(self, key: str) -> ColumnSpec | None:
        """The column with ``key``."""
        return next((column for column in self.columns if column.key == key), None)


@dataclass(frozen=True)
class CustomerRow:
    """One customer as a list row: its id, currency, and a raw value per column key."""

    id: int
    currency: str | None
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Fact:
    """One labelled value of a panel; ``emphasis`` is ``strong``, ``warning`` or ``danger``; ``note`` follows dimmed."""

    label: str
    value: Any
    kind: ValueKind = "text"
    currency: str | None = None
    emphasis: str = ""
    note: str | None = None


@dataclass(frozen=True)
class Section:
    """A titled group of facts (e.g. the balances)."""

    title: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Identity:
    """Who a customer is, for the header, the title bar and the forms."""

    id: int
    name: str  # the person ('' when unknown)
    company: str
    statuses: tuple[str | None, ...]
    currency: str | None = None
    display_name: str = ""


@dataclass
class ChargeView:
    """One invoice line, shaped like a Fusebill charge (tiers and discounts empty where a vendor has none)."""

    name: str | None
    description: str | None = None
    quantity: Decimal | int | None = None
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    start_service_date: datetime | None = None
    end_service_date: datetime | None = None
    charge_tiers: list[Any] = field(default_factory=list)
    discounts: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class TierView:
    """One price tier under a line, shaped like a Fusebill charge tier."""

    label: str | None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    amount: Decimal | None = None


@dataclass
class InvoiceView:
    """An invoice with its lines, shaped like a Fusebill invoice; a section that is None is not shown."""

    id: int | None
    invoice_number: Any
    posted_timestamp: datetime | None
    due_date: datetime | None
    invoice_amount: Decimal | None
    outstanding_balance: Decimal | None
    due_status: str | None
    currency: str | None
    charges: list[ChargeView] = field(default_factory=list)
    payment_schedules: list[Any] | None = None
    taxes: list[Any] | None = None
    discounts: list[Any] | None = None
    terms: str | None = None
    po_number: str | None = None
    subtotal: Decimal | None = None
    total_discount: Decimal | None = None
    total_payments: Decimal | None = None
    sum_of_credit_notes: Decimal | None = None
    total_writeoffs: Decimal | None = None
    facts: tuple[Fact, ...] = ()  # shown in the heading (e.g. status, days overdue)
    service_periods: bool = False  # whether lines carry service dates (a column for them)
    charges_read: bool = True  # False: a list's overview, whose lines ``Backend.invoice_detail`` reads
    raw: Mapping[str, Any] = field(default_factory=dict)
    source: Any = None  # the vendor's own invoice


@dataclass
class NoteView:
    """A note, shaped like a Fusebill note."""

    id: int | None
    note: str | None
    created_timestamp: datetime | None
    user_who_created_note: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AddressView:
    """A postal address, shaped like a Fusebill address."""

    company_name: str | None = None
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    state: str | None = None
    postal_zip: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class AddressesView:
    """Billing and shipping addresses; ``preferences`` None when the vendor has none."""

    billing_address: AddressView | Any | None
    shipping_address: AddressView | Any | None
    use_billing_address_as_shipping_address: bool = False
    preferences: tuple[Fact, ...] | None = None
    company_names: bool = True  # whether an address has a company name of its own (ChargeOver's have none)
