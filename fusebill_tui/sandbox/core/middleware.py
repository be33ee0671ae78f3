"""The ASGI layer every sandbox puts in front of its routes: request log, faults, auth, rate limits.

A vendor's middleware subclasses SandboxMiddleware and fills in what differs: its error body and the
wording of fault errors, how it checks credentials, the path fault filters see, a request it refuses
before auth (``refusal``) and how paths reach its router (``routed``).
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fusebill_tui.core import jsonutil
from fusebill_tui.sandbox.core.faults import Fault
from fusebill_tui.sandbox.core.requestlog import LoggedRequest
from fusebill_tui.sandbox.core.state import SandboxState

#: Set in the scope by SandboxTransport: the app is called in-process, not over a socket.
IN_PROCESS = "fusebill_tui.sandbox.in_process"
HTML_PAGE = (b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>"
             b"<h1>Service Unavailable</h1><p>The gateway returned a maintenance page.</p></body></html>")
HTML = "text/html; charset=utf-8"


class ConnectionDropped(Exception):
    """In-process signal: the connection closed before any response."""


class ConnectionTimedOut(Exception):
    """In-process signal: no (complete) response will ever come."""


class SandboxMiddleware(ABC):
    """Wraps a sandbox's router with everything every request goes through, in this order: the request
    log, latency, a planned fault, ``refusal``, auth, the rate limit, then the route."""

    #: The content type of the error bodies and malformed answers the middleware writes itself.
    content_type = "application/json; charset=utf-8"

    def __init__(self, app: ASGIApp, sandbox: SandboxState[Any]) -> None:
        self.app = app
        self.sandbox = sandbox

    @abstractmethod
    def error_body(self, status: int, message: str) -> object:
        """The vendor's error object for ``status`` with ``message``."""

    @abstractmethod
    def fault_message(self, status: int) -> str:
        """The message of a planned failure given no body of its own."""

    @abstractmethod
    def auth_problem(self, headers: dict[str, str]) -> str | None:
        """None when the request's credentials are accepted, else the message of the 401."""

    def fault_path(self, path: str) -> str:
        """The request path as fault filters match it."""
        return path

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """A (status, message) the request is refused with before auth, or None."""
        return None

    def routed(self, scope: Scope) -> Scope:
        """The scope the router sees."""
        return scope

    def rate_headers(self) -> dict[str, str]:
        """The rate-limit headers every counted answer carries."""
        return self.sandbox.limiter.headers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sb = self.sandbox
        body = await _read_body(receive)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        entry = LoggedRequest(scope["method"], scope.get("path", ""),
                              scope.get("query_string", b"").decode("latin-1"), headers, body)
        sb.request_log.append(entry)
        in_process = bool(scope.get(IN_PROCESS))

        if sb.faults.latency > 0:
            await asyncio.sleep(sb.faults.latency)
        fault = sb.faults.take(entry.method, self.fault_path(entry.path))
        if fault and fault.kind in ("drop", "timeout"):
            await self._lose(fault.kind, in_process, send)
            return
        if fault and fault.kind == "fail":
            await self._send_fault(fault, entry, send)
            return
        refused = self.refusal(scope)
        if refused:
            await self._send_error(send, entry, *refused, {})
            return
        problem = self.auth_problem(headers)
        if problem:
            await self._send_error(send, entry, 401, problem, self.rate_headers())
            return
        over = sb.limiter.take()
        if over:
            message, wait = over
            await self._send_error(send, entry, 429, message, {**self.rate_headers(), "Retry-After": str(wait)})
            return

        scope = self.routed(scope)
        rate_headers = self.rate_headers()
        replay = _replay(body)
        if fault and fault.kind == "malformed":
            await self._malformed(fault, scope, replay, send, entry, rate_headers, in_process)
            return

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), *_encode(rate_headers)]}
            await send(message)

        await self.app(scope, replay, send_logged)

    async def _lose(self, kind: str, in_process: bool, send: Send) -> None:
        """Drop or time out: in-process raise a signal the transport turns into an httpx error."""
        if in_process:
            raise ConnectionDropped() if kind == "drop" else ConnectionTimedOut()
        if kind == "timeout":
            await asyncio.sleep(self.sandbox.settings.stall_seconds)
        # Over a socket: start a response promising a body that never comes, then give up;
        # the server closes the connection mid-response.
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", b"1000"), (b"content-type", b"application/json")]})
        raise ConnectionDropped()

    async def _send_fault(self, fault: Fault, entry: LoggedRequest, send: Send) -> None:
        extra = fault.response_headers(self.rate_headers())
        if fault.body is None:
            payload = jsonutil.dumps(self.error_body(fault.status, self.fault_message(fault.status))).encode()
        elif isinstance(fault.body, bytes):
            payload = fault.body
        elif isinstance(fault.body, str):
            payload = fault.body.encode()
        else:
            payload = jsonutil.dumps(fault.body).encode()
        await _send_raw(send, entry, fault.status, payload, self.content_type, extra)

    async def _send_error(self, send: Send, entry: LoggedRequest, status: int, message: str,
                          headers: dict[str, str]) -> None:
        payload = jsonutil.dumps(self.error_body(status, message)).encode()
        await _send_raw(send, entry, status, payload, self.content_type, headers)

    async def _malformed(self, fault: Fault, scope: Scope, receive: Receive, send: Send, entry: LoggedRequest,
                         rate_headers: dict[str, str], in_process: bool) -> None:
        status, body = await _capture(self.app, scope, receive)
        kind = fault.malformed
        if kind == "html":
            await _send_raw(send, entry, 200, HTML_PAGE, HTML, rate_headers)
            return
        if kind == "stall":  # the body starts, then nothing more arrives
            await self._stall(status, body, send, entry, rate_headers, in_process)
            return
        if kind == "json":
            payload = body[: max(1, len(body) // 2)]
        elif kind in ("null", "empty"):
            payload = b"null" if kind == "null" and status != 204 else b""  # a 204 carries no body at all
        else:  # list
            value = jsonutil.loads(body) if body else None
            payload = jsonutil.dumps({"value": value} if isinstance(value, list) else [value]).encode()
        await _send_raw(send, entry, status, payload, self.content_type, rate_headers)

    async def _stall(self, status: int, body: bytes, send: Send, entry: LoggedRequest,
                     rate_headers: dict[str, str], in_process: bool) -> None:
        entry.status = status
        if in_process:
            raise ConnectionTimedOut()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-length", str(len(body)).encode()),
                                (b"content-type", self.content_type.encode()), *_encode(rate_headers)]})
        await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        await asyncio.sleep(self.sandbox.settings.stall_seconds)
        raise ConnectionDropped()


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # nothing more: wait like a client that keeps the connection
        return {"type": "http.disconnect"}

    return receive


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> tuple[int, bytes]:
    status = 500
    chunks: list[bytes] = []

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def _send_raw(send: Send, entry: LoggedRequest, status: int, payload: bytes, content_type: str,
                    headers: dict[str, str]) -> None:
    entry.status = status
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()),
                            (b"content-length", str(len(payload)).encode()), *_encode(headers)]})
    await send({"type": "http.response.body", "body": payload})
