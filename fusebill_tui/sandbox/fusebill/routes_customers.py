"""Customers: list, read, overview, create, full-replacement update."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui.sandbox.fusebill.countries import find_country, find_state
from fusebill_tui.sandbox.fusebill.dataset import BASE_URI, CURRENCIES
from fusebill_tui.sandbox.fusebill.errors import ApiError, not_found
from fusebill_tui.sandbox.fusebill.fields import CUSTOMER_FIELDS
from fusebill_tui.sandbox.fusebill.filtering import compile_filter, sort_key
from fusebill_tui.sandbox.fusebill.paging import (
    page_headers,
    page_slice,
    read_list_params,
)
from fusebill_tui.sandbox.fusebill.validation import normalise_customer
from fusebill_tui.sandbox.fusebill.webutil import (
    canonical_keys,
    json_response,
    path_id,
    raw_query,
    read_object,
)

if TYPE_CHECKING:
    from fusebill_tui.sandbox.fusebill.app import Sandbox

#: Fields a PUT replaces: left out of the body, they become null (as the reference warns).
WRITABLE = ("firstName", "middleName", "lastName", "companyName", "suffix", "primaryEmail", "primaryPhone",
            "secondaryEmail", "secondaryPhone", "title", "reference", "salesforceId", "salesforceAccountType",
            "parentId", "quickBooksLatchType", "quickBooksId", "quickBooksSyncToken", "hubSpotId",
            "hubSpotCompanyId", "geotabId")
REFERENCE_KEYS = ("reference1", "reference2", "reference3")
ACQUISITION_KEYS = ("adContent", "campaign", "keyword", "landingPage", "medium", "source")
#: Every body field the customer routes read, in its documented spelling.
BODY_FIELDS = (*WRITABLE, "id", "status", "currency", "customerReference", "customerAcquisition", "username",
               "portalUserName", "billing", "shipping")
NESTED_FIELDS = {"customerReference": (*REFERENCE_KEYS, "salesTrackingCodes"), "customerAcquisition": ACQUISITION_KEYS}


def sandbox_of(request: Request) -> Sandbox:
    """The Sandbox serving this request."""
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox


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
        # Stream the records, keeping only (sort key, id) of the matches, so memory stays small.
        matches = compile_filter(CUSTOMER_FIELDS, lp.conditions)
        key = sort_key(lp.sort_field)
        keyed = [(key(c), c["id"]) for c in store.iter_customers() if matches(c)]
        keyed.sort(reverse=lp.descending)
        count = len(keyed)
        items = [store.customer(cid) for _k, cid in page_slice(keyed, lp)]
    return json_response(items, headers=page_headers(lp, count, total))


async def get_customer(request: Request) -> Response:
    """GET /customers/{id}."""
    return json_response(sandbox_of(request).store.customer(path_id(request)))


async def get_overview(request: Request) -> Response:
    """GET /customers/{id}/Overview.

    An unknown id is "CustomerOverview with id N not found.", as the reference shows.
    """
    store = sandbox_of(request).store
    cid = path_id(request)
    if not store.exists(cid):
        raise not_found("CustomerOverview", cid)
    return json_response(store.overview(cid))


async def _read_customer_body(request: Request) -> dict[str, Any]:
    """The customer JSON body with its field names in their documented spelling."""
    return canonical_keys(await read_object(request), BODY_FIELDS, NESTED_FIELDS)


def _nested(body: dict[str, Any], name: str, keys: tuple[str, ...], cid: int,
            extra: dict[str, Any] | None = None) -> dict[str, Any]:
    given = body.get(name) or {}
    out = {k: given.get(k) for k in keys}
    out.update(extra or {})
    out.update({"id": cid, "uri": f"{BASE_URI}/customers/{cid}"})
    return out


def _reference(body: dict[str, Any], cid: int) -> dict[str, Any]:
    codes = (body.get("customerReference") or {}).get("salesTrackingCodes") or []
    return _nested(body, "customerReference", REFERENCE_KEYS, cid, {"salesTrackingCodes": list(codes)})


async def create_customer(request: Request) -> Response:
    """POST /customers: a new Draft customer (addresses from ``billing`` / ``shipping``)."""
    store = sandbox_of(request).store
    body = await _read_customer_body(request)
    normalise_customer(body)
    currency = str(body.get("currency") or "USD").upper()
    if currency not in CURRENCIES:
        raise ApiError(400, f"Currency {currency} is not enabled for this account.", key="customer.Currency")
    now = store.now()
    customer = {k: body.get(k) for k in WRITABLE}
    customer.update({"status": "Draft", "customerAccountStatus": "Good", "currency": currency,
                     "monthlyRecurringRevenue": Decimal("0.00"), "netMonthlyRecurringRevenue": Decimal("0.00"),
                     "salesforceSynchStatus": "Disabled", "netsuiteId": None, "netsuiteSynchStatus": "Disabled",
                     "netsuiteCustomerType": None, "portalUserName": body.get("username") or body.get("portalUserName"),
                     "modifiedTimestamp": now, "createdTimestamp": now})
    zero = Decimal("0.00")
    finance = {"pendingCharges": zero, "arBalance": zero, "unallocatedPayments": zero, "unallocatedCredits": zero,
               "unallocatedOpeningBalance": zero, "daysUntilSuspension": None, "daysUntilCancellation": None,
               "customerAccountStatusTimestamp": now, "statusTimestamp": now, "lifetimeValue": zero,
               "nextBillingDate": None, "parentName": None, "isParent": False, "unknownPaymentActivityId": None,
               "_combo": 0}
    cid = store.add_customer(customer, finance)
    customer["customerReference"] = _reference(body, cid)
    customer["customerAcquisition"] = _nested(body, "customerAcquisition", ACQUISITION_KEYS, cid)
    customer["uri"] = f"{BASE_URI}/customers/{cid}"
    for kind in ("subscriptions", "invoices", "notes"):
        store.related.setdefault(kind, {})[cid] = []
    addresses: dict[str, dict[str, Any] | None] = {"Billing": None, "Shipping": None}
    for kind in ("Billing", "Shipping"):
        given = body.get(kind.lower()) or body.get(kind)
        if isinstance(given, dict):
            addresses[kind] = _address_from(cid, kind, given)
    store.related.setdefault("addresses", {})[cid] = addresses
    ordered = {k: customer.get(k) for k in (*WRITABLE[:11], "status", "customerAccountStatus", "currency",
                                            "customerReference", "customerAcquisition")}
    ordered.update(customer)
    store.replace_customer(cid, ordered)
    return json_response(store.customer(cid))


def _address_from(cid: int, kind: str, given: dict[str, Any]) -> dict[str, Any]:
    country = find_country(given.get("countryId") or given.get("country") or "") or {"id": None, "name": None,
                                                                                      "states": []}
    state = find_state(country, given.get("stateId") or given.get("state") or "") if country["id"] else None
    ident = cid * 10 + (1 if kind == "Billing" else 2)
    return {"customerAddressPreferenceId": cid, "companyName": given.get("companyName"),
            "line1": given.get("line1"), "line2": given.get("line2"), "countryId": country["id"],
            "country": country["name"], "stateId": state["id"] if state else None,
            "state": state["name"] if state else None, "city": given.get("city"),
            "postalZip": given.get("postalZip"), "addressType": kind, "valid": True, "id": ident,
            "uri": f"{BASE_URI}/addresses/{ident}"}


async def update_customer(request: Request) -> Response:
    """PUT /customers: full replacement; writable fields left out become null."""
    store = sandbox_of(request).store
    body = await _read_customer_body(request)
    try:
        cid = int(body.get("id"))  # type: ignore[arg-type]  # None is refused below as a TypeError
    except (TypeError, ValueError) as exc:
        raise ApiError(400, "The customer id is required.", key="customer.Id") from exc
    current = store.customer(cid)
    status = body.get("status")
    if status is None:
        raise ApiError(400, "The status is required.", key="customer.Status")
    if str(status).lower() != str(current["status"]).lower():
        if str(status).lower() == "suspended":
            raise ApiError(400, "Cannot manually suspend customer, the system is in charge of suspending customers.")
        raise ApiError(409, f"This activity could not be processed since the service status is {current['status']}")
    normalise_customer(body)
    replaced = dict(current)
    for name in WRITABLE:
        replaced[name] = body.get(name)
    if current.get("portalUserName"):  # read-only once set
        replaced["portalUserName"] = current["portalUserName"]
    replaced["customerReference"] = _reference(body, cid)
    replaced["customerAcquisition"] = _nested(body, "customerAcquisition", ACQUISITION_KEYS, cid)
    replaced["modifiedTimestamp"] = store.now()
    store.replace_customer(cid, replaced)
    return json_response(store.customer(cid))


ROUTES = [
    Route("/customers", create_customer, methods=["POST"]),
    Route("/customers", update_customer, methods=["PUT"]),
    Route("/customers", list_customers, methods=["GET"]),
    Route("/customers/{id}", get_customer, methods=["GET"]),
    Route("/customers/{id}/overview", get_overview, methods=["GET"]),
]
