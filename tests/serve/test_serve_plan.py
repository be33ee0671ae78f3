"""`fusebill-tui serve`: what each tab runs, where it listens, and what it refuses."""

from __future__ import annotations

import io
import shlex
import sys

import pytest

from fusebill_tui import cli
from fusebill_tui.config import Environment, builtin_sandbox
from fusebill_tui.web.plan import ServeRefused, plan_serve

PRODUCTION = Environment(name="production", base_url="https://secure.fusebill.com/v1", api_key="k3y-s3cret",
                         read_only=False, is_sandbox=False, timezone=None, is_production=True)


def test_demo_on_loopback_runs_this_python_on_the_built_in_sandbox() -> None:
    plan = plan_serve(builtin_sandbox(), host="127.0.0.1", port=8000, public=False, allow_writes=False, demo=True)
    assert shlex.split(plan.command) == [sys.executable, "-m", "fusebill_tui", "--demo"]
    assert plan.url == f"http://127.0.0.1:8000/?token={plan.token}"
    assert plan.warnings == [] and not plan.read_only
    assert plan.allowed_hosts == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}


def test_the_chargeover_demo_is_served_as_chargeover() -> None:
    plan = plan_serve(builtin_sandbox(kind="chargeover"), host="127.0.0.1", port=8000, public=False,
                      allow_writes=False, demo=True)
    assert shlex.split(plan.command)[3:] == ["--demo", "--kind", "chargeover"]


def test_a_named_environment_is_handed_on_by_name_never_by_key() -> None:
    staging = Environment(name="staging", base_url="https://stg.example/v1", api_key="k3y-s3cret",
                          read_only=False, is_sandbox=False, timezone=None)
    plan = plan_serve(staging, host="localhost", port=8001, public=False, allow_writes=False,
                      env_name="staging", config_path="/home/a b/config.toml")
    assert shlex.split(plan.command)[3:] == ["--config", "/home/a b/config.toml", "--env", "staging"]
    assert "k3y-s3cret" not in plan.command


def test_production_is_served_read_only_unless_the_user_insists() -> None:
    plan = plan_serve(PRODUCTION, host="127.0.0.1", port=8000, public=False, allow_writes=False,
                      env_name="production")
    assert plan.read_only and shlex.split(plan.command)[-1] == "--read-only"
    assert any("production, so it is served read-only" in w and "--allow-writes" in w for w in plan.warnings)

    insisted = plan_serve(PRODUCTION, host="127.0.0.1", port=8000, public=False, allow_writes=True,
                          env_name="production")
    assert not insisted.read_only and "--read-only" not in insisted.command and insisted.warnings == []


def test_a_read_only_config_stays_read_only_even_with_allow_writes() -> None:
    locked = Environment(name="production", base_url="https://secure.fusebill.com/v1", api_key="k",
                         read_only=True, is_sandbox=False, timezone=None, is_production=True)
    plan = plan_serve(locked, host="127.0.0.1", port=8000, public=False, allow_writes=True, env_name="production")
    assert plan.read_only
    assert any("read-only in the config" in w for w in plan.warnings)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::", "example.org"])
def test_a_reachable_address_is_refused_without_public(host: str) -> None:
    with pytest.raises(ServeRefused, match=f"refusing to serve on {host}.*--public"):
        plan_serve(builtin_sandbox(), host=host, port=8000, public=False, allow_writes=False, demo=True)


def test_public_serves_any_host_name_with_a_warning() -> None:
    plan = plan_serve(builtin_sandbox(), host="0.0.0.0", port=8000, public=True, allow_writes=False, demo=True)
    assert plan.allowed_hosts is None
    assert plan.url == f"http://<this machine's address>:8000/?token={plan.token}"
    assert any(w.startswith("warning: serving on 0.0.0.0:8000, reachable from other machines") for w in plan.warnings)


def test_loopback_ipv6_is_written_as_a_url_writes_it() -> None:
    plan = plan_serve(builtin_sandbox(), host="::1", port=8000, public=False, allow_writes=False, demo=True)
    assert plan.url == f"http://[::1]:8000/?token={plan.token}"
    assert "[::1]:8000" in plan.allowed_hosts


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_refuses_a_public_address_with_exit_2_and_one_line(tmp_path) -> None:
    code, out, err = _run("serve", "--demo", "--host", "0.0.0.0", "--config", str(tmp_path / "c.toml"))
    assert code == 2 and out == ""
    assert err.startswith("fusebill-tui: error: refusing to serve on 0.0.0.0") and err.count("\n") == 1


def test_cli_refuses_port_zero(tmp_path) -> None:
    code, _out, err = _run("serve", "--demo", "--port", "0", "--config", str(tmp_path / "c.toml"))
    assert code == 2 and "--port N" in err


def test_cli_refuses_the_tour_outside_the_built_in_sandbox(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FUSEBILL_API_KEY", "k3y")
    code, _out, err = _run("--tour", "--base-url", "https://secure.fusebill.com/v1", "--config",
                           str(tmp_path / "c.toml"))
    assert code == 2 and "the tour runs on the built-in sandbox" in err and "add --demo" in err
    code, _out, err = _run("serve", "--tour", "--base-url", "https://secure.fusebill.com/v1",
                           "--config", str(tmp_path / "c.toml"))
    assert code == 2 and "the tour runs on the built-in sandbox" in err
