"""The headless ``balance`` and ``customers`` commands on a ChargeOver environment. No Textual."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from fusebill_tui.core.output import (
    MISSING,
    Column,
    CsvWriter,
    JsonArrayWriter,
    TableWriter,
    display_zone,
    json_text,
    local_date,
    local_time,
    money,
    plain,
    utc_iso,
)
from fusebill_tui.headless import Progress
from fusebill_tui.vendors.chargeover import ChargeOverClient, ChargeOverCustomer
from fusebill_tui.vendors.chargeover.where import (
    Condition,
    order_param,
    search_conditions,
)

_FIGURES = (("Balance", "balance"), ("Total invoiced", "total"), ("Paid", "paid"), ("MRR", "mrr"), ("ARR", "arr"))


async def balance(client: ChargeOverClient, customer_id: int, *, as_json: bool = False,
                  out: TextIO = sys.stdout, timezone: str | None = None) -> None:
    """Print a ChargeOver customer's status, contact and money figures (or its JSON)."""
    customer = await client.customer(customer_id)
    if as_json:
        out.write(json_text(customer.raw) + "\n")
        return
    out.write("\n".join(balance_lines(customer, timezone)) + "\n")


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
    lines += [f"{label + ':':<{width}}{value}" for label, value in fields]
    lines.append("")
    amounts = [money(getattr(c, attr), currency) for _, attr in _FIGURES]
    amount_width = max(len(a) for a in amounts)
    lines += [f"{label + ':':<{width}}{amount:>{amount_width}}" for (label, _), amount in zip(_FIGURES, amounts)]
    return lines


def _table(zone: Any, out: TextIO) -> TableWriter:
    columns = [
        Column("ID", "customer_id", lambda c: c.customer_id, cap=10, right=True),
        Column("COMPANY", "company", lambda c: c.company, cap=30),
        Column("CONTACT", "contact", lambda c: c.contact_name, cap=24),
        Column("EMAIL", "email", lambda c: c.superuser_email, cap=36),
        Column("STATUS", "status", lambda c: c.customer_status_str, cap=18),
        Column("CUR", "currency", lambda c: c.currency_iso4217, cap=4),
        Column("BALANCE", "balance", lambda c: money(c.balance, None), cap=14, right=True),
        Column("MRR", "mrr", lambda c: money(c.mrr, None), cap=12, right=True),
        Column("CREATED", "created", lambda c: local_date(c.write_datetime, zone), cap=10),
    ]
    return TableWriter(out, columns, lambda c: ["" if (v := col.get(c)) is None else str(v) for col in columns])


_CSV_FIELDS = (
    ("customer_id", lambda c: c.customer_id), ("company", lambda c: c.company),
    ("superuser_name", lambda c: c.contact_name), ("superuser_email", lambda c: c.superuser_email),
    ("customer_status_str", lambda c: c.customer_status_str), ("currency_iso4217", lambda c: c.currency_iso4217),
    ("balance", lambda c: c.balance), ("total", lambda c: c.total), ("paid", lambda c: c.paid),
    ("mrr", lambda c: c.mrr), ("arr", lambda c: c.arr), ("write_datetime", lambda c: utc_iso(c.write_datetime)),
)


def _writer(fmt: str, out: TextIO, timezone: str | None) -> Any:
    if fmt == "json":
        return JsonArrayWriter(out, lambda c: c.raw)
    if fmt == "csv":
        return CsvWriter(out, [Column(name, name, get) for name, get in _CSV_FIELDS],
                         lambda c: ["" if (v := get(c)) is None else str(v) for _, get in _CSV_FIELDS])
    return _table(display_zone(timezone), out)


async def customers(client: ChargeOverClient, *, query: str | None = None, sort: str | None = None,
                    descending: bool = False, page_size: int = 100, fmt: str = "table",
                    all_pages: bool = False, out: TextIO = sys.stdout, err: TextIO = sys.stderr,
                    timezone: str | None = None) -> int:
    """List one page of customers, or every page; ``query`` is the where language or plain text."""
    where = search_conditions(query) if query and query.strip() else []
    if sort:
        order = order_param(sort, descending)
    else:
        order = ("customer_id:DESC" if descending else "customer_id:ASC") if descending or all_pages else None
    writer = _writer(fmt, out, timezone)
    if not all_pages:
        found = await client.customers(where, order=order, offset=0, limit=page_size)
        total = await client.count_customers(where)
        writer.write_batch(found)
        writer.close()
        _summary(len(found), total, page_size, err)
        return len(found)
    return await _stream_all(client, writer, err, where, order, page_size)


async def _stream_all(client: ChargeOverClient, writer: Any, err: TextIO, where: list[Condition],
                      order: str | None, page_size: int) -> int:
    """Walk offset/limit until a short page, writing each page as it comes (duplicates dropped by id)."""
    progress = Progress(err)
    total = await client.count_customers(where)
    seen: set[int] = set()
    written, offset = 0, 0
    while True:
        found = await client.customers(where, order=order, offset=offset, limit=page_size)
        fresh = [c for c in found if c.customer_id is None or c.customer_id not in seen]
        seen.update(c.customer_id for c in fresh if c.customer_id is not None)
        writer.write_batch(fresh)
        written += len(fresh)
        if len(found) < page_size or not fresh:  # the last page, or a server repeating itself
            break
        offset += page_size
        progress.update(written, total)
    writer.close()
    progress.done(written)
    return written


def _summary(shown: int, total: int, page_size: int, err: TextIO) -> None:
    text = f"{shown:,} shown of {total:,} customers"
    pages = -(-total // page_size) if page_size else 0
    if pages > 1:
        text += f" (page 1 of {pages:,}; --all for every page)"
    err.write(text + "\n")
