"""What every sandbox holds besides its own data: settings, a clock, planned faults, limits, a request log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from fusebill_tui.sandbox.core.clock import utc_now
from fusebill_tui.sandbox.core.faults import FaultPlan
from fusebill_tui.sandbox.core.ratelimit import RateLimiter
from fusebill_tui.sandbox.core.requestlog import LoggedRequest


class CommonSettings(Protocol):
    """The settings every sandbox has (each vendor's settings dataclass adds its own)."""

    @property
    def seed(self) -> int: ...
    @property
    def latency(self) -> float: ...
    @property
    def per_minute(self) -> int: ...
    @property
    def per_day(self) -> int: ...
    @property
    def clock(self) -> Callable[[], datetime] | None: ...
    @property
    def stall_seconds(self) -> float: ...


SettingsT = TypeVar("SettingsT", bound=CommonSettings)


class SandboxState(Generic[SettingsT]):
    """One sandbox instance's settings, clock, fault plan, rate limiter and log of every request."""

    def __init__(self, settings: SettingsT) -> None:
        self.settings = settings
        self.clock: Callable[[], datetime] = settings.clock or utc_now
        self.faults = FaultPlan(seed=settings.seed, latency=settings.latency)
        self.limiter = RateLimiter(settings.per_minute, settings.per_day, self.clock)
        self.request_log: list[LoggedRequest] = []
