"""Turn an environment into a connected client; the built-in sandboxes run in-process."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import fusebill_tui.vendors.registry as registry

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from fusebill_tui.config import Environment


def builtin_app(kind: str) -> Starlette | None:
    """The process's one embedded sandbox of ``kind`` (shared so switching environments keeps its state)."""
    return registry.sandbox_app(kind)


def open_client(environment: Environment, **client_options: Any) -> Any:
    """A client for ``environment`` (not yet entered: use ``async with``); read-only is enforced.

    The environment's vendor builds the client; a built-in sandbox is reached in-process.
    """
    transport = None
    app = builtin_app(environment.kind) if environment.is_sandbox else None
    if app is not None:
        from fusebill_tui.sandbox.core.transport import SandboxTransport

        transport = SandboxTransport(app)
    return registry.vendor(environment.kind).client_for(environment, transport, **client_options)
