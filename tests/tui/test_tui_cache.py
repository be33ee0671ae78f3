"""The result cache keeps at most a set number of entries of a limited tag, dropping the oldest."""

from __future__ import annotations

import asyncio

from fusebill_tui.core.sent import report_sent_to
from fusebill_tui.tui.cache import ResultCache


async def _value(value: str) -> str:
    return value


async def test_a_tag_limit_drops_the_least_recently_used_entries_of_that_tag_only() -> None:
    cache = ResultCache(tag_limits={"pages": 2})
    await cache.get("customer", lambda: _value("c"), tags=frozenset({7}))
    for number in range(3):
        await cache.get(("page", number), lambda n=number: _value(f"p{n}"), tags=frozenset({"pages"}))
    assert cache.peek(("page", 0)) is None
    assert cache.peek(("page", 1)) == "p1" and cache.peek(("page", 2)) == "p2"
    assert cache.peek("customer") == "c"
    assert cache.peek(("page", 1)) == "p1"  # used again: now the newest
    await cache.get(("page", 3), lambda: _value("p3"), tags=frozenset({"pages"}))
    assert cache.peek(("page", 2)) is None and cache.peek(("page", 1)) == "p1"
    assert len(cache) == 3


async def test_a_read_that_joins_one_in_flight_hears_at_once_that_it_is_out() -> None:
    cache = ResultCache()
    answer: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    first = asyncio.ensure_future(cache.get("key", lambda: answer))
    joined = asyncio.Event()
    with report_sent_to(joined.set):
        second = asyncio.ensure_future(cache.get("key", lambda: answer))  # runs after the first: it joins
    await asyncio.wait_for(joined.wait(), 5.0)
    assert cache.is_pending("key") and not second.done()
    answer.set_result("value")
    assert await first == await second == "value"
