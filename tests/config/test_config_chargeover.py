"""ChargeOver environments in the config: kind, the key pair, validation like the Fusebill keys, the built-in sandbox."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fusebill_tui.config import (
    ConfigError,
    EnvironmentConfig,
    builtin_sandbox,
    load_config,
)
from fusebill_tui.sandbox_defaults import (
    CHARGEOVER_PRIVATE_KEY,
    CHARGEOVER_PUBLIC_KEY,
    CHARGEOVER_SANDBOX_BASE_URL,
    CHARGEOVER_SANDBOX_ENV_NAME,
    DEFAULT_API_KEY,
)


def _write(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


GOOD = """
default = "billing"
[environments.billing]
kind = "chargeover"
base_url = "https://example.chargeover.com/api/v3"
public_key_env = "CO_PUBLIC"
private_key_env = "CO_PRIVATE"
read_only = true
[environments.literal]
kind = "chargeover"
base_url = "https://other.chargeover.com"
public_key = "pub-literal"
private_key = "priv-literal-secret"
[environments.fusebill]
base_url = "https://secure.fusebill.com/v1"
api_key_env = "FB_KEY"
"""


@pytest.fixture(autouse=True)
def _no_keys(monkeypatch) -> None:
    for var in ("CO_PUBLIC", "CO_PRIVATE", "FB_KEY", "CHARGEOVER_PUBLIC_KEY", "CHARGEOVER_PRIVATE_KEY"):
        monkeypatch.delenv(var, raising=False)


def test_a_chargeover_environment_resolves_its_key_pair_from_variables(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CO_PUBLIC", "pub-from-env")
    monkeypatch.setenv("CO_PRIVATE", "priv-from-env-secret")
    cfg = load_config(_write(tmp_path, GOOD))
    assert cfg.environments["billing"].kind == "chargeover" and cfg.environments["fusebill"].kind == "fusebill"
    env = cfg.resolve()
    assert (env.kind, env.public_key, env.private_key, env.read_only) == (
        "chargeover", "pub-from-env", "priv-from-env-secret", True)
    assert env.base_url == "https://example.chargeover.com/api/v3" and not env.is_sandbox
    assert "priv-from-env-secret" not in repr(env) + str(env) + repr(cfg.environments["billing"])


def test_key_sources_are_worded_without_the_keys(tmp_path) -> None:
    cfg = load_config(_write(tmp_path, GOOD))
    assert cfg.environments["billing"].key_source == "public from $CO_PUBLIC, private from $CO_PRIVATE"
    assert cfg.environments["literal"].key_source == "both in the config file"
    assert "priv-literal-secret" not in repr(cfg.environments["literal"])


def test_literal_keys_and_a_bare_instance_url(tmp_path) -> None:
    env = load_config(_write(tmp_path, GOOD)).resolve("literal")
    assert env.base_url == "https://other.chargeover.com/api/v3"
    assert (env.public_key, env.private_key) == ("pub-literal", "priv-literal-secret")


def test_a_missing_variable_fails_only_for_that_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CO_PUBLIC", "p")
    cfg = load_config(_write(tmp_path, GOOD))
    with pytest.raises(ConfigError, match="CO_PRIVATE"):
        cfg.resolve("billing")
    assert cfg.resolve("literal").kind == "chargeover"


def test_literal_keys_need_a_private_file(tmp_path) -> None:
    with pytest.raises(ConfigError, match="chmod 600"):
        load_config(_write(tmp_path, GOOD, mode=0o644))


@pytest.mark.parametrize("table, key, fragment", [
    ('kind = "recurly"\nbase_url = "https://x.example.com"', "kind", "must be one of"),
    ('kind = "chargeover"\nbase_url = "https://x.chargeover.com/api/v3"\napi_key = "k"', "api_key",
     "not a key of a chargeover environment"),
    ('base_url = "https://x.fusebill.com/v1"\npublic_key = "k"', "public_key", "not a key of a fusebill"),
    ('kind = "chargeover"\nbase_url = "https://x.chargeover.com/api/v3"\nprivate_key_env = "A"', "public_key",
     "is missing"),
    ('kind = "chargeover"\nbase_url = "https://x.chargeover.com/api/v3"\npublic_key = "a"\npublic_key_env = "A"'
     '\nprivate_key_env = "B"', "env", "not both"),
    ('kind = "chargeover"\nbase_url = "http://x.chargeover.com/api/v3"\npublic_key_env = "A"\nprivate_key_env = "B"',
     "base_url", "https://"),
    ('kind = "chargeover"\nbase_url = "https://x.chargeover.com/v1"\npublic_key_env = "A"\nprivate_key_env = "B"',
     "base_url", "/api/v3"),
    ('kind = "chargeover"\nbase_url = "https://x.chargeover.com"\npublic_key_env = "A-B"\nprivate_key_env = "B"',
     "public_key_env", "environment variable"),
    ('kind = "chargeover"\nbase_url = "https://x.chargeover.com"\npublic_key = " "\nprivate_key_env = "B"',
     "public_key", "is empty"),
    ('kind = "chargeover"\nbase_url = "https://x.chargeover.com"\npublic_key_env = "A"\nprivate_key_env = "B"'
     '\nsecret = 1', "secret", "unknown key"),
])
def test_bad_chargeover_environments_name_the_key(tmp_path, table, key, fragment) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, f"[environments.co]\n{table}\n"))
    assert key in (info.value.key or "") and fragment in str(info.value)


def test_loopback_http_is_allowed_for_a_local_chargeover_sandbox(tmp_path) -> None:
    path = _write(tmp_path, '[environments.co]\nkind = "chargeover"\nbase_url = "http://127.0.0.1:8080"\n'
                            'public_key_env = "A"\nprivate_key_env = "B"\n')
    assert load_config(path).environments["co"].base_url == "http://127.0.0.1:8080/api/v3"


def test_demo_with_kind_chargeover_is_the_built_in_chargeover_sandbox(tmp_path) -> None:
    cfg = load_config(tmp_path / "none.toml")
    env = cfg.resolve(demo=True, kind="chargeover")
    assert (env.name, env.base_url, env.kind, env.is_sandbox) == (
        CHARGEOVER_SANDBOX_ENV_NAME, CHARGEOVER_SANDBOX_BASE_URL, "chargeover", True)
    assert (env.public_key, env.private_key) == (CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY)
    assert cfg.resolve(kind="chargeover").kind == "chargeover"  # no environments: the sandbox of that kind
    fusebill = cfg.resolve(demo=True)
    assert fusebill.kind == "fusebill" and fusebill.api_key == DEFAULT_API_KEY
    assert builtin_sandbox(kind="chargeover") == env


def test_kind_must_match_a_named_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FB_KEY", "k")
    cfg = load_config(_write(tmp_path, GOOD))
    with pytest.raises(ConfigError, match="is a fusebill environment, not chargeover"):
        cfg.resolve("fusebill", kind="chargeover")
    with pytest.raises(ConfigError, match="unknown kind"):
        cfg.resolve(kind="stripe")


def test_base_url_with_kind_chargeover_takes_keys_from_the_variables(tmp_path, monkeypatch) -> None:
    cfg = load_config(tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="CHARGEOVER_PUBLIC_KEY and CHARGEOVER_PRIVATE_KEY"):
        cfg.resolve(base_url="https://x.chargeover.com", kind="chargeover")
    monkeypatch.setenv("CHARGEOVER_PUBLIC_KEY", "p")
    monkeypatch.setenv("CHARGEOVER_PRIVATE_KEY", "s")
    env = cfg.resolve(base_url="https://x.chargeover.com", kind="chargeover")
    assert (env.base_url, env.public_key, env.private_key, env.kind) == (
        "https://x.chargeover.com/api/v3", "p", "s", "chargeover")


def test_the_app_writes_a_chargeover_environment_privately(tmp_path) -> None:
    cfg = load_config(tmp_path / "config.toml")
    cfg.add_environment(EnvironmentConfig(name="co", base_url="https://x.chargeover.com", kind="chargeover",
                                          public_key="pub", private_key_env="CO_PRIVATE"))
    text = cfg.app_path.read_text()
    assert 'kind = "chargeover"' in text and 'public_key = "pub"' in text and 'private_key_env = "CO_PRIVATE"' in text
    assert os.stat(cfg.app_path).st_mode & 0o777 == 0o600
    again = load_config(tmp_path / "config.toml").environments["co"]
    assert (again.kind, again.base_url, again.public_key, again.private_key_env) == (
        "chargeover", "https://x.chargeover.com/api/v3", "pub", "CO_PRIVATE")
    with pytest.raises(ConfigError, match="private key"):
        cfg.add_environment(EnvironmentConfig(name="co2", base_url="https://x.chargeover.com", kind="chargeover",
                                              public_key="pub"))


def test_a_key_pair_with_a_typographic_quote_is_refused_without_showing_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CO_PUBLIC", "pub-from-env")
    monkeypatch.setenv("CO_PRIVATE", "priv\u2019secret")
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, GOOD)).resolve("billing")
    assert "private key in $CO_PRIVATE" in str(caught.value) and "secret" not in str(caught.value)
