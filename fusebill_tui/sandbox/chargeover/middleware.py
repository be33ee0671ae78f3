"""The ChargeOver sandbox's middleware: errors in the envelope, the public/private key pair over HTTP Basic."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING

from fusebill_tui.sandbox.chargeover.envelope import BAD_AUTH, error_envelope
from fusebill_tui.sandbox.core.middleware import SandboxMiddleware

if TYPE_CHECKING:
    from fusebill_tui.sandbox.chargeover.app import ChargeOverSandbox

BASE_PATH = "/api/v3"


def fault_path(path: str) -> str:
    """A request path as fault filters see it: without ``/api/v3`` (``/customer/_count``)."""
    lowered = path.lower()
    return path[len(BASE_PATH):] or "/" if lowered.startswith(BASE_PATH) else path


def credentials(header: str | None) -> tuple[str, str] | None:
    """The (user, password) of an ``Authorization: Basic`` header, or None when it has none readable."""
    if not header:
        return None
    scheme, _, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None


class ChargeOverMiddleware(SandboxMiddleware):
    """Errors in the envelope; the key pair is ``Authorization: Basic base64(public:private)``."""

    sandbox: ChargeOverSandbox

    content_type = "application/json"

    def error_body(self, status: int, message: str) -> object:
        return error_envelope(status, message)

    def fault_message(self, status: int) -> str:
        if status == 429:
            return "Rate limit exceeded."
        return "An internal error occurred." if status >= 500 else f"The request failed ({status})."

    def auth_problem(self, headers: dict[str, str]) -> str | None:
        keys = (self.sandbox.settings.public_key, self.sandbox.settings.private_key)
        return None if credentials(headers.get("authorization")) == keys else BAD_AUTH

    def fault_path(self, path: str) -> str:
        return fault_path(path)
