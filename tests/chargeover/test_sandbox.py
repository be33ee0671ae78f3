"""The ChargeOver sandbox itself, over raw HTTP: envelope, auth, parameters, notes, dataset and faults."""

from __future__ import annotations

import httpx
import pytest

from fusebill_tui import jsonutil
from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app
from fusebill_tui.sandbox.chargeover.dataset import generate
from fusebill_tui.sandbox.transport import SandboxTransport
from fusebill_tui.sandbox_defaults import CHARGEOVER_PRIVATE_KEY, CHARGEOVER_PUBLIC_KEY

from .conftest import BASE_URL


@pytest.fixture
async def http(co_transport):
    """A bare httpx client with the sandbox's key pair."""
    async with httpx.AsyncClient(transport=co_transport, base_url=BASE_URL,
                                 auth=(CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY)) as client:
        yield client


def _body(response: httpx.Response):
    return jsonutil.loads(response.content)


async def test_answers_come_in_the_envelope(http) -> None:
    body = _body(await http.get("/customer/_count"))
    assert (body["code"], body["status"], body["message"], body["response"]) == (200, "OK", "", 400)


@pytest.mark.parametrize("auth", [None, ("a", "b"), (CHARGEOVER_PUBLIC_KEY, "wrong"), (CHARGEOVER_PRIVATE_KEY, CHARGEOVER_PUBLIC_KEY)])
async def test_every_request_needs_the_key_pair(co_transport, co_sandbox, auth) -> None:
    async with httpx.AsyncClient(transport=co_transport, base_url=BASE_URL, auth=auth) as client:
        response = await client.get("/customer")
    body = _body(response)
    assert response.status_code == 401 == body["code"] and body["status"] == "Error"
    assert body["message"].startswith("Invalid or incorrect authorization")
    assert co_sandbox.request_log[-1].status == 401


async def test_a_header_that_is_not_basic_base64_is_refused(co_transport) -> None:
    async with httpx.AsyncClient(transport=co_transport, base_url=BASE_URL) as client:
        for header in ("Basic !!!", "Bearer x", f"Basic {CHARGEOVER_PUBLIC_KEY}"):
            assert (await client.get("/customer", headers={"Authorization": header})).status_code == 401


async def test_limit_defaults_to_10_and_is_capped_at_500(http) -> None:
    assert len(_body(await http.get("/customer"))["response"]) == 10
    assert len(_body(await http.get("/customer", params={"limit": 1000}))["response"]) == 400
    assert len(_body(await http.get("/customer", params={"offset": 395, "limit": 20}))["response"]) == 5


@pytest.mark.parametrize("params", [{"offset": "x"}, {"limit": "-1"}, {"order": "nope:ASC"},
                                    {"order": "company:SIDEWAYS"}, {"where": "company:LIKE:x"},
                                    {"where": "company"}, {"where": "customer_id:GT:abc"}])
async def test_bad_parameters_are_400_envelopes(http, params) -> None:
    response = await http.get("/customer", params=params)
    body = _body(response)
    assert response.status_code == 400 == body["code"] and body["status"] == "Error"
    assert body["message"].startswith("Missing or invalid parameter.")


async def test_unknown_ids_paths_and_methods(http) -> None:
    assert _body(await http.get("/customer/123456"))["code"] == 404
    assert _body(await http.get("/nothing-here"))["code"] == 404
    assert _body(await http.delete("/customer/1"))["code"] == 405


@pytest.mark.parametrize("body", [
    {"obj_type": "invoice", "obj_id": 1, "note": "x"}, {"obj_type": "customer", "obj_id": "1", "note": "x"},
    {"obj_type": "customer", "obj_id": 1, "note": "  "}, {"obj_type": "customer", "obj_id": 1},
    {"obj_type": "customer", "obj_id": 999999, "note": "x"}, ["not", "an", "object"],
])
async def test_a_bad_note_is_a_400_and_nothing_is_stored(http, co_sandbox, body) -> None:
    before = len(co_sandbox.store.notes)
    response = await http.post("/note", json=body)
    assert response.status_code == 400 and _body(response)["status"] == "Error"
    assert len(co_sandbox.store.notes) == before


async def test_a_new_note_answers_201_with_its_id_and_is_listed(http, co_sandbox) -> None:
    response = await http.post("/note", json={"obj_type": "customer", "obj_id": 3, "note": "hello"})
    assert response.status_code == 201 and _body(response)["code"] == 201
    note_id = _body(response)["response"]["id"]
    listed = _body(await http.get("/note", params={"where": f"note_id:EQUALS:{note_id}"}))["response"]
    assert listed[0]["note"] == "hello" and listed[0]["note_datetime"] == "2025-06-02 12:00:00"
    assert co_sandbox.request_log[0].json()["note"] == "hello"


async def test_faults_match_paths_without_the_api_prefix(http, co_sandbox) -> None:
    co_sandbox.faults.fail_next(503, path="/customer/_count")
    assert (await http.get("/customer")).status_code == 200
    response = await http.get("/customer/_count")
    assert response.status_code == 503 and _body(response)["status"] == "Error"


def test_the_dataset_is_deterministic_and_varied() -> None:
    data = generate(3000, 11)
    assert generate(3000, 11) is data
    again = create_chargeover_app(ChargeOverSettings(customers=3000, seed=11)).state.chargeover.store
    assert [c["company"] for c in again.customers] == [c["company"] for c in data.customers]
    other = generate(50, 12)
    assert [c["company"] for c in other.customers[:20]] != [c["company"] for c in data.customers[:20]]
    statuses = {c["customer_status_str"] for c in data.customers}
    assert {"active-current", "active-overdue", "inactive-manual", "inactive-activity"} <= statuses
    assert "paused-trial" in statuses  # a status the documentation does not list
    assert len({c["currency_iso4217"] for c in data.customers}) >= 4
    assert any(c["bill_state"] is None for c in data.customers) and any(c["bill_state"] for c in data.customers)
    assert all(inv["line_items"] for inv in data.invoices) and len(data.notes) > 1000
    for customer in data.customers[:200]:
        assert customer["paid"] == customer["total"] - customer["balance"]
    by_customer: dict[int, list[dict]] = {}
    for invoice in data.invoices:
        by_customer.setdefault(invoice["customer_id"], []).append(invoice)
    for invoices in by_customer.values():  # numbered upwards with their dates: a higher id is newer
        by_id = sorted(invoices, key=lambda i: i["invoice_id"])
        assert [i["date"] for i in by_id] == sorted(i["date"] for i in invoices)
        assert [i["invoice_id"] % 100 for i in by_id] == list(range(1, len(invoices) + 1))
    companies = {c["company"] for c in data.customers}
    assert {"a,b", "ACME [EU]", "株式会社サンプル", "Rocket 🚀 Co."} <= companies


async def test_served_over_the_in_process_transport_like_the_fusebill_one() -> None:
    app = create_chargeover_app(ChargeOverSettings(customers=20))
    assert isinstance(SandboxTransport(app), httpx.AsyncBaseTransport)
    assert len(app.state.chargeover.store.customers) == 20
