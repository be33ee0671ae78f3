"""`fusebill-tui worklist` on both vendors in every format: the same rows as the sandbox holds, soonest
suspension first, progress on stderr, exact decimals in JSON, CSV cells a spreadsheet shows as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from fusebill_tui import headless
from fusebill_tui.cli import run
from fusebill_tui.connect import builtin_app
from fusebill_tui.core import jsonutil
from fusebill_tui.core.output import FORMULA_LEADS, money

CO_DEMO = ["--demo", "--kind", "chargeover"]
FIELDS = ["customerId", "name", "company", "status", "accountStatus", "currency", "balance",
          "daysUntilSuspension", "daysUntilCancellation", "mrr", "figuresRead"]


def fusebill_candidates(sandbox) -> list[int]:
    return sorted(
        cid for cid in sandbox.store.customer_ids()
        if sandbox.store.customer(cid)["customerAccountStatus"] in ("PoorStanding", "Collection")
        and sandbox.store.customer(cid)["status"] in ("Active", "Hold")
    )


async def _worklist(cli_client, fmt: str, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    await headless.worklist(cli_client, fmt=fmt, out=out, err=err, **options)
    return out.getvalue(), err.getvalue()


def _suspension_order(rows: list[dict]) -> None:
    days = [row["daysUntilSuspension"] for row in rows]
    known = [d for d in days if d is not None]
    assert known == sorted(known) and all(d is None for d in days[len(known):])


async def test_fusebill_json_has_every_candidate_with_its_overview_figures_exactly(cli_client, sandbox) -> None:
    out, err = await _worklist(cli_client, "json")
    rows = jsonutil.loads(out)
    assert [row["customerId"] for row in sorted(rows, key=lambda r: r["customerId"])] == fusebill_candidates(sandbox)
    assert list(rows[0]) == FIELDS
    _suspension_order(rows)
    for row in rows:
        overview = sandbox.store.overview(row["customerId"])
        assert row["balance"] == overview["arBalance"] and isinstance(row["balance"], Decimal)
        assert row["daysUntilSuspension"] == overview["daysUntilSuspension"]
        assert row["mrr"] == overview["monthlyRecurringRevenue"] and row["figuresRead"] is True
    assert f"{len(rows)} of {len(rows)} read" in err.splitlines()[-1]
    assert out.count("\n") == len(rows) + 2  # nothing but the list on stdout


async def test_fusebill_csv_and_table_narrowed_to_those_suspended_within_3_days_owing_1000(
        cli_client, sandbox) -> None:
    wanted = sorted(
        cid for cid in fusebill_candidates(sandbox)
         if (o := sandbox.store.overview(cid))["daysUntilSuspension"] is not None
         and o["daysUntilSuspension"] <= 3 and o["arBalance"] >= 1000)
    assert wanted
    out, err = await _worklist(cli_client, "csv", within=3, min_balance=Decimal(1000))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(int(row["customerId"]) for row in rows) == wanted
    assert list(rows[0]) == FIELDS and rows[0]["figuresRead"] == "true"
    assert f"{len(wanted)} of " in err and "suspends within 3 days" in err
    out, _ = await _worklist(cli_client, "table", within=3, min_balance=Decimal(1000))
    lines = out.splitlines()
    assert lines[0].split() == ["Name", "Company", "Status", "Account", "Balance", "Suspends", "Cancels", "MRR"]
    assert len(lines) == len(wanted) + 1
    first = sandbox.store.overview(int(rows[0]["customerId"]))
    assert money(first["arBalance"], first["currency"]) in lines[1]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_chargeover_lists_active_overdue_customers_with_the_balance_from_the_list(capsys, fmt) -> None:
    app = builtin_app("chargeover")
    log = app.state.chargeover.request_log
    before = len(log)
    assert run([*CO_DEMO, "worklist", "--format", fmt]) == 0
    captured = capsys.readouterr()
    sent = log[before:]
    assert [r.path for r in sent] == ["/api/v3/customer"] * len(sent)  # no per-customer reads
    assert all("active-overdue" in r.raw_query for r in sent)
    store = app.state.chargeover.store
    overdue = {c["customer_id"]: c for c in store.customers if c["customer_status_str"] == "active-overdue"}
    if fmt == "json":
        rows = jsonutil.loads(captured.out)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(captured.out)))
    else:
        lines = captured.out.splitlines()
        assert lines[0].split() == ["Name", "Company", "Status", "Balance", "MRR"]
        assert len(lines) == len(overdue) + 1
        top = max(overdue.values(), key=lambda c: c["balance"])
        assert money(top["balance"], top["currency_iso4217"]) in lines[1]
        return
    assert sorted(int(row["customerId"]) for row in rows) == sorted(overdue)
    balances = [Decimal(str(row["balance"])) for row in rows]
    assert balances == sorted(balances, reverse=True)  # no days until suspension: highest balance first
    for row in rows:
        assert Decimal(str(row["balance"])) == overdue[int(row["customerId"])]["balance"]
    assert f"{len(rows)} of {len(rows)} read" in captured.err


def test_within_on_chargeover_is_a_usage_error_before_any_request(capsys) -> None:
    app = builtin_app("chargeover")
    log = app.state.chargeover.request_log
    before = len(log)
    assert run([*CO_DEMO, "worklist", "--within", "7"]) == 2
    captured = capsys.readouterr()
    assert "--within: ChargeOver tells no days until suspension" in captured.err and captured.out == ""
    assert len(log) == before  # refused before reading anything


def test_a_bad_amount_is_a_usage_error_naming_it(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        run([*CO_DEMO, "worklist", "--min-balance", "lots"])
    assert exited.value.code == 2
    assert "--min-balance: expected an amount" in capsys.readouterr().err


@pytest.mark.parametrize("lead", FORMULA_LEADS, ids=["equals", "plus", "minus", "at", "tab", "cr"])
async def test_worklist_csv_cells_starting_with_a_formula_character_read_back_as_text(
        cli_client, sandbox, lead: str) -> None:
    cid = fusebill_candidates(sandbox)[0]
    hostile = f'{lead}HYPERLINK("http://attacker.example/","click")'
    customer = dict(sandbox.store.customer(cid))
    customer.update(lastName=hostile, firstName="", companyName=hostile)
    sandbox.store.replace_customer(cid, customer)
    out, _ = await _worklist(cli_client, "csv")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["customerId"] == str(cid))
    for column in ("name", "company"):
        assert not row[column].startswith(FORMULA_LEADS), column  # a spreadsheet shows it as text
        assert 'HYPERLINK("http://attacker.example/","click")' in row[column], column
        if lead in "=+-@":
            assert row[column].startswith("'" + lead), column  # kept as typed, behind the text mark
    out, _ = await _worklist(cli_client, "json")
    exact = next(r for r in jsonutil.loads(out) if r["customerId"] == cid)
    assert exact["company"].endswith('HYPERLINK("http://attacker.example/","click")')
