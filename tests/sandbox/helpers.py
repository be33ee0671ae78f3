"""Helpers for sandbox tests: an authenticated client over the in-process transport."""

from __future__ import annotations

import httpx

from fusebill_tui.core import jsonutil
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY

BASE_URL = "https://sandbox.invalid/v1"
AUTH = {"Authorization": f"Basic {DEFAULT_API_KEY}"}


def client_for(transport: httpx.AsyncBaseTransport, **headers: str) -> httpx.AsyncClient:
    """An httpx client sending the default key to the sandbox."""
    return httpx.AsyncClient(transport=transport, base_url=BASE_URL, headers={**AUTH, **headers})


def body(response: httpx.Response):
    """The response JSON with exact decimals."""
    return jsonutil.loads(response.content)


def error_message(response: httpx.Response) -> str:
    """The first error value of a documented error body."""
    data = body(response)
    assert data["ErrorId"] == 0 and data["HttpStatusCode"] == response.status_code
    return data["Errors"][0]["Value"]


def as_json(value) -> dict:
    """Request kwargs sending ``value`` as JSON with exact decimals."""
    return {"content": jsonutil.dumps(value).encode(), "headers": {"Content-Type": "application/json"}}
