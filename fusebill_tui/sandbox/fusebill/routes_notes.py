"""Customer notes: create, delete, and (a sandbox extension) list."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui.sandbox.fusebill.errors import ApiError, not_found
from fusebill_tui.sandbox.fusebill.routes_customers import sandbox_of
from fusebill_tui.sandbox.fusebill.routes_status import customer_id_of, field_of
from fusebill_tui.sandbox.fusebill.webutil import json_response, path_id, read_object


def _newest_first(note: dict[str, Any]) -> tuple[Any, ...]:
    """Sort key (used with reverse=True): dated notes newest first, then undated ones, each by id descending.

    A note may lack ``createdTimestamp`` (null); comparing None with a string would raise, so the key
    never compares values of different types.
    """
    stamp, note_id = note.get("createdTimestamp"), note.get("id")
    return (
        stamp is not None, "" if stamp is None else str(stamp),
        isinstance(note_id, int), note_id if isinstance(note_id, int) else 0,
    )


def _public(note: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in note.items() if k != "customerId"}


async def create_note(request: Request) -> Response:
    """POST /customerNotes {customerId, note}."""
    sb = sandbox_of(request)
    body = await read_object(request)
    cid = customer_id_of(body, "customerId")
    text = field_of(body, "note")
    if isinstance(text, (int, Decimal)) and not isinstance(text, bool):  # a number is read as its text
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "The note is required.", key="customerNote.Note")
    notes = sb.store.notes(cid)
    audit = request.headers.get("x-audit-source")
    note = {"userWhoCreatedNote": f"API - {audit}" if audit else "API - User not specified", "note": text,
            "createdTimestamp": sb.store.now(), "id": sb.store.next_note_id(cid), "uri": None, "customerId": cid}
    notes.append(note)
    return json_response(_public(note))


async def delete_note(request: Request) -> Response:
    """DELETE /customerNotes/{id} (also /customerNotes/Delete/{id}): 204."""
    store = sandbox_of(request).store
    note_id = path_id(request)
    found = store.find_note(note_id)
    if found is None:
        raise not_found("CustomerNote", note_id)
    cid, note = found
    store.notes(cid).remove(note)
    return Response(status_code=204)


async def list_notes(request: Request) -> Response:
    """GET /customers/{id}/CustomerNotes: newest first, undated last (404 when the settings turn the listing off)."""
    sb = sandbox_of(request)
    if not sb.settings.notes_listing:
        raise ApiError(404, f"No HTTP resource was found that matches the request URI '{request.url.path}'.")
    notes = sb.store.notes(path_id(request))
    ordered = sorted(notes, key=_newest_first, reverse=True)
    return json_response([_public(n) for n in ordered])


ROUTES = [
    Route("/customernotes", create_note, methods=["POST"]),
    Route("/customernotes/{id}", delete_note, methods=["DELETE"]),
    Route("/customernotes/delete/{id}", delete_note, methods=["DELETE"]),
    Route("/customers/{id}/customernotes", list_notes, methods=["GET"]),
]
