"""Fixtures for config tests: copies of the sample files in a private temp dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "config"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No config or key variables leak in from the developer's shell."""
    for var in ("FUSEBILL_TUI_CONFIG", "FUSEBILL_API_KEY", "FUSEBILL_PROD_KEY", "LOCAL_KEY",
                "STAGING_KEY", "ONLY_KEY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def config_file(tmp_path: Path):
    """Copy a sample config into tmp_path as config.toml with mode 0600 and return its path."""

    def copy(name: str, mode: int = 0o600) -> Path:
        target = tmp_path / "config.toml"
        shutil.copyfile(DATA / name, target)
        target.chmod(mode)
        return target

    return copy
