"""The real thing: `python -m fusebill_tui sandbox` on a socket, queried by the CLI in other processes."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time

from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY

STARTUP_LIMIT = 20.0  # seconds: an upper bound, not an expectation


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_listening(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"sandbox exited early: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)  # polling for the port, bounded by the deadline
    raise AssertionError(f"sandbox did not listen on port {port} within {STARTUP_LIMIT}s")


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fusebill_tui", *args], env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_sandbox_server_answers_balance_and_csv_export(tmp_path) -> None:
    port = _free_port()
    env = {**os.environ, "FUSEBILL_TUI_CONFIG": str(tmp_path / "config.toml"),
           "PYTHONUNBUFFERED": "1"}
    env.pop("FUSEBILL_TUI_DEBUG", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "fusebill_tui", "sandbox", "--port", str(port), "--customers", "50"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        _wait_until_listening(server, port)
        client_env = {**env, "FUSEBILL_API_KEY": DEFAULT_API_KEY}
        base_url = f"http://127.0.0.1:{port}/v1"

        balance = _cli("balance", "650084", "--base-url", base_url, env=client_env)
        assert balance.returncode == 0, balance.stderr
        lines = balance.stdout.splitlines()
        assert lines[0] == "Customer 650084: Dr Foreman Mai Travis Jr."
        assert next(line for line in lines if line.startswith("AR balance:")).endswith("0.00 USD")
        assert DEFAULT_API_KEY not in balance.stdout + balance.stderr

        export = _cli("--base-url", base_url, "customers", "--all", "--format", "csv",
                      "--page-size", "20", env=client_env)
        assert export.returncode == 0, export.stderr
        rows = list(csv.DictReader(io.StringIO(export.stdout)))
        ids = [int(row["id"]) for row in rows]
        assert len(rows) >= 50 and ids == sorted(set(ids))
        assert export.stderr.splitlines()[-1] == f"fetched {len(rows)} customers"

        wrong_key = _cli("balance", "650084", "--base-url", base_url,
                         env={**env, "FUSEBILL_API_KEY": "not-the-key"})
        assert wrong_key.returncode == 1 and wrong_key.stdout == ""
        assert "check the API key" in wrong_key.stderr and "not-the-key" not in wrong_key.stderr
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
