"""Fixtures for driving the real app against the in-process sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from fusebill_tui.api import FusebillClient
from fusebill_tui.config import Config, Environment, builtin_sandbox
from fusebill_tui.sandbox.transport import SandboxTransport
from fusebill_tui.tui.app import FusebillApp


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

        return FusebillApp(
            config or tui_config,
            environment or builtin_sandbox(timezone="UTC"),
            client_factory=client_factory,
        )

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
