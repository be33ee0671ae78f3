"""Customer status actions and their effects on subscriptions, invoices and the overview."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from fusebill_tui.sandbox.fusebill import dataset_related as gen
from fusebill_tui.sandbox.fusebill.errors import ApiError
from fusebill_tui.sandbox.fusebill.plans import PLAN_COMBOS
from fusebill_tui.sandbox.fusebill.store import Store

SERVICE_START_OPTIONS = ("ChargeForAllMissedPeriods", "ChargeForLastMissedPeriods", "NoChargesForMissedPeriods",
                         "ChargeForCurrentFullPeriod")
CANCELLATION_OPTIONS = ("None", "Unearned", "Full")


def conflict(status: str) -> ApiError:
    """409 for an action the customer's status does not allow (the reference's wording)."""
    return ApiError(409, f"This activity could not be processed since the service status is {status}")


def _require(store: Store, cid: int, *allowed: str) -> dict[str, Any]:
    rec = store.record(cid)
    status = rec["customer"]["status"]
    if status not in allowed:
        raise conflict(status)
    return rec


def _monthly(sub: dict[str, Any]) -> Decimal:
    amount: Decimal = sub["amount"]
    if sub["planFrequency"]["interval"] == "Yearly":
        return (amount / 12).quantize(Decimal("0.01"))
    return amount


def _set_status(store: Store, cid: int, status: str, sub_from: tuple[str, ...], sub_to: str) -> None:
    """Change the customer's status and move its subscriptions; MRR and timestamps follow."""
    rec = store.record(cid)
    customer, finance = rec["customer"], rec["finance"]
    now = store.now()
    subs = store.subscriptions(cid)
    for sub in subs:
        if sub["status"] in sub_from:
            sub["status"] = sub_to
            sub["modifiedTimestamp"] = now
            if sub_to == "Active" and sub.get("activatedTimestamp") is None:
                sub["activatedTimestamp"] = now
        sub["monthlyRecurringRevenue"] = _monthly(sub) if sub["status"] in ("Active", "Suspended") else Decimal("0.00")
        sub["netMonthlyRecurringRevenue"] = sub["monthlyRecurringRevenue"]
    old_mrr = customer.get("monthlyRecurringRevenue") or Decimal("0")
    old_net = customer.get("netMonthlyRecurringRevenue") or Decimal("0")
    mrr = sum((s["monthlyRecurringRevenue"] for s in subs), Decimal("0.00"))
    ratio = (Decimal(str(old_net)) / Decimal(str(old_mrr))) if old_mrr else Decimal("1")
    customer["status"] = status
    customer["monthlyRecurringRevenue"] = mrr
    customer["netMonthlyRecurringRevenue"] = (mrr * ratio).quantize(Decimal("0.01"))
    customer["modifiedTimestamp"] = now
    finance["statusTimestamp"] = now
    finance["daysUntilSuspension"] = None
    finance["daysUntilCancellation"] = None
    if status == "Active":
        next_billing = store.clock().replace(tzinfo=None) + timedelta(days=30)
        finance["nextBillingDate"] = next_billing.strftime("%Y-%m-%dT00:00:00")
    elif status in ("Cancelled",):
        finance["nextBillingDate"] = None


def _period_invoices(store: Store, cid: int, periods: int, show_zero: bool,
                     sub_statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    """Invoices for ``periods`` billing periods ending now, numbered after the last one."""
    rec = store.record(cid)
    customer, finance = rec["customer"], rec["finance"]
    subs = [s for s in store.subscriptions(cid) if s["status"] in sub_statuses]
    existing = store.invoices(cid)
    seats = PLAN_COMBOS[finance.get("_combo", 0)][1]
    now = store.clock().replace(tzinfo=None, microsecond=0)
    number = max((i["invoiceNumber"] for i in existing), default=cid * 100)
    balance = finance["arBalance"]
    out = []
    for k in range(periods):
        start = now - timedelta(days=30 * (periods - 1 - k))
        charges = gen.make_charges(subs, start, seats, show_zero)
        if not charges:
            continue
        number += 1
        inv = gen.make_invoice(customer, number, number, start, charges, balance, paid=False)
        balance = inv["closingArBalance"]
        out.append(inv)
    return out


def _post(store: Store, cid: int, invoices: list[dict[str, Any]]) -> None:
    finance = store.record(cid)["finance"]
    store.invoices(cid).extend(invoices)
    for inv in invoices:
        finance["arBalance"] += inv["outstandingBalance"]


def _would_be(store: Store, cid: int, status: str) -> dict[str, Any]:
    customer = store.customer(cid)
    customer["status"] = status
    return customer


def activate(store: Store, cid: int, *, preview: bool, show_zero: bool, all_subscriptions: bool,
             disable_auto_post: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Draft -> Active, activating draft subscriptions and posting the first invoice."""
    _require(store, cid, "Draft")
    statuses = ("Draft",) if all_subscriptions else ()
    if preview:
        return _would_be(store, cid, "Active"), _period_invoices(store, cid, 1, show_zero, statuses)
    invoices = _period_invoices(store, cid, 1, show_zero, statuses)
    _set_status(store, cid, "Active", statuses, "Active")
    if not disable_auto_post:
        _post(store, cid, invoices)
    return store.customer(cid), invoices


def hold(store: Store, cid: int) -> dict[str, Any]:
    """Active -> Hold; active subscriptions become Suspended."""
    _require(store, cid, "Active")
    _set_status(store, cid, "Hold", ("Active",), "Suspended")
    store.record(cid)["finance"]["nextBillingDate"] = None
    return store.customer(cid)


def _missed_periods(store: Store, cid: int) -> int:
    since = store.record(cid)["finance"]["statusTimestamp"]
    held = datetime.fromisoformat(str(since).split(".")[0].rstrip("Z"))
    days = (store.clock().replace(tzinfo=None) - held).days
    return max(0, days // 30)


def unhold(store: Store, cid: int, option: str, *, preview: bool, show_zero: bool,
           disable_auto_post: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Hold -> Active; suspended subscriptions resume, charged per the service start option."""
    _require(store, cid, "Hold")
    missed = _missed_periods(store, cid)
    periods = {"ChargeForAllMissedPeriods": min(missed, 12), "ChargeForLastMissedPeriods": min(missed, 1),
               "ChargeForCurrentFullPeriod": 1}.get(option, 0)
    invoices = _period_invoices(store, cid, periods, show_zero, ("Suspended",))
    if preview:
        return _would_be(store, cid, "Active"), invoices
    _set_status(store, cid, "Active", ("Suspended",), "Active")
    if not disable_auto_post:
        _post(store, cid, invoices)
    return store.customer(cid), invoices


def cancel(store: Store, cid: int, option: str) -> None:
    """Any non-cancelled status -> Cancelled; subscriptions cancelled; Full / Unearned reverse the last charges."""
    rec = store.record(cid)
    if rec["customer"]["status"] == "Cancelled":
        raise conflict("Cancelled")
    last = next((i for i in reversed(store.invoices(cid))), None)
    if last is not None and option in ("Full", "Unearned"):
        reversal = last["invoiceAmount"] if option == "Full" else (last["invoiceAmount"] / 2).quantize(Decimal("0.01"))
        rec["finance"]["unallocatedCredits"] += reversal
    _set_status(store, cid, "Cancelled", ("Active", "Suspended", "Draft", "Provisioning"), "Cancelled")


def uncancel(store: Store, cid: int) -> dict[str, Any]:
    """Cancelled -> Active; cancelled subscriptions are reactivated."""
    _require(store, cid, "Cancelled")
    _set_status(store, cid, "Active", ("Cancelled",), "Active")
    return store.customer(cid)
