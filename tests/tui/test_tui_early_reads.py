"""Opening a customer sends every read at once, before its screen is built; each panel takes over its read."""

from __future__ import annotations

import asyncio
import re

from rich.console import Console
from textual.widgets import Static

from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.widgets.panels.base import PanelState

NEAR_SUSPENSION = 100007  # Active, with invoices, subscriptions, notes and addresses
PAGE = 50  # customers on a list page

OPEN_PATHS = [
    "/v1/customeraddresspreferences/{id}",
    "/v1/customers/{id}",
    "/v1/customers/{id}/customernotes",
    "/v1/customers/{id}/invoices",
    "/v1/customers/{id}/overview",
    "/v1/customers/{id}/subscriptions",
]


def paths_since(sandbox, start: int) -> list[str]:
    """The paths received since ``start``, lower-cased with the customer id as {id}, sorted."""
    return sorted(re.sub(r"/\d+", "/{id}", r.path.lower().rstrip("/")) for r in sandbox.request_log[start:])


def rendered(widget: Static) -> str:
    """The plain text a Static shows."""
    console = Console(width=400, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


async def test_every_read_is_sent_before_the_screen_is_shown_and_none_again_after(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = len(sandbox.request_log)
        screen = CustomerDetailScreen(NEAR_SUSPENSION)
        await asyncio.gather(*(read.task for read in screen.early_reads))
        assert paths_since(sandbox, start) == OPEN_PATHS  # all six answered, the screen not yet pushed
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        await app.workers.wait_for_complete()
        assert paths_since(sandbox, start) == OPEN_PATHS  # the panels showed those answers: nothing sent twice
        assert screen.panel("tab-invoices").data is not None and screen.customer is not None


async def test_a_read_that_failed_before_its_panel_mounted_shows_there_without_a_second_request(
        make_app, sandbox, wait_until):
    sandbox.faults.fail_next(403, path="/customers/*/invoices")  # not retried: one request, one failure
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = len(sandbox.request_log)
        screen = CustomerDetailScreen(NEAR_SUSPENSION)
        await asyncio.gather(*(read.task for read in screen.early_reads), return_exceptions=True)
        assert screen.early_reads[0].task.exception() is None  # the customer itself was read
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        await app.workers.wait_for_complete()
        panel = screen.panel("tab-invoices")
        assert panel.error is not None and panel.data is None
        assert "Could not load the invoices" in rendered(panel.query_one(PanelState))
        assert paths_since(sandbox, start) == OPEN_PATHS  # the failed read was not sent again behind the panel
        assert [r.status for r in sandbox.request_log[start:] if r.path.lower().endswith("/invoices")] == [403]
        await pilot.press("r")  # a retry reads again
        await wait_until(pilot, lambda: panel.data is not None)
        assert [r.status for r in sandbox.request_log[start:] if r.path.lower().endswith("/invoices")] == [403, 200]


async def test_both_overviews_share_one_read_and_its_failure(make_app, sandbox, wait_until):
    sandbox.faults.fail_next(403, path="/customers/*/overview")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:  # wide: the overview beside the tabs too
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = len(sandbox.request_log)
        screen = CustomerDetailScreen(NEAR_SUSPENSION)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        await app.workers.wait_for_complete()
        side = screen.query_one("#overview-side")
        assert screen.panel("tab-overview").error is not None and side.error is not None
        assert "Could not load the overview" in rendered(side.query_one(PanelState))
        assert [r.status for r in sandbox.request_log[start:] if r.path.lower().endswith("/overview")] == [403]


async def test_closing_the_customer_at_once_stops_its_reads_and_leaves_the_list_usable(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        list_screen = app.screen
        await pilot.press("enter")
        detail = app.screen
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is list_screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(detail, CustomerDetailScreen) and all(read.task.done() for read in detail.early_reads)
        assert app.is_running
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: getattr(app.screen, "loaded", False))


async def test_the_first_list_page_is_read_while_the_list_is_built_and_its_failure_shows_there(
        make_app, sandbox, wait_until):
    sandbox.faults.fail_next(403, path="/v1/customers")  # the first list read fails (not retried)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: bool(getattr(screen, "error", "")))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.page is None and "The server answered 403" in screen.status_text
        lists = [r for r in sandbox.request_log if r.method == "GET" and r.path == "/v1/customers"]
        assert [r.status for r in lists] == [403]  # the failure was shown, not hidden behind a second read
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.page is not None)
        assert screen.table.row_count == PAGE and not screen.error
