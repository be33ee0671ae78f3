"""Completing the word being typed in a filter, shared by every vendor's filter language."""

from __future__ import annotations

from collections.abc import Iterable


def last_unescaped(text: str, separators: str) -> int:
    """Index just after the last unescaped separator in ``text`` (0 if none)."""
    cut, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in separators:
            cut = i + 1
        i += 1
    return cut


def complete(value: str, typed: str, candidates: Iterable[str], suffix: str = "") -> str | None:
    """``value`` plus the rest of the first candidate that ``typed`` starts (any case), then ``suffix``."""
    lowered = typed.lower()
    for candidate in candidates:
        if candidate.lower().startswith(lowered) and candidate.lower() != lowered:
            return value + candidate[len(typed):] + suffix
    return None
