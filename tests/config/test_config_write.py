"""Writing settings from the app: the hand-written file is never touched; the app file is private."""

from __future__ import annotations

import stat

import pytest

from fusebill_tui.config import ConfigError, EnvironmentConfig, load_config


def test_adding_an_environment_leaves_the_hand_written_file_byte_for_byte(config_file) -> None:
    path = config_file("good.toml")
    before = path.read_bytes()
    cfg = load_config(path)
    cfg.add_environment(EnvironmentConfig(name="eu", base_url="https://eu.example.com/v1",
                                          api_key="eu-secret"), make_default=False)
    cfg.save_filter("big CAD", "currency:CAD")
    assert path.read_bytes() == before  # comments and all
    assert b"# Hand-written config" in path.read_bytes()

    reloaded = load_config(path)
    assert reloaded.environments["eu"].base_url == "https://eu.example.com/v1"
    assert reloaded.resolve("eu").api_key == "eu-secret"
    assert reloaded.saved_filters["big CAD"] == "currency:CAD"
    assert reloaded.saved_filters["on hold"] == "status:Suspended"
    assert reloaded.default == "staging"  # the hand-written default still wins


def test_app_file_is_written_0600_beside_the_config(tmp_path) -> None:
    path = tmp_path / "cfgdir" / "config.toml"
    cfg = load_config(path)
    cfg.add_environment(EnvironmentConfig(name="prod", base_url="https://secure.fusebill.com/v1",
                                          api_key="p-secret"), make_default=True)
    app_file = tmp_path / "cfgdir" / "config.app.toml"
    assert app_file.exists() and not path.exists()
    assert stat.S_IMODE(app_file.stat().st_mode) == 0o600
    assert [p.name for p in app_file.parent.iterdir()] == ["config.app.toml"]  # no temp files left
    reloaded = load_config(path)
    assert reloaded.default == "prod"
    env = reloaded.resolve()
    assert env.name == "prod" and env.api_key == "p-secret" and env.is_production


def test_hand_written_environment_wins_and_cannot_be_replaced_or_removed(config_file) -> None:
    path = config_file("good.toml")
    cfg = load_config(path)
    with pytest.raises(ConfigError, match="by hand"):
        cfg.add_environment(EnvironmentConfig(name="staging", base_url="https://x.example.com/v1",
                                              api_key_env="X"))
    with pytest.raises(ConfigError, match="by hand"):
        cfg.remove_environment("staging")
    with pytest.raises(ConfigError, match="by hand"):
        cfg.save_filter("on hold", "status:Active")


def test_clash_written_outside_the_app_resolves_to_the_hand_written_entry(config_file) -> None:
    path = config_file("good.toml")
    (path.parent / "config.app.toml").write_text(
        '[environments.staging]\nbase_url = "https://other.example.com/v1"\napi_key_env = "X"\n')
    (path.parent / "config.app.toml").chmod(0o600)
    assert load_config(path).environments["staging"].base_url == "https://stg-secure.fusebill.com/v1"


def test_remove_app_environment_and_filter(tmp_path) -> None:
    path = tmp_path / "config.toml"
    cfg = load_config(path)
    cfg.add_environment(EnvironmentConfig(name="a", base_url="https://a.example.com/v1",
                                          api_key_env="A_KEY"), make_default=True)
    cfg.save_filter("f", "status:Active")
    cfg.remove_environment("a")
    cfg.remove_filter("f")
    reloaded = load_config(path)
    assert reloaded.environments == {} and reloaded.default is None and reloaded.saved_filters == {}


def test_adding_an_invalid_environment_writes_nothing(tmp_path) -> None:
    cfg = load_config(tmp_path / "config.toml")
    with pytest.raises(ConfigError, match="https://"):
        cfg.add_environment(EnvironmentConfig(name="bad", base_url="http://example.com/v1",
                                              api_key_env="K"))
    assert list(tmp_path.iterdir()) == []
