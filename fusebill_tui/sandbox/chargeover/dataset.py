"""The ChargeOver sandbox's generated account: customers, their invoices (with line items) and notes.

Records carry the fields and values ChargeOver documents (notes keyed ``context_str`` /
``context_id``, the listed ``invoice_status_str`` values); the routes decide what each answer shows.

Everything follows from the seed: the same settings always give the same account. Customer money
figures are derived from the invoices (total invoiced, open balance, paid) so they agree with each other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from fusebill_tui.sandbox.chargeover.names import (
    CITIES,
    COUNTRIES,
    CURRENCIES,
    INVOICE_PLANS,
    ITEMS,
    NOTE_ADMINS,
    SPECIALS,
    STATUSES,
    STREETS,
    TAGS,
)
from fusebill_tui.sandbox.core.names import (
    COMPANY_HEADS,
    COMPANY_TAILS,
    DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    NOTE_TEXTS,
)

#: "Today" for generated dates; the data does not depend on the real clock.
DATASET_TODAY = date(2025, 6, 1)
ADMIN_URL = "https://chargeover-sandbox.invalid/admin/r"
_STATUS_WEIGHTS = (("active-current", 60), ("inactive-manual", 8), ("inactive-activity", 7))


def stamp(moment: datetime) -> str:
    """A datetime the way ChargeOver writes it: ``YYYY-MM-DD HH:MM:SS``."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@dataclass(frozen=True)
class Dataset:
    """The generated records (shared, never changed: the store copies what it changes)."""

    customers: tuple[dict[str, Any], ...]
    invoices: tuple[dict[str, Any], ...]
    notes: tuple[dict[str, Any], ...]


@cache
def generate(customers: int, seed: int) -> Dataset:
    """The account for ``customers`` customers and ``seed`` (cached: it is the same every time)."""
    special_ids = sorted(SPECIALS)[: max(0, customers)]
    ids = list(range(1, max(0, customers - len(special_ids)) + 1)) + special_ids
    out_customers, out_invoices, out_notes = [], [], []
    for cid in ids:
        rng = random.Random(seed * 1_000_003 + cid)
        customer = _customer(cid, rng)
        special = SPECIALS.get(cid, {})
        if cid in INVOICE_PLANS:
            customer.update(special)  # its currency before its invoices
            invoices = _planned_invoices(customer, INVOICE_PLANS[cid])
        else:
            invoices = _invoices(customer, rng)
        _derive_money(customer, invoices, rng)
        customer.update(special)
        if "company" in special and "display_as" not in special:
            customer["display_as"] = special["company"]
        out_customers.append(customer)
        out_invoices.extend(invoices)
        out_notes.extend(_notes(cid, rng))
    return Dataset(tuple(out_customers), tuple(out_invoices), tuple(out_notes))


def _customer(cid: int, rng: random.Random) -> dict[str, Any]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    company = f"{rng.choice(COMPANY_HEADS)} {rng.choice(COMPANY_TAILS)}"
    country, states, currency = rng.choice(COUNTRIES)
    currency_id, symbol = CURRENCIES[currency]
    created = datetime(2019, 1, 1) + timedelta(minutes=rng.randrange(0, 3_000_000))
    modified = created + timedelta(minutes=rng.randrange(0, 200_000))
    state = rng.choice(states) if states else None
    bill = {
        "bill_addr1": f"{rng.randrange(1, 999)} {rng.choice(STREETS)}",
        "bill_addr2": f"Suite {rng.randrange(100, 999)}" if rng.random() < 0.2 else None,
        "bill_addr3": None,
        "bill_city": rng.choice(CITIES),
        "bill_state": state,
        "bill_postcode": f"{rng.randrange(10000, 99999)}",
        "bill_country": country,
    }
    no_ship = rng.random() < 0.6  # most customers have no separate shipping address
    ship = {key.replace("bill_", "ship_"): (None if no_ship else value) for key, value in bill.items()}
    email = f"{first}.{last}{cid}@{rng.choice(DOMAINS)}".lower().replace("'", "")
    record: dict[str, Any] = {
        "customer_id": cid,
        "parent_customer_id": rng.randrange(1, cid) if cid > 10 and rng.random() < 0.03 else None,
        "token": f"{rng.getrandbits(48):012x}",
        "superuser_id": 5000 + cid,
        "external_key": f"EXT-{cid:05d}" if rng.random() < 0.3 else None,
        "company": company,
        "display_as": company,
        "language_id": 1,
        "currency_id": currency_id,
        "currency_iso4217": currency,
        "currency_symbol": symbol,
        "superuser_username": email,
        "superuser_email": email,
        "superuser_name": f"{first} {last}",
        "superuser_first_name": first,
        "superuser_last_name": last,
        "superuser_phone": f"+1 555 {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
        "superuser_title": "",
        **bill,
        **ship,
        "custom_1": rng.choice(("Gold", "Silver", "Bronze", None, None)),
        "custom_2": None, "custom_3": None, "custom_4": None, "custom_5": None,
        "write_datetime": stamp(created),
        "write_ipaddr": "10.0.0.1",
        "mod_datetime": stamp(modified),
        "mod_ipaddr": "10.0.0.1",
        "terms_id": 2,
        "terms_name": "Net 30",
        "terms_days": 30,
        "url_self": f"{ADMIN_URL}/customer/view/{cid}",
        "no_taxes": False,
        "no_dunning": False,
        "tags": sorted(rng.sample(TAGS, rng.choice((0, 0, 1, 2)))),
    }
    record["bill_block"] = "\n".join(v for k, v in bill.items() if v)
    record["ship_block"] = "\n".join(v for k, v in ship.items() if v)
    return record


def _invoices(customer: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    cid = customer["customer_id"]
    out = []
    how_many = rng.choice((0, 1, 2, 3, 4, 6, 9))
    for k in range(how_many):  # k = 0 is the newest invoice
        # Numbered upwards with their dates, as an invoicing system numbers them, so the client's
        # order=invoice_id:DESC lists the newest first.
        invoice_id = cid * 100 + how_many - k
        issued = DATASET_TODAY - timedelta(days=30 * (k + 1) - rng.randrange(0, 10))
        due = issued + timedelta(days=30)
        lines = []
        for n in range(rng.randrange(1, 5)):
            name, rate = rng.choice(ITEMS)
            quantity = rng.choice((1, 1, 1, 2, 3, 10))
            line_rate = _money(rate)
            if n == 3:  # now and then a discount line
                name, line_rate, quantity = "Loyalty discount", _money(-rng.randrange(100, 1000)), 1
            subtotal = line_rate * quantity
            line = {
                "line_item_id": invoice_id * 10 + n, "invoice_id": invoice_id,
                "item_id": ITEMS.index((name, rate)) + 1 if (name, rate) in ITEMS else 99,
                "tierset_id": None, "item_name": name, "item_external_key": None,
                "descrip": f"{name} ({issued:%b %Y})", "line_rate": line_rate, "line_quantity": quantity,
                "line_subtotal": subtotal, "line_total": subtotal, "tax_total": _money(0),
                "is_base": n == 0, "is_recurring": name != "Setup fee", "is_setup": name == "Setup fee",
            }
            if name == "Extra seat" and quantity == 10:
                line.update(_seat_tiers(invoice_id * 10 + n))
            lines.append(line)
        total = sum((line["line_total"] for line in lines), _money(0))
        voided = rng.random() < 0.03
        paid = voided or k > 1 or rng.random() < 0.55
        balance = _money(0) if paid else total
        overdue = not paid and due < DATASET_TODAY
        # The invoice_status_str values "Query for invoices" lists, with the names its examples give.
        status = ("closed-void", "Void") if voided else ("closed-paid", "Paid") if paid else \
            ("open-overdue", "Overdue") if overdue else ("open-unpaid", "Unpaid")
        out.append({
            "invoice_id": invoice_id, "customer_id": cid, "refnumber": str(invoice_id),
            "currency_id": customer["currency_id"], "currency_iso4217": customer["currency_iso4217"],
            "currency_symbol": customer["currency_symbol"],
            "date": issued.isoformat(), "due_date": due.isoformat(),
            "paid_date": (issued + timedelta(days=12)).isoformat() if paid and not voided else None,
            "terms_name": customer["terms_name"], "terms_days": customer["terms_days"],
            "days_overdue": (DATASET_TODAY - due).days if overdue else 0,
            "is_paid": paid and not voided, "is_overdue": overdue, "is_void": voided,
            "subtotal": total, "taxes": _money(0), "total": total, "credits": _money(0),
            "payments": _money(0) if voided or not paid else total, "writeoffs": _money(0),
            "applied": _money(0) if voided or not paid else total, "balance": balance,
            "invoice_status_name": status[1], "invoice_status_str": status[0],
            "invoice_status_state": "c" if paid else "o",
            "url_self": f"{ADMIN_URL}/invoice/view/{invoice_id}",
            "write_datetime": f"{issued.isoformat()} 08:00:00", "mod_datetime": f"{issued.isoformat()} 08:00:00",
            "line_items": lines,
        })
    return out


def _planned_invoices(customer: dict[str, Any], plan: tuple[tuple[int, str, bool], ...]) -> list[dict[str, Any]]:
    """A hand-written customer's invoices, newest first, one line each, due so many days before the dataset's day."""
    cid = customer["customer_id"]
    out = []
    for k, (days_past_due, amount, paid) in enumerate(plan):
        invoice_id = cid * 100 + k + 1
        due = DATASET_TODAY - timedelta(days=days_past_due)
        issued = due - timedelta(days=customer["terms_days"])
        total = Decimal(amount)
        overdue = not paid and due < DATASET_TODAY
        status = ("closed-paid", "Paid") if paid else ("open-overdue", "Overdue") if overdue else \
            ("open-unpaid", "Unpaid")
        line = {"line_item_id": invoice_id * 10, "invoice_id": invoice_id, "item_id": 2, "tierset_id": None,
                "item_name": "Team plan", "item_external_key": None, "descrip": f"Team plan ({issued:%b %Y})",
                "line_rate": total, "line_quantity": 1, "line_subtotal": total, "line_total": total,
                "tax_total": _money(0), "is_base": True, "is_recurring": True, "is_setup": False}
        out.append({
            "invoice_id": invoice_id, "customer_id": cid, "refnumber": str(invoice_id),
            "currency_id": customer["currency_id"], "currency_iso4217": customer["currency_iso4217"],
            "currency_symbol": customer["currency_symbol"],
            "date": issued.isoformat(), "due_date": due.isoformat(),
            "paid_date": (issued + timedelta(days=12)).isoformat() if paid else None,
            "terms_name": customer["terms_name"], "terms_days": customer["terms_days"],
            "days_overdue": max(0, days_past_due) if not paid else 0,
            "is_paid": paid, "is_overdue": overdue, "is_void": False,
            "subtotal": total, "taxes": _money(0), "total": total, "credits": _money(0),
            "payments": total if paid else _money(0), "writeoffs": _money(0),
            "applied": total if paid else _money(0), "balance": _money(0) if paid else total,
            "invoice_status_name": status[1], "invoice_status_str": status[0],
            "invoice_status_state": "c" if paid else "o",
            "url_self": f"{ADMIN_URL}/invoice/view/{invoice_id}",
            "write_datetime": f"{issued.isoformat()} 08:00:00", "mod_datetime": f"{issued.isoformat()} 08:00:00",
            "line_items": [line],
        })
    out.reverse()  # newest first, as _invoices lists them
    return out


def _seat_tiers(line_item_id: int) -> dict[str, Any]:
    """Ten extra seats priced in two tiers (5 at 10.00, then 8.00 each): the same 90.00 as 10 at 9.00."""
    return {"tierset_id": 7, "tierset": {
        "tierset_id": 7, "setup": _money(0), "base": _money(0), "paycycle": "mon", "pricemodel": "tier",
        "pricemodel_desc": "Tiered pricing", "tiers": [
            {"tier_id": line_item_id * 10 + 1, "unit_from": 1, "unit_to": 5, "amount": _money(1000)},
            {"tier_id": line_item_id * 10 + 2, "unit_from": 6, "unit_to": None, "amount": _money(800)},
        ]}}


def _derive_money(customer: dict[str, Any], invoices: list[dict[str, Any]], rng: random.Random) -> None:
    counted = [inv for inv in invoices if not inv["is_void"]]
    total = sum((inv["total"] for inv in counted), _money(0))
    balance = sum((inv["balance"] for inv in counted), _money(0))
    name, _ = rng.choices(_STATUS_WEIGHTS, weights=[w for _, w in _STATUS_WEIGHTS])[0]
    if name == "active-current" and any(inv["is_overdue"] for inv in invoices):
        name = "active-overdue"
    status_id, status_name, state = STATUSES[name]
    mrr = _money(rng.choice(ITEMS[:3])[1] * rng.choice((1, 1, 2, 5))) if state == "a" and counted else _money(0)
    customer.update({
        "total": total, "balance": balance, "paid": total - balance, "mrr": mrr, "arr": mrr * 12,
        "customer_status_id": status_id, "customer_status_name": status_name,
        "customer_status_str": name, "customer_status_state": state,
    })


def _notes(cid: int, rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for k in range(rng.choice((0, 0, 1, 2, 3))):
        when = datetime(2025, 5, 31, 17, 0) - timedelta(hours=rng.randrange(1, 8000))
        text = rng.choice(NOTE_TEXTS)
        admin_id = 1 + NOTE_ADMINS.index(rng.choice(NOTE_ADMINS))
        # The fields of ChargeOver's "Querying for notes" example, in its order.
        out.append({"note_id": cid * 10 + k + 1, "user_id": None, "admin_id": admin_id,
                    "note_is_pinned": k == 0 and cid % 7 == 0, "note_datetime": stamp(when), "note": text,
                    "context_str": "customer", "context_id": cid})
    return out
