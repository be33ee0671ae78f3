"""create_app: the sandbox Starlette application and the Sandbox object behind it."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from fusebill_tui.sandbox.core.app import http_error_handlers, sandbox_app
from fusebill_tui.sandbox.core.state import SandboxState
from fusebill_tui.sandbox.fusebill.dataset import Dataset
from fusebill_tui.sandbox.fusebill.errors import ApiError, error_response
from fusebill_tui.sandbox.fusebill.middleware import FusebillMiddleware
from fusebill_tui.sandbox.fusebill.routes import ROUTES
from fusebill_tui.sandbox.fusebill.settings import SandboxSettings
from fusebill_tui.sandbox.fusebill.store import Store

FORMAT_MESSAGE = "Authorization key is not in the correct format."
INVALID_KEY_MESSAGE = "Authorization key is not valid. Check your API key and the environment."


class Sandbox(SandboxState[SandboxSettings]):
    """Everything one sandbox instance holds: data, faults, limits and the request log."""

    def __init__(self, settings: SandboxSettings) -> None:
        super().__init__(settings)
        self.dataset = Dataset(settings.customers, settings.seed)
        self.store = Store(self.dataset, self.clock)

    def check_auth(self, header: str | None) -> str | None:
        """None when ``Authorization: Basic {key}`` carries the accepted key, else the error message.

        The key is compared exactly as sent, never base64-decoded (the reference's keys are opaque).
        """
        if not header:
            return FORMAT_MESSAGE
        scheme, _, key = header.strip().partition(" ")
        key = key.strip()
        if scheme.lower() != "basic" or not key or " " in key:
            return FORMAT_MESSAGE
        if key != self.settings.api_key:
            return INVALID_KEY_MESSAGE
        return None


async def _api_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.key, exc.headers)


HANDLERS = {
    ApiError: _api_error,
    **http_error_handlers(
        error_response,
        not_found=lambda request: f"No HTTP resource was found that matches the request URI '{request.url.path}'.",
        not_allowed=lambda request: f"The requested resource does not support http method '{request.method}'.",
        server_error="An error has occurred."),
}


def create_app(settings: SandboxSettings | None = None) -> Starlette:
    """The sandbox as an ASGI app; ``app.state.sandbox`` is its Sandbox object."""
    sandbox = Sandbox(settings or SandboxSettings())
    return sandbox_app(sandbox, base_path="/v1", routes=ROUTES, middleware=FusebillMiddleware,
                       exception_handlers=HANDLERS, state_name="sandbox")
