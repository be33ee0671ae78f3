"""Helpers for the form and action tests: an app whose base screen is a plain stand-in, and readers."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from fusebill_tui.core import jsonutil
from fusebill_tui.vendors.fusebill.models import Customer


class HostScreen(Screen[None]):
    """A quiet stand-in for the customer screen, so dialogs are tested (and snapshotted) on their own."""

    reloads = 0

    def compose(self) -> ComposeResult:
        """One line of text."""
        yield Static("customer screen stand-in")

    def reload(self) -> None:
        """Count the reloads ``app.perform`` asks for."""
        HostScreen.reloads += 1


def host_app(make_app: Any, **kwargs: Any) -> Any:
    """``make_app(...)`` with the stand-in screen instead of the customer list."""
    app = make_app(**kwargs)
    app._open_customer_list = lambda: app.push_screen(HostScreen())
    return app


def customer(sandbox: Any, cid: int) -> Customer:
    """The customer as the app would have read it."""
    return Customer.from_api(jsonutil.loads(jsonutil.dumps(sandbox.store.customer(cid))))


def first_with_status(sandbox: Any, status: str) -> int:
    """The lowest customer id in ``status``."""
    return next(c["id"] for c in sandbox.store.iter_customers() if c["status"] == status)


def mutations(sandbox: Any) -> list[Any]:
    """Every request that was not a GET."""
    return [r for r in sandbox.request_log if r.method != "GET"]




def showing(app: Any, screen_type: type, selector: str) -> Any:
    """A predicate: the top screen is ``screen_type`` and ``selector`` is mounted in it."""

    def check() -> bool:
        screen = app.screen
        return isinstance(screen, screen_type) and bool(screen.query(selector))

    return check
