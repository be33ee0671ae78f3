"""The ASGI layer in front of the routes: log, faults, URL length, auth, rate limits, case-insensitive paths."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from fusebill_tui import jsonutil

from .errors import error_body
from .faults import Fault
from .requestlog import LoggedRequest

if TYPE_CHECKING:
    from .app import Sandbox

IN_PROCESS = "fusebill_sandbox.in_process"
# IIS, which serves the Fusebill API, refuses a query string longer than 2,048 bytes by default
# (requestFiltering maxQueryString) before the application sees the request; the sandbox answers such
# a request 414 URI Too Long with the documented error body, so clients can be tested against it.
MAX_QUERY_STRING_BYTES = 2048
HTML_PAGE = b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The gateway returned a maintenance page.</p></body></html>"


class ConnectionDropped(Exception):
    """In-process signal: the connection closed before any response."""


class ConnectionTimedOut(Exception):
    """In-process signal: no (complete) response will ever come."""


class SandboxMiddleware:
    """Wraps the Starlette router with everything every request goes through."""

    def __init__(self, app: Any, sandbox: "Sandbox") -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
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
        fault = sb.faults.take(entry.method, entry.path)
        if fault and fault.kind in ("drop", "timeout"):
            await self._lose(fault.kind, in_process, send)
            return
        if fault and fault.kind == "fail":
            await self._send_fault(fault, entry, send)
            return

        if len(scope.get("query_string", b"")) > MAX_QUERY_STRING_BYTES:
            await _send_error(send, entry, 414, "The request URL is too long: its query string is over "
                              f"{MAX_QUERY_STRING_BYTES:,} bytes.", {})
            return

        problem = sb.check_auth(headers.get("authorization"))
        if problem:
            await _send_error(send, entry, 401, problem, sb.limiter.headers())
            return
        over = sb.limiter.take()
        if over:
            message, wait = over
            extra = {**sb.limiter.headers(), "Retry-After": str(wait)}
            await _send_error(send, entry, 429, message, extra)
            return

        scope = dict(scope)
        path = scope.get("path", "/")
        path = path.rstrip("/") or "/"
        scope["path"] = path.lower()
        scope["raw_path"] = scope["path"].encode("utf-8")

        rate_headers = sb.limiter.headers()
        replay = _replay(body)
        if fault and fault.kind == "malformed":
            await self._malformed(fault, scope, replay, send, entry, rate_headers, in_process)
            return

        async def send_logged(message: dict) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + _encode(rate_headers)
            await send(message)

        await self.app(scope, replay, send_logged)

    async def _lose(self, kind: str, in_process: bool, send: Any) -> None:
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

    async def _send_fault(self, fault: Fault, entry: LoggedRequest, send: Any) -> None:
        extra = fault.response_headers(self.sandbox.limiter.headers())
        if fault.body is None:
            message = _status_message(fault.status)
            payload = jsonutil.dumps(error_body(fault.status, message)).encode()
        elif isinstance(fault.body, bytes):
            payload = fault.body
        elif isinstance(fault.body, str):
            payload = fault.body.encode()
        else:
            payload = jsonutil.dumps(fault.body).encode()
        await _send_raw(send, entry, fault.status, payload, "application/json; charset=utf-8", extra)

    async def _malformed(self, fault: Fault, scope: dict, receive: Any, send: Any, entry: LoggedRequest,
                         rate_headers: dict[str, str], in_process: bool) -> None:
        status, body = await _capture(self.app, scope, receive)
        kind = fault.malformed
        if kind == "html":
            await _send_raw(send, entry, 200, HTML_PAGE, "text/html; charset=utf-8", rate_headers)
        elif kind == "json":
            await _send_raw(send, entry, status, body[: max(1, len(body) // 2)], "application/json; charset=utf-8",
                            rate_headers)
        elif kind in ("null", "empty"):
            payload = b"null" if kind == "null" and status != 204 else b""  # a 204 carries no body at all
            await _send_raw(send, entry, status, payload, "application/json; charset=utf-8", rate_headers)
        elif kind == "list":
            value = jsonutil.loads(body) if body else None
            wrapped = {"value": value} if isinstance(value, list) else [value]
            await _send_raw(send, entry, status, jsonutil.dumps(wrapped).encode(), "application/json; charset=utf-8",
                            rate_headers)
        else:  # stall: the body starts, then nothing more arrives
            entry.status = status
            if in_process:
                raise ConnectionTimedOut()
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-length", str(len(body)).encode()),
                                    (b"content-type", b"application/json; charset=utf-8")] + _encode(rate_headers)})
            await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
            await asyncio.sleep(self.sandbox.settings.stall_seconds)
            raise ConnectionDropped()


def _status_message(status: int) -> str:
    if status == 429:
        return "API rate limit exceeded."
    if status >= 500:
        return "An error occurred on the server. Please try again later."
    return f"The request failed with status {status}."


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


async def _read_body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Any:
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # nothing more: wait like a client that keeps the connection
        return {"type": "http.disconnect"}

    return receive


async def _capture(app: Any, scope: dict, receive: Any) -> tuple[int, bytes]:
    status = 500
    chunks: list[bytes] = []

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def _send_raw(send: Any, entry: LoggedRequest, status: int, payload: bytes, content_type: str,
                    headers: dict[str, str]) -> None:
    entry.status = status
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()),
                            (b"content-length", str(len(payload)).encode())] + _encode(headers)})
    await send({"type": "http.response.body", "body": payload})


async def _send_error(send: Any, entry: LoggedRequest, status: int, message: str, headers: dict[str, str]) -> None:
    payload = jsonutil.dumps(error_body(status, message)).encode()
    await _send_raw(send, entry, status, payload, "application/json; charset=utf-8", headers)
