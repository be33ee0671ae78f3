"""Reads started as a customer is opened, before the screen and panels that show them are built."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from fusebill_tui.core.sent import report_sent_to
from fusebill_tui.core.waits import WaitListener, report_waits_to


class EarlyRead:
    """One read under way in a task of its own; the panel that takes it over gets its answer or its failure.

    The round trip then overlaps building the screen instead of following it, and a failure reaches the
    panel that asked (as if the panel had sent the request itself) rather than a silent second request.
    ``on_wait`` hears when the read waits to be sent again (a 429, a server error), so the screen it
    belongs to can say so while it waits.
    """

    def __init__(self, session: Any, read: Awaitable[Any], *, on_wait: WaitListener | None = None) -> None:
        self.session = session
        self._sent = False
        self.task: asyncio.Future[Any] = asyncio.ensure_future(_reporting(read, on_wait, self._mark_sent))
        self.task.add_done_callback(_mark_retrieved)

    @property
    def is_out(self) -> bool:
        """Whether the read needs no more of this process to go on: its request has left, or it is over."""
        return self._sent or self.task.done()

    def _mark_sent(self) -> None:
        self._sent = True

    async def outcome(self) -> Any:
        """The answer, or the read's failure raised here (a caller that gives up does not cancel the read)."""
        return await asyncio.shield(self.task)

    def cancel(self) -> None:
        """Stop the read if it is still under way (its screen closed)."""
        self.task.cancel()


async def _reporting(read: Awaitable[Any], on_wait: WaitListener | None, on_sent: Callable[[], None]) -> Any:
    with report_waits_to(on_wait), report_sent_to(on_sent):
        return await read


def _mark_retrieved(task: asyncio.Future[Any]) -> None:
    # A failure nobody took over (the screen closed first) is not an error worth a log line.
    if not task.cancelled():
        task.exception()
