"""Deterministic generated customers: each record is built from the seed and its id alone.

Nothing is generated up front beyond the list of ids, so 100,000 customers cost no
time and little memory; a record is rebuilt on demand (the store keeps the ones
that change). Subscriptions, invoices, notes and addresses live in
``dataset_billing`` / ``dataset_contacts``, built per customer on first access.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from fusebill_tui.sandbox.core.names import (
    COMPANY_HEADS,
    COMPANY_TAILS,
    DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    MIDDLE_NAMES,
    SUFFIXES,
    TITLES,
)
from fusebill_tui.sandbox.fusebill.glance_specials import GLANCE_MIN_CUSTOMERS, GLANCE_SPECIALS
from fusebill_tui.sandbox.fusebill.plans import PLAN_COMBOS, combo_mrr
from fusebill_tui.sandbox.fusebill.specials import SPECIALS

BASE_URI = "https://sandbox.invalid/v1"
FIRST_ID = 100001
#: "Today" for generated dates; the data does not depend on the real clock.
DATASET_NOW = datetime(2025, 6, 1, 9, 0, 0)

STATUSES = ("Draft", "Active", "Hold", "Suspended", "Cancelled")
ACCOUNT_STATUSES = ("Good", "PoorStanding", "Collection")
CURRENCIES = ("USD", "CAD", "EUR", "GBP", "AUD")
#: Currency ids for the ``CurrencyId`` filter (the reference's table is not published).
CURRENCY_IDS = {"USD": 1, "CAD": 2, "EUR": 3, "GBP": 4, "AUD": 5, "JPY": 6, "CHF": 7}


def rng_for(seed: int, ident: int, salt: int = 0) -> random.Random:
    """The random stream of one record: a function of seed, id and purpose only."""
    return random.Random((seed * 1_000_003 + ident) * 31 + salt)


_ZERO = Decimal("0.00")
_CENT = Decimal("0.01")


def money(cents: int) -> Decimal:
    """Integer cents -> Decimal with two places."""
    return Decimal(cents).scaleb(-2)


class Dataset:
    """The generated account: customer ids and the records behind them."""

    def __init__(self, customers: int, seed: int) -> None:
        self.seed = seed
        # The glance customers join only accounts with room for them beside the generated ones.
        self.special_ids = sorted(cid for cid in SPECIALS
                                  if cid not in GLANCE_SPECIALS or customers >= GLANCE_MIN_CUSTOMERS)
        self._special_set = frozenset(self.special_ids)
        end = FIRST_ID + max(0, customers - len(self.special_ids))
        # A special id inside the generated range (183365) is that customer once: generate one more.
        while (inside := sum(FIRST_ID <= cid < end for cid in self.special_ids)) and \
                end - FIRST_ID + len(self.special_ids) - inside < customers:
            end += 1
        self.generated = range(FIRST_ID, end)

    def ids(self) -> list[int]:
        """Every customer id once, ascending."""
        return sorted(set(self.generated).union(self.special_ids))

    def exists(self, cid: int) -> bool:
        """Whether the dataset holds this id."""
        return cid in self.generated or cid in self._special_set

    def customer(self, cid: int) -> dict[str, Any]:
        """The generated customer object (cheap: what listing and filtering build)."""
        customer = generate_customer(rng_for(self.seed, cid), cid)
        del customer["_combo"]
        special = SPECIALS.get(cid)
        if special:
            customer.update(special.get("customer", {}))
        return customer

    def record(self, cid: int) -> dict[str, Any]:
        """The customer and its overview extras: ``{"customer": {...}, "finance": {...}}``."""
        customer = generate_customer(rng_for(self.seed, cid), cid)
        combo = customer.pop("_combo")
        special = SPECIALS.get(cid)
        if special:
            customer.update(special.get("customer", {}))
        finance = generate_finance(rng_for(self.seed, cid, 9), customer)
        finance["_combo"] = combo
        if special:
            finance.update(special.get("finance", {}))
        return {"customer": customer, "finance": finance}


def _weighted(r: float, pairs: tuple[tuple[str, float], ...]) -> str:
    """Pick from (value, cumulative probability) pairs with one uniform draw."""
    for value, upto in pairs:
        if r < upto:
            return value
    return pairs[-1][0]


_STATUS = (("Active", 0.62), ("Draft", 0.68), ("Hold", 0.75), ("Suspended", 0.85), ("Cancelled", 1.0))
_ACCOUNT_SUSPENDED = (("PoorStanding", 0.6), ("Collection", 1.0))
_ACCOUNT_ACTIVE = (("Good", 0.72), ("PoorStanding", 0.94), ("Collection", 1.0))
_ACCOUNT_OTHER = (("Good", 0.8), ("PoorStanding", 0.95), ("Collection", 1.0))
_CURRENCY = (("USD", 0.5), ("CAD", 0.75), ("EUR", 0.85), ("GBP", 0.95), ("AUD", 1.0))
_DISCOUNTS = (0, 0, 0, 10, 20)


def _pick(r: float, seq: tuple[Any, ...]) -> Any:
    return seq[int(r * len(seq))]


def _stamp(ts: datetime) -> str:
    return ts.isoformat(timespec="seconds")


def generate_customer(rng: random.Random, cid: int) -> dict[str, Any]:
    """One generated customer object, shaped like the reference's."""
    r = rng.random
    first = _pick(r(), FIRST_NAMES)
    last = _pick(r(), LAST_NAMES)
    middle = _pick(r(), MIDDLE_NAMES) if r() < 0.4 else None
    company = f"{_pick(r(), COMPANY_HEADS)} {_pick(r(), COMPANY_TAILS)}" if r() < 0.7 else None
    status = _weighted(r(), _STATUS)
    table = _ACCOUNT_SUSPENDED if status == "Suspended" else _ACCOUNT_ACTIVE if status == "Active" else _ACCOUNT_OTHER
    account = _weighted(r(), table)
    currency = _weighted(r(), _CURRENCY)
    created = DATASET_NOW - timedelta(days=30 + int(r() * 2370), seconds=int(r() * 86400))
    age = (DATASET_NOW - created).days
    modified = min(created + timedelta(days=int(r() * (age + 1)), seconds=int(r() * 3600)), DATASET_NOW)
    phone = 2000000000 + int(r() * 8000000000)
    phone_value: Any = phone if r() < 0.05 else str(phone)
    reference: Any = f"CR-{cid:07d}" if r() < 0.8 else None
    combo = int(r() * len(PLAN_COMBOS))
    mrr = combo_mrr(combo) if status in ("Active", "Hold", "Suspended") else _ZERO
    discount = _pick(r(), _DISCOUNTS)
    net = mrr - (mrr * discount / 100).quantize(_CENT) if discount else mrr
    uri = f"{BASE_URI}/customers/{cid}"
    domain = _pick(r(), DOMAINS)
    email = f"{first}.{last}{cid % 97}@{domain}".lower().replace("'", "")
    return {
        "firstName": first,
        "middleName": middle,
        "lastName": last,
        "companyName": company,
        "suffix": _pick(r(), SUFFIXES) if r() < 0.05 else None,
        "primaryEmail": email,
        "primaryPhone": phone_value,
        "secondaryEmail": f"billing{cid % 13}@{domain}" if r() < 0.3 else None,
        "secondaryPhone": None,
        "title": _pick(r(), TITLES) if r() < 0.5 else None,
        "reference": reference,
        "status": status,
        "customerAccountStatus": account,
        "currency": currency,
        "customerReference": {
            "reference1": f"region-{1 + int(r() * 8)}" if r() < 0.3 else None,
            "reference2": None, "reference3": None, "salesTrackingCodes": [],
            "id": cid, "uri": uri,
        },
        "customerAcquisition": {
            "adContent": None, "campaign": _pick(r(), (None, None, "spring-promo", "partner")),
            "keyword": None, "landingPage": None,
            "medium": _pick(r(), (None, "email", "cpc")), "source": _pick(r(), (None, "google", "referral")),
            "id": cid, "uri": uri,
        },
        "monthlyRecurringRevenue": mrr,
        "netMonthlyRecurringRevenue": net,
        "salesforceId": None,
        "salesforceAccountType": None,
        "salesforceSynchStatus": "Enabled" if r() < 0.5 else "Disabled",
        "netsuiteId": None,
        "netsuiteSynchStatus": "Disabled",
        "netsuiteCustomerType": "Company" if company else "Individual",
        "portalUserName": f"{first.lower()}{cid}" if r() < 0.3 else None,
        "parentId": None,
        "quickBooksLatchType": None,
        "quickBooksId": None,
        "quickBooksSyncToken": None,
        "hubSpotId": None,
        "hubSpotCompanyId": None,
        "geotabId": None,
        "modifiedTimestamp": _stamp(modified),
        "createdTimestamp": _stamp(created),
        "id": cid,
        "uri": uri,
        "_combo": combo,
    }


def generate_finance(rng: random.Random, customer: dict[str, Any]) -> dict[str, Any]:
    """The overview extras (balances, days until suspension...) consistent with the customer."""
    r = rng.random
    status, account = customer["status"], customer["customerAccountStatus"]
    mrr = customer["monthlyRecurringRevenue"] or _ZERO
    created = datetime.fromisoformat(str(customer["createdTimestamp"]).split(".")[0].rstrip("Z"))
    modified = datetime.fromisoformat(str(customer["modifiedTimestamp"]).split(".")[0].rstrip("Z"))
    status_ts = created + (max(modified, created) - created) / 2
    owed = 0
    if account != "Good":
        owed = 2000 + int(r() * 248000)
    elif r() < 0.3:
        owed = 500 + int(r() * 49500)
    credits = 100 + int(r() * 29900) if r() < 0.12 else 0
    days_suspension = None
    if status == "Active" and account != "Good":
        days_suspension = int(r() * 4) if r() < 0.4 else 4 + int(r() * 27)
    days_cancellation = int(r() * 61) if status == "Suspended" else None
    next_billing = None
    if status in ("Active", "Hold"):
        next_billing = _stamp((DATASET_NOW + timedelta(days=1 + int(r() * 30))).replace(hour=0, minute=0, second=0))
    months = max(1, (DATASET_NOW - created).days // 30)
    return {
        "pendingCharges": money(int(r() * 20000)) if r() < 0.2 else _ZERO,
        "arBalance": money(owed),
        "unallocatedPayments": money(100 + int(r() * 9900)) if r() < 0.05 else _ZERO,
        "unallocatedCredits": money(credits),
        "unallocatedOpeningBalance": _ZERO,
        "daysUntilSuspension": days_suspension,
        "daysUntilCancellation": days_cancellation,
        "customerAccountStatusTimestamp": _stamp(status_ts),
        "statusTimestamp": _stamp(status_ts),
        "lifetimeValue": (mrr * months).quantize(_CENT),
        "nextBillingDate": next_billing,
        "parentName": None,
        "isParent": False,
        "unknownPaymentActivityId": None,
    }
