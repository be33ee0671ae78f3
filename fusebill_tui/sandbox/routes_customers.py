"""Customers: list, read, overview, create, full-replacement update."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .fields import CUSTOMER_FIELDS
from .paging import filter_and_sort, page_headers, page_slice, read_list_params
from .webutil import json_response, path_id, raw_query


def sandbox_of(request: Request):
    """The Sandbox serving this request."""
    return request.app.state.sandbox


async def list_customers(request: Request) -> Response:
    """GET /customers: paged, filtered, sorted."""
    store = sandbox_of(request).store
    lp = read_list_params(raw_query(request), CUSTOMER_FIELDS)
    total = store.count()
    if lp.is_default_order:  # cheap path: only the page's records are built
        ids = page_slice(store.customer_ids(), lp)
        items = [store.customer(cid) for cid in ids]
        count = total
    else:
        chosen = filter_and_sort(list(store.iter_customers()), CUSTOMER_FIELDS, lp)
        count = len(chosen)
        items = list(page_slice(chosen, lp))
    return json_response(items, headers=page_headers(lp, count, total))


async def get_customer(request: Request) -> Response:
    """GET /customers/{id}."""
    return json_response(sandbox_of(request).store.customer(path_id(request)))


async def get_overview(request: Request) -> Response:
    """GET /customers/{id}/Overview."""
    return json_response(sandbox_of(request).store.overview(path_id(request)))


ROUTES = [
    Route("/customers", list_customers, methods=["GET"]),
    Route("/customers/{id}", get_customer, methods=["GET"]),
    Route("/customers/{id}/overview", get_overview, methods=["GET"]),
]
