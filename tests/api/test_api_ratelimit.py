"""Rate-limit budget: headers read after every response, throttle spreading a low budget, no 429 at a steady pace."""

import pytest

from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings


@pytest.fixture
def sandbox_settings(sandbox_clock):
    """A Fusebill-sandbox-sized budget: 50 requests a minute."""
    return SandboxSettings(customers=50, seed=7, api_key=DEFAULT_API_KEY, clock=sandbox_clock, per_minute=50)


async def test_rate_limit_status_follows_every_response(client, sandbox_clock):
    assert client.rate_limit is None
    await client.list_customers(page_size=1)
    status = client.rate_limit
    assert (status.limit_minute, status.remaining_minute) == (50, 49)
    assert status.limit_day == 180000 and status.remaining_day == 179999
    assert status.reset_minute.timestamp() == sandbox_clock().timestamp() + 60
    await client.list_customers(page_size=1)
    assert client.rate_limit.remaining_minute == 48


async def test_ample_budget_is_never_slowed(client, sleep):
    for _ in range(35):
        await client.list_customers(page_size=1)
    assert sleep.calls == []
    assert client.rate_limit.remaining_minute == 15


async def test_low_budget_is_spread_until_the_reset(client, sleep, sandbox, sandbox_clock):
    for _ in range(40):  # remaining 10 after these: the reserve of a 50/minute budget
        await client.list_customers(page_size=1)
    assert sleep.calls == []
    await client.list_customers(page_size=1)  # the first request of a low budget goes at once...
    await client.list_customers(page_size=1)
    # ...and the next waits: 60 s left and 10 requests left -> one request every 6 s.
    assert sleep.calls == [pytest.approx(6.0)]
    for _ in range(200):
        await client.list_customers(page_size=1)
    assert all(r.status != 429 for r in sandbox.request_log), "a steady client never meets a 429"
    assert sum(sleep.calls) >= 120  # 200 requests at 50/minute need several minutes of (virtual) waiting


async def test_throttle_can_be_turned_off(make_client, sleep, sandbox):
    client = make_client(throttle=False, max_retries=0)
    for _ in range(50):
        await client.list_customers(page_size=1)
    assert sleep.calls == []


async def test_concurrency_is_capped(make_client, sandbox, sandbox_app):
    import asyncio

    client = make_client(max_concurrency=2)
    in_flight = peak = 0
    original = client._http.request

    async def counting(*args, **kwargs):
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            await asyncio.sleep(0)
            return await original(*args, **kwargs)
        finally:
            in_flight -= 1

    client._http.request = counting
    await asyncio.gather(*(client.list_customers(page_size=1) for _ in range(8)))
    assert peak == 2
