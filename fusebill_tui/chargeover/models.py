"""Lenient models of ChargeOver's customer, invoice, line item and note; each keeps its JSON in ``.raw``.

Field names are ChargeOver's own (snake_case). Money is Decimal, ``YYYY-MM-DD HH:MM:SS`` timestamps
become aware UTC datetimes, status strings the documentation does not list are kept as they are.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, ConfigDict, Field

from fusebill_tui.api.loose import Bool, Int, Money, Number, Str, Timestamp, parse_timestamp, to_list_of_dicts
from fusebill_tui.api.models import FusebillModel

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


class ChargeOverModel(FusebillModel):
    """Base of the ChargeOver objects: snake_case names as sent, unknown fields kept, source in ``.raw``."""

    model_config = ConfigDict(alias_generator=None)
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
        get = lambda name: (getattr(self, f"{kind}_{name}") or "").strip()  # noqa: E731
        lines = [get("addr1"), get("addr2"), get("addr3")]
        locality = " ".join(part for part in (get("city"), get("state"), get("postcode")) if part)
        lines += [locality, get("country")]
        return [line for line in lines if line]


class ChargeOverLineItem(ChargeOverModel):
    """One line of an invoice: the item, description, rate, quantity and amounts."""

    NOUN: ClassVar[str] = "invoice line"

    line_item_id: Int = None
    invoice_id: Int = None
    item_id: Int = None
    item_name: Str = None
    item_external_key: Str = None
    descrip: Str = None
    line_rate: Money = None
    line_quantity: Number = None
    line_subtotal: Money = None
    line_total: Money = None
    tax_total: Money = None


def _line_items(value: Any) -> list[Any]:
    return to_list_of_dicts(value)


class ChargeOverInvoice(ChargeOverModel):
    """A ChargeOver invoice with its line items."""

    NOUN: ClassVar[str] = "invoice"

    invoice_id: Int = None
    customer_id: Int = None
    refnumber: Str = None
    currency_iso4217: Str = None
    currency_symbol: Str = None
    date: Day = None
    due_date: Day = None
    days_overdue: Int = None
    is_paid: Bool = None
    is_overdue: Bool = None
    is_void: Bool = None
    subtotal: Money = None
    total: Money = None
    taxes: Money = None
    credits: Money = None
    payments: Money = None
    balance: Money = None
    invoice_status_name: Str = None
    invoice_status_str: Str = None
    invoice_status_state: Str = None
    url_self: Str = None
    write_datetime: Timestamp = None
    mod_datetime: Timestamp = None
    line_items: Annotated[list[ChargeOverLineItem], BeforeValidator(_line_items), Field(default_factory=list)]

    @property
    def id(self) -> int | None:
        """The invoice id (``invoice_id``)."""
        return self.invoice_id


class ChargeOverNote(ChargeOverModel):
    """A note attached to a ChargeOver object (here: a customer)."""

    NOUN: ClassVar[str] = "note"

    note_id: Int = None
    obj_type: Str = None
    obj_id: Int = None
    note: Str = None
    note_datetime: Timestamp = None
    user_id: Int = None
    user_name: Str = None

    @property
    def id(self) -> int | None:
        """The note id (``note_id``)."""
        return self.note_id

    @property
    def text(self) -> str:
        """The note's text ('' when missing)."""
        return self.note or ""
