"""Invoices, subscriptions, notes, settings, addresses and countries."""

from __future__ import annotations

from decimal import Decimal

from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app

from .helpers import as_json, body, client_for, error_message


async def test_invoices_have_tiered_charges_and_filter_by_decimal_range(api, sandbox):
    invoices = body(await api.get("/Customers/12000750/Invoices", params={"pageSize": 100}))
    assert invoices
    tiers = [t["label"] for i in invoices for c in i["charges"] for t in c["chargeTiers"]]
    assert {"0-2", ">2-4", ">4-5", ">5"} <= set(tiers)
    numbers = [i["invoiceNumber"] for i in invoices]
    assert numbers == sorted(numbers)
    low, high = invoices[2]["closingArBalance"], invoices[-1]["closingArBalance"]
    r = await api.get(f"/Customers/12000750/Invoices?query=closingArBalance:{low}|{high}&pageSize=100")
    got = body(r)
    assert got and all(low <= i["closingArBalance"] <= high for i in got)
    assert isinstance(got[0]["invoiceAmount"], Decimal | int)


async def test_invoices_sorted_descending_and_paged(api):
    r = await api.get("/customers/12000750/invoices?sortExpression=postedTimestamp&sortOrder=Descending&pageSize=5")
    got = body(r)
    assert len(got) == 5 and r.headers["X-SortExpression"] == "postedTimestamp"
    posted = [i["postedTimestamp"] for i in got]
    assert posted == sorted(posted, reverse=True)
    bad = await api.get("/customers/12000750/invoices?query=firstName:x")
    assert bad.status_code == 400


async def test_subscriptions_paged(api):
    r = await api.get("/customers/12000750/subscriptions")
    subs = body(r)
    assert subs and r.headers["X-Count"] == str(len(subs))
    assert all(s["customerId"] == 12000750 and s["planName"] for s in subs)


async def test_notes_create_list_delete(api, sandbox_clock):
    cid = 100001
    existing = body(await api.get(f"/customers/{cid}/CustomerNotes"))
    r = await api.post("/customerNotes", **as_json({"customerId": cid, "note": "hello [b]world[/b]"}))
    assert r.status_code == 200
    note = body(r)
    assert note["note"] == "hello [b]world[/b]" and note["userWhoCreatedNote"]
    sandbox_clock.advance(5)
    second = body(await api.post("/customerNotes", **as_json({"customerid": cid, "note": "second"})))
    listed = body(await api.get(f"/customers/{cid}/CustomerNotes"))
    assert [n["id"] for n in listed[:2]] == [second["id"], note["id"]]  # newest first
    assert len(listed) == len(existing) + 2
    assert (await api.delete(f"/customerNotes/{note['id']}")).status_code == 204
    assert (await api.delete(f"/customerNotes/Delete/{second['id']}")).status_code == 204
    assert len(body(await api.get(f"/customers/{cid}/CustomerNotes"))) == len(existing)
    assert (await api.delete(f"/customerNotes/{note['id']}")).status_code == 404


async def test_notes_listing_can_be_disabled():
    app = create_app(SandboxSettings(customers=50, notes_listing=False))
    async with client_for(SandboxTransport(app)) as api:
        assert (await api.get("/customers/100001/CustomerNotes")).status_code == 404
        assert (await api.post("/customerNotes", **as_json({"customerId": 100001, "note": "x"}))).status_code == 200


async def test_empty_note_is_400(api):
    assert (await api.post("/customerNotes", **as_json({"customerId": 100001, "note": " "}))).status_code == 400


async def test_email_preferences_and_billing_settings(api):
    prefs = body(await api.get("/customers/100001/CustomerEmailPreferences"))
    assert prefs["customerId"] == 100001 and {p["emailType"] for p in prefs["preferences"]} >= {"InvoicePost"}
    settings = body(await api.get("/customerbillingsetting/100001"))
    assert settings["id"] == 100001 and settings["term"].startswith("Net")
    assert (await api.get("/customerbillingsetting/3")).status_code == 404


async def test_address_preferences_full_replacement(api, sandbox_clock):
    cid = 100002
    before = body(await api.get(f"/customerAddressPreferences/{cid}"))
    sandbox_clock.advance(60)
    r = await api.put("/CustomerAddressPreferences", **as_json({"id": cid, "contactName": "Frank",
                                                               "useBillingAddressAsShippingAddress": True}))
    assert r.status_code == 200
    after = body(r)
    assert after["contactName"] == "Frank" and after["shippingInstructions"] is None
    assert after["billingAddress"] == before["billingAddress"]
    r = await api.put("/CustomerAddressPreferences", **as_json({"id": cid, "contactName": "x" * 101}))
    assert r.status_code == 400


async def test_addresses_create_read_update_and_one_per_type(api):
    cid = body(await api.post("/customers", **as_json({"firstName": "Addr"})))["id"]
    r = await api.post("/Addresses", **as_json({"customerAddressPreferenceId": cid, "addressType": "Billing",
                                                "line1": "232 Herzberg Road", "countryId": 124, "stateId": 9,
                                                "city": "Kanata", "postalZip": "K2K 2A1"}))
    assert r.status_code == 200
    address = body(r)
    assert (address["country"], address["state"]) == ("Canada", "Ontario")
    assert body(await api.get(f"/Addresses/{address['id']}")) == address
    second = await api.post("/Addresses", **as_json({"customerAddressPreferenceId": cid, "addressType": "Billing"}))
    assert second.status_code == 400
    assert error_message(second) == "Only 1 Billing Address is allowed per customer. Please update it instead."
    r = await api.put("/Addresses", **as_json({"id": address["id"], "line1": "1 New St", "countryId": 840,
                                               "stateId": "NY"}))
    updated = body(r)
    assert updated["line1"] == "1 New St" and updated["city"] is None and updated["state"] == "New York"
    long_line = await api.put("/Addresses", **as_json({"id": address["id"], "line1": "x" * 61}))
    assert long_line.status_code == 400
    assert (await api.get("/Addresses/12")).status_code == 404


async def test_countries(api):
    countries = body(await api.get("/Countries"))
    by_id = {c["id"]: c for c in countries}
    assert by_id[124]["name"] == "Canada" and len(by_id[124]["states"]) == 13
    assert by_id[840]["iso"] == "US" and len(by_id[840]["states"]) >= 51
    ontario = next(s for s in by_id[124]["states"] if s["name"] == "Ontario")
    assert ontario["id"] == 9


async def test_notes_listing_puts_notes_without_a_timestamp_last(api, sandbox, sandbox_clock):
    cid = 100001
    notes = sandbox.store.notes(cid)
    older = body(await api.post("/customerNotes", **as_json({"customerId": cid, "note": "older"})))
    sandbox_clock.advance(5)
    newer = body(await api.post("/customerNotes", **as_json({"customerId": cid, "note": "newer"})))
    undated = next(n for n in notes if n["id"] == older["id"])
    undated["createdTimestamp"] = None
    r = await api.get(f"/customers/{cid}/CustomerNotes")
    assert r.status_code == 200
    listed = [n["id"] for n in body(r)]
    assert listed[0] == newer["id"] and listed[-1] == older["id"]
