"""The gate for background reads: the minute's reserve, the day's 90 %, and small accounts."""

from datetime import UTC, datetime, timedelta

from fusebill_tui.core.background import background_verdict, minute_reserve
from fusebill_tui.core.ratelimit import RateLimitStatus

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def _status(**fields: object) -> RateLimitStatus:
    return RateLimitStatus.model_validate(fields)


def test_no_budget_reported_yet_allows() -> None:
    assert background_verdict(None, now=NOW).allowed


def test_the_minutes_reserve_is_kept_for_the_user() -> None:
    reset = NOW + timedelta(seconds=12)
    assert minute_reserve(50) == 10
    assert background_verdict(_status(limit_minute=50, remaining_minute=11, reset_minute=reset), now=NOW).allowed
    held = background_verdict(_status(limit_minute=50, remaining_minute=10, reset_minute=reset), now=NOW)
    assert not held.allowed and not held.stopped
    assert held.wait_seconds == 12.0
    assert "kept for you" in held.reason


def test_past_ninety_percent_of_the_day_stops() -> None:
    verdict = background_verdict(_status(limit_day=1000, remaining_day=99), now=NOW)
    assert verdict.stopped
    assert verdict.reason == "daily budget 91 % used: background reads stopped"
    assert background_verdict(_status(limit_day=1000, remaining_day=100), now=NOW).allowed


def test_small_accounts_can_be_refused() -> None:
    status = _status(limit_minute=100, remaining_minute=100)
    assert background_verdict(status, now=NOW).allowed
    assert background_verdict(status, now=NOW, min_limit_per_minute=100).stopped
    assert background_verdict(_status(limit_minute=101, remaining_minute=101), now=NOW,
                              min_limit_per_minute=100).allowed
