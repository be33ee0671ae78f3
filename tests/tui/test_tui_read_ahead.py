"""Read-ahead: the customer the cursor rests on is read in the background, so Enter sends nothing.

Asserted on the sandbox's request log: what resting sends, what Enter then sends, and that moving on
quickly, a small account or a day's budget nearly used read nothing ahead.
"""

from __future__ import annotations

import re

import pytest

from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen

OPEN_PATHS = [  # what opening a customer reads (tests/tui/test_tui_early_reads.py)
    "/v1/customeraddresspreferences/{id}",
    "/v1/customers/{id}",
    "/v1/customers/{id}/customernotes",
    "/v1/customers/{id}/invoices",
    "/v1/customers/{id}/overview",
    "/v1/customers/{id}/subscriptions",
]


def reads_of(sandbox, customer_id: int, start: int = 0) -> list[str]:
    """The paths about ``customer_id`` received since ``start``, with the id as {id}, sorted."""
    paths = [r.path.lower().rstrip("/") for r in sandbox.request_log[start:]]
    return sorted(re.sub(rf"/{customer_id}\b", "/{id}", p) for p in paths if re.search(rf"/{customer_id}\b", p))


def customer_reads(sandbox, start: int = 0) -> list[str]:
    """Every path about one customer (not the list) received since ``start``."""
    return [r.path for r in sandbox.request_log[start:] if re.search(r"/customer\w*/\d+", r.path, re.I)]


async def listed(pilot, wait_until) -> CustomerListScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None
                     and not app.screen.fetching)
    await app.workers.wait_for_complete()
    return app.screen


async def read_ahead_done(pilot) -> None:
    for _ in range(3):  # the rest timer fires, its worker starts, its reads answer
        await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()


@pytest.fixture
def no_rest(monkeypatch):
    """The cursor counts as rested at once (the test never waits for a clock)."""
    monkeypatch.setattr(CustomerListScreen, "READ_AHEAD_REST", 0.001)


async def test_resting_on_a_row_reads_its_customer_ahead_and_enter_then_sends_nothing(
        make_app, sandbox, wait_until, no_rest):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, wait_until)
        first = screen.table.highlighted_id()
        await read_ahead_done(pilot)
        assert customer_reads(sandbox) == []  # where a page put the cursor is not a choice: nothing read
        await pilot.press("down")
        chosen = screen.table.highlighted_id()
        assert chosen is not None and chosen != first
        await read_ahead_done(pilot)
        assert reads_of(sandbox, chosen) == OPEN_PATHS  # each once
        start = len(sandbox.request_log)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        await app.workers.wait_for_complete()
        assert sandbox.request_log[start:] == []  # everything came from the cache
        assert app.screen.panel("tab-invoices").data is not None and app.screen.customer is not None


async def test_enter_while_the_read_ahead_is_in_flight_waits_for_it_and_sends_nothing_twice(
        make_app, sandbox, wait_until, no_rest):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, wait_until)
        sandbox.faults.latency = 0.3  # the read-ahead's answers are still on their way when Enter comes
        await pilot.press("down")
        chosen = screen.table.highlighted_id()
        assert chosen is not None
        await wait_until(pilot, lambda: len(reads_of(sandbox, chosen)) == len(OPEN_PATHS))  # sent, unanswered
        assert app.session.cache.is_pending(("overview", chosen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        await app.workers.wait_for_complete()
        assert reads_of(sandbox, chosen) == OPEN_PATHS  # each once: opening took over the reads in flight
        screen = app.screen
        assert all(screen.panel(tab).data is not None for tab, _label in screen.tabs)  # every answer arrived


async def test_moving_on_quickly_reads_nothing_ahead(make_app, sandbox, wait_until, monkeypatch):
    monkeypatch.setattr(CustomerListScreen, "READ_AHEAD_REST", 3600.0)  # never rests long enough
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await listed(pilot, wait_until)
        await pilot.press("down", "down", "down")
        await read_ahead_done(pilot)
        assert customer_reads(sandbox) == []
        chosen = screen.table.highlighted_id()
        await pilot.press("enter")  # opening reads it, once
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        await app.workers.wait_for_complete()
        assert reads_of(sandbox, chosen) == OPEN_PATHS
        assert len(customer_reads(sandbox)) == len(OPEN_PATHS)


@pytest.mark.parametrize("sandbox_settings", [
    pytest.param({"per_minute": 100}, id="100-a-minute"),
    pytest.param({"per_minute": 60}, id="60-a-minute"),
], indirect=True)
async def test_an_account_of_100_requests_a_minute_or_fewer_reads_nothing_ahead(
        make_app, sandbox, wait_until, no_rest):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(pilot, wait_until)
        await pilot.press("down")
        await read_ahead_done(pilot)
        assert customer_reads(sandbox) == []


@pytest.mark.parametrize("sandbox_settings", [pytest.param({"per_day": 1000, "per_minute": 100_000}, id="day")],
                         indirect=True)
async def test_past_90_percent_of_the_day_nothing_is_read_ahead(make_app, sandbox, wait_until, no_rest):
    for _ in range(905):  # another program with the same key used 905 of the day's 1,000
        assert sandbox.limiter.take() is None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(pilot, wait_until)
        await pilot.press("down")
        await read_ahead_done(pilot)
        assert customer_reads(sandbox) == []


@pytest.fixture
def sandbox_settings(request, sandbox_clock) -> SandboxSettings:
    """The shared small account, with the limits a test asks for."""
    limits = getattr(request, "param", {})
    return SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY, clock=sandbox_clock, **limits)
