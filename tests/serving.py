"""Start `fusebill-tui serve` in a subprocess for the serve and browser tests, and stop it."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

STARTUP_LIMIT = 20.0  # seconds: an upper bound, not an expectation
PRINTED_URL = re.compile(r"serving .* on (http://\S+)")


class Served(str):
    """The server's base URL (``http://127.0.0.1:PORT``), with the address it printed (token included)."""

    printed: str
    token: str | None
    log_path: Path

    def log(self) -> str:
        """Everything the server wrote so far."""
        return self.log_path.read_text()


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a child: an empty config of its own, no debug output."""
    env = {**os.environ, "FUSEBILL_TUI_CONFIG": str(tmp_path / "config.toml"), "PYTHONUNBUFFERED": "1"}
    env.pop("FUSEBILL_TUI_DEBUG", None)
    return env


@contextlib.contextmanager
def serving(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """Run `fusebill-tui serve ARGS --port N` until the block ends; yields its base URL and printed address."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w+")
    server = subprocess.Popen([sys.executable, "-m", "fusebill_tui", "serve", *args, "--port", str(port)],
                              env={**quiet_env(tmp_path), **(env or {})}, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + STARTUP_LIMIT
        while True:
            if server.poll() is not None:
                log.seek(0)
                raise AssertionError(f"serve exited early: {log.read()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"serve did not listen on {port} within {STARTUP_LIMIT}s") from None
                time.sleep(0.05)  # polling for the port, bounded by the deadline
        served = Served(f"http://127.0.0.1:{port}")
        printed = PRINTED_URL.search(log_path.read_text())
        assert printed, log_path.read_text()
        served.printed = printed.group(1)
        served.token = served.printed.partition("?token=")[2] or None
        served.log_path = log_path
        yield served
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
