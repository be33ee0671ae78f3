"""Notes on servers that spell their keys differently, ids sent as strings, and a note POST that names no id.

ChargeOver's "Querying for notes" page (https://developer.chargeover.com/docs/api/querying-for-notes)
keys a note ``context_str`` / ``context_id``; its older PHP example (chargeover/chargeover_php,
docs/example_find_notes.php and docs/example_create_note.php) uses ``obj_type`` / ``obj_id``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from fusebill_tui.core.errors import (
    MAY_HAVE_BEEN_DONE,
    BadRequest,
    MalformedResponse,
    NetworkError,
    ServerError,
)
from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app
from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox_defaults import CHARGEOVER_PRIVATE_KEY, CHARGEOVER_PUBLIC_KEY
from fusebill_tui.vendors.chargeover import ChargeOverClient

from .conftest import BASE_URL, sent_params


def _sandbox(**settings):
    app = create_chargeover_app(ChargeOverSettings(customers=60, seed=11, clock=ManualClock(), **settings))
    return app.state.chargeover, SandboxTransport(app)


async def _no_sleep(_seconds: float) -> None:
    return None


def _client(transport) -> ChargeOverClient:
    return ChargeOverClient(BASE_URL, CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY, transport=transport,
                            sleep=_no_sleep)


def _note_requests(sandbox) -> list[tuple[str, str, int | None]]:
    """(method, what identified the customer, status) of every request to ``/note``."""
    out = []
    for entry in sandbox.request_log:
        if urlsplit(entry.path).path.endswith("/note"):
            keys = sent_params(entry).get("where", "") if entry.method == "GET" else ",".join(sorted(entry.json()))
            out.append((entry.method, keys, entry.status))
    return out


def _customer_with_notes(sandbox) -> int:
    return sandbox.store.notes[0]["context_id"]


async def test_an_older_server_is_asked_once_with_context_then_with_obj_and_remembered() -> None:
    sandbox, transport = _sandbox(legacy_note_keys=True)
    cid = _customer_with_notes(sandbox)
    async with _client(transport) as client:
        notes = await client.notes(cid)
        assert notes and all(note.attached_id == cid and note.obj_id == cid for note in notes)
        assert _note_requests(sandbox) == [
            ("GET", f"context_str:EQUALS:customer,context_id:EQUALS:{cid}", 400),  # refused
            ("GET", f"obj_type:EQUALS:customer,obj_id:EQUALS:{cid}", 200),  # the one retry
        ]
        sandbox.request_log.clear()
        note = await client.add_note(cid, "Straight to obj_*")
        assert note.attached_id == cid and note.text == "Straight to obj_*"
        assert _note_requests(sandbox)[0] == ("POST", "note,obj_id,obj_type", 201)  # no context_* first
        sandbox.request_log.clear()
        await client.notes(cid)
        assert _note_requests(sandbox) == [("GET", f"obj_type:EQUALS:customer,obj_id:EQUALS:{cid}", 200)]


async def test_a_refused_post_is_sent_once_more_with_the_other_keys() -> None:
    sandbox, transport = _sandbox(legacy_note_keys=True)
    cid = _customer_with_notes(sandbox)
    async with _client(transport) as client:
        note = await client.add_note(cid, "Called about the renewal")
        posts = [entry for entry in sandbox.request_log if entry.method == "POST"]
        assert [(entry.json(), entry.status) for entry in posts] == [
            ({"context_str": "customer", "context_id": cid, "note": "Called about the renewal"}, 400),
            ({"obj_type": "customer", "obj_id": cid, "note": "Called about the renewal"}, 201),
        ]
        stored = [n for n in sandbox.store.notes if n["note"] == "Called about the renewal"]
        assert len(stored) == 1 and note.note_id == stored[0]["note_id"]
        sandbox.request_log.clear()
        await client.notes(cid)  # learnt from the POST: the list goes straight to obj_*
        assert _note_requests(sandbox) == [("GET", f"obj_type:EQUALS:customer,obj_id:EQUALS:{cid}", 200)]


async def test_the_current_server_is_never_asked_twice() -> None:
    sandbox, transport = _sandbox()
    cid = _customer_with_notes(sandbox)
    async with _client(transport) as client:
        await client.notes(cid)
        await client.add_note(cid, "One request")
    assert [(method, status) for method, _keys, status in _note_requests(sandbox)] == [
        ("GET", 200), ("POST", 201), ("GET", 200)]  # the list, the note, its read-back


@pytest.mark.parametrize("fault", ["drop", "503"])
async def test_a_post_that_met_a_network_error_or_a_5xx_is_never_repeated(fault) -> None:
    sandbox, transport = _sandbox(legacy_note_keys=True)
    if fault == "drop":
        sandbox.faults.drop_next(method="POST", path="/note")
    else:
        sandbox.faults.fail_next(503, method="POST", path="/note")
    async with _client(transport) as client:
        with pytest.raises(NetworkError if fault == "drop" else ServerError):
            await client.add_note(1, "Sent once")
    assert len([entry for entry in sandbox.request_log if entry.method == "POST"]) == 1


async def test_a_note_neither_spelling_takes_answers_the_first_refusal() -> None:
    sandbox, transport = _sandbox()
    async with _client(transport) as client:
        with pytest.raises(BadRequest, match="there is no customer 99999"):
            await client.add_note(99999, "Nobody")
        assert [entry.status for entry in sandbox.request_log] == [400, 400]
        sandbox.request_log.clear()
        await client.notes(1)  # nothing was learnt: the current keys first again
    assert sent_params(sandbox.request_log[0])["where"].startswith("context_str:")


async def test_ids_sent_as_strings_are_read_everywhere() -> None:
    sandbox, transport = _sandbox(string_ids=True)
    stored = next(i for i in sandbox.store.invoices if i["customer_id"] == _customer_with_notes(sandbox))
    cid = stored["customer_id"]
    async with _client(transport) as client:
        customer = await client.customer(cid)
        assert customer.customer_id == cid and customer.currency_id == sandbox.store.customers_by_id[cid]["currency_id"]
        listed = await client.customers(limit=3)
        assert [c.customer_id for c in listed] == [1, 2, 3]
        invoices = await client.invoices(cid)
        assert stored["invoice_id"] in [i.invoice_id for i in invoices]
        invoice = await client.invoice(stored["invoice_id"])
        assert invoice.invoice_id == stored["invoice_id"] and invoice.customer_id == cid
        assert [line.line_item_id for line in invoice.line_items] == [
            line["line_item_id"] for line in stored["line_items"]]
        notes = await client.notes(cid)
        assert notes and all(isinstance(n.note_id, int) and n.attached_id == cid for n in notes)
        note = await client.add_note(cid, "Id as text")
    assert note.note_id == sandbox.store.notes[-1]["note_id"]
    read_back = sent_params(sandbox.request_log[-1])["where"]
    assert read_back == f"note_id:EQUALS:{note.note_id}"  # the created id ("10000001") read as a number


@pytest.mark.parametrize("answer", ["null", "no-id"])
async def test_a_2xx_naming_no_note_finds_the_note_in_the_list(answer) -> None:
    sandbox, transport = _sandbox(created_note_answer=answer)
    cid = _customer_with_notes(sandbox)
    async with _client(transport) as client:
        note = await client.add_note(cid, "Answered without an id")
    stored = sandbox.store.notes[-1]
    assert note.note_id == stored["note_id"] and note.text == "Answered without an id"
    last = sandbox.request_log[-1]
    assert last.method == "GET" and sent_params(last)["where"] == (
        f"context_str:EQUALS:customer,context_id:EQUALS:{cid}")  # the notes list was read again
    assert len([entry for entry in sandbox.request_log if entry.method == "POST"]) == 1


async def test_a_2xx_naming_no_note_not_found_in_the_list_may_have_added_it() -> None:
    sandbox, transport = _sandbox(created_note_answer="null")
    sandbox.faults.fail_next(201, method="POST", path="/note", body="null")  # answered, never stored
    async with _client(transport) as client:
        with pytest.raises(MalformedResponse) as info:
            await client.add_note(3, "Never stored")
    message = info.value.user_message
    assert "the customer's notes do not show it yet" in message and message.endswith(MAY_HAVE_BEEN_DONE)
    assert [entry.method for entry in sandbox.request_log] == ["POST", "GET"]


async def test_a_2xx_naming_no_note_whose_list_cannot_be_read_may_have_added_it() -> None:
    sandbox, transport = _sandbox(created_note_answer="null")
    cid = _customer_with_notes(sandbox)
    sandbox.faults.fail_next(503, count=20, method="GET", path="/note")  # the list cannot be read back
    async with _client(transport) as client:
        with pytest.raises(MalformedResponse) as info:
            await client.add_note(cid, "Maybe added")
    message = info.value.user_message
    assert message.startswith("The server accepted the note but did not say which note it made")
    assert "could not be read to look for it" in message and message.endswith(MAY_HAVE_BEEN_DONE)
    assert "fail" not in message.lower()
    assert len([entry for entry in sandbox.request_log if entry.method == "POST"]) == 1
