"""Days until an event, in words."""

from __future__ import annotations


def days_text(days: int, verb: str) -> str:
    """'Suspends in 2 days', 'Suspends today', 'Suspends in 1 day'."""
    if days <= 0:
        return f"{verb} today"
    return f"{verb} in {days} day{'s' if days != 1 else ''}"
