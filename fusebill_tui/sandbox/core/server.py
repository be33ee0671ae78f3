"""Serve a sandbox app over a socket with uvicorn."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable

import uvicorn
from starlette.types import ASGIApp


def serve_app(app: ASGIApp, host: str, port: int, banner: Callable[[str], Iterable[str]]) -> None:
    """Run ``app`` at http://host:port until interrupted, first printing ``banner(origin)``.

    Port 0 picks a free port; the origin passed to ``banner`` names the real one.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    actual_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if family == socket.AF_INET6 else host
    for line in banner(f"http://{shown_host}:{actual_port}"):
        print(line, flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
