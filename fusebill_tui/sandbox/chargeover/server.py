"""Serve the ChargeOver sandbox over a socket with uvicorn."""

from __future__ import annotations

from fusebill_tui.sandbox.chargeover.app import create_chargeover_app
from fusebill_tui.sandbox.chargeover.middleware import BASE_PATH
from fusebill_tui.sandbox.chargeover.settings import ChargeOverSettings
from fusebill_tui.sandbox.core.server import serve_app


def serve(settings: ChargeOverSettings | None = None, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the ChargeOver sandbox at http://host:port/api/v3 until interrupted, printing the URL and keys."""
    s = settings or ChargeOverSettings()
    serve_app(create_chargeover_app(s), host, port, lambda origin: (
        f"ChargeOver sandbox API at {origin}{BASE_PATH} ({s.customers} customers, seed {s.seed})",
        f"Accepted keys: public {s.public_key}, private {s.private_key}"))
