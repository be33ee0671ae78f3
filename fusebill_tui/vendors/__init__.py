"""One interface for the TUI over every billing system; no Textual here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fusebill_tui.vendors.base import (
    ASCENDING,
    DESCENDING,
    Backend,
    Capabilities,
    CustomerListRequest,
)

if TYPE_CHECKING:
    from fusebill_tui.config import Environment

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
