"""429s on the screen: the list (and each customer panel) says it waits, until when, for as long as it
waits; a run of 429s with budget left is ridden out in seconds; past 90 % of the day's budget the list
reads nothing ahead and the environment bar says why.

The client's sleep is injected: it moves the sandbox's clock (no test waits for real) and, when gated,
holds the read in its wait so the screen can be looked at meanwhile.
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl

import pytest

from fusebill_tui.config import builtin_sandbox
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.dialogs.filter_menus import QuickFilterMenu
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.panels.base import PanelState
from fusebill_tui.vendors.fusebill import FusebillClient

PAGE = 50


class InjectedSleep:
    """Records each wait, and what the list's status line said while it lasted; moves the sandbox clock.

    Closed (``gate.clear()``), a wait lasts until the test opens it again.
    """

    def __init__(self, clock) -> None:
        self.clock = clock
        self.calls: list[float] = []
        self.said: list[str] = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.app: FusebillApp | None = None

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        screen = self.app.screen if self.app is not None else None
        self.said.append(getattr(screen, "status_text", ""))
        await self.gate.wait()
        self.clock.advance(seconds)
        await asyncio.sleep(0)


@pytest.fixture
def injected_sleep(sandbox_clock) -> InjectedSleep:
    return InjectedSleep(sandbox_clock)


@pytest.fixture
def make_limited_app(sandbox_app, sandbox_clock, tui_config, injected_sleep):
    """The app on the test sandbox, its client on the sandbox's clock with the injected sleep."""

    def factory(timezone: str = "UTC") -> FusebillApp:
        def client_factory(env):
            return FusebillClient(env.base_url, env.api_key, transport=SandboxTransport(sandbox_app),
                                  sleep=injected_sleep, clock=lambda: sandbox_clock().timestamp())

        app = FusebillApp(tui_config, builtin_sandbox(timezone=timezone), client_factory=client_factory)
        injected_sleep.app = app
        return app

    return factory


def page_reads(sandbox, page_number: int) -> list:
    return [r for r in sandbox.request_log if r.method == "GET" and r.path == "/v1/customers"
            and dict(parse_qsl(r.raw_query)).get("pageNumber") == str(page_number)]


async def shown(pilot, wait_until) -> CustomerListScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None
                     and not app.screen.fetching)
    return app.screen


async def settled(pilot, wait_until, screen) -> None:
    await wait_until(pilot, lambda: not screen.fetching and not any(
        w.group in ("list-page", "list-prefetch") and not w.is_finished for w in pilot.app.workers))


# --- the list's own line --------------------------------------------------------------------------------


@pytest.mark.parametrize(("timezone", "shown_at"), [("UTC", "12:00:30"), ("America/Toronto", "08:00:30")])
async def test_the_list_says_it_is_rate_limited_and_keeps_saying_so_until_the_retry(
        make_limited_app, sandbox, injected_sleep, wait_until, timezone, shown_at):
    sandbox.faults.fail_next(429, path="/v1/customers", retry_after=30)
    injected_sleep.gate.clear()
    app = make_limited_app(timezone)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen)
                         and "Rate limited" in app.screen.status_text)
        screen = app.screen
        for _ in range(20):  # the wait goes on: the line still says so (a toast would have faded)
            await pilot.pause()
            assert f"Rate limited, retrying at {shown_at}" in screen.status_text
        assert "loading…" not in screen.status_text
        assert [r.status for r in page_reads(sandbox, 0)] == [429]
        assert not any("Rate limited" in str(n.message) for n in app._notifications)  # the line, not a toast
        injected_sleep.gate.set()
        screen = await shown(pilot, wait_until)
        assert "Rate limited" not in screen.status_text
        assert screen.table.row_count == PAGE
        assert injected_sleep.calls[0] == 30
        assert [r.status for r in page_reads(sandbox, 0)] == [429, 200]


async def test_a_refresh_meeting_five_429s_with_budget_left_shows_its_rows_again_within_ten_seconds(
        make_limited_app, sandbox, injected_sleep, wait_until):
    app = make_limited_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await shown(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        rows = screen.table.row_count
        start = len(page_reads(sandbox, 0))
        sandbox.faults.fail_next(429, count=5, path="/v1/customers")
        await pilot.press("r")
        screen = await shown(pilot, wait_until)
        assert screen.table.row_count == rows and not screen.error
        assert [r.status for r in page_reads(sandbox, 0)[start:]] == [429] * 5 + [200]
        assert injected_sleep.calls == [0.5, 1.0, 2.0, 3.0, 3.0]  # not the minute's reset: budget was left
        assert sum(injected_sleep.calls) < 10
        assert all("Rate limited, retrying at 12:00:" in said for said in injected_sleep.said)


async def test_a_429_with_the_minute_used_up_waits_for_its_reset_and_says_so(
        make_limited_app, sandbox, sandbox_clock, injected_sleep, wait_until):
    sandbox_clock.advance(45)
    sandbox.faults.fail_next(429, path="/v1/customers", exhausted="minute")
    injected_sleep.gate.clear()
    app = make_limited_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen)
                         and "Rate limited, retrying at 12:01:00" in app.screen.status_text)
        assert injected_sleep.calls == [15.0]
        injected_sleep.gate.set()
        screen = await shown(pilot, wait_until)
        assert screen.table.row_count == PAGE
        assert [r.status for r in page_reads(sandbox, 0)] == [429, 200]


async def test_429s_past_the_bound_say_how_often_and_when_to_try_again(
        make_limited_app, sandbox, injected_sleep, wait_until):
    sandbox.faults.fail_next(429, count=50, path="/v1/customers")
    app = make_limited_app("America/Toronto")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and bool(app.screen.error))
        screen = app.screen
        assert len(page_reads(sandbox, 0)) == 7
        # Given up at 12:00:12.5 UTC (0.5 + 1 + 2 + 3 + 3 + 3 s of waits): try again 3 s later, in Toronto's time.
        assert "Rate limited by the server (7 times in a row): try again at 08:00:15." in screen.status_text
        sandbox.faults.clear()
        await pilot.press("r")
        screen = await shown(pilot, wait_until)
        assert screen.table.row_count == PAGE and not screen.error


async def test_a_customer_panel_says_its_read_is_rate_limited_in_its_own_line(
        make_limited_app, sandbox, injected_sleep, wait_until):
    app = make_limited_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await shown(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        customer_id = screen.page.items[0].id
        sandbox.faults.fail_next(429, method="GET", path=f"/customers/{customer_id}/invoices", retry_after=20)
        injected_sleep.gate.clear()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen))
        detail = app.screen
        state = detail.query_one("#invoices-panel > PanelState", PanelState)
        await wait_until(pilot, lambda: "Rate limited" in str(state.content))
        for _ in range(10):
            await pilot.pause()
            assert str(state.content) == "Loading the invoices… Rate limited, retrying at 12:00:20"
        injected_sleep.gate.set()
        panel = detail.query_one("#invoices-panel")
        await wait_until(pilot, lambda: panel.data is not None)
        assert not state.display


# --- the day's budget ------------------------------------------------------------------------------------


@pytest.fixture
def sandbox_settings(sandbox_clock):
    """A day of 1,000 requests, so a test can use most of it (and a minute that never runs low)."""
    return SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY, clock=sandbox_clock, per_day=1000,
                           per_minute=100_000)


def use_day_budget(sandbox, requests: int) -> None:
    """Count ``requests`` against the sandbox's day, as requests sent by another program with the same key."""
    for _ in range(requests):
        assert sandbox.limiter.take() is None


async def test_past_90_percent_of_the_day_nothing_is_read_ahead_and_the_bar_says_why(
        make_limited_app, sandbox, wait_until):
    use_day_budget(sandbox, 905)  # the first page makes it 906 of 1,000: 90.6 % used
    app = make_limited_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await shown(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        app.refresh_budget()
        bar = screen.query_one(EnvironmentBar)
        assert bar.budget_note == "daily budget 91 % used: prefetch paused"
        await pilot.pause()
        assert "daily budget 91 % used: prefetch paused" in bar.render().plain
        assert page_reads(sandbox, 1) == []  # the next page is not read ahead
        await pilot.press("f")  # the quick filters' counts are not read either; the filters still apply
        await wait_until(pilot, lambda: isinstance(app.screen, QuickFilterMenu))
        before = len(sandbox.request_log)
        await pilot.pause()
        assert len(sandbox.request_log) == before
        assert "Counts paused (daily budget 91 % used)" in str(app.screen.query_one(".menu-hint").content)
        await pilot.press("escape")
        await pilot.press("pagedown")  # what the user asks for still goes
        await wait_until(pilot, lambda: screen.request.page_number == 1 and not screen.fetching)
        assert [r.status for r in page_reads(sandbox, 1)] == [200]
        assert screen.table.row_count == PAGE


async def test_below_90_percent_of_the_day_the_next_page_is_read_ahead(make_limited_app, sandbox, wait_until):
    use_day_budget(sandbox, 880)
    app = make_limited_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await shown(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        app.refresh_budget()
        assert screen.query_one(EnvironmentBar).budget_note == ""
        assert [r.status for r in page_reads(sandbox, 1)] == [200]
