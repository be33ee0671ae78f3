"""Days until an event, in words."""

from __future__ import annotations


def days_text(days: int, verb: str) -> str:
    """'Suspends in 2 days', 'Suspends today', 'Suspends in 1 day'."""
    if days <= 0:
        return f"{verb} today"
    return f"{verb} in {days} day{'s' if days != 1 else ''}"


def days_count(days: int) -> str:
    """'today', '1 day', '12 days' (a column of days until an event)."""
    return "today" if days <= 0 else f"{days:,} day{'s' if days != 1 else ''}"
