"""A short-lived cache of API results, so going back to a customer or a page is instant."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from fusebill_tui.core.sent import announce_sent

T = TypeVar("T")


@dataclass
class _Entry:
    value: Any
    stored_at: float
    tags: frozenset[Hashable]


class ResultCache:
    """Results by key for ``ttl`` seconds, with tags for invalidation and shared in-flight fetches.

    ``tag_limits`` keeps at most that many entries of a tag (the least recently used go first):
    a page of customers is large, and paging far through a big account must not fill the cache.

    Two callers asking for the same key while it is being fetched wait for the same
    request (a prefetch and a page turn never send the request twice).
    """

    def __init__(
        self,
        ttl: float = 120.0,
        *,
        max_entries: int = 256,
        tag_limits: Mapping[Hashable, int] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self.tag_limits = dict(tag_limits or {})
        self._clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._in_flight: dict[Hashable, asyncio.Future[Any]] = {}
        self._generation = 0

    def peek(self, key: Hashable) -> Any | None:
        """The fresh cached value for ``key``, or None."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self._clock() - entry.stored_at > self.ttl:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return entry.value

    def is_pending(self, key: Hashable) -> bool:
        """Whether a fetch for ``key`` is under way."""
        return key in self._in_flight

    async def get(
        self, key: Hashable, fetch: Callable[[], Awaitable[T]], *, tags: frozenset[Hashable] = frozenset()
    ) -> T:
        """Return the cached value for ``key``, or fetch, store and return it."""
        cached: T | None = self.peek(key)
        if cached is not None:
            return cached
        pending = self._in_flight.get(key)
        if pending is not None:
            announce_sent()  # its request is out already, or on its way in the task that sends it
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if not pending.cancelled() or (task is not None and task.cancelling()):
                    raise
                # The first caller gave up (its worker was cancelled): fetch it ourselves.
            return await self.get(key, fetch, tags=tags)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._in_flight[key] = future
        generation = self._generation
        try:
            value = await fetch()
        except BaseException as error:
            if not future.done():
                if isinstance(error, asyncio.CancelledError):
                    future.cancel()
                else:
                    future.set_exception(error)
                    future.exception()  # mark retrieved: the caller re-raises it
            raise
        finally:
            if self._in_flight.get(key) is future:
                del self._in_flight[key]
        if generation == self._generation:
            self._store(key, value, tags)
        future.set_result(value)
        return value

    def _store(self, key: Hashable, value: Any, tags: frozenset[Hashable]) -> None:
        self._entries[key] = _Entry(value, self._clock(), tags)
        self._entries.move_to_end(key)
        for tag in tags & self.tag_limits.keys():
            tagged = [k for k, entry in self._entries.items() if tag in entry.tags]  # oldest first
            for old in tagged[: max(0, len(tagged) - self.tag_limits[tag])]:
                del self._entries[old]
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def invalidate(self, *tags: Hashable) -> None:
        """Forget every entry carrying any of ``tags`` (results fetched meanwhile are not stored)."""
        wanted = set(tags)
        for key in [key for key, entry in self._entries.items() if entry.tags & wanted]:
            del self._entries[key]
        self._generation += 1

    def clear(self) -> None:
        """Forget everything."""
        self._entries.clear()
        self._generation += 1

    def __len__(self) -> int:
        return len(self._entries)
