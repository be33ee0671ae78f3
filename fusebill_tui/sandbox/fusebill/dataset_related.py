"""Per-customer generated objects: subscriptions, invoices, notes, addresses and settings.

Each is built from the seed and the customer id on first access, so the same
account always shows the same history.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from fusebill_tui.sandbox.core.clock import iso
from fusebill_tui.sandbox.core.names import NOTE_TEXTS
from fusebill_tui.sandbox.fusebill.countries import COUNTRY_BY_ID
from fusebill_tui.sandbox.fusebill.dataset import BASE_URI, DATASET_NOW, rng_for
from fusebill_tui.sandbox.fusebill.plans import (
    PLAN_COMBOS,
    PLANS,
    monthly,
    plan_amount,
    tier_charges,
)

_STREETS = ("Main St", "Oak Ave", "Maple Rd", "King St W", "Queen St E", "Elm Dr", "Pine Cres", "Bank St")
_US_CITIES = (("New York", "NY", "100"), ("Austin", "TX", "787"), ("Denver", "CO", "802"),
              ("Seattle", "WA", "981"), ("Boston", "MA", "021"), ("Miami", "FL", "331"))
_CA_CITIES = (("Toronto", "ON", "M5V"), ("Ottawa", "ON", "K1P"), ("Vancouver", "BC", "V6B"),
              ("Montréal", "QC", "H2X"), ("Calgary", "AB", "T2P"), ("Halifax", "NS", "B3H"))
SUB_STATUS_FOR = {"Draft": "Draft", "Active": "Active", "Hold": "Suspended", "Suspended": "Suspended",
                  "Cancelled": "Cancelled"}


def subscriptions(seed: int, customer: dict[str, Any], combo: int) -> list[dict[str, Any]]:
    """The customer's subscriptions (one per plan of its combination)."""
    cid = customer["id"]
    plans, seats = PLAN_COMBOS[combo]
    created = datetime.fromisoformat(customer["createdTimestamp"].split(".")[0].rstrip("Z"))
    status = SUB_STATUS_FOR.get(customer.get("status") or "", "Active")
    out = []
    for k, plan in enumerate(plans):
        code, name, interval, _price = PLANS[plan]
        amount = plan_amount(plan, seats)
        active = status in ("Active", "Suspended")
        mrr = monthly(plan, seats) if active else Decimal("0.00")
        step = timedelta(days=365 if interval == "Yearly" else 30)
        next_start = created + step
        while next_start < DATASET_NOW:
            next_start += step
        sid = cid * 100 + k + 1
        out.append({
            "customerId": cid,
            "planFrequency": {"planRevisionId": 1000 + plan, "numberOfIntervals": 1, "interval": interval,
                              "numberOfSubscriptions": 1, "status": "Active", "setupFees": [],
                              "charges": [{"amount": amount, "currency": customer.get("currency"),
                                           "id": 0, "uri": None}],
                              "isProrated": False, "prorationGranularity": None,
                              "planFrequencyUniqueId": 100 + plan, "remainingInterval": None,
                              "invoiceInAdvance": None, "salesforceId": None,
                              "id": 100 + plan, "uri": None},
            "planCode": code, "planName": name, "planDescription": f"{name} ({interval.lower()})",
            "planReference": None, "status": status, "reference": None, "subscriptionOverride": None,
            "hasPostedInvoice": status != "Draft",
            "createdTimestamp": iso(created),
            "activatedTimestamp": None if status == "Draft" else iso(created + timedelta(hours=1)),
            "provisionedTimestamp": None, "nextPeriodStartDate": iso(next_start) if active else None,
            "lastPeriodStartDate": iso(next_start - step) if active and next_start - step >= created else None,
            "scheduledActivationTimestamp": None,
            "subscriptionProducts": [], "remainingInterval": None, "remainingIntervalPushOut": None,
            "openSubscriptionPeriodEndDate": iso(next_start) if active else None,
            "chargeDiscount": None, "setupFeeDiscount": None, "chargeDiscounts": [], "setupFeeDiscounts": [],
            "customFields": None, "planAutoApplyChanges": False, "autoApplyCatalogChanges": False,
            "monthlyRecurringRevenue": mrr, "netMonthlyRecurringRevenue": mrr,
            "amount": amount, "nextRechargeDate": iso(next_start) if active else None,
            # Yearly plans come with a three-year contract, so the contract columns have data.
            "contractStartTimestamp": iso(created) if interval == "Yearly" else None,
            "contractEndTimestamp": iso(created + timedelta(days=3 * 365)) if interval == "Yearly" else None,
            "expiredTimestamp": None, "coupons": [], "invoiceDay": created.day,
            "invoiceMonth": created.month if interval == "Yearly" else None,
            "canMigrate": False, "migrationDate": None, "scheduledMigrationDate": None,
            "invoiceInAdvance": None, "billingPeriodDefinitionId": None, "salesforceId": None,
            "modifiedTimestamp": customer.get("modifiedTimestamp"),
            "subscriptionHasRecurringEndOfPeriodCharge": False,
            "id": sid, "uri": f"{BASE_URI}/subscriptions/{sid}",
        })
    return out


def make_charges(subs: list[dict[str, Any]], start: datetime, seats: int,
                 show_zero: bool = True) -> list[dict[str, Any]]:
    """Invoice charges for one billing period of the given subscriptions."""
    charges = []
    for k, sub in enumerate(subs):
        end = start + timedelta(days=365 if sub["planFrequency"]["interval"] == "Yearly" else 30)
        tiers: list[dict[str, Any]] = []
        quantity, unit, amount = 1, sub["amount"], sub["amount"]
        if sub["planCode"] == "SEAT":
            quantity = seats
            tiers = [{"label": label, "quantity": q, "unitPrice": p, "amount": q * p}
                     for label, q, p in tier_charges(seats)]
            amount = sum((t["amount"] for t in tiers), Decimal("0.00"))
            unit = (amount / quantity).quantize(Decimal("0.000001")) if quantity else Decimal("0")
        if amount == 0 and not show_zero:
            continue
        charges.append({
            "quantity": quantity, "unitPrice": unit, "amount": amount, "name": sub["planName"],
            "description": None, "glCode": "", "effectiveTimestamp": iso(start), "proratedUnitPrice": None,
            "startServiceDate": iso(start), "endServiceDate": iso(end), "rangeQuantity": None,
            "isReversable": True, "discount": None, "discounts": [],
            "subscriptionProduct": {"id": sub["id"], "uri": f"{BASE_URI}/subscriptionProducts/{sub['id']}"},
            "purchase": None, "chargeTiers": tiers, "id": sub["id"] * 1000 + k, "uri": None,
        })
    return charges


def make_invoice(customer: dict[str, Any], number: int, ident: int, posted: datetime, charges: list[dict[str, Any]],
                 opening: Decimal, paid: bool, term_days: int = 10, today: datetime = DATASET_NOW) -> dict[str, Any]:
    """One invoice shaped like the reference's example (overdue when unpaid and due before ``today``)."""
    subtotal = sum((c["amount"] for c in charges), Decimal("0.00"))
    is_cad = customer.get("currency") == "CAD"
    tax = (subtotal * Decimal("0.13")).quantize(Decimal("0.01")) if is_cad else Decimal("0.00")
    total = subtotal + tax
    outstanding = Decimal("0.00") if paid else total
    due = posted + timedelta(days=term_days)
    overdue = not paid and due < today
    return {
        "invoiceNumber": number, "invoiceSignature": "", "poNumber": None,
        "effectiveTimestamp": iso(posted), "postedTimestamp": iso(posted), "createdTimestamp": iso(posted),
        "modifiedTimestamp": iso(posted + timedelta(days=term_days if paid else 0)),
        "charges": charges, "subtotal": subtotal, "invoiceAmount": total,
        "totalPayments": total - outstanding, "outstandingBalance": outstanding, "terms": f"Net{term_days}",
        "customerId": customer["id"],
        "invoiceCustomer": {k: customer.get(k) for k in ("firstName", "middleName", "lastName", "companyName",
                                                          "primaryEmail", "currency", "id")},
        "invoiceCustomerAddressPreference": None,
        "sumOfCreditNotes": Decimal("0.00"), "totalWriteoffs": Decimal("0.00"),
        "taxes": [{"name": "HST", "percentage": Decimal("13"), "amount": tax}] if tax else [],
        "totalDiscount": Decimal("0.00"),
        "paymentSchedules": [{"dueDateTimestamp": iso(due),
                              "status": "Paid" if paid else ("Overdue" if overdue else "Due"), "amount": total,
                              "outstandingBalance": outstanding, "daysDueAfterTerm": 0}],
        "notes": None, "customerReferenceValue": str(customer.get("reference") or ""),
        "openingArBalance": opening, "closingArBalance": opening + outstanding,
        "invoiceInMemoryOnly": False, "invoiceRevisions": [], "netsuiteId": None, "salesforceId": None,
        "quickBooksId": None,
        "id": ident, "uri": f"{BASE_URI}/Invoices/{ident}",
    }


def invoices(seed: int, customer: dict[str, Any], subs: list[dict[str, Any]], combo: int,
             owed: Decimal) -> list[dict[str, Any]]:
    """Posted invoices, oldest first: monthly periods since creation (at most 24); the last unpaid when owing."""
    cid = customer["id"]
    if customer.get("status") == "Draft" or not subs:
        return []
    rng = rng_for(seed, cid, 2)
    _plans, seats = PLAN_COMBOS[combo]
    created = datetime.fromisoformat(customer["createdTimestamp"].split(".")[0].rstrip("Z"))
    periods = min(24, max(1, (DATASET_NOW - created).days // 30))
    first = DATASET_NOW - timedelta(days=30 * periods)
    first = max(first, created)
    out: list[dict[str, Any]] = []
    balance = Decimal("0.00")
    unpaid_from = periods - (1 + rng.randrange(3)) if owed > 0 else periods
    for k in range(periods):
        posted = first + timedelta(days=30 * k, hours=rng.randrange(1, 20))
        due_subs = [s for s in subs if s["planFrequency"]["interval"] == "Monthly" or k % 12 == 0]
        if not due_subs:
            continue
        charges = make_charges(due_subs, posted, seats)
        if not charges:
            continue
        paid = k < unpaid_from
        inv = make_invoice(customer, cid * 100 + k + 1, cid * 100 + k + 1, posted, charges, balance, paid)
        balance = inv["closingArBalance"]
        out.append(inv)
    return out


def planned_invoices(customer: dict[str, Any], plan: tuple[tuple[int, Decimal, bool], ...],
                     today: datetime) -> list[dict[str, Any]]:
    """A hand-written customer's invoices, oldest first: one line each, due at noon UTC so many days before
    ``today``'s date (negative: after), posted 10 days before their due date."""
    cid = customer["id"]
    day = today.astimezone(UTC) if today.tzinfo else today
    noon = day.replace(tzinfo=None, hour=12, minute=0, second=0, microsecond=0)
    out: list[dict[str, Any]] = []
    balance = Decimal("0.00")
    for k, (days_past_due, amount, paid) in enumerate(plan):
        posted = noon - timedelta(days=days_past_due + 10)
        ident = cid * 100 + k + 1
        charge = {
            "quantity": 1, "unitPrice": amount, "amount": amount, "name": "Service", "description": None,
            "glCode": "", "effectiveTimestamp": iso(posted), "proratedUnitPrice": None,
            "startServiceDate": iso(posted), "endServiceDate": iso(posted + timedelta(days=30)),
            "rangeQuantity": None, "isReversable": True, "discount": None, "discounts": [],
            "subscriptionProduct": None, "purchase": None, "chargeTiers": [], "id": ident * 1000, "uri": None,
        }
        inv = make_invoice(customer, ident, ident, posted, [charge], balance, paid, today=noon)
        balance = inv["closingArBalance"]
        out.append(inv)
    return out


def notes(seed: int, cid: int) -> list[dict[str, Any]]:
    """A few notes (ids: customer id * 10 + n), oldest first."""
    rng = rng_for(seed, cid, 3)
    out: list[dict[str, Any]] = []
    for k in range(rng.choice((0, 0, 1, 2, 3, 4))):
        when = DATASET_NOW - timedelta(days=rng.randrange(1, 900), seconds=rng.randrange(86400))
        out.append({"userWhoCreatedNote": rng.choice(("API - User not specified", "jane@billing.example",
                                                      "sam@support.example")),
                    "note": rng.choice(NOTE_TEXTS), "createdTimestamp": iso(when), "id": cid * 10 + k + 1,
                    "uri": None, "customerId": cid})
    out.sort(key=lambda n: n["createdTimestamp"])
    return out


def address(cid: int, kind: str, country_id: int, state: dict[str, Any], city: str, line1: str, postal: str,
            company: Any) -> dict[str, Any]:
    """One address object (ids: customer id * 10 + 1 billing, + 2 shipping)."""
    ident = cid * 10 + (1 if kind == "Billing" else 2)
    return {"customerAddressPreferenceId": cid, "companyName": company, "line1": line1, "line2": None,
            "countryId": country_id, "country": COUNTRY_BY_ID[country_id]["name"], "stateId": state["id"],
            "state": state["name"], "city": city, "postalZip": postal, "addressType": kind, "valid": True,
            "id": ident, "uri": f"{BASE_URI}/addresses/{ident}"}


def addresses(seed: int, customer: dict[str, Any]) -> dict[str, Any]:
    """Billing (most customers) and shipping (some) addresses in the US or Canada."""
    cid = customer["id"]
    rng = rng_for(seed, cid, 4)
    out: dict[str, Any] = {"Billing": None, "Shipping": None}
    if rng.random() < 0.1:
        return out
    canadian = customer.get("currency") == "CAD" or rng.random() < 0.2
    for kind in ("Billing", "Shipping"):
        if kind == "Shipping" and rng.random() < 0.6:
            break
        if canadian:
            city, code, prefix = rng.choice(_CA_CITIES)
            country = COUNTRY_BY_ID[124]
            postal = f"{prefix} {rng.randrange(10)}{chr(65 + rng.randrange(26))}{rng.randrange(10)}"
        else:
            city, code, prefix = rng.choice(_US_CITIES)
            country = COUNTRY_BY_ID[840]
            postal = f"{prefix}{rng.randrange(10, 99)}"
        state = next(s for s in country["states"] if s["subdivisionIsoCode"] == code)
        line1 = f"{rng.randrange(1, 9999)} {rng.choice(_STREETS)}"
        out[kind] = address(cid, kind, country["id"], state, city, line1, postal, customer.get("companyName"))
    return out


def address_preferences(seed: int, cid: int, has_shipping: bool) -> dict[str, Any]:
    """Address preferences without the addresses (the store adds them when read)."""
    rng = rng_for(seed, cid, 5)
    return {"contactName": rng.choice((None, None, "Accounts Payable", "Front desk")),
            "shippingInstructions": rng.choice((None, None, "Bring to Loading Bay #7", "Signature required.")),
            "useBillingAddressAsShippingAddress": not has_shipping, "id": cid,
            "uri": f"{BASE_URI}/customerAddressPreferences/{cid}"}


EMAIL_TYPES = (("CreditCardExpiry", "PaymentsAndRefunds"), ("CustomerActivation", "Customers"),
               ("CustomerCredentialCreate", "Customers"), ("CustomerCredentialPasswordReset", "Customers"),
               ("CustomerSuspend", "Customers"), ("DraftInvoice", "InvoicesAndStatements"),
               ("InvoiceOverdue", "InvoicesAndStatements"), ("InvoicePost", "InvoicesAndStatements"),
               ("PaymentFailed", "PaymentsAndRefunds"), ("PaymentMethodUpdate", "PaymentsAndRefunds"),
               ("PaymentReceived", "PaymentsAndRefunds"), ("PendingExpiryRenewalNotice", "Subscriptions"),
               ("Refund", "PaymentsAndRefunds"), ("StatementNotification", "InvoicesAndStatements"),
               ("SubscriptionActivation", "Subscriptions"), ("SubscriptionCancellation", "Subscriptions"),
               ("UpcomingBillingNotification", "InvoicesAndStatements"))


def email_preferences(seed: int, cid: int) -> dict[str, Any]:
    """The customer's email preferences, shaped like the reference's example."""
    rng = rng_for(seed, cid, 6)
    return {"customerId": cid, "preferences": [
        {"enabled": rng.choice((None, None, None, True, False)),
         "accountDefault": etype in ("InvoicePost", "PaymentReceived"), "emailType": etype, "emailCategory": category}
        for etype, category in EMAIL_TYPES]}


def billing_settings(seed: int, cid: int) -> dict[str, Any]:
    """The customer's billing settings, shaped like the reference's example."""
    rng = rng_for(seed, cid, 7)
    return {
        "invoiceDay": rng.choice((-1, 1, 15)), "term": rng.choice(("Net0", "Net10", "Net30", "Net45")),
        "interval": "Monthly", "autoCollect": rng.choice((None, True, False)), "rechargeType": "",
        "rechargeThresholdAmount": None, "rechargeTargetAmount": None, "statusOnThreshold": None,
        "autoPostDraftInvoice": None, "hasPaymentMethod": rng.random() < 0.8,
        "customerGracePeriod": rng.choice((None, 7, 14, 30)), "gracePeriodExtension": None,
        "standingPoNumber": rng.choice((None, None, f"PO-{cid % 10000:04d}")),
        "billingPeriodConfigurations": [
            {"type": "FirstSubscriptionActivation", "rule": "OneInvoicePerDay", "interval": "Monthly",
             "day": None, "month": None}],
        "acquisitionCost": Decimal(rng.choice((0, 0, 150, 200))), "showZeroDollarCharges": None,
        "taxExempt": False, "useCustomerBillingAddress": None, "taxExemptCode": None,
        "avalaraUsageType": None, "vatIdentificationNumber": None, "customerServiceStartOption": "",
        "rollUpTaxes": None, "rollUpDiscounts": None, "rollUpPdfsByPlanProduct": None,
        "rollUpPdfsDisplayName": None, "rollUpPdfsDisplayDescription": None, "rollUpPdfsDisplayAllUnitPrices": None,
        "pdfInvoiceEmailAttachmentOption": None, "customerAutoCancel": None, "defaultCancelOption": None,
        "postReadyChargesOnRenew": None, "trackedItemDisplay": None,
        "customerBillingStatementSetting": {"option": None, "type": None, "interval": None, "day": None,
                                            "month": None, "trackedItemDisplay": None},
        "defaultPaymentMethodId": cid * 7 + 1 if rng.random() < 0.8 else None,
        "id": cid, "uri": f"{BASE_URI}/customerbillingsetting/{cid}",
    }
