"""The list's first page asked for at launch, before the app exists: the list takes over its answer or failure."""

from __future__ import annotations

import asyncio

from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.first_read import FirstRead, open_session

PAGE = 50


def _launched(make_app, sandbox) -> tuple[FusebillApp, FirstRead]:
    """What ``tui.launch`` does: the session opened and the first page sent, then the app built around them."""
    template = make_app()
    first = FirstRead.start(open_session(template.environment, template.client_factory))
    app = FusebillApp(template.config, template.environment, client_factory=template.client_factory,
                      first_read=first)
    app.clock = template.clock
    return app, first


def _first_pages(sandbox) -> list[int | None]:
    return [r.status for r in sandbox.request_log
            if r.method == "GET" and r.path == "/v1/customers" and "pageNumber=0" in r.raw_query]


async def test_the_page_asked_for_before_the_app_was_built_is_the_one_the_list_shows(make_app, sandbox, wait_until):
    app, first = _launched(make_app, sandbox)
    await first.read.outcome()  # answered before the app even started
    assert _first_pages(sandbox) == [200]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: getattr(screen, "page", None) is not None)
        assert screen.table.row_count == PAGE and app.session is first.session
        await app.workers.wait_for_complete()
        assert _first_pages(sandbox) == [200]  # taken over, not asked for again


async def test_a_first_read_that_failed_at_launch_shows_in_the_list_without_a_second_request(
        make_app, sandbox, wait_until):
    sandbox.faults.fail_next(403, path="/v1/customers")  # not retried
    app, first = _launched(make_app, sandbox)
    await asyncio.wait([first.read.task])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: bool(getattr(screen, "error", "")))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.page is None and "The server answered 403" in screen.status_text
        assert _first_pages(sandbox) == [403]
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.page is not None)
        assert screen.table.row_count == PAGE and _first_pages(sandbox) == [403, 200]
