"""Hand-written customers for the customer-at-a-glance: stable ids with a documented shape each.

- 900011: a 50-character unicode name (``Anne-Sophie Éléonore Château-Łukasiewicz-Østergård``) at the
  company ``ACME [EU] [bold]Widgets[/bold]`` (to be shown literally, never as markup).
- 900020: several subscriptions (three plans, one of them seats), nothing owed (invoices all paid).
- 900021: unpaid invoices in every aging bucket, relative to the sandbox clock's day when the invoices are
  first read: due in 10 days (current), 15, 45, 75 and 120 days ago, plus two paid ones; the AR balance
  is their outstanding sum, 1,515.00 USD (100.00 / 200.00 / 300.00 / 400.00 / 515.00).
- 900022: 32 unpaid invoices (more than one page of 25), monthly, the newest due in 5 days; 10.00 USD
  each, AR balance 320.00 USD.
- 900023: a credit: unallocated credits 150.00 and unallocated payments 75.00 USD, nothing owed (its
  generated invoices all paid).
- 900024: nothing at all: no subscriptions, no invoices, no notes, zero balances.

The glance customers are USD (no tax), Active and otherwise generated like any other. They join
accounts of GLANCE_MIN_CUSTOMERS customers or more (the tests' account of 300 has them), counted in the
account's size like the other special customers; smaller accounts keep their generated customers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fusebill_tui.sandbox.fusebill.plans import combo_mrr

_ZERO = Decimal("0.00")
#: The smallest account the glance customers join.
GLANCE_MIN_CUSTOMERS = 100


def _usd(amount: str) -> Decimal:
    return Decimal(amount)


#: id -> the unpaid / paid invoices to post: (days past due on the clock's day, amount, paid), oldest first.
#: A negative day count is not yet due.
INVOICE_PLANS: dict[int, tuple[tuple[int, Decimal, bool], ...]] = {
    900021: (
        (200, _usd("80.00"), True),
        (120, _usd("515.00"), False),
        (75, _usd("400.00"), False),
        (45, _usd("300.00"), False),
        (35, _usd("90.00"), True),
        (15, _usd("200.00"), False),
        (-10, _usd("100.00"), False),
    ),
    900022: tuple((30 * k - 5, _usd("10.00"), False) for k in range(31, -1, -1)),
}

#: Customers with no subscriptions and no notes.
NO_SUBSCRIPTIONS = frozenset({900024})
NO_NOTES = frozenset({900024})


def _owed(cid: int) -> Decimal:
    return sum((amount for _days, amount, paid in INVOICE_PLANS.get(cid, ()) if not paid), _ZERO)


def _balances(owed: Decimal = _ZERO, **more: Any) -> dict[str, Any]:
    return {"pendingCharges": _ZERO, "arBalance": owed, "unallocatedPayments": _ZERO,
            "unallocatedCredits": _ZERO, "unallocatedOpeningBalance": _ZERO, **more}


_ACTIVE_USD = {"status": "Active", "currency": "USD", "parentId": None}

GLANCE_SPECIALS: dict[int, dict[str, Any]] = {
    900011: {"customer": {**_ACTIVE_USD, "firstName": "Anne-Sophie Éléonore",
                          "lastName": "Château-Łukasiewicz-Østergård", "middleName": None, "title": None,
                          "suffix": None, "companyName": "ACME [EU] [bold]Widgets[/bold]"}},
    900020: {"customer": {**_ACTIVE_USD, "firstName": "Sev", "lastName": "Eral-Plans", "middleName": None,
                          "companyName": "Many Plans Inc.", "customerAccountStatus": "Good",
                          "monthlyRecurringRevenue": combo_mrr(10), "netMonthlyRecurringRevenue": combo_mrr(10)},
             "finance": {**_balances(), "daysUntilSuspension": None, "daysUntilCancellation": None,
                         "_combo": 10}},
    900021: {"customer": {**_ACTIVE_USD, "firstName": "Agatha", "lastName": "Overdue-Buckets", "middleName": None,
                          "companyName": "Every Bucket Ltd.", "customerAccountStatus": "PoorStanding"},
             "finance": {**_balances(_owed(900021)), "daysUntilSuspension": 5, "daysUntilCancellation": None,
                         "_combo": 0}},
    900022: {"customer": {**_ACTIVE_USD, "firstName": "Paige", "lastName": "Overflow", "middleName": None,
                          "companyName": "Many Invoices LLC", "customerAccountStatus": "Collection"},
             "finance": {**_balances(_owed(900022)), "daysUntilSuspension": 2, "daysUntilCancellation": None,
                         "_combo": 0}},
    900023: {"customer": {**_ACTIVE_USD, "firstName": "Cree", "lastName": "Ditt", "middleName": None,
                          "companyName": "Credit Union Co.", "customerAccountStatus": "Good"},
             "finance": {**_balances(unallocatedCredits=_usd("150.00"), unallocatedPayments=_usd("75.00")),
                         "daysUntilSuspension": None, "daysUntilCancellation": None, "_combo": 1}},
    900024: {"customer": {**_ACTIVE_USD, "firstName": "Nada", "lastName": "Nothing", "middleName": None,
                          "companyName": "Empty Shell Corp.", "customerAccountStatus": "Good",
                          "monthlyRecurringRevenue": _ZERO, "netMonthlyRecurringRevenue": _ZERO},
             "finance": {**_balances(), "daysUntilSuspension": None, "daysUntilCancellation": None,
                         "lifetimeValue": _ZERO, "nextBillingDate": None}},
}
