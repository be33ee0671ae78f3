"""The ChargeOver sandbox's request limits (shared with the Fusebill sandbox) and how the client rides them out.

The sandbox's clock is manual; the client's sleep moves it forward, so a retry "after the wait" is
really after it, and no test sleeps.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from fusebill_tui.core import jsonutil
from fusebill_tui.core.errors import RateLimited
from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app
from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox_defaults import CHARGEOVER_PRIVATE_KEY, CHARGEOVER_PUBLIC_KEY
from fusebill_tui.vendors.chargeover import ChargeOverClient

from .conftest import BASE_URL

KEYS = (CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY)


def limited(clock: ManualClock, per_minute: int = 3, per_day: int = 1000):
    """A small ChargeOver sandbox allowing ``per_minute`` requests a minute."""
    return create_chargeover_app(ChargeOverSettings(customers=30, seed=11, clock=clock, per_minute=per_minute,
                                                    per_day=per_day))


def statuses(sandbox, path_end: str) -> list[int | None]:
    """The statuses answered to requests whose path ends with ``path_end``, in order."""
    return [entry.status for entry in sandbox.request_log if entry.path.endswith(path_end)]


async def test_the_defaults_match_the_fusebill_sandbox_and_are_sent_on_every_answer() -> None:
    clock = ManualClock()
    app = create_chargeover_app(ChargeOverSettings(customers=30, clock=clock))
    async with httpx.AsyncClient(transport=SandboxTransport(app), base_url=BASE_URL, auth=KEYS) as http:
        headers = (await http.get("/customer")).headers
        assert headers["X-Rate-Limit-Limit-Minute"] == "1000" and headers["X-Rate-Limit-Remaining-Minute"] == "999"
        assert headers["X-Rate-Limit-Limit-Day"] == "180000" and headers["X-Rate-Limit-Remaining-Day"] == "179999"
        assert headers["X-Rate-Limit-Reset-Minute"] == "2025-06-02T12:01:00Z"
        assert headers["X-Rate-Limit-Reset-Day"] == "2025-06-03T00:00:00Z"
        assert "X-Rate-Limit-Remaining-Minute" in (await http.get("/customer/999999")).headers  # errors too


async def test_over_the_minute_limit_is_a_429_envelope_until_the_next_minute() -> None:
    clock = ManualClock()
    app = limited(clock)
    async with httpx.AsyncClient(transport=SandboxTransport(app), base_url=BASE_URL, auth=KEYS) as http:
        async with httpx.AsyncClient(transport=SandboxTransport(app), base_url=BASE_URL) as stranger:
            assert (await stranger.get("/customer")).status_code == 401  # not counted
        remaining = [(await http.get("/customer")).headers["X-Rate-Limit-Remaining-Minute"] for _ in range(3)]
        assert remaining == ["2", "1", "0"]
        response = await http.get("/customer/_count")
        body = jsonutil.loads(response.content)
        assert response.status_code == 429 == body["code"] and body["status"] == "Error"
        assert body["message"] == "API rate limit exceeded: maximum of 3 requests per minute."
        assert response.headers["Retry-After"] == "60" and response.headers["X-Rate-Limit-Remaining-Minute"] == "0"
        clock.advance(60)
        response = await http.get("/customer/_count")
        assert response.status_code == 200 and response.headers["X-Rate-Limit-Remaining-Minute"] == "2"


async def test_the_day_limit_says_which_limit() -> None:
    clock = ManualClock()
    app = limited(clock, per_minute=100, per_day=2)
    async with httpx.AsyncClient(transport=SandboxTransport(app), base_url=BASE_URL, auth=KEYS) as http:
        for _ in range(2):
            assert (await http.get("/customer")).status_code == 200
        response = await http.get("/customer")
        assert response.status_code == 429
        assert "2 requests per day" in jsonutil.loads(response.content)["message"]
        assert response.headers["Retry-After"] == str(12 * 3600)  # until midnight UTC


@pytest.fixture
def clock() -> ManualClock:
    """The sandbox's clock, moved forward by the client's waits."""
    return ManualClock()


@pytest.fixture
def waits() -> list[float]:
    """Every wait the client asked for."""
    return []


@pytest.fixture
def make_client(clock, waits):
    """A ChargeOverClient on a limited sandbox whose waits move the sandbox's clock (no real sleep)."""

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock.advance(seconds)

    def factory(app, **options) -> ChargeOverClient:
        return ChargeOverClient(BASE_URL, *KEYS, transport=SandboxTransport(app), sleep=sleep,
                                clock=lambda: clock().timestamp(), **options)

    return factory


async def test_a_read_over_the_limit_waits_as_told_and_is_sent_again(clock, waits, make_client) -> None:
    app = limited(clock, per_minute=2)
    said: list[str] = []
    # Throttling off: this test is about the 429 itself (the throttle would wait before sending).
    async with make_client(app, throttle=False, on_retry=said.append) as client:
        await client.count_customers()
        await client.customers(limit=5)
        assert client.rate_limit.remaining_minute == 0 and client.rate_limit.limit_minute == 2
        before = clock()
        found = await client.customers(offset=5, limit=5)
    sandbox = app.state.chargeover
    assert [c.customer_id for c in found] == [6, 7, 8, 9, 10]
    assert statuses(sandbox, "/customer") == [200, 429, 200]  # sent again after the wait, once
    assert waits == [60.0]
    at = (before + timedelta(seconds=60)).astimezone()
    assert said == [f"Rate limited, retrying at {at:%H:%M:%S}."]


async def test_the_throttle_spreads_a_low_budget_so_no_429_is_met(clock, waits, make_client) -> None:
    app = limited(clock, per_minute=3)
    async with make_client(app) as client:
        for offset in range(0, 25, 5):
            await client.customers(offset=offset, limit=5)
    sandbox = app.state.chargeover
    assert statuses(sandbox, "/customer") == [200] * 5
    assert waits and sum(waits) >= 60  # it waited for the next minute rather than be refused


async def test_a_new_note_over_the_limit_is_sent_once_and_says_so(clock, waits, make_client) -> None:
    app = limited(clock, per_minute=1)
    sandbox = app.state.chargeover
    notes_before = len(sandbox.store.notes)
    async with make_client(app, throttle=False) as client:
        await client.customer(3)
        with pytest.raises(RateLimited) as info:
            await client.add_note(3, "Called about the invoice")
    assert statuses(sandbox, "/note") == [429]  # one POST, never repeated
    assert waits == [] and len(sandbox.store.notes) == notes_before
    assert "rate limit" in info.value.user_message.lower()
