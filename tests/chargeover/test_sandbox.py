"""The ChargeOver sandbox itself, over raw HTTP: envelope, auth, parameters, notes, dataset and faults."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from fusebill_tui.core import jsonutil
from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app
from fusebill_tui.sandbox.chargeover.dataset import generate
from fusebill_tui.sandbox.core.transport import SandboxTransport
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
    {"context_str": "invoice", "context_id": 1, "note": "x"}, {"context_str": "customer", "context_id": "1", "note": "x"},
    {"context_str": "customer", "context_id": 1, "note": "  "}, {"context_str": "customer", "context_id": 1},
    {"context_str": "customer", "context_id": 999999, "note": "x"}, ["not", "an", "object"],
    {"obj_type": "customer", "obj_id": 1, "note": "x"},  # the older keys: this server takes the current ones
    {"context_str": "customer", "context_id": 1, "obj_id": 1, "note": "x"},
])
async def test_a_bad_note_is_a_400_and_nothing_is_stored(http, co_sandbox, body) -> None:
    before = len(co_sandbox.store.notes)
    response = await http.post("/note", json=body)
    assert response.status_code == 400 and _body(response)["status"] == "Error"
    assert len(co_sandbox.store.notes) == before


async def test_a_new_note_answers_201_with_its_id_and_is_listed(http, co_sandbox) -> None:
    response = await http.post("/note", json={"context_str": "customer", "context_id": 3, "note": "hello"})
    assert response.status_code == 201 and _body(response)["code"] == 201
    note_id = _body(response)["response"]["id"]
    listed = _body(await http.get("/note", params={"where": f"note_id:EQUALS:{note_id}"}))["response"]
    assert listed[0]["note"] == "hello" and listed[0]["note_datetime"] == "2025-06-02 12:00:00"
    assert co_sandbox.request_log[0].json()["note"] == "hello"


#: The fields of a note in ChargeOver's "Querying for notes" example
#: (https://developer.chargeover.com/docs/api/querying-for-notes).
DOCUMENTED_NOTE_FIELDS = {"note_id", "user_id", "admin_id", "note_is_pinned", "note_datetime", "note",
                          "context_str", "context_id"}


async def test_notes_carry_the_documented_fields_and_filter_on_context(http, co_sandbox) -> None:
    cid = co_sandbox.store.notes[0]["context_id"]
    params = {"where": f"context_str:EQUALS:customer,context_id:EQUALS:{cid}"}
    notes = _body(await http.get("/note", params=params))["response"]
    assert notes and all(set(note) == DOCUMENTED_NOTE_FIELDS for note in notes)
    assert {note["context_id"] for note in notes} == {cid}
    refused = await http.get("/note", params={"where": f"obj_type:EQUALS:customer,obj_id:EQUALS:{cid}"})
    assert refused.status_code == 400 and _body(refused)["message"].startswith("Missing or invalid parameter.")


async def test_an_invoice_list_has_no_lines_and_one_invoice_has_them(http, co_sandbox) -> None:
    stored = next(i for i in co_sandbox.store.invoices if len(i["line_items"]) > 1)
    listed = _body(await http.get("/invoice", params={"where": f"customer_id:EQUALS:{stored['customer_id']}"}))
    assert listed["response"] and all("line_items" not in invoice for invoice in listed["response"])
    one = _body(await http.get(f"/invoice/{stored['invoice_id']}"))
    assert one["code"] == 200 and one["response"]["invoice_id"] == stored["invoice_id"]
    assert [line["line_item_id"] for line in one["response"]["line_items"]] == [
        line["line_item_id"] for line in stored["line_items"]]
    for missing in ("99999999", "abc"):
        response = await http.get(f"/invoice/{missing}")
        assert response.status_code == 404 and _body(response)["status"] == "Error"


def _sandbox_with(**settings):
    app = create_chargeover_app(ChargeOverSettings(customers=50, seed=11, **settings))
    return app, httpx.AsyncClient(transport=SandboxTransport(app), base_url=BASE_URL,
                                  auth=(CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY))


async def test_an_older_server_keys_notes_obj_type_and_obj_id_and_refuses_context() -> None:
    app, http = _sandbox_with(legacy_note_keys=True)
    async with http:
        cid = app.state.chargeover.store.notes[0]["context_id"]
        notes = _body(await http.get("/note", params={"where": f"obj_type:EQUALS:customer,obj_id:EQUALS:{cid}"}))
        assert notes["response"] and {(n["obj_type"], n["obj_id"]) for n in notes["response"]} == {("customer", cid)}
        assert all("context_str" not in n and "context_id" not in n for n in notes["response"])
        refused = await http.get("/note", params={"where": f"context_str:EQUALS:customer,context_id:EQUALS:{cid}"})
        assert refused.status_code == 400
        refused = await http.post("/note", json={"context_str": "customer", "context_id": cid, "note": "x"})
        assert refused.status_code == 400
        taken = await http.post("/note", json={"obj_type": "customer", "obj_id": cid, "note": "x"})
        assert taken.status_code == 201


async def test_string_ids_answer_every_id_as_a_numeric_string() -> None:
    app, http = _sandbox_with(string_ids=True)
    async with http:
        store = app.state.chargeover.store
        customer = _body(await http.get("/customer", params={"limit": 1}))["response"][0]
        assert customer["customer_id"] == "1" and customer["currency_id"] == str(store.customers[0]["currency_id"])
        invoice = store.invoices[0]
        one = _body(await http.get(f"/invoice/{invoice['invoice_id']}"))["response"]
        assert one["invoice_id"] == str(invoice["invoice_id"]) and one["customer_id"] == str(invoice["customer_id"])
        assert all(isinstance(line["line_item_id"], str) for line in one["line_items"])
        assert isinstance(one["total"], Decimal)  # money stays a number
        created = _body(await http.post("/note", json={"context_str": "customer", "context_id": 1, "note": "x"}))
        assert created["response"]["id"] == str(store.notes[-1]["note_id"])


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
    # the invoice_status_str values "Query for invoices" lists (open-collections is never generated)
    assert {inv["invoice_status_str"] for inv in data.invoices} == {
        "open-unpaid", "open-overdue", "closed-void", "closed-paid"}
    assert any(line.get("tierset") for inv in data.invoices for line in inv["line_items"])
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
