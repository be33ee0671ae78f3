"""The sandbox against the reference's own examples: wording, body field spelling, response shapes."""

from __future__ import annotations

from .helpers import as_json, body, error_message


async def test_unknown_overview_is_404_naming_customer_overview(api):
    r = await api.get("/customers/2/Overview")
    assert r.status_code == 404
    assert error_message(r) == "CustomerOverview with id 2 not found."


async def test_put_customer_reads_field_names_case_insensitively(api):
    # The reference's curl example sends {id:..., Status:'Active', firstName:...}.
    current = body(await api.get("/customers/12000750"))
    r = await api.put("/customers", **as_json({"Id": 12000750, "Status": current["status"], "FirstName": "John",
                                               "LastName": "Smith", "CompanyName": "Acme Inc.", "title": "Mr"}))
    assert r.status_code == 200, r.text
    got = body(r)
    assert (got["firstName"], got["lastName"], got["companyName"], got["title"]) == ("John", "Smith", "Acme Inc.", "Mr")
    assert body(await api.get("/customers/12000750"))["firstName"] == "John"


async def test_put_customer_nested_objects_read_case_insensitively(api):
    current = body(await api.get("/customers/12000750"))
    r = await api.put("/customers", **as_json({"id": 12000750, "status": current["status"],
                                               "CustomerReference": {"Reference1": "google"}}))
    assert r.status_code == 200, r.text
    assert body(r)["customerReference"]["reference1"] == "google"
