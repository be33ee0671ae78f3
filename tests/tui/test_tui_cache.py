"""The result cache keeps at most a set number of entries of a limited tag, dropping the oldest."""

from __future__ import annotations

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
