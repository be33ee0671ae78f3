"""create_app: the sandbox Starlette application and the Sandbox object behind it."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount

from fusebill_tui.sandbox.core.clock import utc_now
from fusebill_tui.sandbox.core.faults import FaultPlan
from fusebill_tui.sandbox.core.ratelimit import RateLimiter
from fusebill_tui.sandbox.core.requestlog import LoggedRequest
from fusebill_tui.sandbox.fusebill.dataset import Dataset
from fusebill_tui.sandbox.fusebill.errors import ApiError, error_response
from fusebill_tui.sandbox.fusebill.middleware import SandboxMiddleware
from fusebill_tui.sandbox.fusebill.routes import ROUTES
from fusebill_tui.sandbox.fusebill.settings import SandboxSettings
from fusebill_tui.sandbox.fusebill.store import Store

FORMAT_MESSAGE = "Authorization key is not in the correct format."
INVALID_KEY_MESSAGE = "Authorization key is not valid. Check your API key and the environment."


class Sandbox:
    """Everything one sandbox instance holds: data, faults, limits and the request log."""

    def __init__(self, settings: SandboxSettings) -> None:
        self.settings = settings
        self.clock = settings.clock or utc_now
        self.dataset = Dataset(settings.customers, settings.seed)
        self.store = Store(self.dataset, self.clock)
        self.faults = FaultPlan(seed=settings.seed, latency=settings.latency)
        self.limiter = RateLimiter(settings.per_minute, settings.per_day, self.clock)
        self.request_log: list[LoggedRequest] = []

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


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"No HTTP resource was found that matches the request URI '{request.url.path}'."
    elif exc.status_code == 405:
        message = f"The requested resource does not support http method '{request.method}'."
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, message)


async def _server_error(_request: Request, _exc: Exception) -> Response:
    return error_response(500, "An error has occurred.")


def create_app(settings: SandboxSettings | None = None) -> Starlette:
    """The sandbox as an ASGI app; ``app.state.sandbox`` is its Sandbox object."""
    settings = settings or SandboxSettings()
    sandbox = Sandbox(settings)
    app = Starlette(
        routes=[Mount("/v1", routes=ROUTES)],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _server_error},
    )
    app.state.sandbox = sandbox
    app.add_middleware(SandboxMiddleware, sandbox=sandbox)
    return app
