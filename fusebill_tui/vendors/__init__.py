"""One interface for the TUI over every billing system; no Textual here."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fusebill_tui.config import Environment
    from fusebill_tui.vendors.base import (
        ASCENDING,
        DESCENDING,
        Backend,
        Capabilities,
        CustomerListRequest,
    )

#: Loaded on first use: the config reads ``vendors.registry`` at start-up and needs none of the seam.
_FROM_BASE = frozenset({"ASCENDING", "DESCENDING", "Backend", "Capabilities", "CustomerListRequest"})

__all__ = ["ASCENDING", "DESCENDING", "Backend", "Capabilities", "CustomerListRequest", "backend_for_client",
           "open_backend"]


def backend_for_client(client: Any) -> Backend:
    """The backend that speaks to ``client`` (the vendor named by the client's ``kind``)."""
    import fusebill_tui.vendors.registry as registry

    return registry.vendor(getattr(client, "kind", None)).backend(client)


def open_backend(environment: Environment) -> Backend:
    """Connect to ``environment`` the way the command line does (built-in sandboxes in-process)."""
    from fusebill_tui.connect import open_client

    return backend_for_client(open_client(environment))


def __getattr__(name: str) -> Any:
    if name in _FROM_BASE:
        return getattr(importlib.import_module("fusebill_tui.vendors.base"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
