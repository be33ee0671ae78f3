"""create_chargeover_app: a ChargeOver-shaped API (``/api/v3``) over a generated account."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount

from fusebill_tui.sandbox.chargeover.envelope import NOT_FOUND, EnvelopeError, error
from fusebill_tui.sandbox.chargeover.middleware import BASE_PATH, ChargeOverMiddleware
from fusebill_tui.sandbox.chargeover.routes import ROUTES
from fusebill_tui.sandbox.chargeover.settings import ChargeOverSettings
from fusebill_tui.sandbox.chargeover.store import Store
from fusebill_tui.sandbox.core.clock import utc_now
from fusebill_tui.sandbox.core.faults import FaultPlan
from fusebill_tui.sandbox.core.ratelimit import RateLimiter
from fusebill_tui.sandbox.core.requestlog import LoggedRequest


class ChargeOverSandbox:
    """One ChargeOver sandbox: its data, request limits, planned faults and the log of every request."""

    def __init__(self, settings: ChargeOverSettings) -> None:
        self.settings = settings
        self.clock = settings.clock or utc_now
        self.store = Store(settings.customers, settings.seed, self.clock)
        self.faults = FaultPlan(seed=settings.seed, latency=settings.latency)
        self.limiter = RateLimiter(settings.per_minute, settings.per_day, self.clock)
        self.request_log: list[LoggedRequest] = []


async def _envelope_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, EnvelopeError)
    return error(exc.status, exc.message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error(404, NOT_FOUND)
    if exc.status_code == 405:
        return error(405, f"The {request.method} method is not supported here.")
    return error(exc.status_code, str(exc.detail))


async def _server_error(_request: Request, _exc: Exception) -> Response:
    return error(500, "An internal error occurred.")


def create_chargeover_app(settings: ChargeOverSettings | None = None) -> Starlette:
    """The ChargeOver sandbox as an ASGI app; ``app.state.chargeover`` is its ChargeOverSandbox."""
    settings = settings or ChargeOverSettings()
    sandbox = ChargeOverSandbox(settings)
    app = Starlette(
        routes=[Mount(BASE_PATH, routes=ROUTES)],
        exception_handlers={EnvelopeError: _envelope_error, HTTPException: _http_error, Exception: _server_error},
    )
    app.state.chargeover = sandbox
    app.add_middleware(ChargeOverMiddleware, sandbox=sandbox)
    return app
