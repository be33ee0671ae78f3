"""Authentication, rate limits (with the manual clock) and injected faults."""

from __future__ import annotations

import httpx
import pytest

from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app

from .helpers import BASE_URL, body, client_for, error_message


async def test_missing_and_malformed_and_wrong_keys_are_401(sandbox_transport, sandbox):
    async with httpx.AsyncClient(transport=sandbox_transport, base_url=BASE_URL) as bare:
        r = await bare.get("/customers")
        assert r.status_code == 401
        assert error_message(r) == "Authorization key is not in the correct format."
        r = await bare.get("/customers", headers={"Authorization": "Bearer abc"})
        assert error_message(r) == "Authorization key is not in the correct format."
        r = await bare.get("/customers", headers={"Authorization": "Basic wrong"})
        assert r.status_code == 401 and "not valid" in error_message(r)
        # The key is compared as sent: its base64-decoded form is not accepted.
        r = await bare.get("/customers", headers={"Authorization": "Basic sandbox:sandbox"})
        assert r.status_code == 401
    assert [e.status for e in sandbox.request_log[-4:]] == [401, 401, 401, 401]


async def test_every_response_carries_rate_limit_headers(api, sandbox_clock):
    r = await api.get("/customers/100001")
    h = r.headers
    assert h["X-Rate-Limit-Limit-Minute"] == "1000" and h["X-Rate-Limit-Remaining-Minute"] == "999"
    assert h["X-Rate-Limit-Limit-Day"] == "180000" and h["X-Rate-Limit-Remaining-Day"] == "179999"
    assert h["X-Rate-Limit-Reset-Minute"] == "2025-06-02T12:01:00Z"
    assert h["X-Rate-Limit-Reset-Day"] == "2025-06-03T00:00:00Z"
    assert "X-Rate-Limit-Remaining-Minute" in (await api.get("/customers/1")).headers  # on errors too


async def test_minute_limit_gives_429_until_the_next_minute():
    clock = ManualClock()
    app = create_app(SandboxSettings(customers=20, per_minute=50, per_day=5000, clock=clock))
    async with client_for(SandboxTransport(app)) as api:
        for _ in range(50):
            assert (await api.get("/customers/100001")).status_code == 200
        r = await api.get("/customers/100001")
        assert r.status_code == 429
        assert "50 requests per minute" in error_message(r)
        assert r.headers["Retry-After"] == "60" and r.headers["X-Rate-Limit-Remaining-Minute"] == "0"
        clock.advance(60)
        r = await api.get("/customers/100001")
        assert r.status_code == 200 and r.headers["X-Rate-Limit-Remaining-Minute"] == "49"
        assert r.headers["X-Rate-Limit-Remaining-Day"] == str(5000 - 51)


async def test_day_limit_says_which_limit():
    clock = ManualClock()
    app = create_app(SandboxSettings(customers=20, per_minute=1000, per_day=3, clock=clock))
    async with client_for(SandboxTransport(app)) as api:
        for _ in range(3):
            await api.get("/countries")
        r = await api.get("/countries")
        assert r.status_code == 429 and "per day" in error_message(r)
        assert int(r.headers["Retry-After"]) == 12 * 3600


async def test_fail_next_burst_only_for_matching_requests(api, sandbox):
    sandbox.faults.fail_next(503, count=2, method="GET", path="/customers/*/overview", retry_after=3)
    assert (await api.get("/customers/100001")).status_code == 200
    r = await api.get("/customers/100001/Overview")
    assert r.status_code == 503 and r.headers["Retry-After"] == "3"
    assert body(r)["HttpStatusCode"] == 503
    assert (await api.get("/customers/100001/Overview")).status_code == 503
    assert (await api.get("/customers/100001/Overview")).status_code == 200


async def test_fail_next_with_custom_body(api, sandbox):
    sandbox.faults.fail_next(429, body={"ErrorId": 0, "HttpStatusCode": 429, "Errors": []})
    r = await api.get("/countries")
    assert r.status_code == 429 and body(r)["Errors"] == []


async def test_drop_raises_remote_protocol_error_and_is_logged(api, sandbox):
    sandbox.faults.drop_next(path="/customers/100001")
    with pytest.raises(httpx.RemoteProtocolError):
        await api.get("/customers/100001")
    assert sandbox.request_log[-1].path == "/v1/customers/100001" and sandbox.request_log[-1].status is None
    assert (await api.get("/customers/100001")).status_code == 200


async def test_timeout_raises_read_timeout(api, sandbox):
    sandbox.faults.timeout_next(method="GET")
    with pytest.raises(httpx.ReadTimeout):
        await api.get("/customers/100001")


@pytest.mark.parametrize("kind", ["json", "html", "list"])
async def test_malformed_bodies(api, sandbox, kind):
    sandbox.faults.malformed_next(kind)
    r = await api.get("/customers/100001")
    if kind == "json":
        with pytest.raises(ValueError):
            body(r)
    elif kind == "html":
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    else:
        assert isinstance(body(r), list) and body(r)[0]["id"] == 100001


async def test_stall_times_out_in_process(api, sandbox):
    sandbox.faults.malformed_next("stall")
    with pytest.raises(httpx.ReadTimeout):
        await api.get("/customers/100001")


async def test_error_rate_is_seeded_and_clear_resets(api, sandbox):
    sandbox.faults.error_rate = 1.0
    assert (await api.get("/countries")).status_code >= 500
    sandbox.faults.clear()
    assert (await api.get("/countries")).status_code == 200


async def test_request_log_records_body_and_headers(api, sandbox):
    await api.post("/customerNotes", content=b'{"customerId":100001,"note":"hi"}',
                   headers={"x-audit-source": "tests", "Content-Type": "application/json"})
    entry = sandbox.request_log[-1]
    assert (entry.method, entry.path, entry.status) == ("POST", "/v1/customerNotes", 200)
    assert entry.headers["x-audit-source"] == "tests" and entry.json() == {"customerId": 100001, "note": "hi"}


async def test_latency_setting_is_applied(sandbox):
    sandbox.faults.latency = 0.0
    assert SandboxSettings(latency=0.25).latency == 0.25
    assert create_app(SandboxSettings(customers=5, latency=0.25)).state.sandbox.faults.latency == 0.25


async def test_an_over_long_query_string_is_414_like_a_real_server(api, sandbox):
    from fusebill_tui.sandbox.fusebill.middleware import MAX_QUERY_STRING_BYTES

    fits = "query=" + "lastName:" + "a" * (MAX_QUERY_STRING_BYTES - len("query=lastName:"))
    assert (await api.get(f"/customers?{fits}")).status_code == 200
    r = await api.get(f"/customers?{fits}a")
    assert r.status_code == 414
    assert error_message(r) == "The request URL is too long: its query string is over 2,048 bytes."
    assert sandbox.request_log[-1].status == 414
    unauthenticated = await api.get(f"/customers?{fits}a", headers={"Authorization": ""})
    assert unauthenticated.status_code == 414  # refused before the application reads it, as IIS does
