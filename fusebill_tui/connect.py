"""Turn an environment into a connected client; the built-in sandbox runs in-process."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fusebill_tui.api import FusebillClient

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from fusebill_tui.config import Environment


@cache
def builtin_sandbox_app() -> Starlette:
    """The process's one embedded sandbox (shared so switching environments keeps its state)."""
    from fusebill_tui.sandbox import SandboxSettings, create_app

    return create_app(SandboxSettings())


def open_client(environment: Environment, **client_options: Any) -> FusebillClient:
    """A client for ``environment`` (not yet entered: use ``async with``); read-only is enforced."""
    transport = None
    if environment.is_sandbox:
        from fusebill_tui.sandbox.transport import SandboxTransport

        transport = SandboxTransport(builtin_sandbox_app())
    return FusebillClient(environment.base_url, environment.api_key,
                          read_only=environment.read_only, transport=transport, **client_options)
