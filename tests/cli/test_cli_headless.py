"""Headless `balance` and `customers` against the in-process sandbox: what a script would read."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from urllib.parse import parse_qs, unquote

import pytest

from fusebill_tui import headless
from fusebill_tui.core import jsonutil
from fusebill_tui.core.errors import QueryError
from fusebill_tui.core.output import money


def _find(sandbox, predicate):
    """The first customer whose (customer, finance) record matches."""
    for cid in sandbox.store.customer_ids():
        record = sandbox.store.record(cid)
        if predicate(record["customer"], record["finance"]):
            return cid, record
    raise AssertionError("no such customer in the sandbox")


def _customer_requests(sandbox):
    return [r for r in sandbox.request_log if r.path.lower().endswith("/customers")]


async def test_balance_prints_every_balance_with_currency_and_the_suspension_warning(
        cli_client, sandbox) -> None:
    cid, record = _find(sandbox, lambda c, f: f["daysUntilSuspension"] and f["arBalance"] > 0)
    finance, customer = record["finance"], record["customer"]
    out = io.StringIO()
    await headless.balance(cli_client, cid, out=out, timezone="UTC")
    text = out.getvalue()
    days = finance["daysUntilSuspension"]
    currency = customer["currency"]
    assert f"!!! SUSPENSION IN {days} DAY{'S' if days != 1 else ''} !!!" in text
    lines = text.splitlines()
    assert lines[0] == f"Customer {cid}: " + " ".join(
        p for p in (customer.get("title"), customer["firstName"], customer.get("middleName"),
                    customer["lastName"], customer.get("suffix")) if p)
    # the warning comes before the balances, where it cannot be missed
    assert lines.index(next(line for line in lines if "SUSPENSION" in line)) < lines.index(
        next(line for line in lines if line.startswith("AR balance:")))

    def row(label: str) -> str:
        return next(line for line in lines if line.startswith(label + ":"))

    assert row("AR balance").endswith(money(finance["arBalance"], currency))
    assert row("Pending charges").endswith(money(finance["pendingCharges"], currency))
    assert row("Unallocated credits").endswith(money(finance["unallocatedCredits"], currency))
    assert row("Lifetime value").endswith(money(finance["lifetimeValue"], currency))
    assert row("MRR").endswith(money(customer["monthlyRecurringRevenue"], currency))
    assert row("Net MRR").endswith(money(customer["netMonthlyRecurringRevenue"], currency))
    assert row("Currency").split()[-1] == currency
    assert row("Days until suspension").split()[-1] == str(days)
    assert row("Status").split()[1] == customer["status"]
    assert [r.path for r in sandbox.request_log] == [f"/v1/customers/{cid}/Overview"]


async def test_balance_json_is_the_overview_with_exact_decimals(cli_client, sandbox) -> None:
    cid, record = _find(sandbox, lambda c, f: f["arBalance"] != f["arBalance"].to_integral())
    out = io.StringIO()
    await headless.balance(cli_client, cid, as_json=True, out=out)
    data = jsonutil.loads(out.getvalue())
    assert out.getvalue().count("\n") == 1
    assert data["id"] == cid
    assert data["arBalance"] == record["finance"]["arBalance"]
    assert isinstance(data["arBalance"], Decimal)
    assert str(data["arBalance"]) == str(record["finance"]["arBalance"])  # same digits, not a float
    assert data["currency"] == record["customer"]["currency"]


async def test_customers_csv_one_filtered_sorted_page(cli_client, sandbox) -> None:
    out, err = io.StringIO(), io.StringIO()
    n = await headless.customers(cli_client, query="status:Active;accountStatus:Good", sort="lastname",
                                 descending=True, page_size=7, fmt="csv", out=out, err=err)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == 7
    assert {r["status"] for r in rows} == {"Active"}
    assert {r["customerAccountStatus"] for r in rows} == {"Good"}
    last_names = [r["lastName"] for r in rows]
    assert last_names == sorted(last_names, key=str.lower, reverse=True)
    for row in rows:
        stored = sandbox.store.customer(int(row["id"]))
        assert Decimal(row["monthlyRecurringRevenue"]) == stored["monthlyRecurringRevenue"]
        assert row["createdTimestamp"] == stored["createdTimestamp"] + "Z"
    sent = parse_qs(_customer_requests(sandbox)[0].raw_query)
    assert sent["sortExpression"] == ["lastName"] and sent["sortOrder"] == ["Descending"]
    assert sent["pageSize"] == ["7"] and unquote(sent["query"][0]) == "status:Active;accountStatus:Good"
    matching = sum(1 for c in sandbox.store.iter_customers()
                   if c["status"] == "Active" and c["customerAccountStatus"] == "Good")
    assert err.getvalue().startswith(f"7 shown of {matching:,} customers")


async def test_customers_all_json_streams_every_page_once(cli_client, sandbox) -> None:
    out, err = io.StringIO(), io.StringIO()
    n = await headless.customers(cli_client, query="status:Active", page_size=40, fmt="json",
                                 all_pages=True, out=out, err=err)
    data = jsonutil.loads(out.getvalue())
    expected = [c["id"] for c in sandbox.store.iter_customers() if c["status"] == "Active"]
    assert n == len(data) == len(expected)
    assert [c["id"] for c in data] == expected  # ascending by id, no duplicates, none missing
    pages = _customer_requests(sandbox)
    assert len(pages) == -(-len(expected) // 40)
    assert all(parse_qs(r.raw_query)["sortExpression"] == ["id"] for r in pages)
    progress = err.getvalue().splitlines()
    assert progress[0] == f"fetched 40 of {len(expected):,}\N{HORIZONTAL ELLIPSIS}"
    assert progress[-1] == f"fetched {len(expected):,} customers"


async def test_customers_table_is_aligned_and_free_of_escape_sequences(cli_client, sandbox) -> None:
    victim = sandbox.store.customer_ids()[0]
    evil = sandbox.store.customer(victim)
    evil["firstName"] = "\x1b]52;c;ZXZpbA==\x07\x1b[31mEvil\nName\u202e"
    evil["lastName"] = "\x1bc"
    evil["companyName"] = "Ctrl\x9b2J Co"
    sandbox.store.replace_customer(victim, evil)
    out = io.StringIO()
    await headless.customers(cli_client, page_size=5, out=out, err=io.StringIO())
    text = out.getvalue()
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
    lines = text.splitlines()
    assert len(lines) == 6 and lines[0].split()[:3] == ["ID", "NAME", "COMPANY"]
    row = next(line for line in lines if line.lstrip().startswith(str(victim)))
    assert "Evil Name" in row and "Ctrl" in row
    assert "52;c" not in row and "[31m" not in row  # whole sequences go, not just the ESC
    company_at = lines[0].index("COMPANY")
    assert all(line[company_at - 2: company_at] == "  " for line in lines)


async def test_customers_csv_json_never_carry_raw_escapes(cli_client, sandbox) -> None:
    victim = sandbox.store.customer_ids()[0]
    evil = sandbox.store.customer(victim)
    evil["lastName"] = "Bad\x1b[2J\x9b"
    sandbox.store.replace_customer(victim, evil)
    for fmt in ("csv", "json"):
        out = io.StringIO()
        await headless.customers(cli_client, page_size=3, fmt=fmt, out=out, err=io.StringIO())
        assert "\x1b" not in out.getvalue() and "\x9b" not in out.getvalue()
    # JSON keeps the exact value, escaped
    assert jsonutil.loads(out.getvalue())[0]["lastName"] == "Bad\x1b[2J\x9b"


async def test_bad_query_is_refused_before_anything_is_sent(cli_client, sandbox) -> None:
    with pytest.raises(QueryError) as info:
        await headless.customers(cli_client, query="stauts:Active", out=io.StringIO(),
                                 err=io.StringIO())
    assert "did you mean 'status'" in info.value.user_message
    assert sandbox.request_log == []
