"""The ChargeOver endpoints: customers, invoices and notes under ``/api/v3``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui import jsonutil

from .envelope import NOT_FOUND, EnvelopeError, ok
from .query import filter_records, page, sort_records

if TYPE_CHECKING:
    from .app import ChargeOverSandbox

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
    "total", "balance", "invoice_status_str", "invoice_status_state", "currency_iso4217",
    "write_datetime", "mod_datetime",
)
NOTE_FIELDS = ("note_id", "obj_type", "obj_id", "note", "note_datetime", "user_id")
NOTE_MAX = 10_000


def _sandbox(request: Request) -> ChargeOverSandbox:
    return request.app.state.chargeover


def _lister(records: Callable[[ChargeOverSandbox], list[dict[str, Any]]], fields: Sequence[str],
            id_field: str) -> tuple[Callable, Callable]:
    """The list and ``_count`` endpoints of one object type."""

    async def listing(request: Request) -> Response:
        params = request.query_params
        found = filter_records(records(_sandbox(request)), params.get("where"), fields)
        ordered = sort_records(found, params.get("order"), fields, id_field)
        return ok(page(ordered, params.get("offset"), params.get("limit")))

    async def count(request: Request) -> Response:
        return ok(len(filter_records(records(_sandbox(request)), request.query_params.get("where"), fields)))

    return listing, count


list_customers, count_customers = _lister(lambda sb: sb.store.customers, CUSTOMER_FIELDS, "customer_id")
list_invoices, count_invoices = _lister(lambda sb: sb.store.invoices, INVOICE_FIELDS, "invoice_id")
list_notes, count_notes = _lister(lambda sb: sb.store.notes, NOTE_FIELDS, "note_id")


async def get_customer(request: Request) -> Response:
    """``GET /customer/{id}``: one customer, or a 404."""
    text = request.path_params["customer_id"]
    customer = _sandbox(request).store.customers_by_id.get(int(text)) if text.isdigit() else None
    if customer is None:
        raise EnvelopeError(404, NOT_FOUND)
    return ok(customer)


async def add_note(request: Request) -> Response:
    """``POST /note``: ``{"obj_type": "customer", "obj_id": N, "note": "..."}`` answers 201 with the new id."""
    sb = _sandbox(request)
    try:
        body = jsonutil.loads(await request.body())
    except ValueError:
        raise EnvelopeError(400, "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise EnvelopeError(400)
    obj_id, text = body.get("obj_id"), body.get("note")
    if str(body.get("obj_type", "")).lower() != "customer" or isinstance(obj_id, bool) \
            or not isinstance(obj_id, int) or not isinstance(text, str) or not text.strip() or len(text) > NOTE_MAX:
        raise EnvelopeError(400)
    if obj_id not in sb.store.customers_by_id:
        raise EnvelopeError(400, f"Invalid obj_id: there is no customer {obj_id}.")
    note = sb.store.add_note(obj_id, text)
    return ok({"id": note["note_id"]}, code=201)


ROUTES = [
    Route("/customer", list_customers, methods=["GET"]),
    Route("/customer/_count", count_customers, methods=["GET"]),
    Route("/customer/{customer_id}", get_customer, methods=["GET"]),
    Route("/invoice", list_invoices, methods=["GET"]),
    Route("/invoice/_count", count_invoices, methods=["GET"]),
    Route("/note", list_notes, methods=["GET"]),
    Route("/note", add_note, methods=["POST"]),
    Route("/note/_count", count_notes, methods=["GET"]),
]
