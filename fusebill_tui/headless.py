"""The headless commands, for every vendor over the Backend seam: a customer's balance, the (filtered)
customer list, and the collections worklist. The vendor's ``Report`` says how its customers are read and
laid out. No Textual."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TextIO

from fusebill_tui.core.days import days_count
from fusebill_tui.core.output import (
    MISSING,
    Column,
    CsvWriter,
    JsonArrayWriter,
    TableWriter,
    display_zone,
    json_text,
    money,
)
from fusebill_tui.core.paging import Page, walk_pages
from fusebill_tui.vendors import ASCENDING, DESCENDING, Backend, CustomerListRequest, backend_for_client, registry
from fusebill_tui.vendors.declaration import Report
from fusebill_tui.vendors.worklist import (
    Clock,
    Sleep,
    WorklistEntry,
    WorklistFilter,
    WorklistProgress,
    WorklistReader,
    sort_entries,
)


def _seam(client: Any) -> tuple[Backend, Report]:
    """The backend over ``client`` (a vendor's client, or a Backend already) and its vendor's report."""
    backend = client if isinstance(client, Backend) else backend_for_client(client)
    loader = registry.vendor(backend.kind).report
    if loader is None:
        raise NotImplementedError(f"{backend.label} has no headless commands")
    return backend, loader()


# -- balance ------------------------------------------------------------------------------


async def balance(client: Any, customer_id: int, *, as_json: bool = False,
                  out: TextIO = sys.stdout, timezone: str | None = None) -> None:
    """Print a customer's overview: status, every balance with its currency (and deadlines, where told)."""
    backend, report = _seam(client)
    overview = await backend.overview(customer_id, backend.customer)
    if as_json:
        # every vendor's record keeps the JSON it came from in ``raw``: printed as the server sent it
        out.write(json_text(getattr(overview, "raw", overview)) + "\n")
        return
    out.write("\n".join(report.balance_lines(overview, timezone)) + "\n")


# -- customers ----------------------------------------------------------------------------


def _writer(report: Report, fmt: str, out: TextIO, timezone: str | None) -> Any:
    if fmt == "json":
        return JsonArrayWriter(out, lambda c: c.raw)
    if fmt == "csv":
        fields = report.csv_fields
        return CsvWriter(out, [Column(name, name, get) for name, get in fields],
                         lambda c: [get(c) for _, get in fields])
    columns, cells = report.table(display_zone(timezone))
    return TableWriter(out, columns, cells)


def _counter(backend: Backend, query: str | None) -> Callable[[], Awaitable[int]]:
    """The list's total, asked for once however many pages are read (for vendors that count apart)."""
    known: list[int] = []

    async def count() -> int:
        if not known:
            known.append(await backend.count_customers(query) or 0)
        return known[0]

    return count


async def customers(client: Any, *, query: str | None = None, sort: str | None = None,
                    descending: bool = False, page_size: int = 100, fmt: str = "table",
                    all_pages: bool = False, out: TextIO = sys.stdout, err: TextIO = sys.stderr,
                    timezone: str | None = None) -> int:
    """List one page of customers, or stream every page; returns how many were written."""
    backend, report = _seam(client)
    wire_query = report.query(query) if query and query.strip() else None
    sort_expression = report.sort_field(sort) if sort else (report.id_field if descending or all_pages else None)
    sort_order = (DESCENDING if descending else ASCENDING) if sort_expression else None
    writer = _writer(report, fmt, out, timezone)
    count = _counter(backend, wire_query)
    if not all_pages:
        page = await backend.list_customers(
            CustomerListRequest(wire_query, 0, page_size, sort_expression, sort_order), count)
        writer.write_batch(page.items)
        writer.close()
        _page_summary(page, err)
        return len(page.items)
    request = CustomerListRequest(wire_query, 0, page_size, sort_expression or report.id_field,
                                  sort_order or ASCENDING)
    return await _stream_all(backend, report, writer, err, request, count)


async def _stream_all(backend: Backend, report: Report, writer: Any, err: TextIO, request: CustomerListRequest,
                      count: Callable[[], Awaitable[int]]) -> int:
    """Walk every page (stable sort, duplicates dropped by id), writing each page as it arrives."""
    progress = Progress(err)
    total: list[int | None] = [None]

    async def fetch(page_number: int) -> Page[Any]:
        page = await backend.list_customers(request.page(page_number), count)
        total[0] = page.count
        return page

    batch: list[Any] = []
    written = 0
    page_size = request.page_size
    async for customer in walk_pages(fetch, page_size=page_size, key=report.customer_key):
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


# -- worklist -----------------------------------------------------------------------------

WORKLIST_FIELDS: tuple[tuple[str, Callable[[WorklistEntry], Any]], ...] = (
    ("customerId", lambda e: e.customer_id),
    ("name", lambda e: e.name),
    ("company", lambda e: e.company),
    ("status", lambda e: e.status),
    ("accountStatus", lambda e: e.account_status),
    ("currency", lambda e: e.currency),
    ("balance", lambda e: e.balance),
    ("daysUntilSuspension", lambda e: e.days_until_suspension),
    ("daysUntilCancellation", lambda e: e.days_until_cancellation),
    ("mrr", lambda e: e.mrr),
    ("figuresRead", lambda e: e.figures_read),
)
"""The worklist's JSON keys and CSV columns, the same for every vendor."""


def _days(days: int | None) -> str:
    if days is None:
        return MISSING
    return days_count(days)


def _worklist_writer(backend: Backend, fmt: str, out: TextIO) -> Any:
    if fmt == "json":
        return JsonArrayWriter(out, lambda e: {name: get(e) for name, get in WORKLIST_FIELDS})
    if fmt == "csv":
        return CsvWriter(out, [Column(name, name, get) for name, get in WORKLIST_FIELDS],
                         lambda e: [_csv_value(get(e)) for _, get in WORKLIST_FIELDS])
    columns = [Column("Name", "name", lambda e: e.name, cap=30),
               Column("Company", "company", lambda e: e.company, cap=26),
               Column("Status", "status", lambda e: e.status, cap=12)]
    if backend.capabilities.days_until_suspension:
        columns.append(Column("Account", "accountStatus", lambda e: e.account_status, cap=12))
    columns.append(Column("Balance", "balance", lambda e: money(e.balance, e.currency), right=True))
    if backend.capabilities.days_until_suspension:
        columns += [Column("Suspends", "daysUntilSuspension", lambda e: _days(e.days_until_suspension)),
                    Column("Cancels", "daysUntilCancellation", lambda e: _days(e.days_until_cancellation))]
    columns.append(Column("MRR", "mrr", lambda e: money(e.mrr, e.currency), right=True))
    return TableWriter(out, columns, lambda e: [col.get(e) for col in columns])


def _csv_value(value: Any) -> Any:
    """Booleans as true/false (as JSON has them); the rest as csv_cell writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


async def worklist(client: Any, *, within: int | None = None, min_balance: Decimal | None = None,
                   currency: str | None = None, fmt: str = "table", out: TextIO = sys.stdout,
                   err: TextIO = sys.stderr, page_size: int = 100, sleep: Sleep = asyncio.sleep,
                   clock: Clock = time.time) -> int:
    """The collections worklist: candidates listed, figures read under the background budget, soonest
    suspension first; returns how many rows were written."""
    backend = client if isinstance(client, Backend) else backend_for_client(client)
    if not backend.capabilities.worklist:
        raise NotImplementedError(f"{backend.label} has no collections worklist")
    if within is not None and not backend.capabilities.days_until_suspension:
        raise NotImplementedError(f"--within: {backend.label} tells no days until suspension")

    async def read_overview(customer_id: int) -> object:
        return await backend.overview(customer_id, backend.customer)

    printer = WorklistProgressPrinter(err)
    reader = WorklistReader(backend, read_overview=read_overview, sleep=sleep, clock=clock, page_size=page_size)
    entries, progress = await reader.run(lambda _entries, p: printer.update(p))
    printer.done(progress)
    narrowing = WorklistFilter(currency=currency, min_balance=min_balance, within_days=within)
    shown = narrowing.apply(sort_entries(entries))
    writer = _worklist_writer(backend, fmt, out)
    writer.write_batch(shown)
    writer.close()
    if narrowing.active:
        complete = not progress.stopped and not progress.failed and progress.read == progress.total
        err.write(f"{len(shown):,} of {len(entries):,} shown: {narrowing.describe(complete=complete)}\n")
    return len(shown)


class WorklistProgressPrinter:
    """The worklist's progress line on stderr: rewritten in place on a terminal; otherwise a line when a wait
    or a stop begins and at every tenth of the reads (a cron log stays short)."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.tty = bool(getattr(err, "isatty", lambda: False)())
        self.last = ""
        self.last_step = -1
        self.last_note = ""

    def update(self, progress: WorklistProgress) -> None:
        """Report the reader's progress (called after each page and each overview)."""
        line = progress.line()
        if line == self.last or progress.listing:
            return
        self.last = line
        if self.tty:
            self.err.write(f"\r{line}\x1b[K")
            self.err.flush()
            return
        note = progress.stopped or progress.waiting
        step = progress.read * 10 // progress.total if progress.total else 10
        if note != self.last_note or step != self.last_step:
            self.last_note, self.last_step = note, step
            self.err.write(line + "\n")
            self.err.flush()

    def done(self, progress: WorklistProgress) -> None:
        """Report the end: how many were read, and why not all when the reads stopped."""
        text = progress.line()
        unread = progress.total - progress.read
        if unread > 0 and progress.total:
            text += f" \N{MIDDLE DOT} {unread:,} listed without figures"
        self.err.write(f"\r{text}\x1b[K\n" if self.tty else (text + "\n" if text != self.last else ""))
        self.err.flush()
