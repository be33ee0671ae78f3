"""Status actions: activate, hold, unhold, cancel, uncancel.

With ``preview`` (activate: query parameter; unhold: body field) the answer is the customer as it
would be, carrying ``invoicePreview`` and ``additionalInvoicesForPreview`` (previews.py). With
``view=sideeffects`` it is ``{"customer": <customer>, "invoices": [<posted invoice>...]}``; otherwise
the customer object (cancel: 204).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui.sandbox.fusebill import transitions
from fusebill_tui.sandbox.fusebill.errors import ApiError
from fusebill_tui.sandbox.fusebill.previews import preview_answer
from fusebill_tui.sandbox.fusebill.routes_customers import sandbox_of
from fusebill_tui.sandbox.fusebill.validation import canonical
from fusebill_tui.sandbox.fusebill.webutil import (
    flag,
    json_response,
    param,
    path_id,
    read_object,
)


def customer_id_of(body: dict[str, Any], *names: str) -> int:
    for name in names:
        for key, value in body.items():
            if key.lower() == name.lower() and value is not None:
                try:
                    return int(value)
                except (TypeError, ValueError) as exc:
                    raise ApiError(400, f"The field {name} must be an integer.") from exc
    raise ApiError(400, "The customerId is required.")


def field_of(body: dict[str, Any], name: str, default: Any = None) -> Any:
    for key, value in body.items():
        if key.lower() == name.lower():
            return value
    return default


def _bool(value: Any, name: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "false"):
        return str(value).lower() == "true"
    raise ApiError(400, f"The field {name} must be true or false.")


def _sideeffects(request: Request) -> bool:
    view = param(request, "view")
    if view is None or view == "":
        return False
    if view.lower() != "sideeffects":
        raise ApiError(400, "Acceptable value for view is: SideEffects")
    return True


async def activate(request: Request) -> Response:
    """POST /customerActivation[?preview=true&showZeroDollarCharges=true&view=sideeffects]."""
    store = sandbox_of(request).store
    body = await read_object(request)
    cid = customer_id_of(body, "customerId")
    preview = flag(request, "preview")
    if not preview:
        for required in ("activateAllSubscriptions", "activateAllDraftPurchases", "temporarilyDisableAutoPost"):
            if field_of(body, required) is None:
                raise ApiError(400, f"The field {required} is required.", key=f"customerActivation.{required}")
    customer, invoices = transitions.activate(
        store, cid, preview=preview, show_zero=flag(request, "showZeroDollarCharges"),
        all_subscriptions=_bool(field_of(body, "activateAllSubscriptions", True), "activateAllSubscriptions"),
        disable_auto_post=_bool(field_of(body, "temporarilyDisableAutoPost"), "temporarilyDisableAutoPost"))
    return _answer(request, customer, invoices, preview=preview)


def _answer(request: Request, customer: dict[str, Any], invoices: list[dict[str, Any]], *, preview: bool) -> Response:
    if preview:
        return json_response(preview_answer(customer, invoices))
    if _sideeffects(request):
        return json_response({"customer": customer, "invoices": invoices})
    return json_response(customer)


async def hold(request: Request) -> Response:
    """POST /customerHold/{id}."""
    return json_response(transitions.hold(sandbox_of(request).store, path_id(request)))


async def unhold(request: Request) -> Response:
    """POST /customers/unhold with customerId (or id), serviceStartOption, preview..."""
    store = sandbox_of(request).store
    body = await read_object(request)
    cid = customer_id_of(body, "customerId", "id")
    option = canonical(field_of(body, "serviceStartOption"), transitions.SERVICE_START_OPTIONS)
    preview = _bool(field_of(body, "preview"), "preview") or flag(request, "preview")
    show_zero = (_bool(field_of(body, "showZeroDollarCharges"), "showZeroDollarCharges")
                 or flag(request, "showZeroDollarCharges"))
    customer, invoices = transitions.unhold(
        store, cid, option, preview=preview, show_zero=show_zero,
        disable_auto_post=_bool(field_of(body, "temporarilyDisableAutoPost"), "temporarilyDisableAutoPost"))
    return _answer(request, customer, invoices, preview=preview)


async def cancel(request: Request) -> Response:
    """POST /customerCancellation {customerId, cancellationOption}: 204."""
    store = sandbox_of(request).store
    body = await read_object(request)
    cid = customer_id_of(body, "customerId")
    raw = field_of(body, "cancellationOption")
    option = next((o for o in transitions.CANCELLATION_OPTIONS if str(raw).lower() == o.lower()), None)
    if raw is None or option is None:
        raise ApiError(400, "Allowable Cancel Options are: None, Unearned, Full")
    transitions.cancel(store, cid, option)
    return Response(status_code=204)


async def uncancel(request: Request) -> Response:
    """POST /customers/uncancel/{id}."""
    return json_response(transitions.uncancel(sandbox_of(request).store, path_id(request)))


ROUTES = [
    Route("/customeractivation", activate, methods=["POST"]),
    Route("/customerhold/{id}", hold, methods=["POST"]),
    Route("/customers/unhold", unhold, methods=["POST"]),
    Route("/customercancellation", cancel, methods=["POST"]),
    Route("/customers/uncancel/{id}", uncancel, methods=["POST"]),
]
