"""Clocks: the real UTC clock and a manual one for tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utc_now() -> datetime:
    """The current time, aware UTC."""
    return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to (``advance``)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 6, 2, 12, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.now += timedelta(seconds=seconds)


def iso(ts: datetime) -> str:
    """A UTC timestamp the way the API writes it (no offset)."""
    return ts.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
