"""The customer screen is kept when left and refilled with the next customer (no build, no styling).

What matters is that nothing of the last customer is ever drawn under the next one's header, nor left
in reach of a key: its name, invoices, notes, page, filter, tab and cursor. Asserted on what the
terminal shows (the screen's text) and on the panels' state, against the real sandbox.
"""

from __future__ import annotations

import pytest

from fusebill_tui.config import builtin_sandbox
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen, open_customer
from tests.tui.test_tui_read_ahead import listed
from tests.tui.test_tui_resilience import screen_text


def shown(app, customer_id: int) -> bool:
    screen = app.screen
    return isinstance(screen, CustomerDetailScreen) and screen.customer_id == customer_id and screen.loaded


async def open_row(pilot, wait_until, *, down: int = 0) -> CustomerDetailScreen:
    """Enter on the list's row ``down`` rows below the first; the customer screen once every panel is filled."""
    app = pilot.app
    listing = await listed(pilot, wait_until)
    for _ in range(down):
        await pilot.press("down")
    customer_id = listing.table.highlighted_id()
    await pilot.press("enter")
    await wait_until(pilot, lambda: shown(app, customer_id))
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def back_to_the_row_below(pilot, wait_until) -> int:
    """Back to the list, and down one row; the id of the customer now highlighted."""
    await pilot.press("escape")
    listing = await listed(pilot, wait_until)
    await pilot.press("down")
    return listing.table.highlighted_id()


def assert_none_shown(traces, drawn: str) -> None:
    """None of the last customer's traces is in ``drawn`` (the screen's text)."""
    for trace in traces:
        assert trace not in drawn, f"{trace!r} of the last customer is on the next one's screen"


def traces_of(screen: CustomerDetailScreen) -> list[str]:
    """What only this customer's screen shows: its name, its invoice numbers and its notes' text."""
    identity = screen.backend.identity(screen.customer)
    invoices = screen.panel("tab-invoices").data.items
    notes = screen.panel("tab-notes").data.notes
    traces = [identity.name, *(str(invoice.invoice_number) for invoice in invoices)]
    traces += [note.note.splitlines()[0][:30] for note in notes if note.note]
    return [trace for trace in traces if trace and len(trace) >= 6]


async def leave_in_a_state_of_its_own(pilot, screen: CustomerDetailScreen) -> None:
    """The invoices tab, its unpaid filter on, the cursor moved; then the notes tab; then back to the list."""
    await pilot.press("3")
    await pilot.press("u")
    await pilot.press("j")
    await pilot.press("4")
    await pilot.pause()
    assert screen.panel("tab-invoices").unpaid_only


async def test_the_next_customer_is_drawn_on_the_same_screen_with_nothing_of_the_last(
        make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_row(pilot, wait_until)
        traces = traces_of(first)
        assert traces[0] in screen_text(app)  # its name: a trace the test can see is a trace it can miss
        await leave_in_a_state_of_its_own(pilot, first)
        second_id = await back_to_the_row_below(pilot, wait_until)
        sandbox.faults.latency = 1.0  # the next customer's answers are still on their way as its screen shows
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen)
                         and app.screen.customer_id == second_id)
        await pilot.pause()
        assert app.screen is first  # kept and refilled, not built again
        loading = screen_text(app)
        assert f"#{second_id}" in loading and "Loading the" in loading
        assert f"#{second_id}" in loading.splitlines()[0]  # the title bar names it from the first frame
        assert_none_shown(traces, loading)

        await wait_until(pilot, lambda: shown(app, second_id), attempts=2000)
        await pilot.pause()
        filled = screen_text(app)
        own = set(traces_of(first))  # the demo notes repeat from customer to customer
        assert_none_shown(set(traces) - own, filled)
        invoices = first.panel("tab-invoices")
        assert first.query_one("TabbedContent").active == "tab-overview"
        assert invoices.page_number == 0 and not invoices.unpaid_only
        assert invoices.query_one("DataTable").cursor_row == 0
        assert first.panel("tab-notes").highlighted in (None, *first.panel("tab-notes").data.notes)


async def test_a_failed_read_of_the_next_customer_shows_its_error_and_none_of_the_last_figures(
        make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_row(pilot, wait_until)
        traces = traces_of(first)
        second_id = await back_to_the_row_below(pilot, wait_until)
        sandbox.faults.fail_next(404, count=50, path=f"*/{second_id}*")
        await pilot.press("enter")
        await wait_until(pilot, lambda: shown(app, second_id))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is first
        drawn = screen_text(app)
        assert "Could not load" in drawn
        assert_none_shown(traces, drawn)
        assert first.panel("tab-invoices").data is None and first.panel("tab-notes").data is None
        assert first.panel("tab-notes").highlighted is None  # the delete key reaches no note of the last customer


async def test_each_open_reads_its_own_customer_once(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_row(pilot, wait_until)
        second_id = await back_to_the_row_below(pilot, wait_until)
        start = len(sandbox.request_log)
        await pilot.press("enter")
        await wait_until(pilot, lambda: shown(app, second_id))
        await app.workers.wait_for_complete()
        paths = sorted(r.path.lower() for r in sandbox.request_log[start:])
        assert len(paths) == len(set(paths)) == 6 and all(str(second_id) in path for path in paths)
        assert app.screen.location.endswith(f"#{second_id}")


async def test_leaving_keeps_the_screen_and_stops_its_reads(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_row(pilot, wait_until)
        await pilot.press("escape")
        await listed(pilot, wait_until)
        assert f"#{screen.customer_id}" not in screen_text(app)
        assert screen.is_attached and all(read.task.done() for read in screen.early_reads)


async def test_another_environment_builds_a_screen_of_its_own(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_row(pilot, wait_until)
        await pilot.press("escape")
        await listed(pilot, wait_until)
        app.switch_environment(builtin_sandbox(timezone="UTC"))
        await pilot.pause()
        second = await open_row(pilot, wait_until)
        assert second is not first and second.session is app.session
        await wait_until(pilot, lambda: not first.is_attached)


async def test_on_chargeover_the_next_customer_is_refilled_with_nothing_of_the_last(make_co_app, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_row(pilot, wait_until)
        first_id, traces = first.customer_id, traces_of(first)
        assert traces and traces[0] in screen_text(app)
        await pilot.press("escape")
        await pilot.press("down")
        second = await open_row(pilot, wait_until)
        assert second is first and second.customer_id != first_id
        drawn = screen_text(app)
        assert_none_shown(set(traces) - set(traces_of(second)), drawn)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (160, 50)], ids=["120x40", "80x24", "160x50"])
async def test_a_refilled_screen_draws_exactly_what_a_new_one_draws(make_app, wait_until, size):
    """The same customer, on a new screen and on the kept one after another customer was left on its invoices
    tab with the unpaid filter on: the same text, line for line (the title bar's request budget aside)."""
    near_suspension, every_bucket = 100007, 900021
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await listed(pilot, wait_until)

        async def show(customer_id: int, *keys: str) -> list[str]:
            open_customer(app, customer_id)
            await wait_until(pilot, lambda: shown(app, customer_id))
            await app.workers.wait_for_complete()
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            return screen_text(app).splitlines()[1:]

        new = await show(near_suspension)
        kept = app.screen
        await pilot.press("escape")
        await show(every_bucket, "3", "u", "j")
        await pilot.press("escape")
        refilled = await show(near_suspension)
        assert app.screen is kept
        assert refilled == new
