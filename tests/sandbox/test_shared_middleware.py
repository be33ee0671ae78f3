"""The middleware both sandboxes share: the same faults, auth and limits, each in its vendor's error body."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from fusebill_tui.core import jsonutil
from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app
from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings, create_app
from fusebill_tui.sandbox_defaults import (
    CHARGEOVER_PRIVATE_KEY,
    CHARGEOVER_PUBLIC_KEY,
    CHARGEOVER_SANDBOX_BASE_URL,
    SANDBOX_BASE_URL,
)


@dataclass
class Vendor:
    name: str
    app: Starlette
    sandbox: Any
    base_url: str
    headers: dict[str, str]
    path: str  # a GET every sandbox answers 200
    content_type: str

    def client(self, **headers: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=SandboxTransport(self.app), base_url=self.base_url,
                                 headers={**self.headers, **headers})

    def error(self, response: httpx.Response) -> str:
        """The message of the vendor's error body, checked to carry the response's status."""
        data = jsonutil.loads(response.content)
        if self.name == "fusebill":
            assert data["ErrorId"] == 0 and data["HttpStatusCode"] == response.status_code
            return str(data["Errors"][0]["Value"])
        assert (data["code"], data["status"], data["response"]) == (response.status_code, "Error", False)
        return str(data["message"])


def _fusebill() -> Vendor:
    app = create_app(SandboxSettings(customers=50, clock=ManualClock(), per_minute=2))
    return Vendor("fusebill", app, app.state.sandbox, SANDBOX_BASE_URL,
                  {"Authorization": f"Basic {DEFAULT_API_KEY}"}, "/customers", "application/json; charset=utf-8")


def _chargeover() -> Vendor:
    app = create_chargeover_app(ChargeOverSettings(customers=50, clock=ManualClock(), per_minute=2))
    header = "Basic " + base64.b64encode(f"{CHARGEOVER_PUBLIC_KEY}:{CHARGEOVER_PRIVATE_KEY}".encode()).decode()
    return Vendor("chargeover", app, app.state.chargeover, CHARGEOVER_SANDBOX_BASE_URL,
                  {"Authorization": header}, "/customer/_count", "application/json")


@pytest.fixture(params=[_fusebill, _chargeover], ids=["fusebill", "chargeover"])
def vendor(request: pytest.FixtureRequest) -> Vendor:
    return request.param()


def _logged(vendor: Vendor) -> list[tuple[str, str, int | None]]:
    return [(e.method, e.path, e.status) for e in vendor.sandbox.request_log]


@pytest.mark.parametrize("kind, content", [("null", b"null"), ("empty", b"")])
async def test_a_null_or_empty_body_keeps_the_route_status(vendor, kind, content) -> None:
    vendor.sandbox.faults.malformed_next(kind, path=vendor.path)
    async with vendor.client() as client:
        response = await client.get(vendor.path)
    assert (response.status_code, response.content) == (200, content)
    assert response.headers["content-type"] == vendor.content_type
    assert response.headers["X-Rate-Limit-Remaining-Minute"] == "1"  # counted like any answer
    assert _logged(vendor) == [("GET", vendor.base_url.split(".invalid")[1] + vendor.path, 200)]


async def test_a_planned_failure_answers_in_the_vendor_error_body(vendor) -> None:
    vendor.sandbox.faults.fail_next(503, retry_after=7)
    async with vendor.client() as client:
        response = await client.get(vendor.path)
    assert response.status_code == 503 and response.headers["Retry-After"] == "7"
    assert response.headers["content-type"] == vendor.content_type
    expected = {"fusebill": "An error occurred on the server. Please try again later.",
                "chargeover": "An internal error occurred."}
    assert vendor.error(response) == expected[vendor.name]
    assert _logged(vendor)[0][2] == 503


async def test_wrong_credentials_are_refused_and_not_counted(vendor) -> None:
    async with vendor.client(Authorization="Basic bm9wZTpub3Bl") as client:
        refused = await client.get(vendor.path)
    assert refused.status_code == 401 and refused.headers["content-type"] == vendor.content_type
    assert vendor.error(refused)
    assert refused.headers["X-Rate-Limit-Remaining-Minute"] == "2"
    async with vendor.client() as client:
        first, second, over = [await client.get(vendor.path) for _ in range(3)]
    assert (first.status_code, second.status_code, over.status_code) == (200, 200, 429)
    assert "2 requests per minute" in vendor.error(over) and int(over.headers["Retry-After"]) >= 1
    assert [status for *_, status in _logged(vendor)] == [401, 200, 200, 429]


async def test_a_drop_and_a_stall_surface_as_network_errors(vendor) -> None:
    vendor.sandbox.faults.drop_next(path=vendor.path)
    vendor.sandbox.faults.malformed_next("stall", path=vendor.path)
    async with vendor.client() as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(vendor.path)
        with pytest.raises(httpx.ReadTimeout):
            await client.get(vendor.path)
    assert [status for *_, status in _logged(vendor)] == [None, 200]
