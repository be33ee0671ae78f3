"""Fixtures for driving the real app against the in-process sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from fusebill_tui.config import Config, Environment, builtin_sandbox
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.vendors.fusebill import FusebillClient


async def _no_sleep(_seconds: float) -> None:
    """Retries and throttling wait for nothing in tests (the sandbox clock is manual)."""
    await asyncio.sleep(0)


@pytest.fixture
def tui_config(tmp_path: Path) -> Config:
    """An empty configuration in a temporary directory (nothing the user owns is touched)."""
    return Config(path=tmp_path / "config.toml")


@pytest.fixture
def make_app(sandbox_app, tui_config: Config) -> Callable[..., FusebillApp]:
    """Build a FusebillApp whose client reaches the test sandbox over SandboxTransport."""

    def factory(environment: Environment | None = None, *, config: Config | None = None) -> FusebillApp:
        def client_factory(env: Environment) -> FusebillClient:
            return FusebillClient(
                env.base_url,
                env.api_key,
                read_only=env.read_only,
                transport=SandboxTransport(sandbox_app),
                sleep=_no_sleep,
            )

        app = FusebillApp(
            config or tui_config,
            environment or builtin_sandbox(timezone="UTC"),
            client_factory=client_factory,
        )
        app.clock = sandbox_app.state.sandbox.clock  # "today" is the sandbox's day
        return app

    return factory


async def _wait_until(pilot, predicate: Callable[[], bool], *, attempts: int = 400) -> None:
    """Let the app run until ``predicate()`` holds (bounded; fails the test if it never does)."""
    for _ in range(attempts):
        if predicate():
            return
        await pilot.pause()
    raise AssertionError("the app never reached the expected state")


@pytest.fixture
def wait_until():
    """``await wait_until(pilot, lambda: ...)``: wait for a state, never for a fixed time."""
    return _wait_until


# ChargeOver ---------------------------------------------------------------------------------------


@pytest.fixture
def co_sandbox_app():
    """A ChargeOver sandbox of 400 customers (seed 11) on a manual clock."""
    from fusebill_tui.sandbox.chargeover import (
        ChargeOverSettings,
        create_chargeover_app,
    )
    from fusebill_tui.sandbox.core.clock import ManualClock

    return create_chargeover_app(ChargeOverSettings(customers=400, seed=11, clock=ManualClock()))


@pytest.fixture
def co_sandbox(co_sandbox_app):
    """The ChargeOver sandbox object (store, faults, request_log) behind ``co_sandbox_app``."""
    return co_sandbox_app.state.chargeover


@pytest.fixture
def make_co_app(request, co_sandbox_app, tui_config: Config) -> Callable[..., FusebillApp]:
    """Build the app on the built-in ChargeOver environment, its client reaching the test sandbox.

    A Fusebill environment (after switching) reaches the Fusebill test sandbox instead.
    """
    from fusebill_tui.vendors.chargeover import ChargeOverClient

    def factory(environment: Environment | None = None, *, config: Config | None = None,
                read_only: bool = False) -> FusebillApp:
        def client_factory(env: Environment):
            if env.kind != "chargeover":
                return FusebillClient(env.base_url, env.api_key, read_only=env.read_only,
                                      transport=SandboxTransport(request.getfixturevalue("sandbox_app")),
                                      sleep=_no_sleep)
            return ChargeOverClient(env.base_url, env.public_key, env.private_key, read_only=env.read_only,
                                    transport=SandboxTransport(co_sandbox_app), sleep=_no_sleep)

        app = FusebillApp(
            config or tui_config,
            environment or builtin_sandbox(timezone="UTC", kind="chargeover", read_only=read_only),
            client_factory=client_factory,
        )
        app.clock = co_sandbox_app.state.chargeover.clock  # "today" is the sandbox's day
        return app

    return factory
