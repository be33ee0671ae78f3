"""The command line on a ChargeOver environment: --kind, balance, customers, config add / list, sandbox."""

from __future__ import annotations

import csv
import io

import pytest

from fusebill_tui.cli import run
from fusebill_tui.connect import builtin_app
from fusebill_tui.core import jsonutil
from fusebill_tui.core.output import money
from fusebill_tui.sandbox_defaults import CHARGEOVER_PRIVATE_KEY

DEMO = ["--demo", "--kind", "chargeover"]


@pytest.fixture
def store():
    """The built-in ChargeOver sandbox's store (what the commands read)."""
    return builtin_app("chargeover").state.chargeover.store


def _no_secret(captured) -> None:
    assert CHARGEOVER_PRIVATE_KEY not in captured.out + captured.err


def test_balance_prints_the_money_figures_with_currency(capsys, store) -> None:
    stored = next(c for c in store.customers if c["balance"] > 0 and c["customer_status_str"] == "active-overdue")
    assert run([*DEMO, "balance", str(stored["customer_id"])]) == 0
    captured = capsys.readouterr()
    _no_secret(captured)
    lines = captured.out.splitlines()
    assert lines[0] == f"Customer {stored['customer_id']}: {stored['company']}"
    assert lines[1] == f"Company:        {stored['company']}"  # the fields follow the title, as on Fusebill
    currency = stored["currency_iso4217"]
    for label, field in (("Balance", "balance"), ("Total invoiced", "total"), ("Paid", "paid"), ("MRR", "mrr")):
        line = next(line for line in lines if line.startswith(label + ":"))
        assert line.endswith(money(stored[field], currency))
    assert any(line.startswith("Status:") and "active-overdue" in line for line in lines)


def test_balance_json_is_the_customer_as_sent(capsys, store) -> None:
    assert run(["balance", "90007", *DEMO, "--json"]) == 0
    data = jsonutil.loads(capsys.readouterr().out)
    assert data["company"] == "a,b" and data["balance"] == store.customers_by_id[90007]["balance"]


def test_an_unknown_customer_is_exit_1(capsys) -> None:
    assert run([*DEMO, "balance", "999999"]) == 1
    assert "could not be found" in capsys.readouterr().err


def test_customers_sorted_by_balance_descending(capsys, store) -> None:
    assert run([*DEMO, "customers", "--sort", "balance", "--desc", "--page-size", "5"]) == 0
    captured = capsys.readouterr()
    rows = captured.out.splitlines()
    assert rows[0].split()[:3] == ["ID", "COMPANY", "CONTACT"]
    expected = sorted(store.customers, key=lambda c: (-c["balance"], c["customer_id"]))[:5]
    assert [int(row.split()[0]) for row in rows[1:]] == [c["customer_id"] for c in expected]
    assert captured.err.strip() == f"5 shown of {len(store.customers):,} customers (page 1 of 600; --all for every page)"


def test_plain_text_searches_the_company_with_the_comma_escaped(capsys) -> None:
    assert run([*DEMO, "customers", "-q", "a,b", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:2] == ["customer_id", "company"] and [r[1] for r in rows[1:]] == ["a,b"]


def test_all_pages_of_a_where_filter_as_json(capsys, store) -> None:
    where = "customer_status_str:EQUALS:inactive-manual,bill_country:EQUALS:Canada"
    assert run([*DEMO, "customers", "-q", where, "--all", "--page-size", "10", "--format", "json"]) == 0
    captured = capsys.readouterr()
    found = [c["customer_id"] for c in jsonutil.loads(captured.out)]
    expected = [c["customer_id"] for c in store.customers
                if c["customer_status_str"] == "inactive-manual" and c["bill_country"] == "Canada"]
    assert found == sorted(expected) and len(found) > 10
    assert captured.err.splitlines()[-1] == f"fetched {len(expected)} customers"


@pytest.mark.parametrize("argv, fragment", [
    (["customers", "-q", "compny:EQUALS:x"], "did you mean 'company'"),
    (["customers", "--sort", "lastName"], "can be sorted by"),
    (["customers", "--page-size", "600"], "at most 500"),
])
def test_mistakes_are_exit_2_in_one_line(capsys, argv, fragment) -> None:
    assert run([*DEMO, *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and fragment in err


def test_kind_must_match_the_named_environment(tmp_path, capsys, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[environments.fb]\nbase_url = "https://secure.fusebill.com/v1"\napi_key_env = "K"\n')
    assert run(["--config", str(config), "--env", "fb", "--kind", "chargeover", "customers"]) == 2
    assert "is a fusebill environment, not chargeover" in capsys.readouterr().err


def test_config_add_and_list_a_chargeover_environment(tmp_path, capsys) -> None:
    config = str(tmp_path / "config.toml")
    assert run(["config", "add", "co", "--kind", "chargeover", "--base-url", "https://acme.chargeover.com",
                "--public-key-env", "CO_PUB", "--private-key-env", "CO_PRIV", "--config", config]) == 0
    assert run(["config", "list", "--config", config]) == 0
    listing = capsys.readouterr().out
    line = next(line for line in listing.splitlines() if " co " in line)
    assert "https://acme.chargeover.com/api/v3" in line and "public from $CO_PUB, private from $CO_PRIV" in line
    assert "chargeover" in line.split("key:")[1]


@pytest.mark.parametrize("argv, fragment", [
    (["--kind", "chargeover", "--api-key-env", "K"], "not --api-key"),
    (["--kind", "chargeover", "--public-key-env", "P"], "--private-key-env"),
    (["--public-key-env", "P", "--api-key-env", "K"], "are for --kind chargeover"),
    ([], "--api-key"),
])
def test_config_add_checks_the_keys_for_the_kind(tmp_path, capsys, argv, fragment) -> None:
    with pytest.raises(SystemExit) as info:
        run(["config", "add", "co", "--base-url", "https://acme.chargeover.com", *argv,
             "--config", str(tmp_path / "c.toml")])
    assert info.value.code == 2 and fragment in capsys.readouterr().err
    assert not (tmp_path / "config.app.toml").exists()


def test_the_chargeover_sandbox_has_its_own_key_pair(capsys) -> None:
    assert run(["sandbox", "--kind", "chargeover", "--api-key", "x"]) == 2
    assert "own key pair" in capsys.readouterr().err


def test_the_chargeover_sandbox_takes_the_request_limits(monkeypatch) -> None:
    served = []
    # Serving blocks until interrupted: record what would be served instead.
    monkeypatch.setattr("fusebill_tui.sandbox.chargeover.server.serve",
                        lambda settings, host, port: served.append((settings, host, port)))
    assert run(["sandbox", "--kind", "chargeover", "--port", "0", "--per-minute", "50", "--per-day", "900"]) == 0
    settings, host, port = served[0]
    assert (settings.per_minute, settings.per_day, host, port) == (50, 900, "127.0.0.1", 0)
    assert run(["sandbox", "--kind", "chargeover", "--port", "0"]) == 0
    assert (served[1][0].per_minute, served[1][0].per_day) == (1000, 180000)  # a demo never meets them
