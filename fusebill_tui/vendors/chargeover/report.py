"""How the headless ``balance`` and ``customers`` commands lay out ChargeOver customers. No Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fusebill_tui.core.output import MISSING, Column, display_zone, local_date, local_time, money, plain, utc_iso
from fusebill_tui.core.report_lines import amounts, labelled, table
from fusebill_tui.vendors.chargeover.where import encode_where, search_conditions, sort_field
from fusebill_tui.vendors.declaration import Report

if TYPE_CHECKING:
    from fusebill_tui.vendors.chargeover.models import ChargeOverCustomer

_FIGURES = (("Balance", "balance"), ("Total invoiced", "total"), ("Paid", "paid"), ("MRR", "mrr"), ("ARR", "arr"))


def _status(c: ChargeOverCustomer) -> str:
    name, code = plain(c.customer_status_name), plain(c.customer_status_str)
    if name and code:
        return f"{name} ({code})"
    return name or code or MISSING


def balance_lines(c: ChargeOverCustomer, timezone: str | None = None) -> list[str]:
    """The lines ``balance`` prints for a ChargeOver customer (API values made safe)."""
    zone = display_zone(timezone)
    currency = plain(c.currency_iso4217) or None
    contact = plain(c.contact_name)
    if c.superuser_email:
        contact = f"{contact} <{plain(c.superuser_email)}>".strip()
    fields = [
        ("Company", plain(c.company) or MISSING),
        ("Contact", contact or MISSING),
        ("Status", _status(c)),
        ("Currency", currency or MISSING),
        ("Created", local_time(c.write_datetime, zone)),
        ("Modified", local_time(c.mod_datetime, zone)),
    ]
    width = max(len(label) for label, _ in (*fields, *_FIGURES)) + 2
    lines = [f"Customer {c.customer_id}: {plain(c.display_name)}"]  # laid out as Fusebill's balance
    return [*lines, *labelled(fields, width), "", *amounts(_FIGURES, c, currency, width)]


def _table_columns(zone: Any) -> tuple[list[Column], Any]:
    return table([
        Column("ID", "customer_id", lambda c: c.customer_id, cap=10, right=True),
        Column("COMPANY", "company", lambda c: c.company, cap=30),
        Column("CONTACT", "contact", lambda c: c.contact_name, cap=24),
        Column("EMAIL", "email", lambda c: c.superuser_email, cap=36),
        Column("STATUS", "status", lambda c: c.customer_status_str, cap=18),
        Column("CUR", "currency", lambda c: c.currency_iso4217, cap=4),
        Column("BALANCE", "balance", lambda c: money(c.balance, None), cap=14, right=True),
        Column("MRR", "mrr", lambda c: money(c.mrr, None), cap=12, right=True),
        Column("CREATED", "created", lambda c: local_date(c.write_datetime, zone), cap=10),
    ])


_CSV_FIELDS = (
    ("customer_id", lambda c: c.customer_id), ("company", lambda c: c.company),
    ("superuser_name", lambda c: c.contact_name), ("superuser_email", lambda c: c.superuser_email),
    ("customer_status_str", lambda c: c.customer_status_str), ("currency_iso4217", lambda c: c.currency_iso4217),
    ("balance", lambda c: c.balance), ("total", lambda c: c.total), ("paid", lambda c: c.paid),
    ("mrr", lambda c: c.mrr), ("arr", lambda c: c.arr), ("write_datetime", lambda c: utc_iso(c.write_datetime)),
)



def _where(text: str) -> str | None:
    """The ``where`` language, or a plain search, as the encoded parameter."""
    return encode_where(search_conditions(text)) or None


def _customer_key(customer: ChargeOverCustomer) -> Any:
    return customer.customer_id if customer.customer_id is not None else id(customer)


REPORT = Report(query=_where, sort_field=sort_field, id_field="customer_id", balance_lines=balance_lines,
                table=_table_columns, csv_fields=_CSV_FIELDS, customer_key=_customer_key)
