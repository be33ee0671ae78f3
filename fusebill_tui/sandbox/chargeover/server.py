"""Serve the ChargeOver sandbox over a socket with uvicorn."""

from __future__ import annotations

import socket

import uvicorn

from fusebill_tui.sandbox.chargeover.app import create_chargeover_app
from fusebill_tui.sandbox.chargeover.middleware import BASE_PATH
from fusebill_tui.sandbox.chargeover.settings import ChargeOverSettings


def serve(settings: ChargeOverSettings | None = None, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the ChargeOver sandbox at http://host:port/api/v3 until interrupted, printing the URL and keys."""
    settings = settings or ChargeOverSettings()
    app = create_chargeover_app(settings)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    actual_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"ChargeOver sandbox API at http://{shown_host}:{actual_port}{BASE_PATH} "
          f"({settings.customers} customers, seed {settings.seed})", flush=True)
    print(f"Accepted keys: public {settings.public_key}, private {settings.private_key}", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
