"""Telling whoever owns a read that it is waiting to be sent again, and until when.

The request policy knows why a read waits (a 429, a server error, a dropped connection) and until
when; only the screen that asked for the read can say so where the user is looking. The screen sets
a listener around its read (``report_waits_to``); the policy calls it with a ``RetryWait`` before each
wait, and with None when the read is sent again. A context variable carries the listener, so reads
running concurrently for different screens (or panels) each reach their own.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal

from fusebill_tui.core.scoped import scoped

WaitReason = Literal["rate_limited", "server_error", "network"]


@dataclass(frozen=True)
class RetryWait:
    """A read waiting before it is sent again: why, until when (aware UTC), and how many times so far."""

    reason: WaitReason
    until: datetime
    attempt: int  # the retry this wait leads to (1 = the first)
    label: str = ""  # "GET /customers", for the log
    status: int | None = None  # the HTTP status that caused it, when there was one

    def words(self, zone: tzinfo | None = None) -> str:
        """'Rate limited, retrying at 14:02:31' with the time in ``zone`` (the local zone when None)."""
        at = f"{self.until.astimezone(zone):%H:%M:%S}"
        if self.reason == "rate_limited":
            return f"Rate limited, retrying at {at}"
        if self.reason == "server_error":
            return f"The server had an error ({self.status}), retrying at {at}"
        return f"Connection problem, retrying at {at}"

    def message(self, zone: tzinfo | None = None) -> str:
        """The words as a sentence, for a notification."""
        return self.words(zone) + "."


#: Called with a RetryWait before a wait, and with None when the read is sent again.
WaitListener = Callable[[RetryWait | None], None]

_listener: ContextVar[WaitListener | None] = ContextVar("fusebill_tui_wait_listener", default=None)


def report_waits_to(listener: WaitListener | None) -> AbstractContextManager[None]:
    """Within this block (and tasks started from it), retry waits are reported to ``listener``."""
    return scoped(_listener, listener)


def current_listener() -> WaitListener | None:
    """The listener of the read running now, if its owner set one."""
    return _listener.get()
