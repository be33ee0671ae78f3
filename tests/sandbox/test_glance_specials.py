"""The hand-written customers the customer-at-a-glance tests rely on: each keeps its documented shape."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from fusebill_tui.core.aging import aging, due_day

from .helpers import body

TODAY = date(2025, 6, 2)  # the test sandbox's clock


async def _all(api, path: str) -> list[dict]:
    return body(await api.get(path, params={"pageSize": 100}))


def _due(invoice: dict) -> date | None:
    return due_day(datetime.fromisoformat(invoice["paymentSchedules"][0]["dueDateTimestamp"]), None)


class _Inv:
    def __init__(self, raw: dict) -> None:
        self.due_date = _due(raw)
        self.outstanding_balance = raw["outstandingBalance"]
        self.currency = "USD"
        self.days_overdue = None


async def test_the_long_name_customer(api):
    customer = body(await api.get("/customers/900011"))
    name = f"{customer['firstName']} {customer['lastName']}"
    assert len(name) == 50 and not name.isascii()
    assert customer["companyName"] == "ACME [EU] [bold]Widgets[/bold]"


async def test_several_subscriptions_and_nothing_owed(api):
    subs = await _all(api, "/customers/900020/subscriptions")
    assert len(subs) == 3 and {s["status"] for s in subs} == {"Active"}
    invoices = await _all(api, "/customers/900020/invoices")
    assert invoices and all(i["outstandingBalance"] == 0 for i in invoices)


async def test_every_aging_bucket_relative_to_the_clock(api):
    invoices = await _all(api, "/customers/900021/invoices")
    ages = sorted((TODAY - _due(i)).days for i in invoices if i["outstandingBalance"] > 0)
    assert ages == [-10, 15, 45, 75, 120]
    (usd,) = aging([_Inv(i) for i in invoices], TODAY).currencies
    assert usd.buckets == tuple(Decimal(v) for v in ("100.00", "200.00", "300.00", "400.00", "515.00"))
    overview = body(await api.get("/customers/900021/Overview"))
    assert overview["arBalance"] == usd.total == Decimal("1515.00")
    statuses = {i["paymentSchedules"][0]["status"] for i in invoices}
    assert statuses == {"Paid", "Overdue", "Due"}


async def test_more_unpaid_invoices_than_one_page(api):
    r = await api.get("/customers/900022/invoices", params={"pageSize": 25})
    assert len(body(r)) == 25 and r.headers["X-Count"] == "32"
    invoices = await _all(api, "/customers/900022/invoices")
    assert len(invoices) == 32 and all(i["outstandingBalance"] == Decimal("10.00") for i in invoices)
    overview = body(await api.get("/customers/900022/Overview"))
    assert overview["arBalance"] == Decimal("320.00")


async def test_a_credit_and_nothing_owed(api):
    overview = body(await api.get("/customers/900023/Overview"))
    assert overview["unallocatedCredits"] == Decimal("150.00")
    assert overview["unallocatedPayments"] == Decimal("75.00")
    assert overview["arBalance"] == 0
    assert all(i["outstandingBalance"] == 0 for i in await _all(api, "/customers/900023/invoices"))


async def test_a_customer_with_nothing(api):
    assert await _all(api, "/customers/900024/subscriptions") == []
    assert await _all(api, "/customers/900024/invoices") == []
    assert await _all(api, "/customers/900024/CustomerNotes") == []
    overview = body(await api.get("/customers/900024/Overview"))
    assert overview["arBalance"] == 0 and overview["unallocatedCredits"] == 0
