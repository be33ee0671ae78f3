"""The ChargeOver endpoints: customers, invoices and notes under ``/api/v3``.

As ChargeOver documents them: an invoice list answers overviews (no ``line_items``), one invoice
(``GET /invoice/{id}``) comes with its lines, and notes are keyed ``context_str`` / ``context_id``.
Two settings make it answer like other servers: ``legacy_note_keys`` (notes keyed ``obj_type`` /
``obj_id``, the current keys refused) and ``string_ids`` (every id a numeric string).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui.core import jsonutil
from fusebill_tui.sandbox.chargeover.envelope import (
    BAD_PARAMETER,
    NOT_FOUND,
    EnvelopeError,
    ok,
)
from fusebill_tui.sandbox.chargeover.query import filter_records, page, sort_records

if TYPE_CHECKING:
    from fusebill_tui.sandbox.chargeover.app import ChargeOverSandbox

CUSTOMER_FIELDS = (
    "customer_id", "parent_customer_id", "token", "superuser_id", "external_key", "company", "display_as",
    "superuser_username", "superuser_email", "superuser_name", "superuser_first_name", "superuser_last_name",
    "superuser_phone", "bill_addr1", "bill_addr2", "bill_city", "bill_state", "bill_postcode", "bill_country",
    "ship_addr1", "ship_addr2", "ship_city", "ship_state", "ship_postcode", "ship_country",
    "custom_1", "custom_2", "custom_3", "custom_4", "custom_5", "write_datetime", "mod_datetime",
    "currency_id", "currency_iso4217", "customer_status_id", "customer_status_name", "customer_status_str",
    "customer_status_state", "total", "balance", "paid", "mrr", "arr", "tags",
)
INVOICE_FIELDS = (
    "invoice_id", "customer_id", "refnumber", "date", "due_date", "days_overdue", "is_paid", "is_overdue",
    "total", "balance", "invoice_status_str", "invoice_status_state", "currency_iso4217", "currency_id",
    "paid_date", "write_datetime", "mod_datetime",
)
NOTE_FIELDS = ("note_id", "context_str", "context_id", "note", "note_datetime", "user_id", "admin_id",
               "note_is_pinned")
#: What an older server filters notes on and answers: obj_type / obj_id, and no note_is_pinned.
LEGACY_NOTE_FIELDS = ("note_id", "obj_type", "obj_id", "note", "note_datetime", "user_id", "admin_id")
NOTE_MAX = 10_000

Endpoint = Callable[[Request], Awaitable[Response]]


def _sandbox(request: Request) -> ChargeOverSandbox:
    sandbox: ChargeOverSandbox = request.app.state.chargeover
    return sandbox


def _ids_as_text(value: Any) -> Any:
    """``value`` with every whole-number id (``id``, ``*_id``) written as a string, nested records included."""
    if isinstance(value, list):
        return [_ids_as_text(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: str(item) if (key == "id" or key.endswith("_id")) and isinstance(item, int)
            and not isinstance(item, bool) else _ids_as_text(item) for key, item in value.items()}


def _answer(sb: ChargeOverSandbox, response: Any, code: int = 200) -> Response:
    return ok(_ids_as_text(response) if sb.settings.string_ids else response, code=code)


def _legacy_note(note: dict[str, Any]) -> dict[str, Any]:
    """A stored note as an older server shows it: ``obj_type`` / ``obj_id``."""
    out = {key: value for key, value in note.items() if key not in ("context_str", "context_id", "note_is_pinned")}
    out["obj_type"], out["obj_id"] = note["context_str"], note["context_id"]
    return out


def _notes(sb: ChargeOverSandbox) -> list[dict[str, Any]]:
    return [_legacy_note(note) for note in sb.store.notes] if sb.settings.legacy_note_keys else sb.store.notes


def _overview(invoice: dict[str, Any]) -> dict[str, Any]:
    """An invoice as a list shows it: "only the overview invoice details are returned (i.e. no line items)"."""
    return {key: value for key, value in invoice.items() if key != "line_items"}


def _lister(records: Callable[[ChargeOverSandbox], list[dict[str, Any]]],
            fields: Callable[[ChargeOverSandbox], Sequence[str]], id_field: str,
            shown: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> tuple[Endpoint, Endpoint]:
    """The list and ``_count`` endpoints of one object type (``shown``: what a list tells of a record)."""

    async def listing(request: Request) -> Response:
        sb, params = _sandbox(request), request.query_params
        found = filter_records(records(sb), params.get("where"), fields(sb))
        ordered = sort_records(found, params.get("order"), fields(sb), id_field)
        selected = page(ordered, params.get("offset"), params.get("limit"))
        return _answer(sb, [shown(record) for record in selected] if shown else selected)

    async def count(request: Request) -> Response:
        sb = _sandbox(request)
        return ok(len(filter_records(records(sb), request.query_params.get("where"), fields(sb))))

    return listing, count


list_customers, count_customers = _lister(lambda sb: sb.store.customers, lambda sb: CUSTOMER_FIELDS, "customer_id")
list_invoices, count_invoices = _lister(lambda sb: sb.store.invoices, lambda sb: INVOICE_FIELDS, "invoice_id",
                                        _overview)
list_notes, count_notes = _lister(
    _notes, lambda sb: LEGACY_NOTE_FIELDS if sb.settings.legacy_note_keys else NOTE_FIELDS, "note_id")


def _one(records: dict[int, dict[str, Any]], text: str) -> dict[str, Any]:
    record = records.get(int(text)) if text.isascii() and text.isdigit() else None
    if record is None:
        raise EnvelopeError(404, NOT_FOUND)
    return record


async def get_customer(request: Request) -> Response:
    """``GET /customer/{id}``: one customer, or a 404."""
    sb = _sandbox(request)
    return _answer(sb, _one(sb.store.customers_by_id, request.path_params["customer_id"]))


async def get_invoice(request: Request) -> Response:
    """``GET /invoice/{id}``: one invoice with its ``line_items``, or a 404."""
    sb = _sandbox(request)
    return _answer(sb, _one(sb.store.invoices_by_id, request.path_params["invoice_id"]))


async def add_note(request: Request) -> Response:
    """``POST /note``: ``{"context_str": "customer", "context_id": N, "note": "..."}`` answers 201 with the new id.

    With ``legacy_note_keys`` the body must say ``obj_type`` / ``obj_id`` instead; the other keys are refused.
    """
    sb = _sandbox(request)
    try:
        body = jsonutil.loads(await request.body())
    except ValueError:
        raise EnvelopeError(400, "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise EnvelopeError(400)
    kind_key, id_key = ("obj_type", "obj_id") if sb.settings.legacy_note_keys else ("context_str", "context_id")
    other = ("context_str", "context_id") if sb.settings.legacy_note_keys else ("obj_type", "obj_id")
    if any(key in body for key in other):
        raise EnvelopeError(400, f"{BAD_PARAMETER} (unknown field {next(k for k in other if k in body)!r})")
    target, text = body.get(id_key), body.get("note")
    if str(body.get(kind_key, "")).lower() != "customer" or isinstance(target, bool) \
            or not isinstance(target, int) or not isinstance(text, str) or not text.strip() or len(text) > NOTE_MAX:
        raise EnvelopeError(400)
    if target not in sb.store.customers_by_id:
        raise EnvelopeError(400, f"Invalid {id_key}: there is no customer {target}.")
    note = sb.store.add_note(target, text)
    if sb.settings.created_note_answer == "null":
        return Response(b"null", status_code=201, media_type="application/json")
    if sb.settings.created_note_answer == "no-id":
        return _answer(sb, None, code=201)
    return _answer(sb, {"id": note["note_id"]}, code=201)


ROUTES = [
    Route("/customer", list_customers, methods=["GET"]),
    Route("/customer/_count", count_customers, methods=["GET"]),
    Route("/customer/{customer_id}", get_customer, methods=["GET"]),
    Route("/invoice", list_invoices, methods=["GET"]),
    Route("/invoice/_count", count_invoices, methods=["GET"]),
    Route("/invoice/{invoice_id}", get_invoice, methods=["GET"]),
    Route("/note", list_notes, methods=["GET"]),
    Route("/note", add_note, methods=["POST"]),
    Route("/note/_count", count_notes, methods=["GET"]),
]
