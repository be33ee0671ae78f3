"""The sandbox's plan catalogue and the plan combinations customers subscribe to."""

from __future__ import annotations

from decimal import Decimal

# code, name, interval, price per interval
PLANS = (
    ("BSC1", "Basic", "Monthly", Decimal("19.00")),
    ("STD1", "Standard", "Monthly", Decimal("49.00")),
    ("PRO1", "Professional", "Monthly", Decimal("129.00")),
    ("ENT1", "Enterprise", "Yearly", Decimal("4800.00")),
    ("STDY", "Standard Annual", "Yearly", Decimal("499.00")),
    ("SEAT", "Extra Seats (tiered)", "Monthly", Decimal("0.00")),  # priced by tiers
    ("SUP1", "Premium Support", "Monthly", Decimal("75.00")),
)

#: Tiered pricing of the "SEAT" plan: (label, from, to or None, unit price).
SEAT_TIERS = (
    ("0-2", 0, 2, Decimal("22.00")),
    (">2-4", 2, 4, Decimal("33.00")),
    (">4-5", 4, 5, Decimal("44.00")),
    (">5", 5, None, Decimal("55.00")),
)

#: Each customer subscribes to one combination: plan indexes and the seat quantity.
PLAN_COMBOS = (
    ((0,), 0), ((1,), 0), ((2,), 0), ((3,), 0), ((4,), 0), ((1, 5), 3), ((2, 5), 7),
    ((2, 6), 0), ((0, 1), 0), ((3, 6), 0), ((1, 5, 6), 5), ((0,), 0), ((1,), 0), ((2, 5), 2),
)


def tier_charges(quantity: int) -> list[tuple[str, int, Decimal]]:
    """Split a seat quantity over the tiers: (label, quantity, unit price) per used tier."""
    out = []
    for label, low, high, price in SEAT_TIERS:
        if quantity <= low:
            break
        used = (min(quantity, high) if high is not None else quantity) - low
        out.append((label, used, price))
    return out


def plan_amount(plan: int, seats: int) -> Decimal:
    """Price per interval of a plan in a combination."""
    code, _name, _interval, price = PLANS[plan]
    if code == "SEAT":
        return sum((q * p for _l, q, p in tier_charges(seats)), Decimal("0.00"))
    return price


def monthly(plan: int, seats: int) -> Decimal:
    """Monthly-equivalent revenue of one plan."""
    amount = plan_amount(plan, seats)
    if PLANS[plan][2] == "Yearly":
        return (amount / 12).quantize(Decimal("0.01"))
    return amount


def combo_mrr(combo: int) -> Decimal:
    """MRR of a plan combination."""
    plans, seats = PLAN_COMBOS[combo]
    return sum((monthly(p, seats) for p in plans), Decimal("0.00"))
