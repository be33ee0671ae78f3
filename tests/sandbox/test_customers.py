"""Customers: list paging headers, read, overview, create and full-replacement update."""

from __future__ import annotations

from decimal import Decimal

from .helpers import as_json, body, error_message


async def test_list_pages_with_documented_headers(api, sandbox):
    r = await api.get("/customers", params={"pageSize": 50, "pageNumber": 1})
    assert r.status_code == 200
    items = body(r)
    assert len(items) == 50
    h = r.headers
    assert (h["X-Count"], h["X-MaxCount"], h["X-CurrentPage"]) == ("300", "300", "1")
    assert (h["X-MaxPageIndex"], h["X-NextPage"], h["X-PreviousPage"], h["X-PageSize"]) == ("5", "2", "0", "50")
    assert (h["X-SortOrder"], h["X-SortExpression"]) == ("Ascending", "id")
    ids = [c["id"] for c in items]
    assert ids == sorted(ids)


async def test_first_page_has_no_previous_and_last_has_no_next(api):
    first = await api.get("/customers", params={"pageSize": 100, "pageNumber": 0})
    assert first.headers["X-PreviousPage"] == "-1"
    last = await api.get("/customers", params={"pageSize": 100, "pageNumber": 2})
    assert "X-NextPage" not in last.headers
    assert len(body(last)) == 100


async def test_paths_and_parameter_names_are_case_insensitive(api):
    r = await api.get("/CUSTOMERS/", params={"PAGESIZE": 3})
    assert r.status_code == 200 and len(body(r)) == 3


async def test_read_reference_example_customer(api):
    r = await api.get("/customers/12000750")
    c = body(r)
    assert (c["firstName"], c["lastName"], c["companyName"]) == ("Bowen", "Rosales", "Manglo")
    assert c["primaryPhone"] == 9454323791  # a JSON number, as the reference sends it
    assert c["parentId"] == 12000749
    assert c["monthlyRecurringRevenue"] == Decimal("250")


async def test_unknown_customer_is_404_with_reference_wording(api):
    r = await api.get("/customers/5")
    assert r.status_code == 404
    assert error_message(r) == "Customer with id 5 not found."


async def test_overview_matches_reference_example(api):
    o = body(await api.get("/customers/650084/Overview"))
    assert o["firstName"] == "Foreman" and o["companyName"] == 9984242269
    assert o["arBalance"] == 0 and o["daysUntilSuspension"] is None
    assert o["uri"].endswith("/CustomerOverview/650084")


async def test_dataset_covers_statuses_currencies_and_near_suspension(sandbox):
    customers = list(sandbox.store.iter_customers())
    assert {c["status"] for c in customers} >= {"Draft", "Active", "Hold", "Suspended", "Cancelled"}
    assert {c["customerAccountStatus"] for c in customers} == {"Good", "PoorStanding", "Collection"}
    assert {c["currency"] for c in customers} >= {"USD", "CAD", "EUR", "GBP"}
    days = [sandbox.store.overview(c["id"])["daysUntilSuspension"] for c in customers]
    assert any(d is not None and d <= 3 for d in days)


async def test_same_seed_same_data(sandbox):
    from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app

    other = create_app(SandboxSettings(customers=300, seed=7)).state.sandbox
    assert other.store.customer(100050) == sandbox.store.customer(100050)
    different = create_app(SandboxSettings(customers=300, seed=8)).state.sandbox
    assert different.store.customer(100050) != sandbox.store.customer(100050)


async def test_create_customer_then_read_it(api, sandbox):
    r = await api.post("/customers", json={"firstName": "John", "lastName": "Smith", "currency": "CAD",
                                           "billing": {"line1": "1 Main", "city": "Ottawa", "country": "CA",
                                                       "state": "ON", "postalZip": "K1P 1A1"}})
    assert r.status_code == 200
    created = body(r)
    assert created["status"] == "Draft" and created["currency"] == "CAD"
    again = body(await api.get(f"/customers/{created['id']}"))
    assert again == created
    prefs = body(await api.get(f"/customerAddressPreferences/{created['id']}"))
    assert prefs["billingAddress"]["state"] == "Ontario"


async def test_put_replaces_whole_object_nulling_omitted_fields(api, sandbox_clock):
    before = body(await api.get("/customers/12000750"))
    sandbox_clock.advance(60)
    r = await api.put("/customers", json={"id": 12000750, "status": "Active", "firstName": "Bo"})
    assert r.status_code == 200
    after = body(r)
    assert after["firstName"] == "Bo"
    assert after["lastName"] is None and after["companyName"] is None  # left out -> null
    assert after["customerReference"]["reference2"] is None
    assert after["currency"] == before["currency"]  # read-only fields are kept
    assert after["modifiedTimestamp"] != before["modifiedTimestamp"]
    assert body(await api.get("/customers/12000750")) == after


async def test_put_rejects_overlong_field_and_bad_enum(api):
    base = body(await api.get("/customers/100001"))
    r = await api.put("/customers", **as_json({**base, "firstName": "x" * 51}))
    assert r.status_code == 400
    assert "maximum length of 50" in error_message(r)
    r = await api.put("/customers", **as_json({**base, "title": "Sir"}))
    assert r.status_code == 400
    assert body(await api.get("/customers/100001")) == base  # nothing changed


async def test_put_cannot_suspend_or_change_status(api):
    base = body(await api.get("/customers/12000750"))
    r = await api.put("/customers", **as_json({**base, "status": "Suspended"}))
    assert r.status_code == 400
    r = await api.put("/customers", **as_json({**base, "status": "Cancelled"}))
    assert r.status_code == 409


async def test_malformed_json_body_is_400(api):
    r = await api.put("/customers", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


async def test_unknown_route_is_404_error_body(api):
    r = await api.get("/nothing/here")
    assert r.status_code == 404
    assert "No HTTP resource" in error_message(r)


async def test_hundred_thousand_customers_page_without_building_them_all():
    from fusebill_tui.sandbox.core.transport import SandboxTransport
    from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app

    from .helpers import client_for

    app = create_app(SandboxSettings(customers=100_000, seed=3))
    async with client_for(SandboxTransport(app)) as api:
        r = await api.get("/customers", params={"pageSize": 100, "pageNumber": 900})
        assert r.headers["X-MaxCount"] == "100000" and r.headers["X-MaxPageIndex"] == "999"
        assert next(c["id"] for c in body(r)) == 100001 + 90000
    assert app.state.sandbox.store._records == {}  # listing kept nothing in memory
