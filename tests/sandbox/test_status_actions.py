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
    result = body(r)  # the customer carrying the invoice it would bill (Fusebill.ApiWrapper's Dto.Get.Customer)
    assert result["id"] == cid and result["status"] == "Active"
    assert result["invoicePreview"]["draftCharges"] and result["additionalInvoicesForPreview"] == []
    assert result["invoicePreview"]["total"] == result["invoicePreview"]["subtotal"] + result["invoicePreview"]["totalTaxes"]
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
    preview = body(r)  # a preview answers the customer carrying invoicePreview, whatever the view
    assert preview["status"] == "Active" and preview["invoicePreview"]["draftCharges"]
    assert "invoices" not in preview and "customer" not in preview
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


# The field names of Fusebill.ApiWrapper's Dto.Get.InvoicePreview and Dto.Get.DraftCharge (with BaseDto's
# id and uri); the wrapper declares no tiers on a draft charge, so the posted charge's chargeTiers is added.
INVOICE_PREVIEW_FIELDS = {"draftCharges", "subtotal", "total", "draftTaxes", "tax", "totalTaxes", "poNumber",
                          "effectiveTimestamp", "status", "draftChargeGroups", "notes", "shippingInstructions"}
DRAFT_CHARGE_FIELDS = {"transactionId", "chargeTypeId", "quantity", "unitPrice", "amount", "taxableAmount",
                       "subscriptionPeriodId", "draftInvoiceId", "name", "description", "effectiveTimestamp",
                       "proratedUnitPrice", "startServiceDate", "endServiceDate", "rangeQuantity", "draftDiscount",
                       "draftDiscounts", "status", "id", "uri", "chargeTiers"}


def first_tiered_with_status(sandbox, status: str) -> int:
    """A customer in ``status`` whose subscriptions include the tiered seat plan."""
    return next(c["id"] for c in sandbox.store.iter_customers() if c["status"] == status and c["id"] < 900000
                and any(s["planCode"] == "SEAT" for s in sandbox.store.subscriptions(c["id"])))


async def test_previews_carry_the_wrappers_invoice_preview_fields(api, sandbox):
    held = first_tiered_with_status(sandbox, "Hold")
    sandbox.store.record(held)["finance"]["statusTimestamp"] = "2020-01-01T00:00:00"  # months of missed periods
    r = await api.post("/customers/unhold", **as_json({"customerId": held, "preview": True,
                                                         "serviceStartOption": "ChargeForAllMissedPeriods"}))
    answer = body(r)
    previews = [answer["invoicePreview"], *answer["additionalInvoicesForPreview"]]
    assert len(previews) > 1
    for preview in previews:
        assert set(preview) == INVOICE_PREVIEW_FIELDS
        assert preview["total"] == sum(c["amount"] for c in preview["draftCharges"]) + preview["totalTaxes"]
        for charge in preview["draftCharges"]:
            assert set(charge) == DRAFT_CHARGE_FIELDS
    tiered = [c for p in previews for c in p["draftCharges"] if c["chargeTiers"]]
    assert tiered
    for charge in tiered:
        assert charge["amount"] == sum(t["amount"] for t in charge["chargeTiers"])
    draft = first_with_status(sandbox, "Draft")
    r = await api.post("/customerActivation?preview=true", **as_json({"customerId": draft}))
    assert set(body(r)["invoicePreview"]) == INVOICE_PREVIEW_FIELDS
