"""What every vendor's async client shares: one httpx.AsyncClient under a RequestPolicy.

A vendor's client builds its policy and headers (its auth, its audit header) and hands them here; this
class gives it the ``async with`` protocol, the policy's rate-limit and retry-callback as attributes, the
read-only guard and a ``repr`` that never shows a key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self

import httpx

from fusebill_tui.core.errors import ReadOnlyError
from fusebill_tui.core.http_policy import RequestPolicy
from fusebill_tui.core.ratelimit import RateLimitStatus
from fusebill_tui.core.sent import sent_extensions

READ_ONLY_MESSAGE = ("This environment is read-only: nothing was sent. "
                     "Switch environment or drop --read-only to make changes.")


class PolicyClient:
    """The shared base of the vendor clients. Use a subclass as ``async with Client(...) as client``."""

    #: The vendor kind this client speaks (the registry picks its backend by it).
    kind: ClassVar[str]
    #: How ``repr`` names the credentials it hides.
    secret_name: ClassVar[str] = "keys"

    def __init__(self, base_url: str, *, read_only: bool, policy: RequestPolicy,
                 transport: httpx.AsyncBaseTransport | None, timeout: float, headers: Mapping[str, str],
                 auth: httpx.Auth | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.read_only = read_only
        self.policy = policy
        self._http = httpx.AsyncClient(transport=transport, timeout=timeout, auth=auth, headers=dict(headers),
                                       follow_redirects=False)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(base_url={self.base_url!r}, read_only={self.read_only}, "
                f"{self.secret_name}=<hidden>)")

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the underlying HTTP connection pool."""
        await self._http.aclose()

    @property
    def rate_limit(self) -> RateLimitStatus | None:
        """The request budget from the latest response's ``X-Rate-Limit-*`` headers (None before any)."""
        return self.policy.rate_limit

    @property
    def on_retry(self) -> Callable[[str], None] | None:
        """Called with a plain-words message ("Rate limited, retrying at 14:03:07.") before a GET is retried."""
        return self.policy.on_retry

    @on_retry.setter
    def on_retry(self, callback: Callable[[str], None] | None) -> None:
        self.policy.on_retry = callback

    async def _request(self, method: str, url: httpx.URL | str, **kwargs: Any) -> httpx.Response:
        """One request on the shared connection pool; the read's owner hears when it has left (``core.sent``)."""
        return await self._http.request(method, url, extensions=sent_extensions(), **kwargs)

    def _refuse_if_read_only(self, method: str = "POST") -> None:
        """Raise ReadOnlyError, before anything is sent, for a change on a read-only environment."""
        if method != "GET" and self.read_only:
            raise ReadOnlyError(READ_ONLY_MESSAGE)
