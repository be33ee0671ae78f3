"""Serve the sandbox over a socket with uvicorn."""

from __future__ import annotations

import uvicorn

from .app import create_app
from .settings import SandboxSettings


def serve(settings: SandboxSettings | None = None, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the sandbox API at http://host:port/v1 until interrupted, printing the URL and the accepted key."""
    settings = settings or SandboxSettings()
    app = create_app(settings)
    print(f"Fusebill sandbox API at http://{host}:{port}/v1 ({settings.customers} customers, seed {settings.seed})")
    print(f"Accepted key: Authorization: Basic {settings.api_key}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
