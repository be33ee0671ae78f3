"""The ChargeOver client on answers shaped like the ones ChargeOver's own pages and recordings show.

Each payload below follows a public source, named above it; the transport only replays it (the
sandbox cannot send, for instance, a 2015 line without ``item_name``). Where a source quotes a
field, its value is kept as the source has it (``"invoice_id": "2688"`` is a string there).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import parse_qs

import httpx
import pytest

from fusebill_tui.core import jsonutil
from fusebill_tui.core.errors import MalformedResponse
from fusebill_tui.vendors.chargeover import ChargeOverClient
from fusebill_tui.vendors.chargeover.backend import (
    ChargeOverBackend,
    invoice_view,
    note_view,
)
from fusebill_tui.vendors.chargeover.models import ChargeOverInvoice, ChargeOverNote

BASE = "https://example.chargeover.com/api/v3"


def envelope(response) -> dict:
    return {"code": 200, "status": "OK", "message": "", "details": {}, "response": response}


# https://developer.chargeover.com/docs/api/query-for-invoices: "By default, only the overview invoice
# details are returned (i.e. no individual line items)"; its example answers the id as a string.
DOCS_INVOICE_LIST_ITEM = {
    "invoice_id": "2688", "bill_addr1": None, "bill_city": None, "bill_country": None, "bill_email": None,
    "refnumber": "2688", "customer_id": "1", "currency_iso4217": "USD", "invoice_status_name": "Unpaid",
    "invoice_status_str": "open-unpaid", "invoice_status_state": "o", "total": 15.95, "balance": 15.95,
    "is_paid": False, "is_void": False, "is_overdue": False, "date": "2017-11-08", "due_date": "2017-12-08",
    "days_overdue": 0,
}

# plukevdh/chargeover_ruby, test/fixtures/latest_invoice.yml: a real account's GET /invoice?where=... (2015).
RECORDED_INVOICE_LIST_ITEM = {
    "invoice_id": 10070, "currency_id": 1, "terms_id": 3, "token": "c9d21omhg4et", "refnumber": "10070",
    "write_datetime": "2015-04-02 15:06:05", "void_datetime": None, "currency_symbol": "$",
    "currency_iso4217": "USD", "invoice_status_name": "Paid", "invoice_status_str": "closed-paid",
    "invoice_status_state": "c", "subtotal": 99, "total": 99, "taxes": 0, "credits": 0, "payments": 99,
    "sum_base": 99, "sum_usage": 0, "sum_onetime": 0, "is_paid": True, "balance": 0, "is_void": False,
    "due_date": "2015-04-02", "terms_name": "Due on Receipt", "terms_days": 0, "days_overdue": 0,
    "is_overdue": False, "date": "2015-04-02", "delay_datetime": None, "package_id": 631, "customer_id": 39,
}

# https://developer.chargeover.com/docs/api/get-a-specific-invoice (the overview part of its example) with
# the line of plukevdh/chargeover_ruby, test/fixtures/one_invoice.yml (GET /invoice/10000, 2015): a line
# with item_id, tierset_id, descrip null, line_rate and line_quantity, and neither item_name nor line_total.
DOCS_INVOICE = {
    "invoice_id": 98165, "currency_id": 1, "terms_id": 2, "admin_id": 1, "token": "1tslo5m9h51b",
    "refnumber": "98165", "write_datetime": "2019-09-26 10:16:43", "currency_symbol": "$",
    "currency_iso4217": "USD", "admin_name": "ChargeOver Support", "invoice_status_name": "Unpaid",
    "invoice_status_str": "open-unpaid", "invoice_status_state": "o", "subtotal": 100, "total": 100,
    "taxes": 0, "credits": 0, "payments": 35, "writeoffs": 0, "applied": 35, "is_paid": False,
    "paid_date": None, "balance": 65, "is_void": False, "due_date": "2019-12-20", "terms_name": "Net 30",
    "terms_days": 30, "days_overdue": 0, "is_overdue": False, "date": "2019-09-26", "customer_id": 265,
    "line_items": [
        {"invoice_id": 98165, "item_id": 6, "tierset_id": 8, "descrip": None, "line_rate": 100.99,
         "line_quantity": 1, "line_usage": 0, "is_base": True, "is_free": False, "is_setup": False,
         "is_usage": False, "is_recurring": True, "is_taxed": "0", "custom_1": None, "line_item_id": 2561},
    ],
}

# https://developer.chargeover.com/docs/api/querying-for-notes (its example answer).
DOCS_NOTES = [
    {"note_id": 3, "user_id": None, "admin_id": 1, "note_is_pinned": False, "note_datetime": "2024-02-16 07:46:58",
     "note": "Customer agreed to upgrade to PRO plan.", "context_str": "customer", "context_id": 265},
    {"note_id": 4, "user_id": None, "admin_id": 1, "note_is_pinned": False, "note_datetime": "2024-02-16 07:47:14",
     "note": "Customer requested billing date be changed.", "context_str": "customer", "context_id": 265},
]

# chargeover/chargeover_csharp, src/ChargeOver.Wrapper/Models/Note.cs and NoteDetails.cs: a note keyed
# obj_type / obj_id (as chargeover/chargeover_php's docs/example_find_notes.php filters them).
OLDER_NOTE = {"note_id": "17", "user_id": "5", "admin_id": None, "note": "Older shape", "obj_type": "customer",
              "obj_id": "328", "note_datetime": "2014-12-16 09:18:12"}


class Replay:
    """Answers each request from a table of (method, path) -> envelope, recording what was asked."""

    def __init__(self, answers: dict[tuple[str, str], object]) -> None:
        self.answers = answers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = (request.method, request.url.path.removeprefix("/api/v3"))
        if key not in self.answers:
            return httpx.Response(404, json={"code": 404, "status": "Error", "message": "Not found",
                                             "response": False})
        return httpx.Response(200, content=jsonutil.dumps(self.answers[key]).encode(),
                              headers={"content-type": "application/json"})


@pytest.fixture
def replay():
    def make(answers):
        recorder = Replay(answers)
        return recorder, ChargeOverClient(BASE, "public", "private", transport=httpx.MockTransport(recorder))

    return make


async def test_a_documented_invoice_list_has_no_lines_and_string_ids(replay) -> None:
    recorder, client = replay({("GET", "/invoice"): envelope([DOCS_INVOICE_LIST_ITEM, RECORDED_INVOICE_LIST_ITEM])})
    async with client:
        invoices = await client.invoices(39)
    assert [i.invoice_id for i in invoices] == [2688, 10070] and invoices[0].customer_id == 1
    assert all(i.line_items == [] and not i.lines_read for i in invoices)
    views = [invoice_view(i) for i in invoices]
    assert [v.charges_read for v in views] == [False, False]  # the lines are still to be read
    assert views[1].invoice_amount == Decimal("99") and views[1].due_status == "Paid"
    assert views[1].terms == "Due on Receipt"
    assert parse_qs(recorder.requests[0].url.query.decode())["where"] == ["customer_id:EQUALS:39"]


async def test_one_documented_invoice_comes_with_its_lines(replay) -> None:
    recorder, client = replay({("GET", "/invoice/98165"): envelope(DOCS_INVOICE)})
    async with client:
        invoice = await client.invoice("98165")
    assert [r.url.path for r in recorder.requests] == ["/api/v3/invoice/98165"]
    assert invoice.lines_read and invoice.invoice_status_str == "open-unpaid"
    assert (invoice.total, invoice.payments, invoice.balance) == (Decimal(100), Decimal(35), Decimal(65))
    assert invoice.date == date(2019, 9, 26) and invoice.due_date == date(2019, 12, 20)
    line = invoice.line_items[0]
    assert (line.line_item_id, line.item_id, line.tierset_id) == (2561, 6, 8)
    assert line.item_name is None and line.line_total is None  # the recorded line names neither
    view = invoice_view(invoice)
    charge = view.charges[0]
    assert charge.name == "item #6" and charge.description is None
    assert (charge.quantity, charge.unit_price, charge.amount) == (Decimal(1), Decimal("100.99"), Decimal("100.99"))
    assert view.charges_read and view.terms == "Net 30"


async def test_the_backend_reads_a_listed_invoices_lines_with_one_request(replay) -> None:
    listed = {key: value for key, value in DOCS_INVOICE.items() if key != "line_items"}
    recorder, client = replay({("GET", "/invoice"): envelope([listed]),
                               ("GET", "/invoice/98165"): envelope(DOCS_INVOICE)})
    async with client:
        backend = ChargeOverBackend(client)
        page = await backend.invoices(265, 0, 25, count=_count(1))
        overview = page.items[0]
        assert overview.charges == [] and not overview.charges_read
        full = await backend.invoice_detail(overview)
        assert [c.name for c in full.charges] == ["item #6"] and full.charges_read
        assert await backend.invoice_detail(full) is full  # complete already: nothing more is read
    assert [r.url.path for r in recorder.requests] == ["/api/v3/invoice", "/api/v3/invoice/98165"]


def _count(n: int):
    async def count() -> int:
        return n

    return count


async def test_an_invoice_answered_without_lines_is_not_shown_as_having_none(replay) -> None:
    listed = {key: value for key, value in DOCS_INVOICE.items() if key != "line_items"}
    _recorder, client = replay({("GET", "/invoice/98165"): envelope(listed)})
    async with client:
        with pytest.raises(MalformedResponse, match="without its lines"):
            await client.invoice(98165)


async def test_documented_notes_are_read_and_filtered_on_context(replay) -> None:
    recorder, client = replay({("GET", "/note"): envelope(DOCS_NOTES)})
    async with client:
        notes = await client.notes(265)
    assert parse_qs(recorder.requests[0].url.query.decode())["where"] == [
        "context_str:EQUALS:customer,context_id:EQUALS:265"]
    assert [n.note_id for n in notes] == [4, 3]  # newest first
    assert all((n.attached_type, n.attached_id, n.admin_id, n.note_is_pinned) == ("customer", 265, 1, False)
               for n in notes)
    view = note_view(notes[1])
    assert view.user_who_created_note == "Admin #1"
    assert view.created_timestamp == datetime(2024, 2, 16, 7, 46, 58, tzinfo=UTC)


def test_an_older_note_keyed_obj_type_and_obj_id_with_string_ids() -> None:
    note = ChargeOverNote.from_api(OLDER_NOTE)
    assert (note.note_id, note.attached_type, note.attached_id, note.user_id) == (17, "customer", 328, 5)
    assert note.author == "User #5"


@pytest.mark.parametrize("created", [{"id": 12}, {"id": "12"}])
async def test_the_created_notes_id_may_be_a_number_or_a_numeric_string(replay, created) -> None:
    # chargeover/chargeover_php docs/example_create_note.php reads the new note's id as $resp->response->id.
    stored = dict(DOCS_NOTES[0], note_id="12", note="New")
    recorder, client = replay({("POST", "/note"): envelope(created), ("GET", "/note"): envelope([stored])})
    async with client:
        note = await client.add_note(265, "New")
    assert note.note_id == 12 and note.text == "New"
    assert jsonutil.loads(recorder.requests[0].content) == {"context_str": "customer", "context_id": 265,
                                                             "note": "New"}
    assert parse_qs(recorder.requests[1].url.query.decode())["where"] == ["note_id:EQUALS:12"]


def test_every_id_accepts_a_numeric_string() -> None:
    invoice = ChargeOverInvoice.from_api(dict(DOCS_INVOICE, invoice_id="98165", customer_id="265",
                                              line_items=[dict(DOCS_INVOICE["line_items"][0], line_item_id="2561",
                                                               item_id="6", invoice_id="98165")]))
    assert (invoice.invoice_id, invoice.customer_id) == (98165, 265)
    assert (invoice.line_items[0].line_item_id, invoice.line_items[0].item_id) == (2561, 6)


@pytest.mark.parametrize("answer, count", [(7, 7), ("7", 7)])
async def test_a_count_may_come_as_a_number_or_digits(replay, answer, count) -> None:
    # chargeover/chargeover_php docs/example_count_invoices.php prints $resp->response as the count.
    _recorder, client = replay({("GET", "/invoice/_count"): envelope(answer)})
    async with client:
        assert await client.count_invoices(39) == count


@pytest.mark.parametrize("answer", ["seven", -1, True, None, 2.5])
async def test_a_count_that_is_not_a_count_is_malformed(replay, answer) -> None:
    _recorder, client = replay({("GET", "/invoice/_count"): envelope(answer)})
    async with client:
        with pytest.raises(MalformedResponse, match="count"):
            await client.count_invoices(39)
