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


SUBSCRIPTION_FIELDS = ["customerId", "planFrequency", "planCode", "planName", "planDescription", "planReference", "status", "reference", "subscriptionOverride", "hasPostedInvoice", "createdTimestamp", "activatedTimestamp", "provisionedTimestamp", "nextPeriodStartDate", "lastPeriodStartDate", "scheduledActivationTimestamp", "subscriptionProducts", "remainingInterval", "remainingIntervalPushOut", "openSubscriptionPeriodEndDate", "chargeDiscount", "setupFeeDiscount", "chargeDiscounts", "setupFeeDiscounts", "customFields", "planAutoApplyChanges", "autoApplyCatalogChanges", "monthlyRecurringRevenue", "netMonthlyRecurringRevenue", "amount", "contractStartTimestamp", "contractEndTimestamp", "expiredTimestamp", "modifiedTimestamp", "coupons", "invoiceDay", "invoiceMonth", "canMigrate", "migrationDate", "scheduledMigrationDate", "subscriptionHasRecurringEndOfPeriodCharge", "nextRechargeDate", "invoiceInAdvance", "billingPeriodDefinitionId", "salesforceId", "id", "uri"]
BILLING_SETTINGS_FIELDS = ["invoiceDay", "term", "interval", "autoCollect", "rechargeType", "rechargeThresholdAmount", "rechargeTargetAmount", "statusOnThreshold", "autoPostDraftInvoice", "hasPaymentMethod", "customerGracePeriod", "gracePeriodExtension", "customerAutoCancel", "defaultCancelOption", "standingPoNumber", "billingPeriodConfigurations", "acquisitionCost", "showZeroDollarCharges", "taxExempt", "useCustomerBillingAddress", "taxExemptCode", "avalaraUsageType", "vatIdentificationNumber", "customerServiceStartOption", "rollUpTaxes", "rollUpDiscounts", "rollUpPdfsByPlanProduct", "rollUpPdfsDisplayName", "rollUpPdfsDisplayDescription", "rollUpPdfsDisplayAllUnitPrices", "pdfInvoiceEmailAttachmentOption", "trackedItemDisplay", "customerBillingStatementSetting", "defaultPaymentMethodId", "postReadyChargesOnRenew", "id", "uri"]


PLAN_FREQUENCY_FIELDS = ["planRevisionId", "numberOfIntervals", "interval", "numberOfSubscriptions", "status", "setupFees", "charges", "isProrated", "prorationGranularity", "planFrequencyUniqueId", "remainingInterval", "invoiceInAdvance", "salesforceId", "id", "uri"]
INVOICE_FIELDS = ["invoiceNumber", "invoiceSignature", "poNumber", "effectiveTimestamp", "postedTimestamp", "modifiedTimestamp", "charges", "subtotal", "invoiceAmount", "totalPayments", "outstandingBalance", "terms", "customerId", "invoiceCustomer", "invoiceCustomerAddressPreference", "sumOfCreditNotes", "totalWriteoffs", "taxes", "totalDiscount", "paymentSchedules", "notes", "customerReferenceValue", "openingArBalance", "closingArBalance", "invoiceInMemoryOnly", "invoiceRevisions", "id", "uri"]


async def test_subscriptions_carry_every_documented_field(api):
    subs = body(await api.get("/customers/12000750/subscriptions"))
    assert subs
    for sub in subs:
        assert [f for f in SUBSCRIPTION_FIELDS if f not in sub] == []
        assert [f for f in PLAN_FREQUENCY_FIELDS if f not in sub["planFrequency"]] == []
        start, last = sub["nextPeriodStartDate"], sub["lastPeriodStartDate"]
        assert start is None or (last is not None and last < start)


async def test_subscriptions_filter_on_documented_salesforce_id(api, sandbox):
    sub = sandbox.store.subscriptions(12000750)[0]
    sub["salesforceId"] = "a0B5g00000XyZ"
    r = await api.get("/customers/12000750/subscriptions?query=salesForceId:a0B5g00000XyZ")
    assert r.status_code == 200 and [s["id"] for s in body(r)] == [sub["id"]]


async def test_invoices_carry_every_field_of_the_reference_example(api):
    invoices = body(await api.get("/Customers/12000750/Invoices"))
    assert invoices and [f for f in INVOICE_FIELDS if f not in invoices[0]] == []


async def test_billing_settings_carry_every_documented_field(api):
    settings = body(await api.get("/customerbillingsetting/12000750"))
    assert [f for f in BILLING_SETTINGS_FIELDS if f not in settings] == []


async def _customer_in(api, status: str) -> int:
    return body(await api.get(f"/customers?query=status:{status}&pageSize=1"))[0]["id"]


async def test_reference_status_examples_as_written(api):
    cid = await _customer_in(api, "Active")
    r = await api.post(f"/CustomerHold/{cid}", headers={"Content-Length": "0"})
    assert r.status_code == 200 and body(r)["status"] == "Hold"
    # curl example: id instead of customerId, an undocumented "prorate", preview true.
    r = await api.post("/customers/unHold", **as_json({"id": cid, "serviceStartOption": "ChargeForCurrentFullPeriod",
                                                       "showZeroDollarCharges": False, "temporarilyDisableAutoPost": False,
                                                       "prorate": False, "preview": True}))
    assert r.status_code == 200 and body(r)["status"] == "Active" and "invoicePreview" in body(r)
    assert body(await api.get(f"/customers/{cid}"))["status"] == "Hold"
    # Python example: booleans sent as the strings 'false'.
    r = await api.post("/customers/unHold", **as_json({"customerId": cid, "serviceStartOption": "ChargeForAllMissedPeriods",
                                                       "preview": "false", "showZeroDollarCharges": "false",
                                                       "temporarilyDisableAutoPost": "false"}))
    assert r.status_code == 200 and body(r)["status"] == "Active"
    r = await api.post("/CustomerCancellation", **as_json({"customerId": cid, "cancellationOption": "None"}))
    assert r.status_code == 204 and r.content == b""
    r = await api.post(f"/customers/uncancel/{cid}", headers={"Content-Length": "0"})
    assert r.status_code == 200 and body(r)["status"] == "Active"


async def test_reference_note_example_spells_customerid_in_lower_case(api):
    r = await api.post("/CustomerNotes", **as_json({"note": "Sample", "customerid": 12000750}))
    assert r.status_code == 200
    note = body(r)
    assert set(note) == {"userWhoCreatedNote", "note", "createdTimestamp", "id", "uri"}
    assert (await api.delete(f"/customerNotes/{note['id']}")).status_code == 204


async def test_reference_address_preferences_curl_example(api):
    # {customerId:..., contactname:'John', ..., useBillingAddressAsShippingAddress:true, shippingAddres:null}
    r = await api.put("/CustomerAddressPreferences", **as_json({
        "customerId": 12000750, "contactname": "John", "shippingInstructions": "Signature required.",
        "useBillingAddressAsShippingAddress": True, "billingAddress": None, "shippingAddres": None}))
    assert r.status_code == 200, r.text
    got = body(r)
    assert (got["id"], got["contactName"], got["shippingInstructions"]) == (12000750, "John", "Signature required.")
    assert got["useBillingAddressAsShippingAddress"] is True
