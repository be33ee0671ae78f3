"""Page[T]: one page of a list with the documented X-* paging headers, and the all-pages walk."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# An absolute bound on one walk, whatever the headers claim (a server bug must not loop forever).
MAX_PAGES_PER_WALK = 100_000


def header_int(headers: Mapping[str, str], name: str) -> int | None:
    """An integer header, or None when it is missing or not an integer."""
    value = headers.get(name)
    if value is None:
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def header_str(headers: Mapping[str, str], name: str) -> str | None:
    """A non-empty header value, or None."""
    value = headers.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list response: the items plus every documented paging header (None if absent)."""

    items: list[T] = field(default_factory=list)
    count: int | None = None  # X-Count: results matching the filter
    max_count: int | None = None  # X-MaxCount: all results
    current_page: int | None = None  # X-CurrentPage
    max_page_index: int | None = None  # X-MaxPageIndex: number of the last page
    next_page: int | None = None  # X-NextPage
    previous_page: int | None = None  # X-PreviousPage (-1: none)
    page_size: int | None = None  # X-PageSize
    sort_order: str | None = None  # X-SortOrder
    sort_expression: str | None = None  # X-SortExpression

    @classmethod
    def from_headers(cls, items: list[T], headers: Mapping[str, str]) -> Page[T]:
        """Build a page from parsed items and the response headers, tolerating missing or garbage values."""
        return cls(
            items=items,
            count=header_int(headers, "X-Count"),
            max_count=header_int(headers, "X-MaxCount"),
            current_page=header_int(headers, "X-CurrentPage"),
            max_page_index=header_int(headers, "X-MaxPageIndex"),
            next_page=header_int(headers, "X-NextPage"),
            previous_page=header_int(headers, "X-PreviousPage"),
            page_size=header_int(headers, "X-PageSize"),
            sort_order=header_str(headers, "X-SortOrder"),
            sort_expression=header_str(headers, "X-SortExpression"),
        )

    @property
    def has_next(self) -> bool:
        """True when the server names a next page (X-NextPage present and not -1)."""
        return self.next_page is not None and self.next_page >= 0

    @property
    def has_previous(self) -> bool:
        """True when the server names a previous page (X-PreviousPage present and not -1)."""
        return self.previous_page is not None and self.previous_page >= 0

    @property
    def page_count(self) -> int | None:
        """How many pages there are (X-MaxPageIndex + 1), if known."""
        return None if self.max_page_index is None else self.max_page_index + 1


async def walk_pages(
    fetch: Callable[[int], Awaitable[Page[T]]],
    *,
    page_size: int,
    key: Callable[[T], Any],
    max_pages: int | None = None,
) -> AsyncIterator[T]:
    """Yield every item of every page once (deduplicated by ``key``).

    Stops on a short page, a missing or -1 X-NextPage, a next page that does not move forward,
    a full page with nothing new, or after a bound of pages derived from X-Count.
    """
    seen: set[Any] = set()
    page_number = 0
    pages_read = 0
    limit = max_pages if max_pages is not None else MAX_PAGES_PER_WALK
    while pages_read < limit:
        page = await fetch(page_number)
        pages_read += 1
        fresh = 0
        for item in page.items:
            item_key = key(item)
            if item_key in seen:
                continue
            seen.add(item_key)
            fresh += 1
            yield item
        if max_pages is None and page.count is not None and page_size > 0:
            # Records may shift while walking: allow a couple of pages beyond what X-Count implies.
            limit = min(limit, -(-page.count // page_size) + 2)
        if len(page.items) < page_size or fresh == 0:
            return
        if not page.has_next or page.next_page is None or page.next_page <= page_number:
            return
        page_number = page.next_page
