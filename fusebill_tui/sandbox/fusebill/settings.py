"""Settings of one sandbox instance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

#: The key the sandbox accepts unless told otherwise: base64 of ``sandbox:sandbox``.
DEFAULT_API_KEY = "c2FuZGJveDpzYW5kYm94"


@dataclass
class SandboxSettings:
    """How big the generated account is, which key it accepts, and its limits."""

    customers: int = 2000
    seed: int = 7
    api_key: str = DEFAULT_API_KEY
    per_minute: int = 1000
    per_day: int = 180000
    latency: float = 0.0
    notes_listing: bool = True
    #: Returns the current UTC time; tests inject a manual clock so no test sleeps.
    clock: Callable[[], datetime] | None = None
    #: Seconds a socket-served "timeout" or "stall" fault holds the connection.
    stall_seconds: float = 120.0
