"""`fusebill-tui config path|list|add|remove`: keys are never printed; the user's file is kept."""

from __future__ import annotations

import getpass
import shutil
import stat
from pathlib import Path

import pytest

from fusebill_tui.cli import run

DATA = Path(__file__).resolve().parent.parent / "data" / "config"


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("FUSEBILL_TUI_CONFIG", raising=False)
    path = tmp_path / "config.toml"
    shutil.copyfile(DATA / "good.toml", path)
    path.chmod(0o600)
    return path


def test_config_path_prints_the_path(cfg, capsys, monkeypatch) -> None:
    assert run(["config", "path", "--config", str(cfg)]) == 0
    assert capsys.readouterr().out == f"{cfg}\n"
    monkeypatch.setenv("FUSEBILL_TUI_CONFIG", str(cfg))
    assert run(["config", "path"]) == 0
    assert capsys.readouterr().out == f"{cfg}\n"


def test_config_list_shows_environments_but_never_keys(cfg, capsys) -> None:
    assert run(["--config", str(cfg), "config", "list"]) == 0
    out = capsys.readouterr().out
    assert "staging-literal-key-123" not in out
    lines = out.splitlines()
    staging = next(line for line in lines if " staging " in line)
    assert staging.startswith("*") and "key: in the config file" in staging
    production = next(line for line in lines if " production " in line)
    assert "key: from $FUSEBILL_PROD_KEY" in production and "read-only" in production
    assert "  on hold: status:Suspended" in lines


def test_config_add_prompts_for_the_key_and_keeps_the_users_file(cfg, capsys, monkeypatch) -> None:
    before = cfg.read_bytes()
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:  # there is no terminal to type at in a test
        prompts.append(prompt)
        return "typed-secret-key"

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    assert run(["config", "add", "eu", "--base-url", "https://eu.example.com/v1", "--api-key", "-",
                "--read-only", "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert "typed-secret-key" not in out and prompts == ["API key for eu: "]
    assert cfg.read_bytes() == before
    app_file = cfg.with_name("config.app.toml")
    assert stat.S_IMODE(app_file.stat().st_mode) == 0o600
    assert 'api_key = "typed-secret-key"' in app_file.read_text()

    assert run(["config", "list", "--config", str(cfg)]) == 0
    listing = capsys.readouterr().out
    eu = next(line for line in listing.splitlines() if " eu " in line)
    assert "(app)" in eu and "read-only" in eu and "typed-secret-key" not in listing

    assert run(["config", "remove", "eu", "--config", str(cfg)]) == 0
    assert "eu" not in run_list(cfg, capsys)


def run_list(cfg: Path, capsys) -> str:
    capsys.readouterr()
    assert run(["config", "list", "--config", str(cfg)]) == 0
    return capsys.readouterr().out


def test_config_remove_hand_written_is_refused_with_one_line(cfg, capsys) -> None:
    assert run(["config", "remove", "staging", "--config", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "by hand" in err and str(cfg) in err


def test_config_add_with_http_remote_is_refused(tmp_path, capsys) -> None:
    code = run(["config", "add", "x", "--base-url", "http://example.com/v1", "--api-key-env", "K",
                "--config", str(tmp_path / "config.toml")])
    assert code == 2
    assert "https://" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_bad_config_file_is_one_line_error(tmp_path, capsys) -> None:
    bad = tmp_path / "config.toml"
    shutil.copyfile(DATA / "bad_syntax.toml", bad)
    assert run(["--config", str(bad), "config", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 4" in err and str(bad) in err
