"""`customers --all` exports with the fewest requests the API allows: its largest page."""

from __future__ import annotations

from urllib.parse import parse_qs

from fusebill_tui.cli import run
from fusebill_tui.connect import builtin_app


def _new_requests(log, since: int, path: str) -> list[dict[str, list[str]]]:
    return [parse_qs(entry.raw_query) for entry in log[since:] if entry.path.lower().endswith(path)]


def test_a_fusebill_export_asks_for_a_thousand_customers_a_request(capsys) -> None:
    sandbox = builtin_app("fusebill").state.sandbox
    since = len(sandbox.request_log)
    assert run(["--demo", "customers", "--all", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    pages = _new_requests(sandbox.request_log, since, "/v1/customers")
    assert len(rows) == len(sandbox.store.customer_ids())
    assert [p["pageSize"] for p in pages] == [["1000"]] * len(pages)
    assert len(pages) == -(-len(rows) // 1000)


def test_a_chargeover_export_asks_for_five_hundred_a_request(capsys) -> None:
    sandbox = builtin_app("chargeover").state.chargeover
    since = len(sandbox.request_log)
    assert run(["--demo", "--kind", "chargeover", "customers", "--all", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    pages = _new_requests(sandbox.request_log, since, "/api/v3/customer")
    assert rows and all(p["limit"] == ["500"] for p in pages)


def test_one_page_stays_a_hundred(capsys) -> None:
    sandbox = builtin_app("fusebill").state.sandbox
    since = len(sandbox.request_log)
    assert run(["--demo", "customers", "--format", "csv"]) == 0
    assert [p["pageSize"] for p in _new_requests(sandbox.request_log, since, "/v1/customers")] == [["100"]]
