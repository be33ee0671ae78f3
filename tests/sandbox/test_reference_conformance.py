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


SUBSCRIPTION_FIELDS = (
    "customerId planFrequency planCode planName planDescription planReference status reference subscriptionOverride "
    "hasPostedInvoice createdTimestamp activatedTimestamp provisionedTimestamp nextPeriodStartDate lastPeriodStartDate "
    "scheduledActivationTimestamp subscriptionProducts remainingInterval remainingIntervalPushOut "
    "openSubscriptionPeriodEndDate chargeDiscount setupFeeDiscount chargeDiscounts setupFeeDiscounts customFields "
    "planAutoApplyChanges autoApplyCatalogChanges monthlyRecurringRevenue netMonthlyRecurringRevenue amount "
    "contractStartTimestamp contractEndTimestamp expiredTimestamp modifiedTimestamp coupons invoiceDay invoiceMonth "
    "canMigrate migrationDate scheduledMigrationDate subscriptionHasRecurringEndOfPeriodCharge nextRechargeDate "
    "invoiceInAdvance billingPeriodDefinitionId salesforceId id uri"
).split()
BILLING_SETTINGS_FIELDS = (
    "invoiceDay term interval autoCollect rechargeType rechargeThresholdAmount rechargeTargetAmount statusOnThreshold "
    "autoPostDraftInvoice hasPaymentMethod customerGracePeriod gracePeriodExtension customerAutoCancel "
    "defaultCancelOption standingPoNumber billingPeriodConfigurations acquisitionCost showZeroDollarCharges taxExempt "
    "useCustomerBillingAddress taxExemptCode avalaraUsageType vatIdentificationNumber customerServiceStartOption "
    "rollUpTaxes rollUpDiscounts rollUpPdfsByPlanProduct rollUpPdfsDisplayName rollUpPdfsDisplayDescription "
    "rollUpPdfsDisplayAllUnitPrices pdfInvoiceEmailAttachmentOption trackedItemDisplay customerBillingStatementSetting "
    "defaultPaymentMethodId postReadyChargesOnRenew id uri"
).split()


PLAN_FREQUENCY_FIELDS = (
    "planRevisionId numberOfIntervals interval numberOfSubscriptions status setupFees charges isProrated "
    "prorationGranularity planFrequencyUniqueId remainingInterval invoiceInAdvance salesforceId id uri"
).split()
INVOICE_FIELDS = (
    "invoiceNumber invoiceSignature poNumber effectiveTimestamp postedTimestamp modifiedTimestamp charges subtotal "
    "invoiceAmount totalPayments outstandingBalance terms customerId invoiceCustomer invoiceCustomerAddressPreference "
    "sumOfCreditNotes totalWriteoffs taxes totalDiscount paymentSchedules notes customerReferenceValue "
    "openingArBalance closingArBalance invoiceInMemoryOnly invoiceRevisions id uri"
).split()


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
