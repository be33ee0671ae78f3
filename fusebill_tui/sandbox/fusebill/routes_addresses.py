"""Email preferences, billing settings, address preferences, addresses and countries."""

from __future__ import annotations

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fusebill_tui.sandbox.fusebill.countries import COUNTRIES, find_country, find_state
from fusebill_tui.sandbox.fusebill.dataset import BASE_URI
from fusebill_tui.sandbox.fusebill.errors import ApiError, not_found
from fusebill_tui.sandbox.fusebill.routes_customers import sandbox_of
from fusebill_tui.sandbox.fusebill.routes_status import field_of
from fusebill_tui.sandbox.fusebill.validation import canonical
from fusebill_tui.sandbox.fusebill.webutil import json_response, path_id, read_object

ADDRESS_TYPES = ("Billing", "Shipping")


async def email_preferences(request: Request) -> Response:
    """GET /customers/{id}/CustomerEmailPreferences."""
    return json_response(sandbox_of(request).store.email_preferences(path_id(request)))


async def billing_settings(request: Request) -> Response:
    """GET /customerbillingsetting/{id}."""
    return json_response(sandbox_of(request).store.billing_settings(path_id(request)))


def _preferences_view(store: Any, cid: int) -> dict[str, Any]:
    prefs = dict(store.address_preferences(cid))
    addresses = store.addresses(cid)
    view = {k: prefs[k] for k in ("contactName", "shippingInstructions", "useBillingAddressAsShippingAddress")}
    view.update({"billingAddress": copy.deepcopy(addresses["Billing"]),
                 "shippingAddress": copy.deepcopy(addresses["Shipping"]), "id": cid, "uri": prefs["uri"]})
    return view


async def get_address_preferences(request: Request) -> Response:
    """GET /customerAddressPreferences/{id}: preferences with both addresses."""
    store = sandbox_of(request).store
    return json_response(_preferences_view(store, path_id(request)))


async def put_address_preferences(request: Request) -> Response:
    """PUT /CustomerAddressPreferences: full replacement of the preference fields (addresses untouched)."""
    store = sandbox_of(request).store
    body = await read_object(request)
    raw_id = field_of(body, "id", field_of(body, "customerId"))
    try:
        cid = int(raw_id)
    except (TypeError, ValueError) as exc:
        raise ApiError(400, "The id is required.", key="customerAddressPreference.Id") from exc
    prefs = store.address_preferences(cid)
    fields = {"contactName": field_of(body, "contactName"),
              "shippingInstructions": field_of(body, "shippingInstructions")}
    use_billing = field_of(body, "useBillingAddressAsShippingAddress", field_of(body, "useBillingAsShipping"))
    if isinstance(use_billing, str) and use_billing.lower() in ("true", "false"):
        use_billing = use_billing.lower() == "true"
    if use_billing is not None and not isinstance(use_billing, bool):
        raise ApiError(400, "The field UseBillingAddressAsShippingAddress must be true or false.",
                       key="customerAddressPreference.UseBillingAddressAsShippingAddress")
    prefs.update(fields)
    prefs["useBillingAddressAsShippingAddress"] = bool(use_billing)
    store.touch(cid)
    return json_response(_preferences_view(store, cid))


async def get_address(request: Request) -> Response:
    """GET /Addresses/{id}."""
    store = sandbox_of(request).store
    address_id = path_id(request)
    found = store.find_address(address_id)
    if found is None:
        raise not_found("Address", address_id)
    return json_response(found)


def _place(body: dict[str, Any]) -> dict[str, Any]:
    """countryId/stateId (ids, ISO codes or names accepted) -> the address's place fields."""
    raw_country = field_of(body, "countryId")
    if raw_country in (None, ""):
        raw_country = field_of(body, "country")
    raw_state = field_of(body, "stateId")
    if raw_state in (None, ""):
        raw_state = field_of(body, "state")
    if raw_country in (None, ""):
        if raw_state not in (None, ""):
            raise ApiError(400, "A state requires a country.", key="address.CountryId")
        return {"countryId": None, "country": None, "stateId": None, "state": None}
    country = find_country(raw_country)
    if country is None:
        raise ApiError(400, f"Country '{raw_country}' was not found.", key="address.CountryId")
    state = None
    if raw_state not in (None, ""):
        state = find_state(country, raw_state)
        if state is None:
            raise ApiError(400, f"State '{raw_state}' was not found in {country['name']}.", key="address.StateId")
    return {"countryId": country["id"], "country": country["name"], "stateId": state["id"] if state else None,
            "state": state["name"] if state else None}


def _address_fields(body: dict[str, Any]) -> dict[str, Any]:
    fields = {k: field_of(body, k) for k in ("companyName", "line1", "line2", "city", "postalZip")}
    fields = {k: (str(v) if v is not None else None) for k, v in fields.items()}
    fields.update(_place(body))
    return fields


def _assemble(cid: int, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    ident = cid * 10 + (1 if kind == "Billing" else 2)
    return {"customerAddressPreferenceId": cid, "companyName": fields["companyName"], "line1": fields["line1"],
            "line2": fields["line2"], "countryId": fields["countryId"], "country": fields["country"],
            "stateId": fields["stateId"], "state": fields["state"], "city": fields["city"],
            "postalZip": fields["postalZip"], "addressType": kind, "valid": True, "id": ident,
            "uri": f"{BASE_URI}/addresses/{ident}"}


async def create_address(request: Request) -> Response:
    """POST /Addresses: one billing and one shipping address per customer (a second one: 400)."""
    store = sandbox_of(request).store
    body = await read_object(request)
    try:
        cid = int(field_of(body, "customerAddressPreferenceId"))
    except (TypeError, ValueError) as exc:
        raise ApiError(400, "The customerAddressPreferenceId is required.",
                       key="address.CustomerAddressPreferenceId") from exc
    kind = canonical(field_of(body, "addressType"), ADDRESS_TYPES)
    addresses = store.addresses(cid)
    if addresses[kind] is not None:
        raise ApiError(400, f"Only 1 {kind} Address is allowed per customer. Please update it instead.")
    fields = _address_fields(body)
    addresses[kind] = _assemble(cid, kind, fields)
    if kind == "Shipping":
        store.address_preferences(cid)["useBillingAddressAsShippingAddress"] = False
    store.touch(cid)
    return json_response(addresses[kind])


async def update_address(request: Request) -> Response:
    """PUT /Addresses: full replacement by id; fields left out become null."""
    store = sandbox_of(request).store
    body = await read_object(request)
    try:
        address_id = int(field_of(body, "id"))
    except (TypeError, ValueError) as exc:
        raise ApiError(400, "The address id is required.", key="address.Id") from exc
    current = store.find_address(address_id)
    if current is None:
        raise not_found("Address", address_id)
    cid, kind = current["customerAddressPreferenceId"], current["addressType"]
    fields = _address_fields(body)
    store.addresses(cid)[kind] = _assemble(cid, kind, fields)
    store.touch(cid)
    return json_response(store.addresses(cid)[kind])


async def countries(_request: Request) -> Response:
    """GET /Countries."""
    return json_response(COUNTRIES)


ROUTES = [
    Route("/customers/{id}/customeremailpreferences", email_preferences, methods=["GET"]),
    Route("/customerbillingsetting/{id}", billing_settings, methods=["GET"]),
    Route("/customeraddresspreferences/{id}", get_address_preferences, methods=["GET"]),
    Route("/customeraddresspreferences", put_address_preferences, methods=["PUT"]),
    Route("/addresses/{id}", get_address, methods=["GET"]),
    Route("/addresses", create_address, methods=["POST"]),
    Route("/addresses", update_address, methods=["PUT"]),
    Route("/countries", countries, methods=["GET"]),
]
