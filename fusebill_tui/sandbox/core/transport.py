"""SandboxTransport: a sandbox in-process, with faults surfacing as real httpx network errors."""

from __future__ import annotations

from typing import Any

import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from fusebill_tui.sandbox.core.middleware import IN_PROCESS, ConnectionDropped, ConnectionTimedOut


class SandboxTransport(httpx.ASGITransport):
    """An httpx transport calling the sandbox app directly (no socket)."""

    def __init__(self, app: ASGIApp, **kwargs: Any) -> None:
        async def in_process(scope: Scope, receive: Receive, send: Send) -> None:
            await app({**scope, IN_PROCESS: True}, receive, send)

        super().__init__(app=in_process, **kwargs)
        self.sandbox_app = app

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request to the app; a dropped or stalled connection raises like a network would."""
        trace = request.extensions.get("trace")
        if trace is not None:  # httpcore's trace extension, honoured as a pool would: handed over is written
            await trace("sandbox.send_request_body.complete", {"request": request})
        try:
            return await super().handle_async_request(request)
        except ConnectionDropped:
            message = "Server disconnected without sending a response."
            raise httpx.RemoteProtocolError(message, request=request) from None
        except ConnectionTimedOut:
            raise httpx.ReadTimeout("The read operation timed out.", request=request) from None
