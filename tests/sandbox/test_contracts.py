"""Every route against its declared contract (fusebill_tui/sandbox/contracts.py), field by field.

The cases are generated from the same declaration the routes are checked with: for each endpoint its
valid example answers 2xx; for each field a missing required value, an unknown enum value, a value one
character over its documented length, a value of the wrong type and an integer out of its range each
answer 400 with the documented error body; a string at its limit is accepted. ``sortOrder`` without
``sortExpression`` (or the reverse) is 400: "both query string parameters must be provided".
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from fusebill_tui.sandbox.fusebill import contracts
from fusebill_tui.sandbox.fusebill.contracts import (
    ADDRESS,
    ARRAY,
    BOOLEAN,
    CONTRACTS,
    CUSTOMER,
    DECIMAL,
    ENUM,
    ID_OR_NAME,
    INTEGER,
    NOTE,
    OBJECT,
    STRING,
    Contract,
    Field,
)

from .helpers import as_json
from .helpers import body as json_of

WRONG_TYPE = {STRING: {"not": "a string"}, INTEGER: "twelve", DECIMAL: "a lot", BOOLEAN: "maybe", ENUM: 7,
              OBJECT: "not an object", ARRAY: "not a list", ID_OR_NAME: {"not": "an id"}}
QUERY_WRONG_TYPE = {INTEGER: "twelve", BOOLEAN: "maybe"}


def _walk(fields: tuple[Field, ...], trail: tuple[Field, ...] = ()):
    for f in fields:
        yield (*trail, f)
        if f.fields:
            yield from _walk(f.fields, (*trail, f))


def _cases():
    for c in CONTRACTS:
        name = f"{c.method} {c.path}"
        yield pytest.param(c, "valid", None, None, id=f"{name} valid")
        for f in c.path_params:
            yield pytest.param(c, "path", f.name, "abc", id=f"{name} path {f.name} wrong type")
        for f in c.query:
            if f.enum:
                yield pytest.param(c, "query", f.name, "NoSuchValue", id=f"{name} ?{f.name} bad enum")
            if f.type in QUERY_WRONG_TYPE:
                yield pytest.param(c, "query", f.name, QUERY_WRONG_TYPE[f.type], id=f"{name} ?{f.name} wrong type")
            if f.minimum is not None:
                yield pytest.param(c, "query", f.name, str(f.minimum - 1), id=f"{name} ?{f.name} below range")
            if f.maximum is not None:
                yield pytest.param(c, "query", f.name, str(f.maximum + 1), id=f"{name} ?{f.name} above range")
        for name_given in c.together:
            yield pytest.param(c, "alone", name_given, None, id=f"{name} ?{name_given} alone")
        for trail in _walk(c.body or ()):
            f, label = trail[-1], ".".join(t.name for t in trail)
            if f.required and len(trail) == 1:
                yield pytest.param(c, "missing", trail, None, id=f"{name} {label} missing")
                if f.unless:
                    yield pytest.param(c, "missing unless", trail, None, id=f"{name} {label} missing, {f.unless}")
            if f.enum:
                yield pytest.param(c, "body", trail, "NoSuchValue", id=f"{name} {label} bad enum")
            if f.max_length is not None:
                yield pytest.param(c, "body", trail, "x" * (f.max_length + 1), id=f"{name} {label} overlong")
                yield pytest.param(c, "at limit", trail, "x" * f.max_length, id=f"{name} {label} at limit")
            yield pytest.param(c, "body", trail, WRONG_TYPE[f.type], id=f"{name} {label} wrong type")
            if f.minimum is not None:
                yield pytest.param(c, "body", trail, f.minimum - 1, id=f"{name} {label} below range")
            if f.maximum is not None:
                yield pytest.param(c, "body", trail, f.maximum + 1, id=f"{name} {label} above range")


# --- building the example request -------------------------------------------------------------------


def _customer(sandbox, status: str | None) -> int:
    """A generated customer with subscriptions and both addresses, in ``status`` (set if needed)."""
    store = sandbox.store
    cid = next(c["id"] for c in store.iter_customers() if c["id"] < 900000 and store.subscriptions(c["id"])
               and (status is None or c["status"] == status) and store.addresses(c["id"])["Billing"])
    return cid


async def _ids(api, sandbox, contract: Contract) -> dict[str, Any]:
    cid = _customer(sandbox, contract.example.status)
    ids: dict[str, Any] = {CUSTOMER: cid, ADDRESS: sandbox.store.addresses(cid)["Billing"]["id"]}
    if contract.method == "POST" and contract.path == "/addresses":  # room for the new address
        sandbox.store.addresses(cid)[contract.example.body["addressType"]] = None
    if NOTE in contract.example.path.values():
        note = json_of(await api.post("/customerNotes", **as_json({"customerId": cid, "note": "to delete"})))
        ids[NOTE] = note["id"]
    return ids


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str) and value in ids:
        return ids[value]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


def _pop(body: dict, f: Field) -> None:
    for key in list(body):
        if key.lower() in (n.lower() for n in f.names):
            del body[key]


def _place(body: dict, trail: tuple[Field, ...], value: Any) -> None:
    """Set the field at ``trail`` (creating the objects above it) to ``value``."""
    holder = body
    for parent in trail[:-1]:
        inner = next((v for k, v in holder.items() if k.lower() == parent.name.lower()), None)
        if not (isinstance(inner, dict) or (isinstance(inner, list) and inner and isinstance(inner[0], dict))):
            _pop(holder, parent)
            inner = holder[parent.name] = [{}] if parent.type == ARRAY else {}
        holder = inner[0] if isinstance(inner, list) else inner
    _pop(holder, trail[-1])
    holder[trail[-1].name] = value


def _url(contract: Contract, path: dict[str, Any], query: dict[str, str]) -> str:
    url = contract.path.format(**path)
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


async def _send(api, contract: Contract, path: dict, query: dict, body: dict | None):
    url = _url(contract, path, query)
    if body is None:
        return await api.request(contract.method, url)
    return await api.request(contract.method, url, **as_json(body))


# --- the test --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("contract", "kind", "target", "value"), list(_cases()))
async def test_every_endpoint_follows_its_contract(api, sandbox, contract, kind, target, value):
    ids = await _ids(api, sandbox, contract)
    path = _fill(dict(contract.example.path), ids)
    query = dict(contract.example.query)
    body = _fill(copy.deepcopy(dict(contract.example.body)), ids) if contract.example.body is not None else None
    expect_ok = kind in ("valid", "at limit", "missing unless")
    if kind == "path":
        path[target] = value
    elif kind == "query":
        query[target] = value
    elif kind == "alone":
        query = {k: v for k, v in query.items() if k not in contract.together}
        query[target] = {"sortOrder": "Ascending", "sortExpression": "id"}[target]
    elif kind == "missing":
        _pop(body, target[-1])
    elif kind == "missing unless":
        _pop(body, target[-1])
        query[target[-1].unless] = "true"
    elif kind in ("body", "at limit"):
        _place(body, target, value)
    r = await _send(api, contract, path, query, body)
    if expect_ok:
        assert 200 <= r.status_code < 300, (r.status_code, r.text)
        return
    assert r.status_code == 400, (r.status_code, r.text)
    error = json_of(r)
    assert error["ErrorId"] == 0 and error["HttpStatusCode"] == 400, error
    [(k, v)] = [(e["Key"], e["Value"]) for e in error["Errors"]]
    assert k and v
    if kind in ("missing", "body") and contract.key != "Api Error" and not target[-1].key:
        # the key names the field, as the reference's "customer.PrimaryEmail" does
        assert k.lower().endswith("." + target[-1].name.lower()), (k, v)
    assert sandbox.request_log[-1].status == 400


def test_every_route_has_a_contract_and_every_contract_a_route():
    from fusebill_tui.sandbox.fusebill.routes import ROUTES

    routed = {(next(iter(r.methods - {"HEAD"})), r.path) for r in ROUTES}
    assert routed == set(contracts.BY_ROUTE)


async def test_unhold_without_a_service_start_option_is_400_and_changes_nothing(api, sandbox):
    cid = _customer(sandbox, "Hold")
    r = await api.post("/customers/unhold", **as_json({"customerId": cid}))
    assert r.status_code == 400
    assert json_of(r)["Errors"][0]["Key"] == "customerHold.CustomerServiceStartOption"
    assert sandbox.store.customer(cid)["status"] == "Hold"
    r = await api.post("/customers/unhold", **as_json({"customerId": cid, "serviceStartOption": None}))
    assert r.status_code == 400 and sandbox.store.customer(cid)["status"] == "Hold"


@pytest.mark.parametrize("path", ["/customers", f"/customers/{100001}/subscriptions", f"/customers/{100001}/invoices"])
async def test_sort_order_without_sort_expression_is_400(api, path):
    r = await api.get(path, params={"sortOrder": "Descending"})
    assert r.status_code == 400
    assert "both sortOrder and sortExpression must be provided" in json_of(r)["Errors"][0]["Value"]
    assert (await api.get(path, params={"sortOrder": "Descending", "sortExpression": "id"})).status_code == 200


# The reference's own Create Customer examples, as written (its billingSetting and trackedItemDisplay
# come as lists holding one object; taxExemptCode is a number for a String; vatIdentificationNumber "").
CREATE_CUSTOMER_EXAMPLES = [
    {"firstName": "John", "lastName": "Smith", "companyName": "Fusebill", "primaryEmail": "test@example.com"},
    {"firstName": "Bob", "companyName": "Fusebill",
     "billingSetting": [{"term": "Net30", "autoCollect": True, "rechargeType": "", "rechargeThresholdAmount": None,
                         "rechargeTargetAmount": None, "statusOnThreshold": None, "autoPostDraftInvoice": True,
                         "customerGracePeriod": 30, "gracePeriodExtension": None, "standingPoNumber": "PO#123",
                         "acquisitionCost": 200, "showZeroDollarCharges": False, "taxExempt": True,
                         "taxExemptCode": 123, "useCustomerBillingAddress": True, "avalaraUsageType": "",
                         "vatIdentificationNumber": "", "customerServiceStartOption": "", "rollUpTaxes": None,
                         "rollUpDiscounts": None}],
     "trackedItemDisplay": [{"trackedItemDisplayFormat": None, "showTrackedItemName": None,
                             "showTrackedItemReference": None, "showTrackedItemDescription": None,
                             "showTrackedItemCreatedDate": None}]},
    {"firstName": "Trev", "middleName": None, "lastName": "Smith", "companyName": "Fusebill", "suffix": "text",
     "primaryEmail": "test@example.com", "primaryPhone": "123-456-7890", "secondaryEmail": "test2@example.com",
     "secondaryPhone": "123-456-7890", "title": "Dr", "currency": "USD",
     "customerReference": {"reference1": "google", "reference2": None, "reference3": "linkedIn",
                           "salesTrackingCodes": []},
     "customerAcquisition": {"adContent": None, "campaign": None, "keyword": None, "landingPage": None,
                             "medium": None, "source": None},
     "salesforceId": None, "salesforceAccountType": None, "salesforceSynchStatus": "Enabled",
     "portalUserName": "portal9000", "parentId": None, "quickBooksLatchType": None, "quickBooksId": None,
     "quickBooksSyncToken": None,
     "billing": {"companyName": "Fusebill", "line1": "109 Old House Street", "line2": "Suite 17",
                 "city": "Sittsville", "postalZip": "12345", "country": "CA", "state": "NY"}},
    {"firstName": "John", "lastName": "Smith", "companyName": "Fusebill", "primaryEmail": "test@example.com",
     "currency": "CAD",
     "billing": {"companyName": "Billing Company", "line1": "109 Old House Street", "line2": "Suite 17",
                 "city": "Sittsville", "postalZip": "12345", "country": "CA", "state": "NY"},
     "shipping": {"companyName": "Shipping Company", "line1": "109 Old House Street", "line2": "Suite 17",
                  "city": "Sittsville", "postalZip": "12345", "country": "CA", "state": "NY"}},
]


@pytest.mark.parametrize("example", CREATE_CUSTOMER_EXAMPLES)
async def test_the_references_create_customer_examples_are_accepted(api, example):
    r = await api.post("/customers", **as_json(example))
    assert r.status_code == 200, r.text
    assert json_of(r)["status"] == "Draft"
