"""Invoice aging: days past due in the user's zone, the server's own figure first, buckets that reconcile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from fusebill_tui.core.aging import BUCKET_LABELS, aging, bucket_index, days_past_due, due_day, today_in

TODAY = date(2025, 6, 2)


@dataclass
class Inv:
    due_date: date | None
    outstanding_balance: Decimal | None
    currency: str | None = "USD"
    days_overdue: int | None = None


def test_days_past_due_counts_calendar_days_from_the_due_date():
    assert days_past_due(Inv(date(2025, 6, 2), Decimal("5")), TODAY) == 0  # due today: not yet past due
    assert days_past_due(Inv(date(2025, 6, 9), Decimal("5")), TODAY) == 0  # not yet due
    assert days_past_due(Inv(date(2025, 6, 1), Decimal("5")), TODAY) == 1
    assert days_past_due(Inv(date(2025, 3, 4), Decimal("5")), TODAY) == 90


def test_paid_or_credit_invoices_are_not_past_due():
    assert days_past_due(Inv(date(2025, 1, 1), Decimal("0")), TODAY) is None
    assert days_past_due(Inv(date(2025, 1, 1), Decimal("-3")), TODAY) is None
    assert days_past_due(Inv(date(2025, 1, 1), None), TODAY) is None


def test_the_servers_own_overdue_figure_wins():
    assert days_past_due(Inv(date(2025, 6, 1), Decimal("5"), days_overdue=45), TODAY) == 45
    assert days_past_due(Inv(date(2025, 1, 1), Decimal("5"), days_overdue=0), TODAY) == 0


def test_a_utc_due_timestamp_is_a_day_in_the_users_zone():
    # Due 2025-06-02 03:00 UTC is still 1 June in Vancouver (UTC-7): one day past due there on 2 June,
    # not yet past due in Tokyo, where it is already 2 June.
    due = datetime(2025, 6, 2, 3, 0, tzinfo=UTC)
    vancouver, tokyo = ZoneInfo("America/Vancouver"), ZoneInfo("Asia/Tokyo")
    assert due_day(due, vancouver) == date(2025, 6, 1)
    assert days_past_due(Inv(due, Decimal("5")), TODAY, vancouver) == 1
    assert days_past_due(Inv(due, Decimal("5")), TODAY, tokyo) == 0
    assert due_day(datetime(2025, 6, 2, 3, 0), vancouver) == date(2025, 6, 1)  # naive means UTC


def test_today_is_the_date_in_the_users_zone():
    moment = datetime(2025, 6, 2, 3, 0, tzinfo=UTC)
    assert today_in(ZoneInfo("America/Vancouver"), moment) == date(2025, 6, 1)
    assert today_in(ZoneInfo("Asia/Tokyo"), moment) == date(2025, 6, 2)


def test_bucket_edges():
    assert [bucket_index(d) for d in (None, 0, 1, 30, 31, 60, 61, 90, 91, 400)] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_buckets_per_currency_and_credits_left_out():
    invoices = [
        Inv(TODAY + timedelta(days=5), Decimal("10.00")),
        Inv(TODAY - timedelta(days=15), Decimal("20.00")),
        Inv(TODAY - timedelta(days=45), Decimal("30.00")),
        Inv(TODAY - timedelta(days=75), Decimal("40.00")),
        Inv(TODAY - timedelta(days=120), Decimal("50.01")),
        Inv(TODAY - timedelta(days=120), Decimal("-7.00")),  # a credit balance: not aged
        Inv(TODAY - timedelta(days=120), Decimal("0.00")),  # paid
        Inv(TODAY - timedelta(days=10), Decimal("9.99"), currency="CAD"),
        Inv(TODAY - timedelta(days=10), Decimal("1.00"), currency=None),  # the customer's currency
    ]
    result = aging(invoices, TODAY, total_count=9, fallback_currency="CAD")
    usd, cad = result.currencies
    assert usd.currency == "USD" and usd.buckets == tuple(Decimal(v) for v in ("10", "20", "30", "40", "50.01"))
    assert usd.total == Decimal("150.01") and usd.invoices == 5
    assert cad.currency == "CAD" and cad.buckets[1] == Decimal("10.99") and cad.total == Decimal("10.99")
    assert [label for label, _ in usd.labelled()] == list(BUCKET_LABELS)
    assert result.complete and result.caveat is None


def test_a_partial_read_says_so():
    invoices = [Inv(TODAY, Decimal("1"))] * 20
    assert aging(invoices, TODAY, total_count=57).caveat == "from the latest 20 invoices"
    assert aging(invoices, TODAY, total_count=None).caveat == "from the latest 20 invoices"
    assert aging(invoices[:1], TODAY, total_count=3).caveat == "from the latest 1 invoice"
    assert aging(invoices, TODAY, total_count=20).complete


amounts = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=2,
                      allow_nan=False, allow_infinity=False)
invoice = st.builds(
    Inv,
    due_date=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1))),
    outstanding_balance=st.one_of(st.none(), amounts),
    currency=st.sampled_from(["USD", "CAD", "EUR", None]),
    days_overdue=st.one_of(st.none(), st.integers(min_value=0, max_value=2000)),
)


@given(st.lists(invoice, max_size=60))
def test_buckets_reconcile_exactly_with_the_outstanding_total(invoices):
    result = aging(invoices, TODAY, fallback_currency="GBP")
    assert result.invoices_read == len(invoices)
    for currency in result.currencies:
        mine = [i for i in invoices if (i.currency or "GBP") == currency.currency
                and i.outstanding_balance is not None and i.outstanding_balance > 0]
        assert sum(currency.buckets, Decimal(0)) == sum((i.outstanding_balance for i in mine), Decimal(0))
        assert currency.total == sum((i.outstanding_balance for i in mine), Decimal(0))
        assert currency.invoices == len(mine)
        assert all(b >= 0 for b in currency.buckets)
    unpaid = {(i.currency or "GBP") for i in invoices if i.outstanding_balance and i.outstanding_balance > 0}
    assert {c.currency for c in result.currencies} == unpaid
