"""Lenient models of ChargeOver's customer, invoice, line item and note; each keeps its JSON in ``.raw``.

Field names are ChargeOver's own (snake_case). Money is Decimal, ``YYYY-MM-DD HH:MM:SS`` timestamps
become aware UTC datetimes, status strings the documentation does not list are kept as they are.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field

from fusebill_tui.core.loose import (
    Bool,
    Int,
    LenientModel,
    Money,
    Number,
    Str,
    Timestamp,
    parse_timestamp,
    to_dict_or_none,
    to_list_of_dicts,
)

#: The documented values of ``customer_status_str`` (others are kept, never an error).
CUSTOMER_STATUSES = ("active-current", "active-overdue", "inactive-manual", "inactive-activity")
#: The documented values of ``customer_status_state``: a(ctive) or i(nactive).
CUSTOMER_STATES = ("a", "i")
#: A note's text limit: ChargeOver documents none; this app's own cap, as for Fusebill notes.
NOTE_MAX = 2000


def to_date(value: Any) -> Date | None:
    """A calendar date from ``YYYY-MM-DD`` (a time part is ignored); anything else -> None."""
    stamp = parse_timestamp(value)
    return stamp.date() if stamp is not None else None


def to_tags(value: Any) -> list[str]:
    """Tags as a list of strings: a list is kept (non-strings dropped), a comma-separated string split."""
    if isinstance(value, str):
        return [tag.strip() for tag in value.split(",") if tag.strip()]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


Day = Annotated[Date | None, BeforeValidator(to_date)]
Tags = Annotated[list[str], BeforeValidator(to_tags), Field(default_factory=list)]


class ChargeOverModel(LenientModel):
    """Base of the ChargeOver objects: snake_case names as sent, unknown fields kept, source in ``.raw``."""

    NOUN: ClassVar[str] = "record"

    @classmethod
    def noun(cls, *, plural: bool = False) -> str:
        """What this object is called in messages."""
        return cls.NOUN + ("s" if plural else "")


class ChargeOverCustomer(ChargeOverModel):
    """A ChargeOver customer: company, main contact (``superuser_*``), addresses, status and money figures."""

    NOUN: ClassVar[str] = "customer"

    customer_id: Int = None
    parent_customer_id: Int = None
    token: Str = None
    external_key: Str = None
    company: Str = None
    display_as: Str = None
    superuser_id: Int = None
    superuser_username: Str = None
    superuser_name: Str = None
    superuser_first_name: Str = None
    superuser_last_name: Str = None
    superuser_email: Str = None
    superuser_phone: Str = None
    superuser_title: Str = None
    bill_addr1: Str = None
    bill_addr2: Str = None
    bill_addr3: Str = None
    bill_city: Str = None
    bill_state: Str = None
    bill_postcode: Str = None
    bill_country: Str = None
    bill_block: Str = None
    ship_addr1: Str = None
    ship_addr2: Str = None
    ship_addr3: Str = None
    ship_city: Str = None
    ship_state: Str = None
    ship_postcode: Str = None
    ship_country: Str = None
    ship_block: Str = None
    currency_id: Int = None
    currency_iso4217: Str = None
    currency_symbol: Str = None
    customer_status_id: Int = None
    customer_status_name: Str = None
    customer_status_str: Str = None
    customer_status_state: Str = None
    terms_name: Str = None
    terms_days: Int = None
    class_name: Str = None
    admin_name: Str = None
    url_self: Str = None
    tax_ident: Str = None
    no_taxes: Bool = None
    no_dunning: Bool = None
    total: Money = None
    balance: Money = None
    paid: Money = None
    mrr: Money = None
    arr: Money = None
    tags: Tags
    write_datetime: Timestamp = None
    mod_datetime: Timestamp = None

    @property
    def id(self) -> int | None:
        """The customer id (``customer_id``), under the name the rest of the app uses."""
        return self.customer_id

    @property
    def contact_name(self) -> str:
        """The main contact's name: ``superuser_name``, else first and last name joined; '' if none."""
        if self.superuser_name and self.superuser_name.strip():
            return self.superuser_name.strip()
        parts = [self.superuser_first_name, self.superuser_last_name]
        return " ".join(p.strip() for p in parts if p and p.strip())

    @property
    def display_name(self) -> str:
        """How the customer is named in lists: the company, else the contact, else ``#id``."""
        for candidate in (self.company, self.display_as, self.contact_name):
            if candidate and candidate.strip():
                return candidate.strip()
        return f"#{self.customer_id}" if self.customer_id is not None else "(no name)"

    @property
    def is_active(self) -> bool | None:
        """True for active-*, False for inactive-*, None for a status this app does not know."""
        status = (self.customer_status_str or "").lower()
        if status.startswith("active-"):
            return True
        if status.startswith("inactive-"):
            return False
        return {"a": True, "i": False}.get((self.customer_status_state or "").lower())

    def address_lines(self, kind: str) -> list[str]:
        """The ``bill`` or ``ship`` address as lines (empty parts left out; [] when there is none)."""
        if kind not in ("bill", "ship"):
            raise ValueError("kind must be 'bill' or 'ship'")
        def get(name: str) -> str:
            return str(getattr(self, f"{kind}_{name}") or "").strip()

        lines = [get("addr1"), get("addr2"), get("addr3")]
        locality = " ".join(part for part in (get("city"), get("state"), get("postcode")) if part)
        lines += [locality, get("country")]
        return [line for line in lines if line]


class ChargeOverTier(ChargeOverModel):
    """One price tier of a line's tierset: the units it covers and its price (``amount``)."""

    NOUN: ClassVar[str] = "price tier"

    tier_id: Int = None
    unit_from: Number = None
    unit_to: Number = None
    amount: Money = None


class ChargeOverTierset(ChargeOverModel):
    """A line's pricing: the model (flat, unit, tiered, volume...), setup and base prices, and tiers."""

    NOUN: ClassVar[str] = "tierset"

    tierset_id: Int = None
    setup: Money = None
    base: Money = None
    paycycle: Str = None
    pricemodel: Str = None
    pricemodel_desc: Str = None
    tiers: Annotated[list[ChargeOverTier], BeforeValidator(to_list_of_dicts), Field(default_factory=list)]


class ChargeOverLineItem(ChargeOverModel):
    """One line of an invoice: the item, description, rate, quantity and amounts.

    A line read in 2015 from a real account (``GET /invoice/{id}``) carried ``item_id``,
    ``tierset_id``, ``descrip``, ``line_rate``, ``line_quantity`` and ``line_usage`` but neither
    ``item_name`` nor ``line_total``: every one of those may be missing.
    """

    NOUN: ClassVar[str] = "invoice line"

    line_item_id: Int = None
    invoice_id: Int = None
    item_id: Int = None
    tierset_id: Int = None
    item_name: Str = None
    item_external_key: Str = None
    item_accounting_sku: Str = None
    nickname: Str = None
    descrip: Str = None
    line_rate: Money = None
    line_quantity: Number = None
    line_usage: Number = None
    line_subtotal: Money = None
    line_total: Money = None
    tax_total: Money = None
    is_base: Bool = None
    is_setup: Bool = None
    is_usage: Bool = None
    is_recurring: Bool = None
    is_free: Bool = None
    tierset: Annotated[ChargeOverTierset | None, BeforeValidator(to_dict_or_none)] = None

    @property
    def name(self) -> str | None:
        """What the line is: the item's name, else its nickname, else ``item #id`` (None when nothing names it)."""
        for candidate in (self.item_name, self.nickname):
            if candidate and candidate.strip():
                return candidate
        return f"item #{self.item_id}" if self.item_id is not None else None

    @property
    def amount(self) -> Decimal | None:
        """The line's amount: ``line_total``, else ``line_subtotal``, else rate × quantity when both are given."""
        for value in (self.line_total, self.line_subtotal):
            if value is not None:
                return value
        if self.line_rate is not None and self.line_quantity is not None:
            return self.line_rate * self.line_quantity
        return None


class ChargeOverInvoice(ChargeOverModel):
    """A ChargeOver invoice: the overview a list answers, and the ``line_items`` only ``GET /invoice/{id}`` adds.

    ChargeOver's "Query for invoices" page: "By default, only the overview invoice details are
    returned (i.e. no individual line items)". ``lines_read`` says whether this one came with them.
    """

    NOUN: ClassVar[str] = "invoice"

    invoice_id: Int = None
    customer_id: Int = None
    package_id: Int = None
    refnumber: Str = None
    external_key: Str = None
    token: Str = None
    currency_id: Int = None
    currency_iso4217: Str = None
    currency_symbol: Str = None
    date: Day = None
    due_date: Day = None
    paid_date: Day = None
    days_overdue: Int = None
    terms_name: Str = None
    terms_days: Int = None
    is_paid: Bool = None
    is_overdue: Bool = None
    is_void: Bool = None
    subtotal: Money = None
    total: Money = None
    taxes: Money = None
    credits: Money = None
    payments: Money = None
    applied: Money = None
    writeoffs: Money = None
    balance: Money = None
    invoice_status_name: Str = None
    invoice_status_str: Str = None
    invoice_status_state: Str = None
    memo: Str = None
    url_self: Str = None
    url_permalink: Str = None
    url_pdflink: Str = None
    write_datetime: Timestamp = None
    mod_datetime: Timestamp = None
    void_datetime: Timestamp = None
    line_items: Annotated[list[ChargeOverLineItem], BeforeValidator(to_list_of_dicts), Field(default_factory=list)]

    @property
    def id(self) -> int | None:
        """The invoice id (``invoice_id``)."""
        return self.invoice_id

    @property
    def lines_read(self) -> bool:
        """Whether the server sent ``line_items`` (an empty list counts: an invoice with no lines)."""
        return isinstance(self.raw.get("line_items"), list)


#: The two spellings of what a note is attached to: ChargeOver's current one ("Querying for notes")
#: first, then the one its older PHP example (docs/example_find_notes.php) uses.
NOTE_CONTEXT_KEYS = (("context_str", "context_id"), ("obj_type", "obj_id"))


class ChargeOverNote(ChargeOverModel):
    """A note attached to a ChargeOver object (here: a customer), read under either spelling of its keys."""

    NOUN: ClassVar[str] = "note"

    note_id: Int = None
    context_str: Str = None
    context_id: Int = None
    obj_type: Str = None
    obj_id: Int = None
    note: Str = None
    note_datetime: Timestamp = None
    note_is_pinned: Bool = None
    user_id: Int = None
    admin_id: Int = None
    user_name: Str = None
    admin_name: Str = None

    @property
    def id(self) -> int | None:
        """The note id (``note_id``)."""
        return self.note_id

    @property
    def text(self) -> str:
        """The note's text ('' when missing)."""
        return self.note or ""

    @property
    def attached_type(self) -> str | None:
        """What kind of object the note is on (``context_str``, else ``obj_type``)."""
        return self.context_str if self.context_str is not None else self.obj_type

    @property
    def attached_id(self) -> int | None:
        """The id of the object the note is on (``context_id``, else ``obj_id``)."""
        return self.context_id if self.context_id is not None else self.obj_id

    @property
    def author(self) -> str | None:
        """Who wrote it: a name when the server sends one, else ``Admin #N`` / ``User #N`` (None when unknown)."""
        for name in (self.admin_name, self.user_name):
            if name and name.strip():
                return name
        if self.admin_id is not None:
            return f"Admin #{self.admin_id}"
        return f"User #{self.user_id}" if self.user_id is not None else None
