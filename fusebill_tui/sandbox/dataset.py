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

from .clock import iso
from .names import (COMPANY_HEADS, COMPANY_TAILS, DOMAINS, FIRST_NAMES, LAST_NAMES,
                    MIDDLE_NAMES, SUFFIXES, TITLES)
from .plans import PLAN_COMBOS, combo_mrr
from .specials import SPECIALS

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


def money(cents: int) -> Decimal:
    """Integer cents -> Decimal with two places."""
    return Decimal(cents).scaleb(-2)


class Dataset:
    """The generated account: customer ids and the records behind them."""

    def __init__(self, customers: int, seed: int) -> None:
        self.seed = seed
        self.special_ids = sorted(SPECIALS)
        generated = max(0, customers - len(self.special_ids))
        self.generated = range(FIRST_ID, FIRST_ID + generated)

    def ids(self) -> list[int]:
        """Every generated customer id, ascending."""
        return list(self.generated) + self.special_ids

    def exists(self, cid: int) -> bool:
        """Whether the dataset holds this id."""
        return cid in self.generated or cid in SPECIALS

    def record(self, cid: int) -> dict[str, Any]:
        """The customer and its overview extras, merged: ``{"customer": {...}, "finance": {...}}``."""
        rng = rng_for(self.seed, cid)
        customer, finance = generate_customer(rng, cid)
        special = SPECIALS.get(cid)
        if special:
            customer.update(special.get("customer", {}))
            finance.update(special.get("finance", {}))
        return {"customer": customer, "finance": finance}


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in pairs)
    pick = rng.randrange(total)
    for value, weight in pairs:
        if pick < weight:
            return value
        pick -= weight
    return pairs[-1][0]


def generate_customer(rng: random.Random, cid: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """One generated customer object (shaped like the reference's) and its overview extras."""
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    middle = rng.choice(MIDDLE_NAMES) if rng.random() < 0.4 else None
    company = f"{rng.choice(COMPANY_HEADS)} {rng.choice(COMPANY_TAILS)}" if rng.random() < 0.7 else None
    status = _weighted(rng, (("Active", 62), ("Draft", 6), ("Hold", 7), ("Suspended", 10), ("Cancelled", 15)))
    if status == "Suspended":
        account = _weighted(rng, (("PoorStanding", 60), ("Collection", 40)))
    elif status == "Active":
        account = _weighted(rng, (("Good", 72), ("PoorStanding", 22), ("Collection", 6)))
    else:
        account = _weighted(rng, (("Good", 80), ("PoorStanding", 15), ("Collection", 5)))
    currency = _weighted(rng, (("USD", 50), ("CAD", 25), ("EUR", 10), ("GBP", 10), ("AUD", 5)))
    created = DATASET_NOW - timedelta(days=rng.randrange(30, 2400), seconds=rng.randrange(86400))
    modified = created + timedelta(days=rng.randrange(0, (DATASET_NOW - created).days + 1),
                                   seconds=rng.randrange(3600))
    modified = min(modified, DATASET_NOW)
    status_ts = created + (modified - created) / 2
    phone = 2000000000 + rng.randrange(8000000000)
    phone_value: Any = phone if rng.random() < 0.05 else f"{phone}"
    reference: Any = f"CR-{cid:07d}" if rng.random() < 0.8 else None
    combo = rng.randrange(len(PLAN_COMBOS))
    mrr = combo_mrr(combo) if status in ("Active", "Hold", "Suspended") else Decimal("0.00")
    discount = (Decimal(rng.choice((0, 0, 0, 10, 20))) * mrr / 100).quantize(Decimal("0.01"))
    uri = f"{BASE_URI}/customers/{cid}"
    domain = rng.choice(DOMAINS)
    email = f"{first}.{last}{cid % 97}@{domain}".lower().replace("'", "")
    customer = {
        "firstName": first,
        "middleName": middle,
        "lastName": last,
        "companyName": company,
        "suffix": rng.choice(SUFFIXES) if rng.random() < 0.05 else None,
        "primaryEmail": email,
        "primaryPhone": phone_value,
        "secondaryEmail": f"billing{cid % 13}@{domain}" if rng.random() < 0.3 else None,
        "secondaryPhone": None,
        "title": rng.choice(TITLES) if rng.random() < 0.5 else None,
        "reference": reference,
        "status": status,
        "customerAccountStatus": account,
        "currency": currency,
        "customerReference": {
            "reference1": f"region-{rng.randrange(1, 9)}" if rng.random() < 0.3 else None,
            "reference2": None, "reference3": None, "salesTrackingCodes": [],
            "id": cid, "uri": uri,
        },
        "customerAcquisition": {
            "adContent": None, "campaign": rng.choice((None, None, "spring-promo", "partner")),
            "keyword": None, "landingPage": None,
            "medium": rng.choice((None, "email", "cpc")), "source": rng.choice((None, "google", "referral")),
            "id": cid, "uri": uri,
        },
        "monthlyRecurringRevenue": mrr,
        "netMonthlyRecurringRevenue": mrr - discount,
        "salesforceId": None,
        "salesforceAccountType": None,
        "salesforceSynchStatus": "Enabled" if rng.random() < 0.5 else "Disabled",
        "netsuiteId": None,
        "netsuiteSynchStatus": "Disabled",
        "netsuiteCustomerType": "Company" if company else "Individual",
        "portalUserName": f"{first.lower()}{cid}" if rng.random() < 0.3 else None,
        "parentId": None,
        "quickBooksLatchType": None,
        "quickBooksId": None,
        "quickBooksSyncToken": None,
        "hubSpotId": None,
        "hubSpotCompanyId": None,
        "geotabId": None,
        "modifiedTimestamp": iso(modified),
        "createdTimestamp": iso(created),
        "id": cid,
        "uri": uri,
    }
    finance = _finance(rng, status, account, mrr, created, status_ts, combo)
    return customer, finance


def _finance(rng: random.Random, status: str, account: str, mrr: Decimal, created: datetime,
             status_ts: datetime, combo: int) -> dict[str, Any]:
    owed = 0
    if account != "Good":
        owed = rng.randrange(2000, 250000)
    elif rng.random() < 0.3:
        owed = rng.randrange(500, 50000)
    credits = rng.randrange(100, 30000) if rng.random() < 0.12 else 0
    days_suspension = None
    if status == "Active" and account != "Good":
        days_suspension = rng.randrange(0, 4) if rng.random() < 0.4 else rng.randrange(4, 31)
    days_cancellation = rng.randrange(0, 61) if status == "Suspended" else None
    next_billing = None
    if status in ("Active", "Hold"):
        next_billing = iso((DATASET_NOW + timedelta(days=rng.randrange(1, 31))).replace(hour=0, minute=0, second=0))
    months = max(1, (DATASET_NOW - created).days // 30)
    return {
        "pendingCharges": money(rng.randrange(0, 20000)) if rng.random() < 0.2 else Decimal("0.00"),
        "arBalance": money(owed),
        "unallocatedPayments": money(rng.randrange(100, 10000)) if rng.random() < 0.05 else Decimal("0.00"),
        "unallocatedCredits": money(credits),
        "unallocatedOpeningBalance": Decimal("0.00"),
        "daysUntilSuspension": days_suspension,
        "daysUntilCancellation": days_cancellation,
        "customerAccountStatusTimestamp": iso(status_ts),
        "statusTimestamp": iso(status_ts),
        "lifetimeValue": (mrr * months).quantize(Decimal("0.01")),
        "nextBillingDate": next_billing,
        "parentName": None,
        "isParent": False,
        "unknownPaymentActivityId": None,
        "_combo": combo,
    }
