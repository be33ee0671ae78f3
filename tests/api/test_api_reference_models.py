"""Every field the reference documents for a response object is a declared, typed field of its model."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fusebill_tui.vendors.fusebill import models

# Field names as the reference's object tables and response examples spell them.
DOCUMENTED = {
    models.Customer: (
        "firstName middleName lastName companyName suffix primaryEmail primaryPhone secondaryEmail secondaryPhone "
        "title reference status customerAccountStatus currency customerReference customerAcquisition "
        "monthlyRecurringRevenue netMonthlyRecurringRevenue salesforceId salesforceAccountType salesforceSynchStatus "
        "netsuiteId netsuiteSynchStatus netsuiteCustomerType portalUserName parentId quickBooksLatchType quickBooksId "
        "quickBooksSyncToken hubSpotId hubSpotCompanyId geotabId modifiedTimestamp createdTimestamp id uri"
    ),
    models.CustomerOverview: (
        "title firstName middleName lastName suffix primaryEmail primaryPhone companyName reference createdTimestamp "
        "status customerAccountStatus pendingCharges arBalance unallocatedPayments unallocatedCredits "
        "unallocatedOpeningBalance currency daysUntilSuspension daysUntilCancellation customerAccountStatusTimestamp "
        "statusTimestamp lifetimeValue monthlyRecurringRevenue netMonthlyRecurringRevenue nextBillingDate "
        "salesforceSynchStatus salesforceId quickbooksId netsuiteId hubSpotId hubSpotCompanyId geotabId parentId "
        "parentName isParent unknownPaymentActivityId id uri"
    ),
    models.Subscription: (
        "customerId planFrequency planCode planName planDescription planReference status reference "
        "subscriptionOverride hasPostedInvoice createdTimestamp activatedTimestamp provisionedTimestamp "
        "nextPeriodStartDate lastPeriodStartDate scheduledActivationTimestamp subscriptionProducts remainingInterval "
        "remainingIntervalPushOut openSubscriptionPeriodEndDate chargeDiscount setupFeeDiscount chargeDiscounts "
        "setupFeeDiscounts customFields planAutoApplyChanges autoApplyCatalogChanges monthlyRecurringRevenue "
        "netMonthlyRecurringRevenue amount contractStartTimestamp contractEndTimestamp expiredTimestamp "
        "modifiedTimestamp coupons invoiceDay invoiceMonth canMigrate migrationDate scheduledMigrationDate "
        "subscriptionHasRecurringEndOfPeriodCharge nextRechargeDate invoiceInAdvance billingPeriodDefinitionId "
        "salesforceId id uri"
    ),
    models.PlanFrequency: (
        "planRevisionId numberOfIntervals interval numberOfSubscriptions status setupFees charges isProrated "
        "prorationGranularity planFrequencyUniqueId remainingInterval invoiceInAdvance salesforceId id uri"
    ),
    models.SubscriptionOverride: (
        "name description charge chargePriceRanges chargePricingModelType setupFee setupFeePriceRanges "
        "setupFeePricingModelType id uri"
    ),
    models.PlanPrice: "amount conditionAmount variableAmount currency id url",
    models.Discount: "discountType amount remainingUsagesUntilStart remainingUsage",
    models.Invoice: (
        "invoiceNumber invoiceSignature poNumber effectiveTimestamp postedTimestamp modifiedTimestamp charges "
        "subtotal invoiceAmount totalPayments outstandingBalance terms customerId invoiceCustomer "
        "invoiceCustomerAddressPreference sumOfCreditNotes totalWriteoffs taxes totalDiscount paymentSchedules notes "
        "customerReferenceValue openingArBalance closingArBalance invoiceInMemoryOnly invoiceRevisions "
        "createdTimestamp netsuiteId salesforceId quickBooksId id uri"
    ),
    models.Charge: (
        "quantity unitPrice amount name description glCode effectiveTimestamp proratedUnitPrice startServiceDate "
        "endServiceDate rangeQuantity isReversable discount discounts subscriptionProduct purchase chargeTiers id uri"
    ),
    models.ChargeTier: "label quantity unitPrice amount",
    models.PaymentSchedule: "dueDateTimestamp status amount outstandingBalance daysDueAfterTerm",
    models.Note: "userWhoCreatedNote note createdTimestamp id uri",
    models.EmailPreference: "enabled accountDefault emailType emailCategory",
    models.BillingSettings: (
        "invoiceDay term interval autoCollect rechargeType rechargeThresholdAmount rechargeTargetAmount "
        "statusOnThreshold autoPostDraftInvoice hasPaymentMethod customerGracePeriod gracePeriodExtension "
        "customerAutoCancel defaultCancelOption standingPoNumber billingPeriodConfigurations acquisitionCost "
        "showZeroDollarCharges taxExempt useCustomerBillingAddress taxExemptCode avalaraUsageType "
        "vatIdentificationNumber customerServiceStartOption rollUpTaxes rollUpDiscounts rollUpPdfsByPlanProduct "
        "rollUpPdfsDisplayName rollUpPdfsDisplayDescription rollUpPdfsDisplayAllUnitPrices "
        "pdfInvoiceEmailAttachmentOption trackedItemDisplay customerBillingStatementSetting defaultPaymentMethodId "
        "postReadyChargesOnRenew id uri"
    ),
    models.BillingPeriodConfiguration: "type rule interval day month",
    models.TrackedItemDisplay: (
        "trackedItemDisplayFormat showTrackedItemName showTrackedItemReference showTrackedItemDescription "
        "showTrackedItemCreatedDate"
    ),
    models.BillingStatementSetting: "option type interval day month trackedItemDisplay statementActivityType",
    models.AddressPreferences: (
        "contactName shippingInstructions useBillingAddressAsShippingAddress billingAddress shippingAddress id uri"
    ),
    models.Address: (
        "customerAddressPreferenceId companyName line1 line2 countryId country stateId state city postalZip "
        "addressType valid id uri"
    ),
    models.Country: "id name iso iso3 states",
    models.State: "id name subdivisionIsoCode combinedIsoCode",
}


@pytest.mark.parametrize("model", list(DOCUMENTED), ids=lambda m: m.__name__)
def test_model_declares_every_documented_field(model):
    declared = {field.alias or name for name, field in model.model_fields.items()}
    missing = [name for name in DOCUMENTED[model].split() if name not in declared]
    assert not missing, f"{model.__name__} lacks documented fields {missing}"


def test_invoice_example_nested_objects_are_typed():
    invoice = models.Invoice.from_api({
        "invoiceNumber": 290, "invoiceSignature": "<p>sig</p>", "invoiceInMemoryOnly": False, "invoiceRevisions": [],
        "charges": [{"amount": 264, "discount": None, "subscriptionProduct": {"id": 123456, "uri": "u"},
                     "purchase": None}],
        "invoiceCustomer": {"firstName": "John", "lastName": "Smith", "title": "", "currency": "USD", "id": 0},
        "invoiceCustomerAddressPreference": {"contactName": None, "useBillingAddressAsShippingAddress": False,
                                             "billingAddress": None, "id": 0},
    })
    assert invoice.invoice_signature == "<p>sig</p>" and invoice.invoice_in_memory_only is False
    assert invoice.invoice_customer.first_name == "John"
    assert invoice.invoice_customer_address_preference.use_billing_address_as_shipping_address is False
    assert invoice.charges[0].subscription_product.id == 123456 and invoice.charges[0].purchase is None


def test_billing_settings_example_nested_objects_are_typed():
    settings = models.BillingSettings.from_api({
        "invoiceDay": -1, "interval": "Monthly", "acquisitionCost": 0, "showZeroDollarCharges": None,
        "billingPeriodConfigurations": [{"type": "FirstSubscriptionActivation", "rule": "OneInvoicePerDay",
                                         "interval": "Yearly", "day": None, "month": None}],
        "customerBillingStatementSetting": {"option": None, "type": None, "trackedItemDisplay": None},
        "trackedItemDisplay": {"trackedItemDisplayFormat": "Inline", "showTrackedItemName": True},
    })
    assert settings.invoice_day == -1 and settings.acquisition_cost == Decimal("0")
    assert settings.billing_period_configurations[0].interval == "Yearly"
    assert settings.customer_billing_statement_setting.tracked_item_display is None
    assert settings.tracked_item_display.show_tracked_item_name is True


def test_subscription_documented_objects_are_typed():
    sub = models.Subscription.from_api({
        "planFrequency": {"charges": [{"amount": 129.00, "currency": "USD", "id": 0, "uri": None}], "setupFees": []},
        "subscriptionOverride": {"name": "Gold (custom)", "charge": "99.50"},
        "chargeDiscounts": [{"discountType": "Percentage", "amount": 25, "remainingUsage": 3}],
        "remainingIntervalPushOut": 12, "canMigrate": True, "billingPeriodDefinitionId": 7,
    })
    assert sub.plan_frequency.charges[0].amount == Decimal("129.00")
    assert sub.subscription_override.charge == Decimal("99.50")
    assert sub.charge_discounts[0].remaining_usage == 3
    assert (sub.remaining_interval_push_out, sub.can_migrate, sub.billing_period_definition_id) == (12, True, 7)
