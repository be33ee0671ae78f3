"""The real app and the real client over SandboxTransport, against a sandbox with an injected round-trip time."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fusebill_tui.config import Config, Environment, builtin_sandbox
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings, create_app
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.vendors.fusebill import FusebillClient

BASE_URL = "https://sandbox.invalid/v1"
#: The terminal the app scenarios run in (columns, rows): a roomy laptop terminal.
SIZE = (120, 40)


def make_sandbox(customers: int, rtt: float, *, per_minute: int = 1000, per_day: int = 180_000) -> Any:
    """A sandbox ASGI app whose every response waits ``rtt`` seconds (the FaultPlan's latency)."""
    return create_app(SandboxSettings(customers=customers, seed=7, api_key=DEFAULT_API_KEY, latency=rtt,
                                      per_minute=per_minute, per_day=per_day))


def open_client(sandbox_app: Any, **options: Any) -> FusebillClient:
    """The real client, reaching the sandbox in-process (not yet entered)."""
    return FusebillClient(BASE_URL, DEFAULT_API_KEY, transport=SandboxTransport(sandbox_app), **options)


def make_app(sandbox_app: Any) -> FusebillApp:
    """The real app on the built-in sandbox environment, with a config in a fresh temporary directory."""
    config = Config(path=Path(tempfile.mkdtemp(prefix="fusebill-bench-")) / "config.toml")

    def client_factory(environment: Environment) -> FusebillClient:
        return open_client(sandbox_app, read_only=environment.read_only)

    return FusebillApp(config, builtin_sandbox(timezone="UTC"), client_factory=client_factory)


class RequestCounter:
    """Counts the requests the sandbox received since the last ``mark``."""

    def __init__(self, sandbox_app: Any) -> None:
        self.log = sandbox_app.state.sandbox.request_log
        self._start = len(self.log)

    def mark(self) -> None:
        """Start counting from now."""
        self._start = len(self.log)

    @property
    def sent(self) -> int:
        """Requests received since the mark."""
        return len(self.log) - self._start

    def paths(self) -> list[str]:
        """``METHOD path`` of each request since the mark."""
        return [f"{entry.method} {entry.path}" for entry in self.log[self._start:]]
