"""Failures through the whole command line: one line on stderr, an exit code, no traceback, no key."""

from __future__ import annotations

import shutil
from pathlib import Path

from fusebill_tui.cli import run
from fusebill_tui.core import jsonutil
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY as SANDBOX_KEY
from fusebill_tui.sandbox_defaults import DEFAULT_API_KEY

DATA = Path(__file__).resolve().parent.parent / "data" / "config"


def _one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("fusebill-tui: error: ")
    assert "Traceback" not in captured.err and DEFAULT_API_KEY not in captured.err
    return captured.err


def test_the_config_and_the_sandbox_agree_on_the_default_key() -> None:
    assert DEFAULT_API_KEY == SANDBOX_KEY


def test_demo_balance_through_the_command_line(capsys) -> None:
    assert run(["balance", "650084", "--demo", "--json"]) == 0
    data = jsonutil.loads(capsys.readouterr().out)
    assert data["id"] == 650084 and data["firstName"] == "Foreman" and data["currency"] == "USD"


def test_no_config_means_the_builtin_sandbox(capsys) -> None:
    assert run(["customers", "--page-size", "3", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("id,firstName,lastName")


def test_unknown_customer_is_exit_1_with_not_found(capsys) -> None:
    assert run(["--demo", "balance", "1"]) == 1
    assert "Not found" in _one_line_error(capsys)


def test_bad_query_is_exit_2_with_the_suggestion(capsys) -> None:
    assert run(["customers", "--demo", "--query", "stauts:Active"]) == 2
    assert "did you mean 'status'" in _one_line_error(capsys)


def test_bad_sort_field_is_exit_2(capsys) -> None:
    assert run(["customers", "--demo", "--sort", "lastnmae"]) == 2
    assert "lastName" in _one_line_error(capsys)


def test_unknown_environment_is_exit_2_naming_the_known_ones(tmp_path, capsys) -> None:
    cfg = tmp_path / "config.toml"
    shutil.copyfile(DATA / "good.toml", cfg)
    cfg.chmod(0o600)
    assert run(["balance", "650084", "--env", "prod", "--config", str(cfg)]) == 2
    err = _one_line_error(capsys)
    assert "'prod'" in err and "production" in err and str(cfg) in err
    assert "staging-literal-key-123" not in err


def test_missing_key_variable_is_exit_2(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("FUSEBILL_PROD_KEY", raising=False)
    cfg = tmp_path / "config.toml"
    shutil.copyfile(DATA / "good.toml", cfg)
    cfg.chmod(0o600)
    assert run(["--config", str(cfg), "--env", "production", "customers"]) == 2
    assert "FUSEBILL_PROD_KEY" in _one_line_error(capsys)


def test_base_url_without_key_is_exit_2(capsys) -> None:
    assert run(["balance", "1", "--base-url", "http://127.0.0.1:9/v1"]) == 2
    assert "FUSEBILL_API_KEY" in _one_line_error(capsys)
