"""Fixtures for the command-line tests: a client wired to the small in-process sandbox."""

from __future__ import annotations

import pytest

from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY
from fusebill_tui.vendors.fusebill import FusebillClient

SANDBOX_URL = "https://sandbox.invalid/v1"


@pytest.fixture
async def cli_client(sandbox_transport):
    """A FusebillClient talking to the ``sandbox`` fixture through its in-process transport."""
    async with FusebillClient(SANDBOX_URL, DEFAULT_API_KEY, transport=sandbox_transport) as client:
        yield client


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands never read the developer's own config or keys."""
    monkeypatch.setenv("FUSEBILL_TUI_CONFIG", str(tmp_path / "no-such-dir" / "config.toml"))
    monkeypatch.delenv("FUSEBILL_API_KEY", raising=False)
    monkeypatch.delenv("FUSEBILL_TUI_DEBUG", raising=False)
