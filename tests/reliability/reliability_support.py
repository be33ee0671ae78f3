"""Helpers shared by the reliability tests: reading the screen and the sandbox's request log."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import Any

from rich.console import Console

from fusebill_tui.core import jsonutil
from fusebill_tui.vendors.fusebill.models import Customer

MUTATING = ("POST", "PUT", "DELETE", "PATCH")
RAW_CONTROLS = ("\x1b", "\x07", "\x00", "\x08", "\x9b", "\u202e")


def screen_text(app: Any) -> str:
    """Everything the terminal shows for the current screen (dialogs over their screen), raw characters kept."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def raw_controls_drawn(app: Any) -> list[str]:
    """Escape / control characters that reached the drawn screen or its SVG screenshot."""
    drawn = screen_text(app) + app.export_screenshot()
    return [char for char in RAW_CONTROLS if char in drawn]


def mutations(sandbox: Any, start: int = 0) -> list[Any]:
    """Every logged request since ``start`` that could change something."""
    return [r for r in sandbox.request_log[start:] if r.method in MUTATING]


def requests_to(sandbox: Any, method: str, path_end: str, start: int = 0) -> list[Any]:
    """Logged requests with ``method`` whose path ends with ``path_end`` (case-insensitive)."""
    return [r for r in sandbox.request_log[start:]
            if r.method == method and r.path.lower().rstrip("/").endswith(path_end.lower())]


def toasts(app: Any) -> list[str]:
    """The text of every notification shown so far."""
    return [f"{n.title}: {n.message}" for n in app._notifications]


def as_read(sandbox: Any, cid: int) -> Customer:
    """The customer as the app would have read it."""
    return Customer.from_api(jsonutil.loads(jsonutil.dumps(sandbox.store.customer(cid))))


def first_with_status(sandbox: Any, status: str) -> int:
    """The lowest customer id in ``status``."""
    return next(c["id"] for c in sandbox.store.iter_customers() if c["status"] == status)


async def settle(app: Any, pilot: Any, predicate: Callable[[], bool] = lambda: True, attempts: int = 400) -> None:
    """Let the app finish its work and reach ``predicate`` (bounded; fails the test if it never does)."""
    for _ in range(attempts):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if predicate():
            return
    raise AssertionError("the app never reached the expected state")


# --- the faults the sandbox can throw --------------------------------------------------------


GET_ATTEMPTS = 5  # the client's first try and its four retries
RATE_LIMIT_ATTEMPTS = 7  # the first try and six retries after 429s


class Fault:
    """One way a server can fail: how to plan it, and words the user must then see."""

    def __init__(self, name: str, plan: Callable[..., None], says: str, *, retried: bool = True,
                 read_says: str | None = None) -> None:
        self.name = name
        self.plan = plan  # (faults, method, path, count) -> None
        self.says = says  # a fragment of the message after a change meets it
        self.read_says = read_says or says  # ... after a read meets it
        self.retried = retried  # a GET meets it again on every retry
        # A GET's first try and its retries: six after a 429, four after a server or connection failure.
        self.attempts = RATE_LIMIT_ATTEMPTS if "429" in name else GET_ATTEMPTS

    def __repr__(self) -> str:
        return self.name


def _fail(status: int, retry_after: int | None = None, exhausted: str | None = None) -> Callable[..., None]:
    return lambda f, method, path, count: f.fail_next(status, count, method=method, path=path, retry_after=retry_after,
                                                      exhausted=exhausted)


def _malformed(kind: str) -> Callable[..., None]:
    return lambda f, method, path, count: f.malformed_next(kind, count, method=method, path=path)


FAULTS = (
    Fault("429 burst with Retry-After", _fail(429, retry_after=3600), "Rate limited", retried=False),
    Fault("429 burst without Retry-After", _fail(429), "Rate limited"),
    Fault("429 burst with the minute used up", _fail(429, exhausted="minute"), "Rate limited"),
    Fault("500", _fail(500), "server had an error (500)"),
    Fault("502", _fail(502), "server had an error (502)"),
    Fault("503", _fail(503), "server had an error (503)"),
    Fault("dropped connection", lambda f, m, p, c: f.drop_next(c, method=m, path=p), "Could not reach"),
    Fault("read timeout", lambda f, m, p, c: f.timeout_next(c, method=m, path=p), "did not answer in time"),
    Fault("body stalls mid-way", _malformed("stall"), "did not answer in time"),
    # A garbled 200 is not a transient failure: a read meeting it says so at once (r tries again).
    Fault("truncated JSON", _malformed("json"), "could not be read", retried=False),
    Fault("200 with an HTML page", _malformed("html"), "could not be read", retried=False),
    Fault("a list where an object was expected", _malformed("list"), "The server sent", retried=False),
)


async def no_sleep(_seconds: float) -> None:
    """Retries and throttling wait for nothing (the sandbox clock is manual)."""
    await asyncio.sleep(0)


class ScreenSleep:
    """Waits for nothing, and records what the app's current screen said in its status line meanwhile."""

    def __init__(self) -> None:
        self.app = None
        self.said: list[str] = []

    async def __call__(self, _seconds: float) -> None:
        if self.app is not None:
            self.said.append(getattr(self.app.screen, "status_text", ""))
        await asyncio.sleep(0)
