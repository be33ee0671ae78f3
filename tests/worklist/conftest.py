"""Fixtures for the worklist tests: a Fusebill client on the sandbox's clock, whose sleep moves that clock
instead of waiting (so a minute's wait for the rate limit takes no time), and the backend over it."""

from __future__ import annotations

import asyncio

import pytest

from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY
from fusebill_tui.vendors import backend_for_client
from fusebill_tui.vendors.fusebill import FusebillClient

SANDBOX_BASE_URL = "https://sandbox.invalid/v1"


class MovingSleep:
    """An injected sleep: records each wait and moves the sandbox clock by it."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.clock.advance(seconds)
        await asyncio.sleep(0)  # a real sleep lets other tasks run


@pytest.fixture
def sleep(sandbox_clock) -> MovingSleep:
    return MovingSleep(sandbox_clock)


@pytest.fixture
def clock(sandbox_clock):
    """Seconds since the epoch on the sandbox's clock (what the reader and the client compare resets with)."""
    return lambda: sandbox_clock().timestamp()


@pytest.fixture
async def backend(sandbox_transport, sleep, clock):
    """The Fusebill backend over a client sharing the sandbox's clock and the moving sleep."""
    client = FusebillClient(SANDBOX_BASE_URL, DEFAULT_API_KEY, transport=sandbox_transport, sleep=sleep,
                            clock=clock, user_agent_user="tester")
    async with client:
        yield backend_for_client(client)
