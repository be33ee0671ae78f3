"""The reliability campaign: the real app and client against the sandbox, counting what was checked.

Each test adds what it tried to the session's ``tally`` (faults injected and survived, inputs
tried, requests checked); the figures are printed at the end of the run, and docs/RELIABILITY.md
quotes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from reliability_support import ScreenSleep

from fusebill_tui.config import Config, Environment, builtin_sandbox
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.vendors.fusebill import FusebillClient

TALLY: Counter[str] = Counter()
FIGURES = (
    ("faults injected", "faults_injected"),
    ("faults survived (app up, said in words, recovered)", "faults_survived"),
    ("inputs tried", "inputs_tried"),
    ("requests checked in the sandbox's log", "requests_checked"),
    ("keys pressed", "keys_pressed"),
    ("mutating requests sent twice", "duplicate_mutations"),
    ("fields lost by a PUT", "fields_lost"),
    ("places the API key was found", "key_leaks"),
)


@pytest.fixture
def tally() -> Counter[str]:
    """The campaign's counters (shared by every test of the run)."""
    return TALLY


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the campaign's figures when any reliability test ran."""
    if not TALLY:
        return
    terminalreporter.section("reliability figures")
    for label, key in FIGURES:
        terminalreporter.write_line(f"{label}: {TALLY.get(key, 0):,}")


@pytest.fixture
def make_app(sandbox_app, tmp_path) -> Callable[..., FusebillApp]:
    """A FusebillApp whose client reaches the test sandbox in-process (``read_only`` and ``api_key`` optional)."""

    def factory(*, read_only: bool = False, api_key: str | None = None) -> FusebillApp:
        sandbox_env = builtin_sandbox(timezone="UTC")
        environment = Environment(name="campaign", base_url=sandbox_env.base_url,
                                  api_key=api_key or sandbox_env.api_key, read_only=read_only, timezone="UTC")

        sleep = ScreenSleep()

        def client_factory(env: Environment) -> FusebillClient:
            return FusebillClient(env.base_url, env.api_key, read_only=env.read_only,
                                  transport=SandboxTransport(sandbox_app), sleep=sleep)

        app = FusebillApp(Config(path=tmp_path / "config.toml"), environment, client_factory=client_factory)
        sleep.app = app
        app.said_while_waiting = sleep.said  # what the screen said while a read waited to be sent again
        return app

    return factory
