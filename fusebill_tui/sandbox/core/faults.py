"""Fault injection: latency, error bursts, dropped connections, timeouts and bad bodies."""

from __future__ import annotations

import fnmatch
import random
from dataclasses import dataclass

# "null" and "empty" carry out the request, then answer its status with a ``null`` or an empty body
# (a success the real API sometimes answers so: Skrumble/fusebill-node's CHANGELOG 1.0.3).
MALFORMED_KINDS = ("json", "html", "list", "stall", "null", "empty")


@dataclass
class Fault:
    """One planned fault, used up after ``count`` matching requests."""

    kind: str  # "fail" | "drop" | "timeout" | "malformed"
    count: int
    method: str | None = None
    path: str | None = None
    status: int = 500
    retry_after: float | int | None = None
    body: object = None
    malformed: str | None = None
    # Which budget the fault's X-Rate-Limit-* headers say is used up ("minute" or "day"), or None: the
    # budget as it is (a 429 with requests left, as burst or concurrency protection answers).
    exhausted: str | None = None

    def response_headers(self, rate_headers: dict[str, str]) -> dict[str, str]:
        """The headers a ``fail`` fault answers with: the rate-limit headers (as the budget is, or with
        the ``exhausted`` one at 0) and its ``Retry-After`` when it has one."""
        headers = dict(rate_headers)
        if self.exhausted is not None:
            headers[f"X-Rate-Limit-Remaining-{self.exhausted.capitalize()}"] = "0"
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        return headers

    def matches(self, method: str, path: str) -> bool:
        """Whether a request (method, path under /v1 or not) is one this fault targets."""
        if self.method and self.method.upper() != method.upper():
            return False
        if self.path:
            want = _strip_base(self.path.lower())
            have = _strip_base(path.lower())
            if not fnmatch.fnmatchcase(have, want):
                return False
        return True


def _strip_base(path: str) -> str:
    path = "/" + path.lstrip("/")
    if path.startswith("/v1/") or path == "/v1":
        path = path[3:] or "/"
    return path.rstrip("/") or "/"


class FaultPlan:
    """What goes wrong next. ``path`` filters accept ``*`` wildcards and may omit ``/v1``."""

    def __init__(self, seed: int = 0, latency: float = 0.0) -> None:
        self.latency = latency
        self.error_rate = 0.0
        self._rng = random.Random(seed)
        self._pending: list[Fault] = []

    def fail_next(self, status: int, count: int = 1, *, method: str | None = None, path: str | None = None,
                  retry_after: float | int | None = None, body: object = None,
                  exhausted: str | None = None) -> None:
        """Answer the next ``count`` matching requests with ``status`` (the documented error body unless ``body``).

        ``exhausted`` ("minute" or "day") makes the answer's headers say that budget is used up
        (remaining 0); without it they carry the budget as it is, with requests left.
        """
        if exhausted not in (None, "minute", "day"):
            raise ValueError("exhausted must be 'minute', 'day' or None")
        self._pending.append(Fault("fail", count, method, path, status, retry_after, body, exhausted=exhausted))

    def drop_next(self, count: int = 1, *, method: str | None = None, path: str | None = None) -> None:
        """Drop the connection of the next matching requests before any response."""
        self._pending.append(Fault("drop", count, method, path))

    def timeout_next(self, count: int = 1, *, method: str | None = None, path: str | None = None) -> None:
        """Never answer the next matching requests (the client's read timeout fires)."""
        self._pending.append(Fault("timeout", count, method, path))

    def malformed_next(self, kind: str, count: int = 1, *, method: str | None = None,
                       path: str | None = None) -> None:
        """Answer with a broken body: truncated ``json``, a 200 ``html`` page, a ``list``, a ``stall``, or
        the route's own status with a ``null`` or ``empty`` body (the request is carried out)."""
        if kind not in MALFORMED_KINDS:
            raise ValueError(f"kind must be one of {', '.join(MALFORMED_KINDS)}")
        self._pending.append(Fault("malformed", count, method, path, malformed=kind))

    def clear(self) -> None:
        """Forget every planned fault, the latency and the error rate."""
        self._pending.clear()
        self.latency = 0.0
        self.error_rate = 0.0

    @property
    def pending(self) -> list[Fault]:
        """Faults not yet used up."""
        return list(self._pending)

    def take(self, method: str, path: str) -> Fault | None:
        """The fault this request meets, if any (counting it down)."""
        for fault in self._pending:
            if fault.matches(method, path):
                fault.count -= 1
                if fault.count <= 0:
                    self._pending.remove(fault)
                return fault
        if self.error_rate and self._rng.random() < self.error_rate:
            return Fault("fail", 1, status=self._rng.choice((500, 502, 503)))
        return None
