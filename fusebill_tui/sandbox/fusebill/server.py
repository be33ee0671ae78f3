"""Serve the sandbox over a socket with uvicorn."""

from __future__ import annotations

import socket

import uvicorn

from fusebill_tui.sandbox.fusebill.app import create_app
from fusebill_tui.sandbox.fusebill.settings import SandboxSettings


def serve(settings: SandboxSettings | None = None, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the sandbox API at http://host:port/v1 until interrupted, printing the URL and the accepted key.

    Port 0 picks a free port; the printed URL names the real one.
    """
    settings = settings or SandboxSettings()
    app = create_app(settings)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    actual_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"Fusebill sandbox API at http://{shown_host}:{actual_port}/v1 "
          f"({settings.customers} customers, seed {settings.seed})", flush=True)
    print(f"Accepted key: Authorization: Basic {settings.api_key}", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
