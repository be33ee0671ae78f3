"""When reads nobody asked for (read-ahead, a worklist filling in) may be sent, so the user's own never wait.

Background reads keep off two budgets the server reports:
- this minute's: they stop while the requests left are at or below the reserve the client's throttle keeps
  for the user (a fifth of the limit, at least 5), and wait for the minute's reset;
- the day's: past ``MAX_USE_PERCENT`` they stop for the day (``daily_budget``).
A caller may also ask for a minimum per-minute limit: read-ahead is off on small accounts, where every
request it spends is one the user may miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fusebill_tui.core.daily_budget import MAX_USE_PERCENT, background_paused, used_note

RESERVE_FRACTION = 0.2
RESERVE_MINIMUM = 5


def minute_reserve(limit_minute: int | None) -> int:
    """Requests a minute kept for the user's own reads and changes."""
    return max(RESERVE_MINIMUM, int((limit_minute or 0) * RESERVE_FRACTION))


@dataclass(frozen=True)
class BackgroundVerdict:
    """Whether a background read may go now; if not, for how long it should wait (None: not today)."""

    allowed: bool
    wait_seconds: float | None = 0.0
    reason: str = ""

    @property
    def stopped(self) -> bool:
        """Stopped for good (the day's budget, or an account too small for this kind of read)."""
        return not self.allowed and self.wait_seconds is None


ALLOWED = BackgroundVerdict(True)


def background_verdict(
    rate_limit: object | None,
    *,
    now: datetime,
    min_limit_per_minute: int | None = None,
    max_use_percent: float = MAX_USE_PERCENT,
) -> BackgroundVerdict:
    """May a read nobody asked for be sent now, given the latest budget the server reported?

    With no budget reported yet, it may (the first answer tells). ``min_limit_per_minute``: refuse on
    accounts allowed that many requests a minute or fewer.
    """
    if background_paused(rate_limit, max_use_percent):
        return BackgroundVerdict(False, None, f"{used_note(rate_limit, max_use_percent)}: background reads stopped")
    limit = getattr(rate_limit, "limit_minute", None)
    if min_limit_per_minute is not None and isinstance(limit, int) and limit <= min_limit_per_minute:
        return BackgroundVerdict(False, None, f"off at {limit} requests a minute")
    remaining = getattr(rate_limit, "remaining_minute", None)
    if not isinstance(remaining, int) or remaining > minute_reserve(limit if isinstance(limit, int) else None):
        return ALLOWED
    reset = getattr(rate_limit, "reset_minute", None)
    wait = max(0.0, (reset - now).total_seconds()) if isinstance(reset, datetime) else 1.0
    return BackgroundVerdict(False, wait, f"{remaining} requests left this minute, kept for you")
