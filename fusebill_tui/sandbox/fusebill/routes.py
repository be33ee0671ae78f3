"""Every route of the sandbox (paths lower-case: the middleware lower-cases requests), each checked
against its contract (contracts.py) before it runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui.sandbox.fusebill.contracts import BY_ROUTE, Contract, check
from fusebill_tui.sandbox.fusebill.queryparse import decode, split_params
from fusebill_tui.sandbox.fusebill.routes_addresses import ROUTES as ADDRESS_ROUTES
from fusebill_tui.sandbox.fusebill.routes_billing import ROUTES as BILLING_ROUTES
from fusebill_tui.sandbox.fusebill.routes_customers import ROUTES as CUSTOMER_ROUTES
from fusebill_tui.sandbox.fusebill.routes_notes import ROUTES as NOTE_ROUTES
from fusebill_tui.sandbox.fusebill.routes_status import ROUTES as STATUS_ROUTES
from fusebill_tui.sandbox.fusebill.webutil import raw_query, read_object

Endpoint = Callable[[Request], Awaitable[Response]]


def _guarded(contract: Contract, endpoint: Endpoint) -> Endpoint:
    async def guarded(request: Request) -> Response:
        body = await read_object(request) if contract.body is not None else None
        query = {name: decode(value) for name, value in split_params(raw_query(request)).items()}
        check(contract, request.path_params, query, body)
        return await endpoint(request)

    guarded.__name__ = guarded.__qualname__ = getattr(endpoint, "__name__", "endpoint")
    guarded.__doc__ = endpoint.__doc__
    return guarded


def _checked(route: Route) -> Route:
    (method,) = (route.methods or set()) - {"HEAD"}
    contract = BY_ROUTE.get((method, route.path))
    if contract is None:  # every route answers only what its contract declares
        raise LookupError(f"no contract for {method} {route.path}")
    return Route(route.path, _guarded(contract, route.endpoint), methods=[method])


# Fixed paths come before "/customers/{id}" patterns so "/customers/unhold" is not read as an id.
ROUTES = [_checked(r) for r in (*STATUS_ROUTES, *NOTE_ROUTES, *BILLING_ROUTES, *ADDRESS_ROUTES, *CUSTOMER_ROUTES)]
