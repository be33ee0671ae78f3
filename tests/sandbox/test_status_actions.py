"""Status actions: valid transitions change customer, subscriptions and overview; invalid ones are 409."""

from __future__ import annotations

from .helpers import as_json, body, error_message


def first_with_status(sandbox, status: str) -> int:
    return next(c["id"] for c in sandbox.store.iter_customers() if c["status"] == status and c["id"] < 900000
                and sandbox.store.subscriptions(c["id"]))


async def test_hold_then_unhold(api, sandbox, sandbox_clock):
    cid = first_with_status(sandbox, "Active")
    before = body(await api.get(f"/customers/{cid}/Overview"))
    sandbox_clock.advance(3600)
    r = await api.post(f"/customerHold/{cid}")
    assert r.status_code == 200 and body(r)["status"] == "Hold"
    subs = body(await api.get(f"/customers/{cid}/subscriptions"))
    assert {s["status"] for s in subs} == {"Suspended"}
    overview = body(await api.get(f"/customers/{cid}/Overview"))
    assert overview["status"] == "Hold" and overview["statusTimestamp"] != before["statusTimestamp"]

    again = await api.post(f"/customerHold/{cid}")
    assert again.status_code == 409
    assert error_message(again) == "This activity could not be processed since the service status is Hold"

    r = await api.post("/customers/unhold", **as_json({"customerId": cid,
                                                         "serviceStartOption": "NoChargesForMissedPeriods"}))
    assert r.status_code == 200 and body(r)["status"] == "Active"
    assert {s["status"] for s in body(await api.get(f"/customers/{cid}/subscriptions"))} == {"Active"}


async def test_unhold_preview_changes_nothing_and_returns_invoices(api, sandbox):
    cid = first_with_status(sandbox, "Hold")
    count = len(sandbox.store.invoices(cid))
    r = await api.post("/customers/unhold", **as_json({"id": cid, "serviceStartOption": "ChargeForCurrentFullPeriod",
                                                         "preview": True}))
    assert r.status_code == 200
    result = body(r)
    assert result["customer"]["status"] == "Active" and len(result["invoices"]) == 1
    assert result["invoices"][0]["charges"]
    assert body(await api.get(f"/customers/{cid}"))["status"] == "Hold"
    assert len(sandbox.store.invoices(cid)) == count


async def test_unhold_bad_service_start_option_is_400(api, sandbox):
    cid = first_with_status(sandbox, "Hold")
    r = await api.post("/customers/unhold", **as_json({"customerId": cid, "serviceStartOption": "Whenever"}))
    assert r.status_code == 400
    assert body(r)["Errors"][0]["Key"] == "customerHold.CustomerServiceStartOption"


async def test_activate_draft_with_preview_then_for_real(api, sandbox):
    cid = first_with_status(sandbox, "Draft")
    r = await api.post("/customerActivation?Preview=true&view=sideeffects", **as_json({"customerId": cid}))
    assert r.status_code == 200
    preview = body(r)
    assert preview["customer"]["status"] == "Active" and preview["invoices"]
    assert body(await api.get(f"/customers/{cid}"))["status"] == "Draft"

    payload = {"customerId": cid, "activateAllSubscriptions": True, "activateAllDraftPurchases": True,
               "temporarilyDisableAutoPost": False}
    r = await api.post("/customerActivation?VIEW=SideEffects", **as_json(payload))
    result = body(r)
    assert result["customer"]["status"] == "Active"
    invoices = body(await api.get(f"/Customers/{cid}/Invoices"))
    assert [i["invoiceNumber"] for i in invoices] == [i["invoiceNumber"] for i in result["invoices"]]
    overview = body(await api.get(f"/customers/{cid}/Overview"))
    assert overview["arBalance"] == sum(i["outstandingBalance"] for i in result["invoices"])

    again = await api.post("/customerActivation", **as_json(payload))
    assert again.status_code == 409
    assert error_message(again) == "This activity could not be processed since the service status is Active"


async def test_activate_without_required_fields_is_400(api, sandbox):
    cid = first_with_status(sandbox, "Draft")
    r = await api.post("/customerActivation", **as_json({"customerId": cid}))
    assert r.status_code == 400


async def test_cancel_then_uncancel(api, sandbox):
    cid = first_with_status(sandbox, "Active")
    r = await api.post("/customerCancellation", **as_json({"customerId": cid, "cancellationOption": "Unearned"}))
    assert r.status_code == 204 and r.content == b""
    customer = body(await api.get(f"/customers/{cid}"))
    assert customer["status"] == "Cancelled" and customer["monthlyRecurringRevenue"] == 0
    assert {s["status"] for s in body(await api.get(f"/customers/{cid}/subscriptions"))} == {"Cancelled"}

    again = await api.post("/customerCancellation", **as_json({"customerId": cid, "cancellationOption": "None"}))
    assert again.status_code == 409

    r = await api.post(f"/customers/uncancel/{cid}")
    assert r.status_code == 200 and body(r)["status"] == "Active"
    assert body(r)["monthlyRecurringRevenue"] > 0


async def test_cancel_bad_option_is_400(api, sandbox):
    cid = first_with_status(sandbox, "Active")
    r = await api.post("/customerCancellation", **as_json({"customerId": cid, "cancellationOption": "Some"}))
    assert r.status_code == 400
    assert error_message(r) == "Allowable Cancel Options are: None, Unearned, Full"


async def test_uncancel_active_is_409_and_unknown_is_404(api, sandbox):
    cid = first_with_status(sandbox, "Active")
    assert (await api.post(f"/customers/uncancel/{cid}")).status_code == 409
    r = await api.post("/customers/uncancel/1")
    assert r.status_code == 404 and error_message(r) == "Customer with id 1 not found."
