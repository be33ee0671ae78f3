"""Enter sends the customer's six requests before its screen is shown (built, or kept and refilled), and the
keys typed behind Enter still reach that screen.

Showing the screen (styling, layout, the first paint) takes turns of the event loop of tens of milliseconds;
a request needs several turns to reach the server. Shown first, the requests left one by one behind it.
"""

from __future__ import annotations

from textual.widgets import TabbedContent

from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from tests.tui.test_tui_early_reads import OPEN_PATHS, paths_since
from tests.tui.test_tui_kept_customer_screen import open_row
from tests.tui.test_tui_read_ahead import listed
from tests.tui.test_tui_typed_while_opening import burst


def record_pushes(app, sandbox) -> list[list[str]]:
    """The paths the sandbox had received when each customer screen was pushed, since the last push."""
    seen: list[list[str]] = []
    start = [len(sandbox.request_log)]
    push = app.push_screen

    def recording(screen, *args, **kwargs):
        if isinstance(screen, CustomerDetailScreen):
            seen.append(paths_since(sandbox, start[0]))
        return push(screen, *args, **kwargs)

    app.push_screen = recording

    def since_now() -> None:
        start[0] = len(sandbox.request_log)

    recording.since_now = since_now
    return seen


async def test_every_request_of_a_customer_has_reached_the_server_when_its_screen_is_shown(
        make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(pilot, wait_until)
        await app.workers.wait_for_complete()
        pushes = record_pushes(app, sandbox)
        first = await open_row(pilot, wait_until)  # a new screen
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.push_screen.since_now()
        second = await open_row(pilot, wait_until, down=1)  # the kept screen, refilled
        assert second is first
        assert pushes == [OPEN_PATHS, OPEN_PATHS]


async def test_keys_typed_behind_enter_reach_a_refilled_screen(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        first = await open_row(pilot, wait_until)
        last_id = first.customer_id
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        burst(app, "j", "enter", "4")
        await wait_until(pilot, lambda: app.screen is first and first.customer_id != last_id and first.loaded
                         and first.query_one(TabbedContent).active == "tab-notes")
