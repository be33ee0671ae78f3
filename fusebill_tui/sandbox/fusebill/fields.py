"""The filterable / sortable field names of each list endpoint, per the reference's tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fusebill_tui.sandbox.fusebill.dataset import CURRENCY_IDS
from fusebill_tui.sandbox.fusebill.filtering import spec, table

ENABLED = ("Enabled", "Disabled")


def _currency_id(record: dict[str, Any]) -> int | None:
    return CURRENCY_IDS.get(record.get("currency") or "")


def _netsuite_type(record: dict[str, Any]) -> int | None:
    return {"Individual": 1, "Company": 2}.get(record.get("netsuiteCustomerType") or "")


def _tracking(n: int, part: str) -> Callable[[dict[str, Any]], Any]:
    def get(record: dict[str, Any]) -> Any:
        ref = record.get("customerReference") or {}
        for code in ref.get("salesTrackingCodes") or []:
            if str(code.get("type", "")).lower() == f"sales tracking code {n}":
                return code.get(part)
        return None

    return get


CUSTOMER_FIELDS = table(
    spec("id", kind="int"),
    spec("AccountStatus", "customerAccountStatus", "enum", ("Good", "PoorStanding", "Collection")),
    spec("HubSpotId", "hubSpotId", "int"),
    spec("CompanyName", "companyName"),
    spec("LastName", "lastName"),
    spec("CreatedTimestamp", "createdTimestamp", "date"),
    spec("MiddleName", "middleName"),
    spec("CurrencyId", _currency_id, "int"),
    spec("ModifiedTimestamp", "modifiedTimestamp", "date"),
    spec("CustomerAcquisition.AdContent", "customerAcquisition.adContent"),
    spec("CustomerAcquisition.Campaign", "customerAcquisition.campaign"),
    spec("CustomerAcquisition.LandingPage", "customerAcquisition.landingPage"),
    spec("CustomerAcquisition.Medium", "customerAcquisition.medium"),
    spec("CustomerAcquisition.Source", "customerAcquisition.source"),
    spec("NetsuiteEntityType", _netsuite_type, "int"),
    spec("NetSuiteId", "netsuiteId"),
    spec("NetSuiteSynchStatusId", "netsuiteSynchStatus", "enum", ENABLED),
    spec("ParentId", "parentId", "int"),
    spec("PrimaryEmail", "primaryEmail"),
    spec("CustomerReference.Reference1", "customerReference.reference1"),
    spec("CustomerReference.Reference2", "customerReference.reference2"),
    spec("CustomerReference.Reference3", "customerReference.reference3"),
    spec("PrimaryPhone", "primaryPhone"),
    spec("QuickBooksId", "quickBooksId", "int"),
    spec("QuickBooksLatchTypeId", "quickBooksLatchType", "enum", ("CreateNew", "LatchExisting", "DoNothing")),
    spec("QuickBooksSyncToken", "quickBooksSyncToken", "int"),
    spec("Reference", "reference"),
    *(spec(f"CustomerReference.SalesTrackingCode{n}.{part.title()}", _tracking(n, part))
      for n in range(1, 6) for part in ("code", "name")),
    spec("SalesforceAccountType", "salesforceAccountType", "enum", ("Company", "Person")),
    spec("SalesforceId", "salesforceId"),
    spec("SalesforceSynchStatus", "salesforceSynchStatus", "enum", ENABLED),
    spec("SecondaryEmail", "secondaryEmail"),
    spec("SecondaryPhone", "secondaryPhone"),
    spec("Status", "status", "enum", ("Draft", "Active", "Cancelled", "Hold", "Suspended")),
    spec("Suffix", "suffix"),
    spec("Title", "title", "enum", ("Mr", "Mrs", "Ms", "Miss", "Dr")),
    spec("FirstName", "firstName"),
)

INVOICE_FIELDS = table(
    spec("id", kind="int"),
    spec("createdTimestamp", "createdTimestamp", "date"),
    spec("closingArBalance", "closingArBalance", "decimal"),
    spec("effectiveTimestamp", "effectiveTimestamp", "date"),
    spec("invoiceNumber", "invoiceNumber", "int"),
    spec("netsuiteId", "netsuiteId"),
    spec("openingArBalance", "openingArBalance", "decimal"),
    spec("poNumber", "poNumber"),
    spec("postedTimestamp", "postedTimestamp", "date"),
    spec("salesforceID", "salesforceId"),
    spec("totalInstallments", lambda r: len(r.get("paymentSchedules") or []), "int"),
    spec("quickBooksId", "quickBooksId", "int"),
)

SUBSCRIPTION_FIELDS = table(
    spec("id", kind="int"),
    spec("contractEndTimestamp", "contractEndTimestamp", "date"),
    spec("contractStartTimestamp", "contractStartTimestamp", "date"),
    spec("createdTimestamp", "createdTimestamp", "date"),
    spec("expiredTimestamp", "expiredTimestamp", "date"),
    spec("interval", "planFrequency.interval", "enum", ("Monthly", "Yearly")),
    spec("invoiceDay", "invoiceDay", "int"),
    spec("modifiedTimestamp", "modifiedTimestamp", "date"),
    spec("planCode", "planCode"),
    spec("planDescription", "planDescription"),
    spec("planName", "planName"),
    spec("planReference", "planReference"),
    spec("provisionedTimestamp", "provisionedTimestamp", "date"),
    spec("reference", "reference"),
    spec("remainingInterval", "remainingInterval", "int"),
    spec("remainingIntervalPushOut", "remainingIntervalPushOut", "int"),
    spec("salesForceId", "salesforceId"),
    spec("scheduledActivationTimestamp", "scheduledActivationTimestamp", "date"),
    spec("status", "status", "enum", ("Active", "Draft", "Cancelled", "Provisioning", "Expired", "Suspended")),
)
