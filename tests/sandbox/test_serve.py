"""Serving a sandbox over a socket: the bound socket goes to uvicorn, the banner names the real port."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from fusebill_tui.sandbox.chargeover import ChargeOverSettings
from fusebill_tui.sandbox.chargeover.server import serve as serve_chargeover
from fusebill_tui.sandbox.fusebill import SandboxSettings
from fusebill_tui.sandbox.fusebill.server import serve as serve_fusebill
from fusebill_tui.sandbox_defaults import CHARGEOVER_PRIVATE_KEY, CHARGEOVER_PUBLIC_KEY


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, list[socket.socket]]]]:
    """What uvicorn would serve, recorded instead of blocking (the sockets closed afterwards)."""
    calls: list[tuple[Any, list[socket.socket]]] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: calls.append((self.config.app, sockets)))
    yield calls
    for _app, sockets in calls:
        for sock in sockets:
            sock.close()


def _listening_port(served: list[tuple[Any, list[socket.socket]]]) -> int:
    [(_app, [sock])] = served
    port = sock.getsockname()[1]
    assert port != 0
    return int(port)


def test_the_fusebill_sandbox_is_served_on_a_free_port(served, capsys) -> None:
    serve_fusebill(SandboxSettings(customers=50, seed=3, api_key="k3y"), host="127.0.0.1", port=0)
    port = _listening_port(served)
    assert served[0][0].state.sandbox.settings.customers == 50
    assert capsys.readouterr().out.splitlines() == [
        f"Fusebill sandbox API at http://127.0.0.1:{port}/v1 (50 customers, seed 3)",
        "Accepted key: Authorization: Basic k3y",
    ]


def test_the_chargeover_sandbox_is_served_on_a_free_port(served, capsys) -> None:
    serve_chargeover(ChargeOverSettings(customers=40, seed=5), host="127.0.0.1", port=0)
    port = _listening_port(served)
    assert served[0][0].state.chargeover.settings.customers == 40
    assert capsys.readouterr().out.splitlines() == [
        f"ChargeOver sandbox API at http://127.0.0.1:{port}/api/v3 (40 customers, seed 5)",
        f"Accepted keys: public {CHARGEOVER_PUBLIC_KEY}, private {CHARGEOVER_PRIVATE_KEY}",
    ]
