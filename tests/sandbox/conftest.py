"""Sandbox test fixtures: an authenticated client to the shared ``sandbox_transport``."""

from __future__ import annotations

import pytest

from .helpers import client_for


@pytest.fixture
async def api(sandbox_transport):
    """An httpx.AsyncClient sending the default key to the in-process sandbox."""
    async with client_for(sandbox_transport) as client:
        yield client
