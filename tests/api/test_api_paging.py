"""Page headers parsed tolerantly, and the all-pages walk's dedup and stop rules."""

import pytest

from fusebill_tui.core.paging import Page, walk_pages


def test_page_headers_tolerate_missing_and_garbage_values():
    page = Page.from_headers([1], {"X-Count": "12", "X-NextPage": "abc", "X-PageSize": "", "X-SortOrder": " "})
    assert page.count == 12 and page.next_page is None and page.page_size is None
    assert page.sort_order is None and page.max_page_index is None and page.page_count is None
    assert not page.has_next and not page.has_previous
    assert not Page.from_headers([], {"X-PreviousPage": "-1", "X-NextPage": "-1"}).has_next


def _server(pages, headers_for=None):
    """A scripted list endpoint: page number -> (items, headers)."""
    calls = []

    async def fetch(number):
        calls.append(number)
        items = pages[number] if number < len(pages) else []
        headers = headers_for(number, items) if headers_for else {"X-NextPage": str(number + 1)}
        return Page.from_headers(items, headers)

    return fetch, calls


async def _collect(fetch, **kwargs):
    return [item async for item in walk_pages(fetch, key=lambda x: x, **kwargs)]


async def test_duplicates_from_shifted_pages_are_dropped():
    fetch, calls = _server([[1, 2, 3], [3, 4, 5], [6]])
    assert await _collect(fetch, page_size=3) == [1, 2, 3, 4, 5, 6]
    assert calls == [0, 1, 2]


async def test_stops_on_short_page_even_if_next_page_claimed():
    fetch, calls = _server([[1, 2, 3], [4, 5]])
    assert await _collect(fetch, page_size=3) == [1, 2, 3, 4, 5]
    assert calls == [0, 1]


@pytest.mark.parametrize("next_header", [None, "-1", "garbage", "0"])
async def test_stops_when_next_page_missing_minus_one_or_not_forward(next_header):
    def headers(number, _items):
        # X-MaxPageIndex says there is more; it is not trusted alone.
        base = {"X-MaxPageIndex": "9"}
        return base if next_header is None else {**base, "X-NextPage": next_header}

    fetch, calls = _server([[1, 2], [3, 4], [5, 6]], headers)
    assert await _collect(fetch, page_size=2) == [1, 2]
    assert calls == [0]


async def test_a_full_page_of_nothing_new_stops_the_walk():
    fetch, calls = _server([[1, 2], [1, 2], [1, 2], [1, 2]])
    assert await _collect(fetch, page_size=2) == [1, 2]
    assert calls == [0, 1]


async def test_endless_server_is_bounded_by_count_and_max_pages():
    async def endless(number):
        return Page.from_headers([number * 2, number * 2 + 1], {"X-NextPage": str(number + 1), "X-Count": "6"})

    items = await _collect(endless, page_size=2)
    assert len(items) == 2 * (3 + 2)  # X-Count implies 3 pages; 2 more allowed for shifting records
    assert len(await _collect(endless, page_size=2, max_pages=4)) == 8
