"""Serve the Fusebill sandbox over a socket with uvicorn."""

from __future__ import annotations

from fusebill_tui.sandbox.core.server import serve_app
from fusebill_tui.sandbox.fusebill.app import create_app
from fusebill_tui.sandbox.fusebill.settings import SandboxSettings


def serve(settings: SandboxSettings | None = None, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the sandbox API at http://host:port/v1 until interrupted, printing the URL and the accepted key.

    Port 0 picks a free port; the printed URL names the real one.
    """
    s = settings or SandboxSettings()
    serve_app(create_app(s), host, port, lambda origin: (
        f"Fusebill sandbox API at {origin}/v1 ({s.customers} customers, seed {s.seed})",
        f"Accepted key: Authorization: Basic {s.api_key}"))
