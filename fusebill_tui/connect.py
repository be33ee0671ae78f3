"""Turn an environment into a connected client; the built-in sandboxes run in-process."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fusebill_tui.vendors.chargeover import ChargeOverClient
from fusebill_tui.vendors.fusebill import FusebillClient

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from fusebill_tui.config import Environment


@cache
def builtin_sandbox_app() -> Starlette:
    """The process's one embedded sandbox (shared so switching environments keeps its state)."""
    from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app

    return create_app(SandboxSettings())


@cache
def builtin_chargeover_app() -> Starlette:
    """The process's one embedded ChargeOver sandbox (shared, like the Fusebill one)."""
    from fusebill_tui.sandbox.chargeover import (
        ChargeOverSettings,
        create_chargeover_app,
    )

    return create_chargeover_app(ChargeOverSettings())


def open_client(environment: Environment, **client_options: Any) -> FusebillClient | ChargeOverClient:
    """A client for ``environment`` (not yet entered: use ``async with``); read-only is enforced.

    A ``kind = "chargeover"`` environment gets a ChargeOverClient, any other a FusebillClient.
    """
    transport = None
    chargeover = getattr(environment, "kind", "fusebill") == "chargeover"
    if environment.is_sandbox:
        from fusebill_tui.sandbox.core.transport import SandboxTransport

        transport = SandboxTransport(builtin_chargeover_app() if chargeover else builtin_sandbox_app())
    if chargeover:
        return ChargeOverClient(environment.base_url, environment.public_key, environment.private_key,
                                read_only=environment.read_only, transport=transport, **client_options)
    return FusebillClient(environment.base_url, environment.api_key,
                          read_only=environment.read_only, transport=transport, **client_options)
