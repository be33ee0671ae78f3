"""Request policy: rate-limit tracking, client-side throttle, concurrency cap and retries for GETs."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from fusebill_tui.core import jsonutil
from fusebill_tui.core.errors import (
    MAY_HAVE_BEEN_DONE,
    PLAIN_WORDING,
    ApiError,
    ErrorWording,
    FusebillError,
    MalformedResponse,
    NetworkError,
    RateLimited,
    ServerError,
    error_for_status,
)
from fusebill_tui.core.loose import parse_timestamp
from fusebill_tui.core.ratelimit import RateLimitStatus
from fusebill_tui.core.waits import RetryWait, WaitReason, current_listener

log = logging.getLogger("fusebill_tui.core.http_policy")

Sleep = Callable[[float], Awaitable[Any]]
Clock = Callable[[], float]


def parse_reset(value: str | None) -> datetime | None:
    """A reset time from a header: an ISO timestamp (UTC if naive), an HTTP date or epoch seconds."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    stamp = parse_timestamp(text)
    if stamp is not None:
        return stamp
    try:
        number = float(text) if "." in text else int(text)
    except ValueError:
        number = None
    if number is not None:
        try:
            return datetime.fromtimestamp(number, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    value = headers.get(name)
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None


def rate_limit_from_headers(headers: Mapping[str, str]) -> RateLimitStatus | None:
    """RateLimitStatus from X-Rate-Limit-* headers, or None when the response has none of them."""
    names = [n for n in headers if n.lower().startswith("x-rate-limit-")]
    if not names:
        return None
    return RateLimitStatus(
        limit_minute=_int_header(headers, "X-Rate-Limit-Limit-Minute"),
        remaining_minute=_int_header(headers, "X-Rate-Limit-Remaining-Minute"),
        reset_minute=parse_reset(headers.get("X-Rate-Limit-Reset-Minute")),
        limit_day=_int_header(headers, "X-Rate-Limit-Limit-Day"),
        remaining_day=_int_header(headers, "X-Rate-Limit-Remaining-Day"),
        reset_day=parse_reset(headers.get("X-Rate-Limit-Reset-Day")),
    )


def error_from_response(response: httpx.Response, *, now: datetime,
                        wording: ErrorWording = PLAIN_WORDING) -> ApiError:
    """The ApiError for an error response, with the server's (Key, Value) messages when readable.

    The request's method (from ``response.request`` when it has one) shapes the wording of a 409.
    """
    errors: list[tuple[str, str]] = []
    try:
        body = jsonutil.loads(response.content) if response.content else None
    except ValueError:
        body = None
    if isinstance(body, dict):
        items = body.get("Errors") or body.get("errors") or []
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict):
                    key = item.get("Key", item.get("key"))
                    value = item.get("Value", item.get("value"))
                    errors.append(("" if key is None else str(key), "" if value is None else str(value)))
        # Envelope-style APIs (ChargeOver) answer {"status": "Error", "message": "..."} instead; some of
        # Fusebill's 404s carry ASP.NET's {"Message": "..."} (Skrumble/fusebill-node, FusebillResource.js).
        message = body.get("message") or body.get("Message")
        if not errors and isinstance(message, str) and message.strip():
            errors.append(("message", message.strip()))
    reset_at: datetime | None = None
    if response.status_code == 429:
        reset_at = retry_at(response.headers, now=now)
    try:
        method: str | None = response.request.method
    except RuntimeError:  # a Response built without a request
        method = None
    return error_for_status(response.status_code, errors, reset_at=reset_at, method=method, wording=wording)


def retry_after(headers: Mapping[str, str], *, now: datetime) -> datetime | None:
    """When the server's ``Retry-After`` (seconds or an HTTP date) allows the next try, or None."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    text = value.strip()
    try:
        return now + timedelta(seconds=max(0.0, float(text)))
    except ValueError:
        return parse_reset(text)


def exhausted_reset(headers: Mapping[str, str]) -> datetime | None:
    """The reset of a budget the headers say is used up (remaining 0): the day's first, else the minute's."""
    status = rate_limit_from_headers(headers)
    if status is None:
        return None
    if status.remaining_day is not None and status.remaining_day <= 0 and status.reset_day:
        return status.reset_day
    if status.remaining_minute is not None and status.remaining_minute <= 0 and status.reset_minute:
        return status.reset_minute
    return None


def retry_at(headers: Mapping[str, str], *, now: datetime) -> datetime | None:
    """When a 429 may be retried: ``Retry-After``, else the reset of the exhausted budget (remaining 0).

    None when neither says: the budget has requests left, so the 429 came from burst or concurrency
    protection and a short backoff (the policy's) is the right wait, not the minute's reset.
    """
    return retry_after(headers, now=now) or exhausted_reset(headers)


class RequestPolicy:
    """Sends requests under the rate-limit budget: throttle, concurrency cap, bounded retries for GETs.

    ``sleep`` and ``clock`` (wall-clock seconds since the epoch, used to compare with the server's reset
    timestamps) are injectable so tests run instantly and deterministically.
    """

    def __init__(
        self,
        *,
        max_concurrency: int = 4,
        throttle: bool = True,
        max_retries: int = 4,
        max_rate_limit_retries: int = 6,
        sleep: Sleep | None = None,
        clock: Clock | None = None,
        max_rate_limit_wait: float = 60.0,
        backoff_initial: float = 0.5,
        backoff_max: float = 8.0,
        rate_limit_backoff_initial: float = 0.5,
        rate_limit_backoff_max: float = 3.0,
        reserve_fraction: float = 0.2,
        reserve_minimum: int = 5,
        on_retry: Callable[[str], None] | None = None,
        wording: ErrorWording = PLAIN_WORDING,
    ) -> None:
        self.throttle = throttle
        self.wording = wording
        self.max_retries = max(0, max_retries)  # after a server error or a connection problem
        self.max_rate_limit_retries = max(0, max_rate_limit_retries)  # after a 429, counted apart
        self.max_rate_limit_wait = max_rate_limit_wait
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.rate_limit_backoff_initial = rate_limit_backoff_initial
        self.rate_limit_backoff_max = rate_limit_backoff_max
        self.reserve_fraction = reserve_fraction
        self.reserve_minimum = reserve_minimum
        self._sleep: Sleep = sleep or asyncio.sleep
        self._clock: Clock = clock or time.time
        self._semaphore = asyncio.Semaphore(max(1, max_concurrency))
        self._slot_lock = asyncio.Lock()
        self._next_slot = 0.0
        self.rate_limit: RateLimitStatus | None = None
        self.on_retry = on_retry

    def now(self) -> datetime:
        """The current time (from the injected clock), aware UTC."""
        return datetime.fromtimestamp(self._clock(), UTC)

    # --- throttle --------------------------------------------------------------------------

    def spacing(self) -> float:
        """Seconds to leave between requests now: 0 while the budget is ample, else time_left / remaining."""
        status = self.rate_limit
        if not self.throttle or status is None or status.remaining_minute is None:
            return 0.0
        if status.reset_minute is None:
            return 0.0
        time_left = (status.reset_minute - self.now()).total_seconds()
        if time_left <= 0:
            return 0.0
        remaining = status.remaining_minute
        if remaining <= 0:
            return time_left
        limit = status.limit_minute or remaining
        reserve = max(self.reserve_minimum, int(limit * self.reserve_fraction))
        if remaining > reserve:
            return 0.0
        return time_left / remaining

    async def _throttle(self) -> None:
        """Wait for this request's slot so a low budget is spread evenly until the reset."""
        spacing = self.spacing()
        if spacing <= 0:
            return
        async with self._slot_lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + spacing
        delay = slot - now
        if delay > 0:
            log.debug("throttling: waiting %.2fs (rate-limit budget low)", delay)
            await self._sleep(delay)

    def observe(self, headers: Mapping[str, str]) -> None:
        """Record the rate-limit headers of a response."""
        status = rate_limit_from_headers(headers)
        if status is not None:
            self.rate_limit = status

    # --- sending ---------------------------------------------------------------------------

    async def _attempt(
        self, send: Callable[[], Awaitable[httpx.Response]], label: str, *, idempotent: bool = True
    ) -> httpx.Response:
        failure: FusebillError | None = None
        async with self._semaphore:
            await self._throttle()
            try:
                response = await send()
            except httpx.TimeoutException as exc:
                failure = _network_error("The server did not answer in time", exc, idempotent)
            except httpx.TransportError as exc:
                failure = _network_error("Could not reach the server", exc, idempotent)
        # Raised outside the except blocks so the httpx exception (whose request holds the
        # Authorization header) is not chained onto ours.
        if failure is not None:
            log.warning("%s failed: %s", label, failure.user_message)
            raise failure
        self.observe(response.headers)
        if response.status_code >= 400:
            error = error_from_response(response, now=self.now(), wording=self.wording)
            log.warning("%s -> %s", label, response.status_code)
            raise error
        log.debug("%s -> %s", label, response.status_code)
        return response

    def _seconds_until(self, moment: datetime) -> float:
        return max(0.0, (moment - self.now()).total_seconds())

    def rate_limit_delay(self, error: RateLimited, retry: int) -> float:
        """Seconds to wait before the ``retry``-th retry after a 429.

        Until the time the server gave (``Retry-After``, or the reset of a budget it says is used up);
        otherwise, with budget left (burst or concurrency protection), briefly: 0.5 s, doubling, capped.
        """
        if error.reset_at is not None:
            return self._seconds_until(error.reset_at)
        return min(self.rate_limit_backoff_max, self.rate_limit_backoff_initial * 2.0 ** (retry - 1))

    def failure_delay(self, retry: int) -> float:
        """Seconds to wait before the ``retry``-th retry after a server error or a connection problem."""
        doubled = min(self.backoff_max, self.backoff_initial * 2.0 ** (retry - 1))
        return doubled + random.uniform(0, self.backoff_initial)

    def _announce(self, wait: RetryWait) -> None:
        """Log a retry and tell its owner (the screen that asked), else the app-wide callback, in words."""
        log.info("%s: retrying at %s after %s (retry %d)", wait.label, wait.until.isoformat(), wait.reason,
                 wait.attempt)
        listener = current_listener()
        try:
            if listener is not None:
                listener(wait)
            elif self.on_retry is not None:
                self.on_retry(wait.message())
        except Exception:  # a UI callback must never break the request
            log.exception("retry callback failed")

    def _announce_resend(self) -> None:
        listener = current_listener()
        if listener is not None:
            try:
                listener(None)
            except Exception:  # a UI callback must never break the request
                log.exception("retry callback failed")

    async def send(
        self,
        send: Callable[[], Awaitable[httpx.Response]],
        *,
        idempotent: bool,
        label: str,
    ) -> httpx.Response:
        """Send once (POST/PUT/DELETE) or with bounded retries on 429 / 5xx / network errors (GET).

        429s and other failures are counted apart: a run of 429s with budget left is ridden out with
        short waits, and does not use up the retries a failing server gets.
        """
        if not idempotent:
            return await self._attempt(send, label, idempotent=False)
        rate_limited = failed = 0
        while True:
            try:
                return await self._attempt(send, label)
            except RateLimited as error:
                rate_limited += 1
                if rate_limited > self.max_rate_limit_retries:
                    raise self._gave_up(error, rate_limited) from None
                delay = self.rate_limit_delay(error, rate_limited)
                if delay > self.max_rate_limit_wait:
                    raise
                wait = RetryWait("rate_limited", self.now() + timedelta(seconds=delay), rate_limited, label, 429)
            except (ServerError, NetworkError) as error:
                failed += 1
                if failed > self.max_retries:
                    raise
                delay = self.failure_delay(failed)
                status = error.status if isinstance(error, ServerError) else None
                reason: WaitReason = "server_error" if isinstance(error, ServerError) else "network"
                wait = RetryWait(reason, self.now() + timedelta(seconds=delay), failed, label, status)
            self._announce(wait)
            await self._sleep(delay)
            self._announce_resend()

    def _gave_up(self, error: RateLimited, times: int) -> RateLimited:
        """The 429 to raise after the last retry: how often it came, and when to try again."""
        reset_at = error.reset_at or self.now() + timedelta(seconds=self.rate_limit_backoff_max)
        return RateLimited(error.status, error.errors, reset_at=reset_at, times=times,
                           wording=error.wording)


# Errors raised before the request left this machine: a change was certainly not made.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def _network_error(what: str, exc: httpx.TransportError, idempotent: bool) -> NetworkError:
    """A NetworkError in words; after a change that may have reached the server, never "try again"."""
    if idempotent or isinstance(exc, _NEVER_SENT):
        return NetworkError(f"{what} ({type(exc).__name__}); check your connection and try again.")
    return NetworkError(f"{what} ({type(exc).__name__}). {MAY_HAVE_BEEN_DONE}")


def _is_read(response: httpx.Response) -> bool:
    """Whether the response answers a GET (True when unknown, e.g. a Response built without a request)."""
    try:
        return response.request.method in ("GET", "HEAD")
    except RuntimeError:
        return True


def parse_json(response: httpx.Response) -> Any:
    """The response body as JSON (Decimals exact), or MalformedResponse for HTML, truncation, etc.

    The message suggests trying again only after a read: an unreadable answer to a change may
    follow a change that was made.
    """
    content = response.content
    if not content.strip():
        return None
    try:
        return jsonutil.loads(content)
    except (ValueError, RecursionError):
        kind = response.headers.get("content-type", "unknown type").split(";")[0].strip()
        if "json" in kind.lower():  # "expected JSON, got application/json" made no sense to a user
            what = "The server's answer could not be read (it was cut short or garbled)"
        else:
            what = f"The server's answer could not be read (expected JSON, got {kind or 'unknown type'})"
        advice = "; try again." if _is_read(response) else f". {MAY_HAVE_BEEN_DONE}"
        raise MalformedResponse(what + advice) from None


__all__ = ["MalformedResponse", "RequestPolicy", "parse_json", "parse_reset", "rate_limit_from_headers"]
