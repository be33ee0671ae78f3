"""Keeping the last of the day's request budget for what the user asks for.

Past ``MAX_USE_PERCENT`` of the day's requests (``X-Rate-Limit-Limit-Day`` minus
``X-Rate-Limit-Remaining-Day``), reads nobody asked for (the next page read ahead, counts in a menu)
stop; reads the user asks for still go. The threshold and its test (used share strictly above it)
follow claygorman/fusebill-node-sdk (src/client.js: ``maxUsePercent``, default 90, which refuses every
request past it; here only the background ones wait).
"""

from __future__ import annotations

import math

MAX_USE_PERCENT = 90.0


def day_used_percent(rate_limit: object | None) -> float | None:
    """How much of the day's budget is used, in percent, or None when the headers do not say."""
    limit = getattr(rate_limit, "limit_day", None)
    remaining = getattr(rate_limit, "remaining_day", None)
    if not isinstance(limit, int) or not isinstance(remaining, int) or limit <= 0:
        return None
    return 100.0 * max(0, limit - remaining) / limit


def background_paused(rate_limit: object | None, max_use_percent: float = MAX_USE_PERCENT) -> bool:
    """Whether reads the user did not ask for should wait for tomorrow's budget."""
    used = day_used_percent(rate_limit)
    return used is not None and max_use_percent > 0 and used > max_use_percent


def used_note(rate_limit: object | None, max_use_percent: float = MAX_USE_PERCENT) -> str:
    """'daily budget 91 % used' while background reads wait, else ''."""
    if not background_paused(rate_limit, max_use_percent):
        return ""
    used = day_used_percent(rate_limit) or 0.0
    return f"daily budget {math.ceil(used)} % used"  # rounded up: never "90 %" past 90


def pause_note(rate_limit: object | None, max_use_percent: float = MAX_USE_PERCENT) -> str:
    """'daily budget 91 % used: prefetch paused' (for the environment bar) while background reads wait, else ''."""
    used = used_note(rate_limit, max_use_percent)
    return f"{used}: prefetch paused" if used else ""
