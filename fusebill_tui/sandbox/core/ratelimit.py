"""Per-minute and per-day request limits and the X-Rate-Limit-* headers."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


def _utc(ts: datetime) -> datetime:
    return ts.astimezone(UTC) if ts.tzinfo else ts.replace(tzinfo=UTC)


def stamp(ts: datetime) -> str:
    """An ISO-8601 UTC timestamp string (``2025-06-02T12:01:00Z``)."""
    return _utc(ts).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Window:
    """Requests counted in the current window (a UTC minute or a UTC day)."""

    limit: int
    start: datetime | None = None
    used: int = 0


class RateLimiter:
    """Counts requests per UTC minute and per UTC day, as the reference describes."""

    def __init__(self, per_minute: int, per_day: int, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.minute = Window(per_minute)
        self.day = Window(per_day)

    def _roll(self) -> tuple[datetime, datetime, datetime]:
        now = _utc(self.clock())
        minute_start = now.replace(second=0, microsecond=0)
        day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.minute.start != minute_start:
            self.minute.start, self.minute.used = minute_start, 0
        if self.day.start != day_start:
            self.day.start, self.day.used = day_start, 0
        return now, minute_start + timedelta(minutes=1), day_start + timedelta(days=1)

    def headers(self) -> dict[str, str]:
        """The six X-Rate-Limit-* headers for the current state."""
        _now, minute_reset, day_reset = self._roll()
        return {
            "X-Rate-Limit-Limit-Minute": str(self.minute.limit),
            "X-Rate-Limit-Remaining-Minute": str(max(0, self.minute.limit - self.minute.used)),
            "X-Rate-Limit-Reset-Minute": stamp(minute_reset),
            "X-Rate-Limit-Limit-Day": str(self.day.limit),
            "X-Rate-Limit-Remaining-Day": str(max(0, self.day.limit - self.day.used)),
            "X-Rate-Limit-Reset-Day": stamp(day_reset),
        }

    def take(self) -> tuple[str, int] | None:
        """Count one request; when a limit is used up return (message, seconds to wait) instead."""
        now, minute_reset, day_reset = self._roll()
        if self.day.used >= self.day.limit:
            wait = math.ceil((day_reset - now).total_seconds())
            return f"API rate limit exceeded: maximum of {self.day.limit} requests per day.", max(1, wait)
        if self.minute.used >= self.minute.limit:
            wait = math.ceil((minute_reset - now).total_seconds())
            return f"API rate limit exceeded: maximum of {self.minute.limit} requests per minute.", max(1, wait)
        self.minute.used += 1
        self.day.used += 1
        return None
