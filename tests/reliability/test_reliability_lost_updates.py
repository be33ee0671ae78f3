"""Lost updates: full-object PUTs keep every field the user did not touch, and never overwrite an edit made elsewhere.

Hypothesis plants customers, addresses and address preferences with arbitrary optional fields
(loose types, unknown fields, nested unknowns) in the sandbox; the client reads one, changes one
field, and writes it back. The PUT the sandbox received must be the object as read with exactly
that change, and the stored customer must keep every writable field the user did not change.
"""

from __future__ import annotations

import asyncio
import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import no_sleep, requests_to

from fusebill_tui.core.errors import StaleObject
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app
from fusebill_tui.sandbox.fusebill.routes_customers import WRITABLE
from fusebill_tui.vendors.fusebill import FusebillClient

URL = "https://sandbox.invalid/v1"
EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), text,
                      st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**6,
                                  max_value=10**6))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                             st.dictionaries(text, inner, max_size=3)), max_leaves=6)
unknown_fields = st.dictionaries(st.from_regex(r"\Afuture[A-Z][a-zA-Z]{0,8}\Z"), json_value, max_size=4)
NAME_FIELDS = ("firstName", "middleName", "lastName", "companyName", "suffix", "secondaryPhone", "reference",
               "salesforceId", "quickBooksSyncToken", "geotabId")
# What the reference's own examples do: a phone or a company name sent as a JSON number.
loose_text = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cs",)), max_size=50),
                       st.integers(0, 10**12))
customer_fields = st.fixed_dictionaries({}, optional={
    **{name: loose_text for name in NAME_FIELDS},
    "primaryEmail": st.one_of(st.none(), st.emails().filter(lambda e: len(e) <= 255)),
    "primaryPhone": st.one_of(st.none(), st.integers(10**9, 10**10 - 1), st.from_regex(r"\A[0-9 +()-]{0,20}\Z")),
    "title": st.sampled_from([None, "Mr", "Mrs", "Ms", "Miss", "Dr"]),
    "salesforceAccountType": st.sampled_from([None, "Company", "Person"]),
    "parentId": st.one_of(st.none(), st.integers(1, 10**9)),
    "hubSpotId": st.one_of(st.none(), st.integers(1, 10**9)),
    "monthlyRecurringRevenue": st.one_of(st.none(), st.decimals(places=2, min_value=0, max_value=10**6)),
})
change_of = st.tuples(st.sampled_from(("firstName", "lastName", "companyName", "reference")),
                      st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=50))


def _apply(raw: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    expected = copy.deepcopy(raw)
    expected[field] = value
    return expected


def _fresh_sandbox():
    app = create_app(SandboxSettings(customers=50, seed=7))
    return app, app.state.sandbox


def _normal(value: Any) -> Any:
    """JSON as compared on the wire: Decimals by value."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def test_a_customer_put_keeps_every_field_it_did_not_change(tally):
    """Protection: PUT /customers sends the whole object as read (unknown fields included) with only the
    user's change; nothing the user did not touch is nulled on the server."""
    app, sandbox = _fresh_sandbox()
    cid = 100007

    @EXAMPLES
    @given(fields=customer_fields, unknown=unknown_fields, nested_unknown=unknown_fields, change=change_of)
    def round_trip(fields, unknown, nested_unknown, change):
        record = sandbox.store.record(cid)["customer"]
        for name in WRITABLE:
            record[name] = None
        record.update(fields)
        for name in [k for k in record if k.startswith("future")]:
            del record[name]
        record.update(unknown)
        record["customerReference"] = {"reference1": None, "reference2": None, "reference3": None,
                                       "salesTrackingCodes": [], **nested_unknown}
        planted = copy.deepcopy(record)
        field, value = change

        async def edit():
            async with FusebillClient(URL, _key(), transport=SandboxTransport(app), sleep=no_sleep) as client:
                opened = await client.get_customer(cid)
                start = len(sandbox.request_log)
                await client.update_customer(cid, {field: value}, expected_modified=opened.modified_marker)
                return opened.raw, requests_to(sandbox, "PUT", "/customers", start)

        read, puts = asyncio.run(edit())
        assert len(puts) == 1
        sent = puts[0].json()
        lost = [k for k in set(read) | set(sent) if k != field and _normal(sent.get(k, "<missing>")) != _normal(read[k]) ]
        tally["fields_lost"] += len(lost)
        tally["inputs_tried"] += 1
        tally["requests_checked"] += 1
        assert not lost, lost
        assert sent[field] == value
        stored = sandbox.store.customer(cid)
        untouched = [n for n in WRITABLE if n != field and _normal(stored.get(n)) != _normal(_coerced(planted, n))]
        assert not untouched, untouched

    round_trip()


def _key() -> str:
    from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY

    return DEFAULT_API_KEY


def _coerced(planted: dict[str, Any], name: str) -> Any:
    """What the server keeps for a planted value (integer ids arrive as integers)."""
    return planted.get(name)


address_unknowns = unknown_fields
line = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)


def test_address_and_preference_puts_keep_every_field_they_did_not_change(tally):
    """Protection: PUT /Addresses and PUT /CustomerAddressPreferences send everything as read (unknown
    fields included), changing only what the user changed."""
    app, sandbox = _fresh_sandbox()
    cid = 100003

    @EXAMPLES
    @given(unknown=address_unknowns, prefs_unknown=address_unknowns, new_line=line,
           contact=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=50),
           company=st.one_of(st.none(), st.integers(0, 10**6), st.text(max_size=30)))
    def round_trip(unknown, prefs_unknown, new_line, contact, company):
        address = sandbox.store.addresses(cid)["Billing"]
        for name in [k for k in address if k.startswith("future")]:
            del address[name]
        address.update(unknown)
        address["companyName"] = company
        prefs = sandbox.store.address_preferences(cid)
        for name in [k for k in prefs if k.startswith("future")]:
            del prefs[name]
        prefs.update(prefs_unknown)

        async def edit():
            async with FusebillClient(URL, _key(), transport=SandboxTransport(app), sleep=no_sleep) as client:
                opened = await client.get_address(address["id"])
                opened_prefs = await client.get_address_preferences(cid)
                start = len(sandbox.request_log)
                # preferences first, as the address form saves them (their answer embeds the addresses)
                await client.update_address_preferences(cid, {"contactName": contact}, expected=opened_prefs)
                await client.update_address(address["id"], {"line2": new_line}, expected=opened)
                return (opened.raw, opened_prefs.raw, requests_to(sandbox, "PUT", "/addresses", start),
                        requests_to(sandbox, "PUT", "/customeraddresspreferences", start))

        read, read_prefs, puts, pref_puts = asyncio.run(edit())
        assert len(puts) == 1 and len(pref_puts) == 1
        for before, sent, field, value in ((read, puts[0].json(), "line2", new_line),
                                           (read_prefs, pref_puts[0].json(), "contactName", contact)):
            lost = [k for k in before if k != field and _normal(sent.get(k, "<missing>")) != _normal(before[k])]
            tally["fields_lost"] += len(lost)
            tally["inputs_tried"] += 1
            tally["requests_checked"] += 1
            assert not lost, (field, lost)
            assert sent[field] == value

    round_trip()


@pytest.mark.parametrize("target", ["customer", "address", "preferences"])
async def test_an_edit_made_elsewhere_is_detected_and_not_overwritten(sandbox, sandbox_transport, sandbox_clock,
                                                                      target, tally):
    """Protection: between opening a form and saving it, someone else changed the object: the save is
    refused in words, no PUT is sent, and the other edit survives."""
    cid = 100003
    async with FusebillClient(URL, _key(), transport=sandbox_transport, sleep=no_sleep) as client:
        customer = await client.get_customer(cid)
        address = await client.get_address(cid * 10 + 1)
        prefs = await client.get_address_preferences(cid)
        sandbox_clock.advance(60)
        if target == "customer":  # the other edit, made on the server meanwhile
            sandbox.store.record(cid)["customer"]["lastName"] = "Changed Elsewhere"
            sandbox.store.touch(cid)
        elif target == "address":
            sandbox.store.addresses(cid)["Billing"]["line1"] = "Changed Elsewhere"
        else:
            sandbox.store.address_preferences(cid)["contactName"] = "Changed Elsewhere"
        start = len(sandbox.request_log)
        with pytest.raises(StaleObject, match="nothing was saved"):
            if target == "customer":
                await client.update_customer(cid, {"firstName": "Mine"}, expected_modified=customer.modified_marker)
            elif target == "address":
                await client.update_address(address.id, {"line2": "Mine"}, expected=address)
            else:
                await client.update_address_preferences(cid, {"shippingInstructions": "Mine"}, expected=prefs)
    assert not [r for r in sandbox.request_log[start:] if r.method == "PUT"]
    tally["requests_checked"] += len(sandbox.request_log) - start
    stored = {"customer": lambda: sandbox.store.customer(cid)["lastName"],
              "address": lambda: sandbox.store.addresses(cid)["Billing"]["line1"],
              "preferences": lambda: sandbox.store.address_preferences(cid)["contactName"]}[target]()
    assert stored == "Changed Elsewhere"
