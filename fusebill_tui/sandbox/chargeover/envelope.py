"""ChargeOver's response envelope, for answers and errors alike."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from fusebill_tui.core import jsonutil

BAD_PARAMETER = "Missing or invalid parameter."
BAD_AUTH = "Invalid or incorrect authorization credentials were provided."
NOT_FOUND = "The requested object could not be found."


class EnvelopeError(Exception):
    """An error answered as ``{"code": N, "status": "Error", "message": ..., "response": false}``."""

    def __init__(self, status: int, message: str = BAD_PARAMETER) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def envelope(response: Any, code: int = 200, message: str = "") -> dict[str, Any]:
    """The envelope around an answer."""
    return {"code": code, "status": "OK", "message": message, "details": {}, "response": response}


def error_envelope(code: int, message: str) -> dict[str, Any]:
    """The envelope of an error."""
    return {"code": code, "status": "Error", "message": message, "details": {}, "response": False}


def ok(response: Any, code: int = 200) -> Response:
    """A JSON response carrying ``response`` in the envelope (HTTP status = ``code``)."""
    return Response(jsonutil.dumps(envelope(response, code)), status_code=code, media_type="application/json")


def error(code: int, message: str) -> Response:
    """A JSON error response in the envelope."""
    return Response(jsonutil.dumps(error_envelope(code, message)), status_code=code, media_type="application/json")
