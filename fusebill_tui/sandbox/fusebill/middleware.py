"""The Fusebill sandbox's middleware: the documented error body, the Basic api key, IIS's URL limit, any-case paths."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.types import Scope

from fusebill_tui.sandbox.core.middleware import SandboxMiddleware
from fusebill_tui.sandbox.fusebill.errors import error_body

if TYPE_CHECKING:
    from fusebill_tui.sandbox.fusebill.app import Sandbox

# IIS, which serves the Fusebill API, refuses a query string longer than 2,048 bytes by default
# (requestFiltering maxQueryString) before the application sees the request; the sandbox answers such
# a request 414 URI Too Long with the documented error body, so clients can be tested against it.
MAX_QUERY_STRING_BYTES = 2048


class FusebillMiddleware(SandboxMiddleware):
    """Errors as ``{"HttpStatusCode": N, "Errors": [...]}``; paths routed without a trailing slash, lower-cased."""

    sandbox: Sandbox

    def error_body(self, status: int, message: str) -> object:
        return error_body(status, message)

    def fault_message(self, status: int) -> str:
        if status == 429:
            return "API rate limit exceeded."
        if status >= 500:
            return "An error occurred on the server. Please try again later."
        return f"The request failed with status {status}."

    def auth_problem(self, headers: dict[str, str]) -> str | None:
        return self.sandbox.check_auth(headers.get("authorization"))

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        if len(scope.get("query_string", b"")) > MAX_QUERY_STRING_BYTES:
            return 414, f"The request URL is too long: its query string is over {MAX_QUERY_STRING_BYTES:,} bytes."
        return None

    def routed(self, scope: Scope) -> Scope:
        path = scope.get("path", "/").rstrip("/") or "/"
        lowered = path.lower()
        return {**scope, "path": lowered, "raw_path": lowered.encode("utf-8")}
