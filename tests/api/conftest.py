"""Fixtures for client tests: a FusebillClient wired to the in-process sandbox with an instant, recorded sleep."""

from __future__ import annotations

import pytest

from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY
from fusebill_tui.vendors.fusebill import FusebillClient

SANDBOX_BASE_URL = "https://sandbox.invalid/v1"


class RecordingSleep:
    """An injected sleep: records each wait and moves the sandbox clock instead of waiting."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.clock.advance(seconds)


@pytest.fixture
def sleep(sandbox_clock) -> RecordingSleep:
    """The client's sleep: no test ever waits for real."""
    return RecordingSleep(sandbox_clock)


@pytest.fixture
async def make_client(sandbox_transport, sandbox_clock, sleep):
    """Build clients against the sandbox (same clock as the sandbox, recorded sleep); closed after the test."""
    made: list[FusebillClient] = []

    def make(**kwargs) -> FusebillClient:
        kwargs.setdefault("transport", sandbox_transport)
        kwargs.setdefault("sleep", sleep)
        kwargs.setdefault("clock", lambda: sandbox_clock().timestamp())
        kwargs.setdefault("user_agent_user", "tester")
        api_key = kwargs.pop("api_key", DEFAULT_API_KEY)
        client = FusebillClient(SANDBOX_BASE_URL, api_key, **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


@pytest.fixture
async def client(make_client):
    """A FusebillClient talking to the sandbox."""
    async with make_client() as c:
        yield c


@pytest.fixture
def requests_to(sandbox):
    """Logged requests with a method whose path ends with a suffix (case-insensitive)."""

    def find(method: str, path_suffix: str) -> list:
        return [
            r for r in sandbox.request_log
            if r.method == method and r.path.lower().rstrip("/").endswith(path_suffix.lower())
        ]

    return find
