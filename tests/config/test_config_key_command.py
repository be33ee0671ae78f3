"""Keys from a password manager: ``api_key_cmd`` (and ChargeOver's ``public_key_cmd`` / ``private_key_cmd``).

Every command here is real: this same Python, printing, failing, hanging or printing nothing.
"""

from __future__ import annotations

import io
import shlex
import sys
from pathlib import Path

import pytest

import fusebill_tui.vendors.registry as registry
from fusebill_tui import cli
from fusebill_tui.config import ConfigError, EnvironmentConfig, load_config
from fusebill_tui.core import key_command
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY

SECRET_NOISE = "NOISE-THAT-MUST-NOT-BE-SHOWN"


def _words(code: str, *args: str) -> str:
    """A TOML list running ``code`` in this Python."""
    words = [sys.executable, "-c", code, *args]
    return "[" + ", ".join('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"' for w in words) + "]"


def _config(tmp_path: Path, command: str, *, kind: str = "fusebill") -> Path:
    path = tmp_path / "config.toml"
    if kind == "fusebill":
        body = f'[environments.prod]\nbase_url = "https://secure.fusebill.com/v1"\napi_key_cmd = {command}\n'
    else:
        private = _words("print('private-half-42')")
        body = (f'[environments.co]\nkind = "chargeover"\nbase_url = "https://example.chargeover.com/api/v3"\n'
                f'public_key_cmd = {command}\nprivate_key_cmd = {private}\n')
    path.write_text(body)
    path.chmod(0o644)  # a command is not a secret: the file may be readable
    return path


def _error(path: Path, name: str = "prod") -> str:
    config = load_config(path)
    with pytest.raises(ConfigError) as raised:
        config.resolve(name)
    return str(raised.value)


async def test_a_key_printed_with_a_newline_opens_the_environment_and_reaches_the_server(
        tmp_path: Path, sandbox_app, sandbox) -> None:
    marker, store = tmp_path / "ran", tmp_path / "store"
    store.write_text(DEFAULT_API_KEY)  # what a password manager keeps
    path = _config(tmp_path, _words(f"open({str(marker)!r}, 'a').write('x'); print(open({str(store)!r}).read())"))
    config = load_config(path)
    out = io.StringIO()
    assert cli.run(["--config", str(path), "config", "list"], out=out, err=io.StringIO()) == 0
    assert "key: from a command" in out.getvalue() and DEFAULT_API_KEY not in out.getvalue()
    assert not marker.exists()  # loading and listing never run it
    environment = config.resolve("prod")
    assert marker.read_text() == "x"  # run once, when the environment is opened
    assert environment.credentials == {"api_key": DEFAULT_API_KEY}  # the newline is gone
    assert DEFAULT_API_KEY not in repr(environment) + str(environment)
    async with registry.vendor(environment.kind).client_for(environment, SandboxTransport(sandbox_app)) as client:
        page = await client.list_customers(page_size=1)
    assert page.items and sandbox.request_log[-1].status == 200  # the sandbox took the key
    assert DEFAULT_API_KEY not in path.read_text()


def test_only_the_first_line_is_the_key_and_no_shell_reads_the_words(tmp_path: Path) -> None:
    path = _config(tmp_path, _words("import sys; print(sys.argv[1]); print('user: ann')", "k;touch${IFS}x|$(id)"))
    assert load_config(path).resolve("prod").credentials["api_key"] == "k;touch${IFS}x|$(id)"
    assert not (tmp_path / "x").exists()


def test_a_failing_command_names_the_environment_and_never_its_output(tmp_path: Path) -> None:
    path = _config(tmp_path, _words(f"import sys; print({SECRET_NOISE!r}); "
                                    f"print({SECRET_NOISE!r}, file=sys.stderr); sys.exit(3)"))
    said = _error(path)
    assert "environments.prod.api_key_cmd" in said and "the API key of prod comes from a command" in said
    assert "failed (exit status 3)" in said and SECRET_NOISE not in said


def test_a_command_that_prints_nothing_is_an_error(tmp_path: Path) -> None:
    said = _error(_config(tmp_path, _words("print('   ')")))
    assert "of prod comes from a command" in said and "printed no key" in said


def test_a_command_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert key_command.TIMEOUT == 10.0
    monkeypatch.setattr(key_command, "TIMEOUT", 0.5)  # the real limit is 10 s; the command really hangs
    said = _error(_config(tmp_path, _words(f"import time; print({SECRET_NOISE!r}, flush=True); time.sleep(60)")))
    assert "did not finish within 0.5 seconds" in said and "of prod" in said and SECRET_NOISE not in said


def test_a_missing_program_is_named(tmp_path: Path) -> None:
    said = _error(_config(tmp_path, '["no-such-password-manager-xyz", "show", "fusebill/prod"]'))
    assert "no-such-password-manager-xyz was not found" in said


def test_a_key_with_a_space_is_refused_without_showing_it(tmp_path: Path) -> None:
    said = _error(_config(tmp_path, _words("print('two words-of-a-key')")))
    assert "printed by api_key_cmd" in said and "two words" not in said


def test_chargeover_takes_both_halves_from_commands(tmp_path: Path) -> None:
    path = _config(tmp_path, _words("print('public-half-42')"), kind="chargeover")
    out = io.StringIO()
    assert cli.run(["--config", str(path), "config", "list"], out=out, err=io.StringIO()) == 0
    assert "key: both from a command" in out.getvalue()
    assert load_config(path).resolve("co").credentials == {"public_key": "public-half-42",
                                                          "private_key": "private-half-42"}


@pytest.mark.parametrize(("value", "message"), [
    ('"pass show fusebill/prod"', "must be a list of words"),
    ("[]", "must be a list of words"),
    ('["pass", 3]', "must be a list of words"),
])
def test_a_command_that_is_not_a_list_of_words_is_refused(tmp_path: Path, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(_config(tmp_path, value))


def test_a_key_and_a_command_together_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[environments.prod]\nbase_url = "https://secure.fusebill.com/v1"\n'
                    'api_key_env = "X"\napi_key_cmd = ["pass", "show", "p"]\n')
    with pytest.raises(ConfigError, match="give api_key_env or api_key_cmd, not both"):
        load_config(path)


def test_an_environment_the_app_writes_keeps_its_command(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    config.add_environment(EnvironmentConfig("prod", "https://secure.fusebill.com/v1",
                                             api_key_cmd=["pass", "show", "fusebill/prod"]))
    assert 'api_key_cmd = [\n    "pass",\n    "show",\n    "fusebill/prod",\n]' in config.app_path.read_text()
    again = load_config(tmp_path / "config.toml").environments["prod"]
    assert again.api_key_cmd == ("pass", "show", "fusebill/prod") and again.key_source == "from a command"


def test_config_add_takes_the_command_split_like_a_shell_line_and_opening_runs_it(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    code = f"open({str(marker)!r}, 'a').write('x'); print('key-from-the-manager')"
    line = shlex.join([sys.executable, "-c", code])
    path = tmp_path / "config.toml"
    out, err = io.StringIO(), io.StringIO()
    assert cli.run(["--config", str(path), "config", "add", "prod", "--base-url", "https://secure.fusebill.com/v1",
                    "--api-key-cmd", line], out=out, err=err) == 0, err.getvalue()
    assert not marker.exists()  # adding stores the words; it does not run them
    spec = load_config(path).environments["prod"]
    assert spec.api_key_cmd == (sys.executable, "-c", code) and spec.key_source == "from a command"
    listed = io.StringIO()
    assert cli.run(["--config", str(path), "config", "list"], out=listed, err=io.StringIO()) == 0
    assert "key: from a command" in listed.getvalue() and "key-from-the-manager" not in listed.getvalue()
    assert load_config(path).resolve("prod").credentials == {"api_key": "key-from-the-manager"}
    assert marker.read_text() == "x"


def test_config_add_takes_chargeover_key_commands_beside_a_variable(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    argv = ["--config", str(path), "config", "add", "co", "--kind", "chargeover",
            "--base-url", "https://example.chargeover.com/api/v3",
            "--public-key-cmd", "pass show 'co/public key'", "--private-key-env", "CO_PRIVATE"]
    assert cli.run(argv, out=io.StringIO(), err=io.StringIO()) == 0
    spec = load_config(path).environments["co"]
    assert spec.public_key_cmd == ("pass", "show", "co/public key") and spec.private_key_env == "CO_PRIVATE"


@pytest.mark.parametrize(("command", "said"), [
    ("", "--api-key-cmd: give the command that prints the key"),
    ("pass show 'unclosed", "--api-key-cmd: No closing quotation"),
])
def test_config_add_refuses_a_command_it_cannot_split_and_saves_nothing(tmp_path: Path, command, said) -> None:
    path = tmp_path / "config.toml"
    err = io.StringIO()
    assert cli.run(["--config", str(path), "config", "add", "prod", "--base-url", "https://secure.fusebill.com/v1",
                    "--api-key-cmd", command], out=io.StringIO(), err=err) == 2
    assert said in err.getvalue()
    assert not (tmp_path / "config.app.toml").exists()


def test_config_add_takes_one_source_per_key(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.run(["--config", str(tmp_path / "config.toml"), "config", "add", "prod", "--base-url",
                 "https://secure.fusebill.com/v1", "--api-key", "k", "--api-key-cmd", "pass show p"])
    assert exited.value.code == 2
    assert "--api-key-cmd: not allowed with argument --api-key" in capsys.readouterr().err
