"""Parsing the command line: global options before or after the subcommand, one-line errors."""

from __future__ import annotations

import pytest

from fusebill_tui import __version__, cli
from fusebill_tui.cli import build_parser, resolve_environment
from fusebill_tui.vendors import registry


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


@pytest.mark.parametrize("argv", [
    ["--base-url", "http://127.0.0.1:9/v1", "--read-only", "balance", "650084"],
    ["balance", "650084", "--base-url", "http://127.0.0.1:9/v1", "--read-only"],
    ["--read-only", "balance", "--base-url", "http://127.0.0.1:9/v1", "650084"],
])
def test_global_options_before_or_after_the_subcommand(argv) -> None:
    ns = parse(*argv)
    assert ns.command == "balance" and ns.customer_id == 650084
    assert ns.base_url == "http://127.0.0.1:9/v1" and ns.read_only is True
    assert not hasattr(ns, "env") and not hasattr(ns, "demo")


def test_option_after_the_subcommand_overrides_one_before() -> None:
    ns = parse("--env", "staging", "customers", "--env", "production")
    assert ns.env == "production"


def test_option_before_survives_the_subcommand() -> None:
    ns = parse("--env", "staging", "--config", "/tmp/c.toml", "customers", "--all")
    assert ns.env == "staging" and ns.config == "/tmp/c.toml" and ns.all is True


def test_no_subcommand_opens_the_tui_with_globals() -> None:
    ns = parse("--demo")
    assert ns.command is None and ns.demo is True


def test_customers_options() -> None:
    ns = parse("customers", "--query", "status:Active", "--sort", "lastName", "--desc",
               "--page-size", "25", "--format", "csv", "--all", "--demo")
    assert (ns.query, ns.sort, ns.desc, ns.page_size, ns.format, ns.all, ns.demo) == (
        "status:Active", "lastName", True, 25, "csv", True, True)
    defaults = parse("customers")
    assert (defaults.query, defaults.format, defaults.all) == (None, "table", False)
    assert cli.page_size(defaults, registry.vendor("fusebill").page_cap) == 100
    assert cli.page_size(parse("customers", "--all"), registry.vendor("fusebill").page_cap) == 1000
    assert cli.page_size(parse("customers", "--all"), registry.vendor("chargeover").page_cap) == 500
    assert cli.page_size(parse("customers", "--all", "--page-size", "7"), registry.vendor("fusebill").page_cap) == 7


def test_sandbox_options() -> None:
    ns = parse("sandbox", "--host", "127.0.0.2", "--port", "0", "--customers", "50", "--seed", "3",
               "--api-key", "k", "--per-minute", "50", "--per-day", "900", "--latency", "120")
    assert (ns.host, ns.port, ns.customers, ns.seed, ns.api_key, ns.per_minute, ns.per_day,
            ns.latency) == ("127.0.0.2", 0, 50, 3, "k", 50, 900, 120)


def test_config_subcommands_accept_config_path_anywhere() -> None:
    assert parse("config", "path").config_command == "path"
    assert parse("--config", "a.toml", "config", "list").config == "a.toml"
    assert parse("config", "list", "--config", "b.toml").config == "b.toml"
    ns = parse("config", "add", "eu", "--base-url", "https://eu.example.com/v1",
               "--api-key-env", "EU_KEY", "--read-only", "--default")
    assert (ns.name, ns.add_base_url, ns.api_key_env, ns.add_read_only, ns.default) == (
        "eu", "https://eu.example.com/v1", "EU_KEY", True, True)


@pytest.mark.parametrize("argv, fragment", [
    (["balance"], "ID"),
    (["balance", "abc"], "whole number"),
    (["customers", "--format", "xml"], "invalid choice"),
    (["customers", "--page-size", "0"], "at least 1"),
    (["config", "add", "x", "--base-url", "https://a.example.com/v1"], "--api-key"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_errors_are_one_line_with_exit_2(argv, fragment, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        parse(*argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and fragment in err and err.startswith("fusebill-tui") and "error:" in err


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        parse("--version")
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"fusebill-tui {__version__}"


def test_resolve_environment_from_options(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("FUSEBILL_TUI_CONFIG", raising=False)
    monkeypatch.setenv("FUSEBILL_API_KEY", "adhoc")
    _, env = resolve_environment(parse("balance", "1", "--base-url", "http://localhost:9/v1",
                                       "--config", str(tmp_path / "none.toml"), "--read-only"))
    assert env.base_url == "http://localhost:9/v1" and env.api_key == "adhoc" and env.read_only
    _, env = resolve_environment(parse("--config", str(tmp_path / "none.toml"), "customers"))
    assert env.is_sandbox
