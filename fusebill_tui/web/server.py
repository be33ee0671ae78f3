"""The web server: textual-serve, with the page served from here and requests from other sites refused."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from fusebill_tui.web import token as tokens
from fusebill_tui.web.plan import ServePlan

TEMPLATES = Path(__file__).resolve().parent / "templates"


def refusal(request: web.Request, allowed_hosts: frozenset[str] | None) -> str | None:
    """Why a request must be refused, or None.

    A page on another site can open a WebSocket to 127.0.0.1 (its Origin gives it away), and
    a rebound DNS name can point at it (its Host does): either would drive the app as the user.
    """
    host = (request.host or "").lower()
    if allowed_hosts is not None and host not in allowed_hosts:
        return f"this server answers only to {', '.join(sorted(allowed_hosts))}"
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc.lower() != host:
        return "a page from another site may not open this app"
    return None


NO_TOKEN = ("open the address fusebill-tui serve printed: it carries the token "
            "(any other user of this machine can reach this port)")


def token_response(request: web.Request, expected: str, cookie: str) -> web.StreamResponse | None:
    """None when the request carries the token; else a 403, or (for the page opened with ``?token=``)
    a redirect to the same page without it that leaves the token in a cookie, so reloads work and the
    token stays out of the address bar and the browser's history."""
    given = request.query.get(tokens.QUERY_NAME)
    if given is None:
        return None if tokens.matches(request.cookies.get(cookie), expected) else _forbidden(NO_TOKEN)
    if not tokens.matches(given, expected):
        return _forbidden(NO_TOKEN)
    if request.path != "/":
        return None  # a script's WebSocket or download may carry it in the query
    rest = {k: v for k, v in request.query.items() if k != tokens.QUERY_NAME}
    response = web.HTTPSeeOther(location=str(request.rel_url.with_query(rest)))
    response.set_cookie(cookie, expected, httponly=True, samesite="Strict", path="/")
    return response


def _forbidden(reason: str) -> web.Response:
    return web.Response(status=403, text=f"Forbidden: {reason}.\n")


class AppServer(Server):
    """Serve ``plan.command`` to browsers, one app process per tab, refusing foreign pages and hosts,
    and every request without the token."""

    def __init__(self, plan: ServePlan, out: TextIO) -> None:
        super().__init__(plan.command, host=plan.host, port=plan.port, title=plan.title,
                         templates_path=TEMPLATES)
        self.plan = plan
        self.out = out

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        allowed, token, cookie = self.plan.allowed_hosts, self.plan.token, tokens.cookie_name(self.plan.port)

        @web.middleware
        async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
            reason = refusal(request, allowed)
            if reason is not None:
                return _forbidden(reason)
            if token is not None and (answer := token_response(request, token, cookie)) is not None:
                return answer
            answered: web.StreamResponse = await handler(request)
            return answered

        app.middlewares.append(guard)
        return app

    def initialize_logging(self) -> None:
        """textual-serve's logging, without aiohttp's access log (its request lines would carry the token)."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Say where to point a browser, and how to stop."""
        mode = " (read-only)" if self.plan.read_only else ""
        print(f"fusebill-tui: serving {self.plan.environment_name}{mode} on {self.plan.url}", file=self.out)
        print("fusebill-tui: each browser tab runs its own app; press Ctrl+C to stop", file=self.out, flush=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with URLs built from the address the browser used (so a public server works by any name)."""
        origin = f"{request.scheme}://{request.host}"
        socket_scheme = "wss" if request.scheme == "https" else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{socket_scheme}://{request.host}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{origin}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)


def serve(plan: ServePlan, out: TextIO) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM)."""
    AppServer(plan, out).serve()
