"""Subscriptions and invoices of a customer (paged, filtered, sorted)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui.sandbox.fusebill.fields import INVOICE_FIELDS, SUBSCRIPTION_FIELDS
from fusebill_tui.sandbox.fusebill.paging import (
    filter_and_sort,
    page_headers,
    page_slice,
    read_list_params,
)
from fusebill_tui.sandbox.fusebill.routes_customers import sandbox_of
from fusebill_tui.sandbox.fusebill.webutil import (
    flag,
    json_response,
    path_id,
    raw_query,
)


async def list_subscriptions(request: Request) -> Response:
    """GET /customers/{id}/subscriptions."""
    store = sandbox_of(request).store
    cid = path_id(request)
    lp = read_list_params(raw_query(request), SUBSCRIPTION_FIELDS)
    subs = store.subscriptions(cid)
    chosen = filter_and_sort(subs, SUBSCRIPTION_FIELDS, lp)
    return json_response(list(page_slice(chosen, lp)), headers=page_headers(lp, len(chosen), len(subs)))


async def list_invoices(request: Request) -> Response:
    """GET /Customers/{id}/Invoices (zero-dollar charges hidden unless showZeroDollarCharges=true)."""
    store = sandbox_of(request).store
    cid = path_id(request)
    lp = read_list_params(raw_query(request), INVOICE_FIELDS)
    show_zero = flag(request, "showZeroDollarCharges", default=True)
    invoices = store.invoices(cid)
    chosen = filter_and_sort(invoices, INVOICE_FIELDS, lp)
    page = list(page_slice(chosen, lp))
    if not show_zero:
        page = [{**inv, "charges": [c for c in inv["charges"] if c["amount"] != 0]} for inv in page]
    return json_response(page, headers=page_headers(lp, len(chosen), len(invoices)))


ROUTES = [
    Route("/customers/{id}/subscriptions", list_subscriptions, methods=["GET"]),
    Route("/customers/{id}/invoices", list_invoices, methods=["GET"]),
]
