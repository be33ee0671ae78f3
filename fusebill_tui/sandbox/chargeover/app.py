"""create_chargeover_app: a ChargeOver-shaped API (``/api/v3``) over a generated account."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from fusebill_tui.sandbox.chargeover.envelope import NOT_FOUND, EnvelopeError, error
from fusebill_tui.sandbox.chargeover.middleware import BASE_PATH, ChargeOverMiddleware
from fusebill_tui.sandbox.chargeover.routes import ROUTES
from fusebill_tui.sandbox.chargeover.settings import ChargeOverSettings
from fusebill_tui.sandbox.chargeover.store import Store
from fusebill_tui.sandbox.core.app import http_error_handlers, sandbox_app
from fusebill_tui.sandbox.core.state import SandboxState


class ChargeOverSandbox(SandboxState[ChargeOverSettings]):
    """One ChargeOver sandbox: its data, request limits, planned faults and the log of every request."""

    def __init__(self, settings: ChargeOverSettings) -> None:
        super().__init__(settings)
        self.store: Store = Store(settings.customers, settings.seed, self.clock)


async def _envelope_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, EnvelopeError)
    return error(exc.status, exc.message)


HANDLERS = {
    EnvelopeError: _envelope_error,
    **http_error_handlers(error, not_found=lambda _request: NOT_FOUND,
                          not_allowed=lambda request: f"The {request.method} method is not supported here.",
                          server_error="An internal error occurred."),
}


def create_chargeover_app(settings: ChargeOverSettings | None = None) -> Starlette:
    """The ChargeOver sandbox as an ASGI app; ``app.state.chargeover`` is its ChargeOverSandbox."""
    sandbox = ChargeOverSandbox(settings or ChargeOverSettings())
    return sandbox_app(sandbox, base_path=BASE_PATH, routes=ROUTES, middleware=ChargeOverMiddleware,
                       exception_handlers=HANDLERS, state_name="chargeover")
