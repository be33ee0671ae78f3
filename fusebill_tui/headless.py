"""The headless commands: a customer's balance, and the (filtered) customer list. No Textual."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

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
from fusebill_tui.core.paging import Page, walk_pages
from fusebill_tui.vendors.fusebill.query import sort_field, validate_query

if TYPE_CHECKING:
    from fusebill_tui.vendors.fusebill import FusebillClient
    from fusebill_tui.vendors.fusebill.models import Customer, CustomerOverview

# -- balance ------------------------------------------------------------------------------

_BALANCES = (
    ("AR balance", "ar_balance"),
    ("Pending charges", "pending_charges"),
    ("Unallocated payments", "unallocated_payments"),
    ("Unallocated credits", "unallocated_credits"),
    ("Unallocated opening balance", "unallocated_opening_balance"),
    ("Lifetime value", "lifetime_value"),
    ("MRR", "monthly_recurring_revenue"),
    ("Net MRR", "net_monthly_recurring_revenue"),
)


async def balance(client: FusebillClient, customer_id: int, *, as_json: bool = False,
                  out: TextIO = sys.stdout, timezone: str | None = None) -> None:
    """Print a customer's overview: status, every balance with its currency, and deadlines."""
    overview = await client.get_customer_overview(customer_id)
    if as_json:
        out.write(json_text(overview.raw) + "\n")
        return
    out.write("\n".join(balance_lines(overview, timezone)) + "\n")


def _name(ov: CustomerOverview) -> str:
    parts = [ov.title, ov.first_name, ov.middle_name, ov.last_name, ov.suffix]
    return " ".join(plain(p) for p in parts if p) or plain(ov.company_name) or f"#{ov.id}"


def deadline(what: str, days: int | None) -> str | None:
    """A loud line for an upcoming suspension or cancellation (None when there is none)."""
    if days is None:
        return None
    if days < 0:
        when = f"OVERDUE BY {-days} DAY{'S' if days != -1 else ''}"
    elif days == 0:
        when = "TODAY"
    else:
        when = f"IN {days} DAY{'S' if days != 1 else ''}"
    return f"!!! {what} {when} !!!"


def balance_lines(ov: CustomerOverview, timezone: str | None = None) -> list[str]:
    """The lines ``balance`` prints (plain text: API values never carry control characters)."""
    zone = display_zone(timezone)
    currency = plain(ov.currency) or None
    lines = [f"Customer {ov.id}: {_name(ov)}"]
    warnings = [w for w in (deadline("SUSPENSION", ov.days_until_suspension),
                            deadline("CANCELLATION", ov.days_until_cancellation)) if w]
    if warnings:
        lines += ["", *warnings, ""]
    label_width = max(len(label) for label, _ in _BALANCES) + 2
    fields = [
        ("Company", plain(ov.company_name) or MISSING),
        ("Email", plain(ov.primary_email) or MISSING),
        ("Status", f"{plain(ov.status) or MISSING} (since {local_time(ov.status_timestamp, zone)})"),
        ("Account status", f"{plain(ov.customer_account_status) or MISSING} "
                           f"(since {local_time(ov.customer_account_status_timestamp, zone)})"),
    ]
    if ov.parent_id:
        fields.append(("Parent", f"{plain(ov.parent_name) or MISSING} (#{ov.parent_id})"))
    fields.append(("Currency", currency or MISSING))
    lines += [f"{label + ':':<{label_width}}{value}" for label, value in fields]
    lines.append("")
    amounts = [money(getattr(ov, attr), currency) for _, attr in _BALANCES]
    amount_width = max(len(a) for a in amounts)
    lines += [f"{label + ':':<{label_width}}{amount:>{amount_width}}"
              for (label, _), amount in zip(_BALANCES, amounts)]
    lines.append("")
    lines.append(f"{'Next billing date:':<{label_width}}{local_date(ov.next_billing_date, zone)}")
    for what, days in (("Days until suspension", ov.days_until_suspension),
                       ("Days until cancellation", ov.days_until_cancellation)):
        lines.append(f"{what + ':':<{label_width}}{MISSING if days is None else days}")
    return lines


# -- customers ----------------------------------------------------------------------------


def _table_columns(zone: Any) -> tuple[list[Column], Any]:
    columns = [
        Column("ID", "id", lambda c: c.id, cap=12, right=True),
        Column("NAME", "name", lambda c: c.display_name if (c.first_name or c.last_name) else "",
               cap=30),
        Column("COMPANY", "company", lambda c: c.company_name, cap=28),
        Column("EMAIL", "email", lambda c: c.primary_email, cap=36),
        Column("STATUS", "status", lambda c: c.status, cap=12),
        Column("ACCOUNT", "account", lambda c: c.customer_account_status, cap=12),
        Column("CUR", "currency", lambda c: c.currency, cap=4),
        Column("MRR", "mrr", lambda c: money(c.monthly_recurring_revenue, None), cap=16, right=True),
        Column("CREATED", "created", lambda c: local_date(c.created_timestamp, zone), cap=10),
    ]

    def cells(customer: Customer) -> list[str]:
        return ["" if (v := col.get(customer)) is None else str(v) for col in columns]

    return columns, cells


_CSV_FIELDS = (
    ("id", lambda c: c.id),
    ("firstName", lambda c: c.first_name),
    ("lastName", lambda c: c.last_name),
    ("companyName", lambda c: c.company_name),
    ("primaryEmail", lambda c: c.primary_email),
    ("status", lambda c: c.status),
    ("customerAccountStatus", lambda c: c.customer_account_status),
    ("currency", lambda c: c.currency),
    ("monthlyRecurringRevenue", lambda c: c.monthly_recurring_revenue),
    ("createdTimestamp", lambda c: utc_iso(c.created_timestamp)),
)


def _csv_cells(customer: Customer) -> list[str]:
    return ["" if (v := get(customer)) is None else str(v) for _, get in _CSV_FIELDS]


def _writer(fmt: str, out: TextIO, timezone: str | None) -> Any:
    if fmt == "json":
        return JsonArrayWriter(out, lambda c: c.raw)
    if fmt == "csv":
        return CsvWriter(out, [Column(name, name, get) for name, get in _CSV_FIELDS], _csv_cells)
    columns, cells = _table_columns(display_zone(timezone))
    return TableWriter(out, columns, cells)


async def customers(client: FusebillClient, *, query: str | None = None, sort: str | None = None,
                    descending: bool = False, page_size: int = 100, fmt: str = "table",
                    all_pages: bool = False, out: TextIO = sys.stdout, err: TextIO = sys.stderr,
                    timezone: str | None = None) -> int:
    """List one page of customers, or stream every page; returns how many were written."""
    wire_query = validate_query(query) if query and query.strip() else None
    sort_expression = sort_field(sort) if sort else ("id" if descending or all_pages else None)
    sort_order = ("Descending" if descending else "Ascending") if sort_expression else None
    writer = _writer(fmt, out, timezone)
    if not all_pages:
        page = await client.list_customers(wire_query, page_number=0, page_size=page_size,
                                           sort_expression=sort_expression, sort_order=sort_order)
        writer.write_batch(page.items)
        writer.close()
        _page_summary(page, err)
        return len(page.items)
    return await _stream_all(client, writer, err, query=wire_query, page_size=page_size,
                             sort_expression=sort_expression, sort_order=sort_order)


async def _stream_all(client: FusebillClient, writer: Any, err: TextIO, *, query: str | None,
                      page_size: int, sort_expression: str | None, sort_order: str | None) -> int:
    """Walk every page (stable sort, duplicates dropped by id), writing each page as it arrives."""
    progress = Progress(err)
    total: list[int | None] = [None]

    async def fetch(page_number: int) -> Page[Customer]:
        page = await client.list_customers(query, page_number=page_number, page_size=page_size,
                                           sort_expression=sort_expression or "id",
                                           sort_order=sort_order or "Ascending")
        total[0] = page.count
        return page

    batch: list[Any] = []
    written = 0
    async for customer in walk_pages(fetch, page_size=page_size, key=_customer_key):
        batch.append(customer)
        if len(batch) >= page_size:
            writer.write_batch(batch)
            written += len(batch)
            batch = []
            progress.update(written, total[0])
    writer.write_batch(batch)
    written += len(batch)
    writer.close()
    progress.done(written)
    return written


def _customer_key(customer: Customer) -> Any:
    return customer.id if customer.id is not None else id(customer)


class Progress:
    """'fetched 300 of 2,000…' on stderr: rewritten in place on a terminal, one line a page otherwise."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.tty = bool(getattr(err, "isatty", lambda: False)())

    def update(self, fetched: int, total: int | None) -> None:
        """Report progress after a page."""
        text = f"fetched {fetched:,}" + (f" of {total:,}" if total is not None else "") + "\N{HORIZONTAL ELLIPSIS}"
        self.err.write(f"\r{text}\x1b[K" if self.tty else text + "\n")
        self.err.flush()

    def done(self, fetched: int) -> None:
        """Report the end of the walk."""
        text = f"fetched {fetched:,} customer{'s' if fetched != 1 else ''}"
        self.err.write(f"\r{text}\x1b[K\n" if self.tty else text + "\n")
        self.err.flush()


def _page_summary(page: Any, err: TextIO) -> None:
    shown = len(page.items)
    total = page.count
    pages = page.page_count
    text = f"{shown:,} shown"
    if total is not None:
        text += f" of {total:,} customers"
    if pages is not None and pages > 1:
        text += f" (page 1 of {pages:,}; --all for every page)"
    err.write(text + "\n")
