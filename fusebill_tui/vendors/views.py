"""Vendor-neutral view models: what the screens show of any billing system's records.

Two kinds: Protocols naming what the screens read of a vendor's own records (each vendor's models, or
the dataclasses below where a vendor's records do not have that shape, satisfy them structurally, so mypy
checks every backend against them), and plain dataclasses a backend builds. Plain data only (no Textual,
no rich): the TUI decides how each kind of value looks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, Protocol

# --- limits and choices the forms offer (one definition; the vendor that sends them imports them) ------

#: The longest note the note form sends: the app's own cap, so a note always fits one request and a screen.
NOTE_MAX = 2000
# Addresses (only Fusebill's are edited): its documented write limits.
ADDRESS_LINE_MAX = 60  # line1, line2
CITY_MAX = 50
POSTAL_ZIP_MAX = 10
ADDRESS_COMPANY_MAX = 255  # companyName on an address
# Address preferences: the object section says contactName 100 / shippingInstructions 1000,
# the update section says 50 for both; forms use the stricter, documented-for-writes value.
CONTACT_NAME_MAX = 50
SHIPPING_INSTRUCTIONS_MAX = 50
# The status actions' options (only Fusebill has status actions).
SERVICE_START_OPTIONS = (
    "ChargeForAllMissedPeriods",
    "ChargeForLastMissedPeriods",
    "NoChargesForMissedPeriods",
    "ChargeForCurrentFullPeriod",
)
CANCELLATION_OPTIONS = ("None", "Unearned", "Full")

#: How a value is shown: literal text, a coloured status, money in the row's currency, a date, a moment.
ValueKind = Literal["text", "lines", "status", "money", "day", "when"]
#: What a value of each kind is (any value shows as text): a status is text, money an amount, a day or a
#: moment a date or time; None is shown as missing.
StatusValue = str | None
MoneyValue = Decimal | int | None
MomentValue = datetime | date | None


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
    values: Mapping[str, object]


@dataclass(frozen=True)
class Fact:
    """One labelled value of a panel; ``emphasis`` is ``strong``, ``warning`` or ``danger``; ``note`` follows dimmed.

    ``detail``: left out of the customer's first screen (the glance), shown only with the details.
    """

    label: str
    value: object
    kind: ValueKind = "text"
    currency: str | None = None
    emphasis: str = ""
    note: str | None = None
    detail: bool = False


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
    charge_tiers: list[TierView] = field(default_factory=list)
    discounts: list[Discount] = field(default_factory=list)


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
    invoice_number: int | str | None
    posted_timestamp: date | None  # a day where the vendor gives no time (ChargeOver)
    due_date: date | None
    invoice_amount: Decimal | None
    outstanding_balance: Decimal | None
    due_status: str | None
    currency: str | None
    charges: list[ChargeView] = field(default_factory=list)
    payment_schedules: list[PaymentSchedule] | None = None
    taxes: list[Tax] | None = None
    discounts: list[Discount] | None = None
    terms: str | None = None
    po_number: str | None = None
    subtotal: Decimal | None = None
    total_discount: Decimal | None = None
    total_payments: Decimal | None = None
    sum_of_credit_notes: Decimal | None = None
    total_writeoffs: Decimal | None = None
    days_overdue: int | None = None  # the server's own figure, where it has one (ChargeOver's)
    facts: tuple[Fact, ...] = ()  # shown in the heading (e.g. status, days overdue)
    service_periods: bool = False  # whether lines carry service dates (a column for them)
    charges_read: bool = True  # False: a list's overview, whose lines ``Backend.invoice_detail`` reads
    raw: Mapping[str, object] = field(default_factory=dict)
    source: object = None  # the vendor's own invoice


@dataclass
class NoteView:
    """A note, shaped like a Fusebill note."""

    id: int | None
    note: str | None
    created_timestamp: datetime | None
    user_who_created_note: str | None = None
    raw: Mapping[str, object] = field(default_factory=dict)


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

    billing_address: Address | None
    shipping_address: Address | None
    use_billing_address_as_shipping_address: bool = False
    preferences: tuple[Fact, ...] | None = None
    company_names: bool = True  # whether an address has a company name of its own (ChargeOver's have none)


# --- what the screens read of a vendor's records ------------------------------------------------------
# Read-only properties, so a model field, a dataclass field or a property of a narrower type satisfies them.

class Customer(Protocol):
    """A customer as the screens hold it between the backend's calls (the backend reads the rest)."""

    @property
    def id(self) -> int | None: ...
    @property
    def display_name(self) -> str: ...


class StatusCustomer(Customer, Protocol):
    """A customer the status actions work on: its status and currency too."""

    @property
    def status(self) -> str | None: ...
    @property
    def currency(self) -> str | None: ...


class Discount(Protocol):
    """A discount on an invoice or one of its lines (``amount`` a percentage for a Percentage discount)."""

    @property
    def discount_type(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def amount(self) -> Decimal | None: ...


class PaymentSchedule(Protocol):
    """When an invoice is due, and how much of it."""

    @property
    def due_date_timestamp(self) -> datetime | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def amount(self) -> Decimal | None: ...
    @property
    def outstanding_balance(self) -> Decimal | None: ...


class ChargeTier(Protocol):
    """One price tier under an invoice line."""

    @property
    def label(self) -> str | None: ...
    @property
    def quantity(self) -> Decimal | None: ...
    @property
    def unit_price(self) -> Decimal | None: ...
    @property
    def amount(self) -> Decimal | None: ...


class Line(Protocol):
    """An invoice line, posted or previewed, as a preview lists it."""

    @property
    def name(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def quantity(self) -> Decimal | int | None: ...
    @property
    def unit_price(self) -> Decimal | None: ...
    @property
    def amount(self) -> Decimal | None: ...
    @property
    def charge_tiers(self) -> Sequence[ChargeTier]: ...


class Charge(Line, Protocol):
    """A posted invoice line: its service period and discounts too."""

    @property
    def start_service_date(self) -> datetime | None: ...
    @property
    def end_service_date(self) -> datetime | None: ...
    @property
    def discounts(self) -> Sequence[Discount]: ...


class Tax(Protocol):
    """One tax on an invoice."""

    @property
    def name(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def percentage(self) -> Decimal | None: ...
    @property
    def amount(self) -> Decimal | None: ...


class Invoice(Protocol):
    """An invoice as the invoices panel and the invoice screen show it (a Fusebill invoice, an InvoiceView)."""

    @property
    def id(self) -> int | None: ...
    @property
    def invoice_number(self) -> int | str | None: ...
    @property
    def posted_timestamp(self) -> date | None: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def invoice_amount(self) -> Decimal | None: ...
    @property
    def outstanding_balance(self) -> Decimal | None: ...
    @property
    def due_status(self) -> str | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def charges(self) -> Sequence[Charge]: ...
    @property
    def payment_schedules(self) -> Sequence[PaymentSchedule] | None: ...
    @property
    def taxes(self) -> Sequence[Tax] | None: ...
    @property
    def discounts(self) -> Sequence[Discount] | None: ...
    @property
    def terms(self) -> str | None: ...
    @property
    def po_number(self) -> str | None: ...
    @property
    def subtotal(self) -> Decimal | None: ...
    @property
    def days_overdue(self) -> int | None: ...
    @property
    def raw(self) -> Mapping[str, object]: ...


class PostedInvoice(Invoice, Protocol):
    """An invoice a status action posted (its taxes always a list)."""

    @property
    def effective_timestamp(self) -> datetime | None: ...
    @property
    def taxes(self) -> Sequence[Tax]: ...


class InvoicePreview(Protocol):
    """An invoice a status action would bill (not posted: draft charges and taxes)."""

    @property
    def draft_charges(self) -> Sequence[Line]: ...
    @property
    def draft_taxes(self) -> Sequence[Tax]: ...
    @property
    def tax(self) -> Tax | None: ...
    @property
    def subtotal(self) -> Decimal | None: ...
    @property
    def total(self) -> Decimal | None: ...
    @property
    def total_taxes(self) -> Decimal | None: ...
    @property
    def effective_timestamp(self) -> datetime | None: ...


class ActionResult(Protocol):
    """What a status action answered: the invoices a preview would bill, or those it posted."""

    @property
    def preview_invoices(self) -> Sequence[InvoicePreview]: ...
    @property
    def invoices(self) -> Sequence[PostedInvoice]: ...
    @property
    def answered(self) -> bool: ...


class Subscription(Protocol):
    """A subscription as the subscriptions panel lists it."""

    @property
    def id(self) -> int | None: ...
    @property
    def plan_name(self) -> str | None: ...
    @property
    def plan_code(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def frequency_label(self) -> str | None: ...
    @property
    def amount(self) -> Decimal | None: ...
    @property
    def monthly_recurring_revenue(self) -> Decimal | None: ...
    @property
    def next_period_start_date(self) -> datetime | None: ...
    @property
    def next_recharge_date(self) -> datetime | None: ...
    @property
    def contract_start_timestamp(self) -> datetime | None: ...
    @property
    def contract_end_timestamp(self) -> datetime | None: ...


class Note(Protocol):
    """A note as the notes panel lists it."""

    @property
    def id(self) -> int | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def created_timestamp(self) -> datetime | None: ...
    @property
    def user_who_created_note(self) -> str | None: ...


class Address(Protocol):
    """A postal address as the addresses panel shows it."""

    @property
    def company_name(self) -> str | None: ...
    @property
    def line1(self) -> str | None: ...
    @property
    def line2(self) -> str | None: ...
    @property
    def city(self) -> str | None: ...
    @property
    def state(self) -> str | None: ...
    @property
    def postal_zip(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...


class EditableAddress(Address, Protocol):
    """An address the address form edits: its id, place ids and the object it was read from."""

    @property
    def id(self) -> int | None: ...
    @property
    def country_id(self) -> int | None: ...
    @property
    def state_id(self) -> int | None: ...
    @property
    def raw(self) -> Mapping[str, object]: ...


class AddressPreferences(Protocol):
    """A customer's two addresses and the preferences the address form edits."""

    @property
    def contact_name(self) -> str | None: ...
    @property
    def shipping_instructions(self) -> str | None: ...
    @property
    def use_billing_address_as_shipping_address(self) -> bool | None: ...
    @property
    def billing_address(self) -> EditableAddress | None: ...
    @property
    def shipping_address(self) -> EditableAddress | None: ...
    @property
    def raw(self) -> Mapping[str, object]: ...


class State(Protocol):
    """A state, province or territory."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str | None: ...


class Country(Protocol):
    """A country and its states, for the address form's choices."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def states(self) -> Sequence[State]: ...
