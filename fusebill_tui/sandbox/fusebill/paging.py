"""Paging and sorting parameters of list endpoints, and the X-* paging headers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fusebill_tui.sandbox.fusebill.errors import BAD_QUERY, ApiError
from fusebill_tui.sandbox.fusebill.filtering import (
    FieldSpec,
    compile_filter,
    lookup,
    sort_key,
)
from fusebill_tui.sandbox.fusebill.queryparse import (
    Condition,
    decode,
    parse_filter,
    split_params,
)

MAX_PAGE_SIZE = 1000
SORT_ORDERS = {"ascending": "Ascending", "descending": "Descending"}


@dataclass
class ListParams:
    """What a list request asked for: page, sort and filter."""

    page_number: int
    page_size: int
    sort_expression: str
    sort_order: str
    sort_field: FieldSpec
    conditions: list[Condition] = field(default_factory=list)

    @property
    def descending(self) -> bool:
        """True for ``sortOrder=Descending``."""
        return self.sort_order == "Descending"

    @property
    def is_default_order(self) -> bool:
        """No filter and sorted by id ascending: the cheap path for big lists."""
        return not self.conditions and self.sort_field.name.lower() == "id" and not self.descending


def _int_param(params: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name.lower())
    if raw is None or raw == "":
        return default
    try:
        value = int(decode(raw))
    except ValueError as exc:
        raise ApiError(400, BAD_QUERY) from exc
    if not low <= value <= high:
        raise ApiError(400, f"{name} must be between {low} and {high}.")
    return value


def read_list_params(raw_query: str, fields: dict[str, FieldSpec], *, default_sort: str = "id",
                     default_order: str = "Ascending", default_size: int = 100) -> ListParams:
    """Read pageNumber, pageSize, sortExpression, sortOrder and query (names case-insensitive)."""
    params = split_params(raw_query)
    page_size = _int_param(params, "pageSize", default_size, 1, MAX_PAGE_SIZE)
    page_number = _int_param(params, "pageNumber", 0, 0, 10**9)
    expression = decode(params.get("sortexpression", "")).strip() or default_sort
    order_raw = decode(params.get("sortorder", "")).strip() or default_order
    order = SORT_ORDERS.get(order_raw.lower())
    if order is None:
        raise ApiError(400, BAD_QUERY)
    sort_field = lookup(fields, expression)
    conditions = parse_filter(params.get("query", ""))
    compile_filter(fields, conditions)  # validate now so a bad query is a 400 even on an empty list
    return ListParams(page_number, page_size, expression, order, sort_field, conditions)


def filter_and_sort(records: Sequence[dict[str, Any]], fields: dict[str, FieldSpec],
                    lp: ListParams) -> list[dict[str, Any]]:
    """The records that match, in the requested order."""
    matches = compile_filter(fields, lp.conditions)
    chosen = [r for r in records if matches(r)]
    chosen.sort(key=sort_key(lp.sort_field), reverse=lp.descending)
    return chosen


def page_slice(items: Sequence[Any], lp: ListParams) -> Sequence[Any]:
    """The requested page of an ordered sequence."""
    start = lp.page_number * lp.page_size
    return items[start:start + lp.page_size]


def page_headers(lp: ListParams, count: int, max_count: int) -> dict[str, str]:
    """The documented paging headers; X-NextPage is left out on the last page."""
    max_page_index = max(0, (count - 1) // lp.page_size) if count else 0
    headers = {
        "X-Count": str(count),
        "X-MaxCount": str(max_count),
        "X-CurrentPage": str(lp.page_number),
        "X-MaxPageIndex": str(max_page_index),
        "X-PreviousPage": str(lp.page_number - 1 if lp.page_number > 0 else -1),
        "X-PageSize": str(lp.page_size),
        "X-SortOrder": lp.sort_order,
        "X-SortExpression": lp.sort_expression,
    }
    if lp.page_number < max_page_index:
        headers["X-NextPage"] = str(lp.page_number + 1)
    return headers
