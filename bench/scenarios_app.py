"""The interactive figures: launch, opening a customer, paging, revisits and key presses, measured by frames."""

from __future__ import annotations

from time import perf_counter
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from bench import probes
from bench.frames import FrameClock, wait_frame
from bench.harness import SIZE, RequestCounter, make_app

REFERENCE_ROWS = 50  # the app's list page size: the bare table paints as many rows


class BareTableApp(App[None]):
    """The reference: a bare Textual app with one table, filled in on mount (no requests)."""

    def compose(self) -> ComposeResult:
        """One table."""
        yield DataTable()

    def on_mount(self) -> None:
        """Fill the table with a page of plain rows."""
        table = self.query_one(DataTable)
        table.add_columns("Name", "Company", "Email", "Status", "Account", "Cur", "MRR", "Created")
        table.add_rows(
            (f"Last{n}, First{n}", f"Company {n}", f"user{n}@example.com", "Active", "Good", "USD",
             f"{n}.00", "2024-01-01")
            for n in range(REFERENCE_ROWS)
        )


async def bare_first_paint() -> float:
    """Milliseconds from creating the bare app to its first frame showing table rows."""
    start = perf_counter()
    app = BareTableApp()
    clock = FrameClock(app)
    painted = clock.first_frame_where(lambda: app.query_one(DataTable).row_count > 0)
    async with app.run_test(headless=True, size=SIZE):
        at = await wait_frame(painted, "the reference table's rows")
    return (at - start) * 1000


async def launch(sandbox_app: Any) -> tuple[float, int]:
    """Milliseconds from creating the app to the first frame with customer rows, and the requests sent by then."""
    counter = RequestCounter(sandbox_app)
    start = perf_counter()
    app = make_app(sandbox_app)
    clock = FrameClock(app)
    painted = clock.first_frame_where(lambda: probes.list_rows(app) > 0)
    async with app.run_test(headless=True, size=SIZE):
        at = await wait_frame(painted, "the first customer rows")
        requests = counter.sent
    return (at - start) * 1000, requests


async def timed_keys(app: Any, pilot: Any, clock: FrameClock, keys: str | tuple[str, ...],
                     predicate: Any, what: str) -> float:
    """Milliseconds from sending ``keys`` to the first frame where ``predicate()`` holds."""
    painted = clock.first_frame_where(predicate)
    start = perf_counter()
    await pilot.press(*((keys,) if isinstance(keys, str) else keys))
    at = await wait_frame(painted, what)
    return (at - start) * 1000


async def session(sandbox_app: Any, *, repeats: int, key_presses: int) -> dict[str, Any]:
    """One app session measuring everything after launch; raw samples (ms, request counts)."""
    counter = RequestCounter(sandbox_app)
    app = make_app(sandbox_app)
    clock = FrameClock(app)
    out: dict[str, list[float]] = {name: [] for name in (
        "open_ms", "open_requests", "revisit_customer_ms", "revisit_customer_requests",
        "next_page_ms", "previous_page_ms", "revisit_page_ms", "revisit_page_requests", "page_requests", "list_key_ms",
        "invoices_key_ms")}
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await wait_frame(clock.first_frame_where(lambda: probes.list_rows(app) > 0), "the first customer rows")
        await probes.settle(app, pilot)
        await _open_customers(app, pilot, clock, counter, out, repeats)
        await _paging(app, pilot, clock, counter, out, repeats)
        await _list_keys(app, pilot, clock, out, key_presses)
        await _invoice_keys(app, pilot, clock, out, key_presses)
    return out


async def _open_customers(app: Any, pilot: Any, clock: FrameClock, counter: RequestCounter,
                          out: dict[str, list[float]], repeats: int) -> None:
    """Open a different customer each time (nothing cached), then revisit the first one."""
    table = probes.list_table(app)
    first_id: int | None = None
    for row in range(repeats):
        table.move_cursor(row=row)
        await pilot.pause()
        customer_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        first_id = first_id if first_id is not None else customer_id
        counter.mark()
        ms = await timed_keys(app, pilot, clock, "enter", lambda cid=customer_id: probes.detail_loaded(app, cid),
                              "every panel of the customer")
        await probes.settle(app, pilot)
        out["open_ms"].append(ms)
        out["open_requests"].append(counter.sent)
        await pilot.press("escape")
        await probes.settle(app, pilot)
    # Revisit the first customer (well within the cache lifetime).
    table.move_cursor(row=0)
    await pilot.pause()
    counter.mark()
    ms = await timed_keys(app, pilot, clock, "enter", lambda: probes.detail_loaded(app, first_id),
                          "the revisited customer")
    await probes.settle(app, pilot)
    out["revisit_customer_ms"].append(ms)
    out["revisit_customer_requests"].append(counter.sent)
    await pilot.press("escape")
    await probes.settle(app, pilot)


async def _turn(app: Any, pilot: Any, clock: FrameClock, counter: RequestCounter, key: str) -> tuple[float, int]:
    """Press a page key after the prefetch finished; milliseconds until other rows show, and the requests sent
    by then (the prefetch of the following page starts as the page shows, so a cached turn still sends one)."""
    table = probes.list_table(app)
    before = probes.first_row_key(table)
    await probes.settle(app, pilot)  # the prefetch of the next page has had time to finish
    counter.mark()
    ms = await timed_keys(app, pilot, clock, key, lambda: probes.first_row_key(table) not in (before, None),
                          f"the page after {key}")
    sent_before_paint = counter.sent  # the prefetch it starts is counted per page, not as a wait
    await probes.settle(app, pilot)
    return ms, sent_before_paint


async def _paging(app: Any, pilot: Any, clock: FrameClock, counter: RequestCounter,
                  out: dict[str, list[float]], repeats: int) -> None:
    """Next page, previous page, a revisit of the first page, and the requests each page costs."""
    counter.mark()
    start = len(counter.log)
    for _ in range(repeats):
        ms, _sent = await _turn(app, pilot, clock, counter, "pagedown")
        out["next_page_ms"].append(ms)
        ms, _sent = await _turn(app, pilot, clock, counter, "pageup")
        out["previous_page_ms"].append(ms)
        await _turn(app, pilot, clock, counter, "pagedown")  # back to the page seen: each round goes one further
    out["page_requests"].append((len(counter.log) - start) / repeats)  # one new page a round
    ms, sent = await _turn(app, pilot, clock, counter, "home")  # the first page, seen a moment ago
    out["revisit_page_ms"].append(ms)
    out["revisit_page_requests"].append(sent)


async def _alternate(app: Any, pilot: Any, clock: FrameClock, table: Any, out: list[float], presses: int,
                     what: str) -> None:
    """Move the cursor down and up in turn; milliseconds from the key to the frame showing the move."""
    for n in range(presses):
        row = table.cursor_row
        key, target = ("down", row + 1) if n % 2 == 0 else ("up", row - 1)
        out.append(await timed_keys(app, pilot, clock, key, lambda t=target: table.cursor_row == t, what))


async def _list_keys(app: Any, pilot: Any, clock: FrameClock, out: dict[str, list[float]], presses: int) -> None:
    table = probes.list_table(app)
    table.focus()
    table.move_cursor(row=5)
    await probes.settle(app, pilot)
    await _alternate(app, pilot, clock, table, out["list_key_ms"], presses, "the list cursor moved")


async def _invoice_keys(app: Any, pilot: Any, clock: FrameClock, out: dict[str, list[float]], presses: int) -> None:
    """Open a customer with at least two invoices on the first page, show the invoices, move the cursor."""
    table = probes.list_table(app)
    for row in range(table.row_count):
        table.move_cursor(row=row)
        await pilot.pause()
        await pilot.press("enter")
        await probes.settle(app, pilot)
        await pilot.press("3")  # the invoices tab
        await probes.settle(app, pilot)
        invoices = probes.invoices_table(app)
        if invoices is not None and invoices.row_count >= 2:
            invoices.focus()
            await probes.settle(app, pilot)
            await _alternate(app, pilot, clock, invoices, out["invoices_key_ms"], presses, "the invoice cursor moved")
            return
        await pilot.press("escape")
        await probes.settle(app, pilot)
    raise RuntimeError("benchmark: no customer on the first page has two invoices")
