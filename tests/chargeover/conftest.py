"""Fixtures for the ChargeOver tests: a small seeded ChargeOver sandbox and a client talking to it in-process."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app
from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox_defaults import (
    CHARGEOVER_PRIVATE_KEY,
    CHARGEOVER_PUBLIC_KEY,
    CHARGEOVER_SANDBOX_BASE_URL,
)
from fusebill_tui.vendors.chargeover import ChargeOverClient

BASE_URL = CHARGEOVER_SANDBOX_BASE_URL


@pytest.fixture
def co_app():
    """A ChargeOver sandbox of 400 customers (seed 11) on a manual clock."""
    return create_chargeover_app(ChargeOverSettings(customers=400, seed=11, clock=ManualClock()))


@pytest.fixture
def co_sandbox(co_app):
    """The ChargeOverSandbox object (store, faults, request_log) behind ``co_app``."""
    return co_app.state.chargeover


@pytest.fixture
def co_transport(co_app) -> SandboxTransport:
    """An httpx transport reaching ``co_app`` in-process."""
    return SandboxTransport(co_app)


@pytest.fixture
def sleeps() -> list[float]:
    """The waits the client's retry policy asked for (no test really sleeps)."""
    return []


@pytest.fixture
async def co_client(co_transport, sleeps):
    """A ChargeOverClient on the sandbox's key pair; retries wait on ``sleeps`` instead of the clock."""

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async with ChargeOverClient(BASE_URL, CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY,
                                transport=co_transport, sleep=fake_sleep) as client:
        yield client


def sent_params(entry) -> dict[str, str]:
    """The query parameters of a logged request, decoded as the server reads them."""
    return {k: v[0] for k, v in parse_qs(entry.raw_query, keep_blank_values=True).items()}


def last_request(sandbox, path_end: str):
    """The latest logged request whose path ends with ``path_end``."""
    for entry in reversed(sandbox.request_log):
        if urlsplit(entry.path).path.endswith(path_end):
            return entry
    raise AssertionError(f"no request to {path_end}")
