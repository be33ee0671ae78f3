"""The documented error body and the exception routes raise to produce it."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from fusebill_tui.core import jsonutil

BAD_QUERY = "Bad request, the query is not valid. Please check your request and try again."


class ApiError(Exception):
    """An error answered with the documented body: ``{"ErrorId":0,"HttpStatusCode":N,"Errors":[...]}``."""

    def __init__(self, status: int, message: str, key: str = "Api Error",
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.key = key
        self.headers = headers or {}


def error_body(status: int, message: str, key: str = "Api Error") -> dict[str, Any]:
    """The documented error object."""
    return {"ErrorId": 0, "HttpStatusCode": status, "Errors": [{"Key": key, "Value": message}]}


def error_response(status: int, message: str, key: str = "Api Error",
                   headers: dict[str, str] | None = None) -> Response:
    """A JSON response carrying the documented error object."""
    return Response(jsonutil.dumps(error_body(status, message, key)), status_code=status,
                    headers=headers, media_type="application/json; charset=utf-8")


def not_found(kind: str, ident: object) -> ApiError:
    """The reference's 404 wording: ``Customer with id N not found.``"""
    return ApiError(404, f"{kind} with id {ident} not found.")
