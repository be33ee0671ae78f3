"""The headless export (``fusebill-tui customers --all --format csv``) of a large account, under the rate limit."""

from __future__ import annotations

import io
from collections import Counter
from time import perf_counter
from typing import Any

from bench.harness import make_sandbox, open_client
from fusebill_tui import headless
from fusebill_tui.core.errors import FusebillError


class _Sink(io.TextIOBase):
    """Counts what the export writes without keeping it (the figure is about the walk, not the buffer)."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


async def export(customers: int, page_size: int, rtt: float, per_minute: int) -> dict[str, Any]:
    """Export every customer as CSV through the real client; wall time, requests and any 429."""
    sandbox_app = make_sandbox(customers, rtt, per_minute=per_minute)
    log = sandbox_app.state.sandbox.request_log
    retries: list[str] = []
    failure = ""
    written = 0
    start = perf_counter()
    stamps: list[float] = []
    async with open_client(sandbox_app, on_retry=retries.append) as client:
        client_hooks = client._http.event_hooks
        client_hooks.setdefault("request", []).append(lambda _request: _note(stamps))
        try:
            written = await headless.customers(client, page_size=page_size, fmt="csv", all_pages=True,
                                               out=_Sink(), err=io.StringIO())
        except FusebillError as error:  # what the user would see on stderr, exit code 1
            failure = error.user_message
    seconds = perf_counter() - start
    statuses = Counter(entry.status for entry in log)
    return {
        "customers": customers, "page_size": page_size, "rtt_ms": rtt * 1000, "per_minute": per_minute,
        "written": written, "seconds": round(seconds, 2), "requests": len(log),
        "peak_requests_per_minute": _peak_per_minute(stamps),
        "server_429": statuses.get(429, 0), "retries_announced": len(retries), "failed": failure,
    }


async def _note(stamps: list[float]) -> None:
    stamps.append(perf_counter())


def _peak_per_minute(stamps: list[float]) -> int:
    """The most requests sent within any 60 seconds (a sliding window: never fewer than a UTC-minute window)."""
    peak, first = 0, 0
    for last, stamp in enumerate(stamps):
        while stamp - stamps[first] >= 60.0:
            first += 1
        peak = max(peak, last - first + 1)
    return peak
