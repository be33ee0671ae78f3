"""The Starlette application every sandbox builds: its routes under one base path, behind its middleware."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.types import ExceptionHandler

from fusebill_tui.sandbox.core.middleware import SandboxMiddleware
from fusebill_tui.sandbox.core.state import SandboxState

#: Builds a vendor's error response from a status and a message.
ErrorResponder = Callable[[int, str], Response]


def http_error_handlers(respond: ErrorResponder, *, not_found: Callable[[Request], str],
                        not_allowed: Callable[[Request], str], server_error: str) -> dict[Any, ExceptionHandler]:
    """Handlers answering Starlette's 404 / 405 / other HTTP errors and any crash in the vendor's error body."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            message = not_found(request)
        elif exc.status_code == 405:
            message = not_allowed(request)
        else:
            message = str(exc.detail)
        return respond(exc.status_code, message)

    async def crash(_request: Request, _exc: Exception) -> Response:
        return respond(500, server_error)

    return {HTTPException: http_error, Exception: crash}


def sandbox_app(sandbox: SandboxState[Any], *, base_path: str, routes: Sequence[BaseRoute],
                middleware: type[SandboxMiddleware], exception_handlers: Mapping[Any, ExceptionHandler],
                state_name: str) -> Starlette:
    """The routes mounted at ``base_path`` behind ``middleware``; ``app.state.<state_name>`` is the sandbox."""
    app = Starlette(routes=[Mount(base_path, routes=list(routes))], exception_handlers=exception_handlers)
    setattr(app.state, state_name, sandbox)
    app.add_middleware(middleware, sandbox=sandbox)
    return app
