"""The web server: textual-serve, with the page served from here and requests from other sites refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

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


class AppServer(Server):
    """Serve ``plan.command`` to browsers, one app process per tab, refusing foreign pages and hosts."""

    def __init__(self, plan: ServePlan, out: TextIO) -> None:
        super().__init__(plan.command, host=plan.host, port=plan.port, title=plan.title,
                         templates_path=TEMPLATES)
        self.plan = plan
        self.out = out

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        allowed = self.plan.allowed_hosts

        @web.middleware
        async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
            reason = refusal(request, allowed)
            if reason is not None:
                return web.Response(status=403, text=f"Forbidden: {reason}.\n")
            return await handler(request)

        app.middlewares.append(guard)
        return app

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
