"""Shared fixtures: a small seeded sandbox and an in-process transport to it."""

from __future__ import annotations

import pytest

from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings, create_app

SANDBOX_BASE_URL = "https://sandbox.invalid/v1"


@pytest.fixture
def sandbox_clock() -> ManualClock:
    """The sandbox's clock: moves only when a test calls ``advance``."""
    return ManualClock()


@pytest.fixture
def sandbox_settings(sandbox_clock: ManualClock) -> SandboxSettings:
    """A small, fixed account: 300 customers, seed 7, the default key and limits."""
    return SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY, clock=sandbox_clock)


@pytest.fixture
def sandbox_app(sandbox_settings: SandboxSettings):
    """The sandbox Starlette app."""
    return create_app(sandbox_settings)


@pytest.fixture
def sandbox(sandbox_app):
    """The Sandbox object (store, faults, request_log) behind ``sandbox_app``."""
    return sandbox_app.state.sandbox


@pytest.fixture
def sandbox_transport(sandbox_app) -> SandboxTransport:
    """An httpx transport that reaches ``sandbox_app`` in-process."""
    return SandboxTransport(sandbox_app)
