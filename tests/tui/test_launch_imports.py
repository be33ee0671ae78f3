"""Heavy modules stay off the launch path: after the first frame with customer rows, started the way the
command line starts the app (the first page requested first, then the app imported), a fresh interpreter
has not imported the dialogs, the flows, the palette's providers, the customer screen, the tour, the
headless or web code, nor (over HTTP) the sandbox and Starlette.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALWAYS_OFF = ("fusebill_tui.tui.dialogs", "fusebill_tui.tui.flows", "fusebill_tui.tui.commands",
              "fusebill_tui.tui.screens.customer_detail", "fusebill_tui.tui.screens.help", "fusebill_tui.tui.tour",
              "fusebill_tui.headless", "fusebill_tui.web", "uvicorn")
OFF_OVER_HTTP = ("fusebill_tui.sandbox", "starlette")

# Run in a child: the launch as tui.launch does it, but under run_test, reading sys.modules in the frame
# that first shows the rows (the background warm-up after that frame is turned off).
CHILD = """
import asyncio, json, sys
from fusebill_tui.cli import build_parser, resolve_environment
from fusebill_tui.tui.first_read import FirstRead, open_session

async def main():
    config, environment = resolve_environment(build_parser().parse_args(sys.argv[1:]))
    first = FirstRead.start(open_session(environment))
    from fusebill_tui.tui.app import FusebillApp
    from fusebill_tui.tui.screens.customer_list import CustomerListScreen
    FusebillApp.WARM_UP_IMPORTS = False
    app = FusebillApp(config, environment, first_read=first)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            screen = app.screen
            if isinstance(screen, CustomerListScreen) and screen.table.row_count:
                break
            await pilot.pause(0.05)
        rows = app.screen.table.row_count
        print(json.dumps({"rows": rows, "modules": sorted(sys.modules)}))

asyncio.run(main())
"""


def _loaded(argv: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> set[str]:
    child_env = {**os.environ, "FUSEBILL_TUI_CONFIG": str(tmp_path / "config.toml"), **(env or {})}
    done = subprocess.run([sys.executable, "-c", CHILD, *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=child_env, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rows"] > 0
    return set(result["modules"])


def _heavy(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_the_built_in_sandbox_launch_imports_no_dialog_flow_palette_or_customer_screen(tmp_path: Path) -> None:
    modules = _loaded(["--demo"], tmp_path)
    assert "fusebill_tui.sandbox.fusebill" in modules  # the embedded sandbox answers, so it is there
    assert _heavy(modules, ALWAYS_OFF) == []


@pytest.fixture
def served_sandbox(tmp_path: Path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "fusebill_tui", "sandbox", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "FUSEBILL_TUI_CONFIG": str(tmp_path / "server.toml")})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the sandbox server did not start"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_launch_over_http_imports_neither_the_sandbox_nor_starlette(tmp_path: Path, served_sandbox: str) -> None:
    modules = _loaded(["--base-url", served_sandbox], tmp_path, {"FUSEBILL_API_KEY": "c2FuZGJveDpzYW5kYm94"})
    assert _heavy(modules, OFF_OVER_HTTP + ALWAYS_OFF) == []
