"""The request budget a server reports in X-Rate-Limit-* headers (any vendor that sends them)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class RateLimitStatus(BaseModel):
    """The request budget from the latest X-Rate-Limit-* response headers (None where absent)."""

    model_config = ConfigDict(frozen=True)

    limit_minute: int | None = None
    remaining_minute: int | None = None
    reset_minute: datetime | None = None
    limit_day: int | None = None
    remaining_day: int | None = None
    reset_day: datetime | None = None
