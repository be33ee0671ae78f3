"""Small helpers shared by the route modules: JSON bodies in and out, ids, flags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from fusebill_tui.core import jsonutil
from fusebill_tui.sandbox.fusebill.errors import ApiError
from fusebill_tui.sandbox.fusebill.queryparse import decode, split_params

JSON = "application/json; charset=utf-8"


def json_response(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response written with exact decimals."""
    return Response(jsonutil.dumps(value), status_code=status, headers=headers, media_type=JSON)


async def read_json(request: Request) -> Any:
    """The request body as JSON; not JSON -> 400."""
    body = await request.body()
    if not body.strip():
        raise ApiError(400, "The request body is empty.")
    try:
        return jsonutil.loads(body)
    except ValueError as exc:
        raise ApiError(400, "The request body is not valid JSON.") from exc


async def read_object(request: Request) -> dict[str, Any]:
    """The request body as a JSON object; anything else -> 400."""
    value = await read_json(request)
    if not isinstance(value, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    return value


def canonical_keys(body: dict[str, Any], names: Iterable[str],
                   nested: Mapping[str, Iterable[str]] | None = None) -> dict[str, Any]:
    """A copy of a JSON body with the known field names in their documented spelling.

    The real API reads body field names case-insensitively (the reference's own examples send
    ``Status``, ``customerid`` and ``CustomerAddressPreferenceId``); unknown keys are kept as sent.
    """
    by_lower = {name.lower(): name for name in names}
    out: dict[str, Any] = {}
    for key, value in body.items():
        name = by_lower.get(str(key).lower(), key)
        if nested and name in nested and isinstance(value, dict):
            value = canonical_keys(value, nested[name])
        out[name] = value
    return out


def path_id(request: Request, name: str = "id") -> int:
    """An integer path parameter; not an integer -> 400."""
    raw = request.path_params[name]
    try:
        return int(raw)
    except (TypeError, ValueError) as exc:
        raise ApiError(400, f"The id '{raw}' is not valid.") from exc


def raw_query(request: Request) -> str:
    """The undecoded query string (structural characters of filters are only meaningful here)."""
    query: bytes = request.scope.get("query_string", b"")
    return query.decode("latin-1")


def flag(request: Request, name: str, default: bool = False) -> bool:
    """A boolean query parameter (name case-insensitive); not true/false -> 400."""
    raw = split_params(raw_query(request)).get(name.lower())
    if raw is None or raw == "":
        return default
    value = decode(raw).strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ApiError(400, f"The value '{decode(raw)}' is not valid for {name}.")


def param(request: Request, name: str) -> str | None:
    """A decoded query parameter (name case-insensitive)."""
    raw = split_params(raw_query(request)).get(name.lower())
    return None if raw is None else decode(raw)
