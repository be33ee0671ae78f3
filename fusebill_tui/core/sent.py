"""Telling whoever owns a read that its request has left, so work that would hold it back can start.

A screen sends its reads as it opens, then does its own heavy work (building, styling, painting) while
they travel. But a request needs several turns of the event loop to reach the socket, and each turn can
be a long piece of that work: the six reads of a customer left one by one over a hundred milliseconds.
So the screen waits (briefly) until its requests are out before it starts that work.

The owner sets a listener around its read (``report_sent_to``). The HTTP layer passes httpx the
request extensions from ``sent_extensions``: httpcore's ``trace`` callback, which calls the listener once
the request is written, or once it waits for a new connection (then only the network can move it). A
read that joins one already under way (the cache shares it) says so with ``announce_sent``. A context
variable carries the listener, as for retry waits (``core.waits``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from contextvars import ContextVar
from typing import Any

from fusebill_tui.core.scoped import scoped

#: Called (possibly more than once: a retry is sent again) when the read's request has left.
SentListener = Callable[[], None]

#: httpcore's trace events after which a request no longer needs this process to move (HTTP/1.1 and /2).
_LEFT = ("connection.connect_tcp.started", "connection.connect_unix_socket.started",
         "send_request_body.complete")

_listener: ContextVar[SentListener | None] = ContextVar("fusebill_tui_sent_listener", default=None)


def report_sent_to(listener: SentListener | None) -> AbstractContextManager[None]:
    """Within this block (and tasks started from it), a request that leaves is reported to ``listener``."""
    return scoped(_listener, listener)


def announce_sent() -> None:
    """Tell the read running now that its request has left (it joined one that is already out)."""
    listener = _listener.get()
    if listener is not None:
        listener()


def sent_extensions() -> dict[str, Any]:
    """The httpx request extensions that tell the current read's owner when its request leaves ({} if none)."""
    listener = _listener.get()
    if listener is None:
        return {}

    async def trace(event: str, _info: Mapping[str, Any]) -> None:
        if event.endswith(_LEFT):
            listener()

    return {"trace": trace}
