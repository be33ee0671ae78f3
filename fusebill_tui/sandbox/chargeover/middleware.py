"""The ASGI layer in front of the ChargeOver routes: request log, faults, HTTP Basic auth and rate limits.

It shares the Fusebill sandbox's fault plan, request log, rate limiter (the same ``X-Rate-Limit-*``
headers, a 429 with ``Retry-After``, here in the envelope) and in-process signals, so
``SandboxTransport`` turns a dropped or stalled connection into the same httpx errors.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from typing import TYPE_CHECKING, Any

from fusebill_tui import jsonutil

from ..faults import Fault
from ..middleware import (
    HTML_PAGE,
    IN_PROCESS,
    ConnectionDropped,
    ConnectionTimedOut,
    _capture,
    _encode,
    _read_body,
    _replay,
    _send_raw,
)
from ..requestlog import LoggedRequest
from .envelope import BAD_AUTH, error_envelope

if TYPE_CHECKING:
    from .app import ChargeOverSandbox

BASE_PATH = "/api/v3"
JSON = "application/json"


def fault_path(path: str) -> str:
    """A request path as fault filters see it: without ``/api/v3`` (``/customer/_count``)."""
    lowered = path.lower()
    return path[len(BASE_PATH):] or "/" if lowered.startswith(BASE_PATH) else path


def credentials(header: str | None) -> tuple[str, str] | None:
    """The (user, password) of an ``Authorization: Basic`` header, or None when it has none readable."""
    if not header:
        return None
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None


class ChargeOverMiddleware:
    """Wraps the router: every request is logged, may meet a planned fault, must carry the key pair and is counted."""

    def __init__(self, app: Any, sandbox: ChargeOverSandbox) -> None:
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
        fault = sb.faults.take(entry.method, fault_path(entry.path))
        if fault and fault.kind in ("drop", "timeout"):
            await self._lose(fault.kind, in_process, send)
            return
        if fault and fault.kind == "fail":
            extra = fault.response_headers(sb.limiter.headers())
            await _send_raw(send, entry, fault.status, _fault_body(fault), JSON, extra)
            return
        if credentials(headers.get("authorization")) != (sb.settings.public_key, sb.settings.private_key):
            await _send_json(send, entry, 401, error_envelope(401, BAD_AUTH), sb.limiter.headers())
            return
        # The same limits and headers as the Fusebill sandbox (unauthenticated requests are not counted).
        over = sb.limiter.take()
        if over:
            message, wait = over
            await _send_json(send, entry, 429, error_envelope(429, message),
                             {**sb.limiter.headers(), "Retry-After": str(wait)})
            return
        rate_headers = sb.limiter.headers()
        replay = _replay(body)
        if fault and fault.kind == "malformed":
            await self._malformed(fault, scope, replay, send, entry, in_process, rate_headers)
            return

        async def send_logged(message: dict) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), *_encode(rate_headers)]}
            await send(message)

        await self.app(scope, replay, send_logged)

    async def _lose(self, kind: str, in_process: bool, send: Any) -> None:
        if in_process:
            raise ConnectionDropped() if kind == "drop" else ConnectionTimedOut()
        if kind == "timeout":
            await asyncio.sleep(self.sandbox.settings.stall_seconds)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", b"1000"), (b"content-type", JSON.encode())]})
        raise ConnectionDropped()

    async def _malformed(self, fault: Fault, scope: dict, receive: Any, send: Any, entry: LoggedRequest,
                         in_process: bool, rate_headers: dict[str, str]) -> None:
        status, body = await _capture(self.app, scope, receive)
        kind = fault.malformed
        if kind == "html":
            await _send_raw(send, entry, 200, HTML_PAGE, "text/html; charset=utf-8", rate_headers)
        elif kind == "json":
            await _send_raw(send, entry, status, body[: max(1, len(body) // 2)], JSON, rate_headers)
        elif kind == "list":
            value = jsonutil.loads(body) if body else None
            wrapped = {"value": value} if isinstance(value, list) else [value]
            await _send_raw(send, entry, status, jsonutil.dumps(wrapped).encode(), JSON, rate_headers)
        else:  # stall
            entry.status = status
            if in_process:
                raise ConnectionTimedOut()
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-length", str(len(body)).encode()), (b"content-type", JSON.encode()),
                                    *_encode(rate_headers)]})
            await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
            await asyncio.sleep(self.sandbox.settings.stall_seconds)
            raise ConnectionDropped()


def _fault_body(fault: Fault) -> bytes:
    if fault.body is None:
        message = "Rate limit exceeded." if fault.status == 429 else (
            "An internal error occurred." if fault.status >= 500 else f"The request failed ({fault.status}).")
        return jsonutil.dumps(error_envelope(fault.status, message)).encode()
    if isinstance(fault.body, bytes):
        return fault.body
    if isinstance(fault.body, str):
        return fault.body.encode()
    return jsonutil.dumps(fault.body).encode()


async def _send_json(send: Any, entry: LoggedRequest, status: int, payload: Any,
                     headers: dict[str, str] | None = None) -> None:
    await _send_raw(send, entry, status, jsonutil.dumps(payload).encode(), JSON, headers or {})
