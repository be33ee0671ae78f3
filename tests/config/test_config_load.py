"""Loading and validating config files: every bad file names the file, the key or the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusebill_tui.config import ConfigError, default_config_path, load_config
from fusebill_tui.sandbox_defaults import (
    DEFAULT_API_KEY,
    SANDBOX_BASE_URL,
    SANDBOX_ENV_NAME,
)


def _error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value


def test_good_file_loads_environments_default_and_filters(config_file) -> None:
    cfg = load_config(config_file("good.toml"))
    assert cfg.default == "staging"
    assert sorted(cfg.environments) == ["local", "production", "staging"]
    assert cfg.environments["staging"].base_url == "https://stg-secure.fusebill.com/v1"
    assert cfg.environments["production"].read_only is True
    assert cfg.environments["production"].is_production is True  # inferred from the host
    assert cfg.environments["staging"].is_production is False
    assert cfg.saved_filters == {
        "poor standing, CAD": "customerAccountStatus:Poor;currency:CAD",
        "on hold": "status:Suspended",
    }


def test_default_environment_resolves_with_literal_key_and_timezone(config_file) -> None:
    env = load_config(config_file("good.toml")).resolve()
    assert env.name == "staging"
    assert env.api_key == "staging-literal-key-123"
    assert env.timezone == "America/Toronto"
    assert not env.is_sandbox and not env.read_only


def test_key_from_api_key_env(config_file, monkeypatch) -> None:
    monkeypatch.setenv("FUSEBILL_PROD_KEY", "prod-key-from-env")
    env = load_config(config_file("good.toml")).resolve("production")
    assert env.api_key == "prod-key-from-env"
    assert env.read_only and env.is_production


def test_loopback_http_is_allowed(config_file, monkeypatch) -> None:
    monkeypatch.setenv("LOCAL_KEY", "k")
    env = load_config(config_file("good.toml")).resolve("local")
    assert env.base_url == "http://127.0.0.1:8080/v1"


def test_read_only_flag_forces_read_only(config_file) -> None:
    env = load_config(config_file("good.toml")).resolve(read_only=True)
    assert env.read_only


def test_explicit_production_flag_and_single_environment_is_default(config_file, monkeypatch) -> None:
    monkeypatch.setenv("ONLY_KEY", "k")
    env = load_config(config_file("good_minimal.toml")).resolve()
    assert env.name == "only" and env.is_production


def test_no_config_file_resolves_the_builtin_sandbox(tmp_path) -> None:
    cfg = load_config(tmp_path / "absent" / "config.toml")
    assert not cfg.exists and cfg.environments == {}
    env = cfg.resolve()
    assert env.is_sandbox and env.name == SANDBOX_ENV_NAME
    assert env.base_url == SANDBOX_BASE_URL and env.api_key == DEFAULT_API_KEY


def test_demo_forces_the_sandbox_whatever_the_config_says(config_file) -> None:
    env = load_config(config_file("good.toml")).resolve(name="staging", demo=True)
    assert env.is_sandbox


def test_config_path_from_environment_variable(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FUSEBILL_TUI_CONFIG", str(tmp_path / "x.toml"))
    assert default_config_path() == tmp_path / "x.toml"
    assert load_config().path == tmp_path / "x.toml"


def test_ad_hoc_base_url_takes_key_from_fusebill_api_key(tmp_path, monkeypatch) -> None:
    cfg = load_config(tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="FUSEBILL_API_KEY"):
        cfg.resolve(base_url="https://secure.fusebill.com/v1")
    monkeypatch.setenv("FUSEBILL_API_KEY", "adhoc-key")
    env = cfg.resolve(base_url="https://secure.fusebill.com/v1/")
    assert env.base_url == "https://secure.fusebill.com/v1" and env.api_key == "adhoc-key"
    assert env.is_production


def test_ad_hoc_http_to_remote_host_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FUSEBILL_API_KEY", "adhoc-key")
    cfg = load_config(tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="https://"):
        cfg.resolve(base_url="http://example.com/v1")
    for host in ("127.0.0.1", "127.8.9.10", "[::1]", "localhost"):
        assert cfg.resolve(base_url=f"http://{host}:9/v1").base_url == f"http://{host}:9/v1"


def test_repr_and_str_never_show_the_key(config_file) -> None:
    cfg = load_config(config_file("good.toml"))
    env = cfg.resolve("staging")
    for text in (repr(env), str(env), repr(cfg.environments["staging"]), repr(cfg)):
        assert "staging-literal-key-123" not in text


# -- one failure per bad file -------------------------------------------------------------


def test_syntax_error_names_file_and_line(config_file) -> None:
    path = config_file("bad_syntax.toml")
    err = _error(path)
    assert err.line == 4
    assert str(path) in str(err) and "line 4" in str(err)


def test_unknown_key_is_named(config_file) -> None:
    path = config_file("bad_unknown_key.toml")
    err = _error(path)
    assert err.key == "environments.staging.readonly"
    assert str(path) in str(err) and "environments.staging.readonly" in str(err)


def test_unknown_top_level_key_is_named(config_file) -> None:
    assert _error(config_file("bad_unknown_top.toml")).key == "defualt"


def test_missing_base_url(config_file) -> None:
    err = _error(config_file("bad_missing_base_url.toml"))
    assert err.key == "environments.staging.base_url" and "missing" in str(err)


def test_http_to_a_non_loopback_host(config_file) -> None:
    err = _error(config_file("bad_http_remote.toml"))
    assert err.key == "environments.staging.base_url" and "https://" in str(err)


def test_wrong_type(config_file) -> None:
    err = _error(config_file("bad_wrong_type.toml"))
    assert err.key == "environments.staging.read_only" and "true or false" in str(err)


def test_default_naming_a_missing_environment(config_file) -> None:
    err = _error(config_file("bad_default.toml"))
    assert err.key == "default" and "'prod'" in str(err)


def test_both_key_forms(config_file) -> None:
    assert "not both" in str(_error(config_file("bad_both_keys.toml")))


def test_unknown_timezone(config_file) -> None:
    assert _error(config_file("bad_timezone.toml")).key == "environments.staging.timezone"


def test_literal_key_in_a_file_others_can_read_is_refused_with_the_fix(config_file) -> None:
    path = config_file("loose_literal_key.toml", mode=0o644)
    err = _error(path)
    assert f"chmod 600 {path}" in str(err)
    assert "literal-secret-key-999" not in str(err)
    path.chmod(0o600)
    assert load_config(path).resolve().api_key == "literal-secret-key-999"


def test_loose_permissions_are_fine_without_a_literal_key(config_file, monkeypatch) -> None:
    monkeypatch.setenv("ONLY_KEY", "k")
    assert load_config(config_file("good_minimal.toml", mode=0o644)).resolve().api_key == "k"


def test_unknown_environment_name(config_file) -> None:
    cfg = load_config(config_file("good.toml"))
    with pytest.raises(ConfigError) as info:
        cfg.resolve("prod")
    assert "'prod'" in str(info.value) and "production" in str(info.value)


def test_api_key_env_not_set(config_file) -> None:
    cfg = load_config(config_file("good.toml"))
    with pytest.raises(ConfigError) as info:
        cfg.resolve("production")
    assert "FUSEBILL_PROD_KEY" in str(info.value) and "not set" in str(info.value)
    assert info.value.key == "environments.production"


def test_key_source_reads_naturally_after_key_colon() -> None:
    from fusebill_tui.config import EnvironmentConfig

    def source(**key) -> str:
        return f"key: {EnvironmentConfig(name='x', base_url='https://stg-secure.fusebill.com/v1', **key).key_source}"

    assert source(api_key="secret-literal") == "key: in the config file"
    assert source(api_key_env="FUSEBILL_PROD_KEY") == "key: from $FUSEBILL_PROD_KEY"
    assert source(api_key_env="FUSEBILL_API_KEY") == "key: from $FUSEBILL_API_KEY"
    assert source() == "key: not set"
