"""ruff and mypy, with the project's own configuration (pyproject.toml), as part of the suite.

They run here so that the README's one test command, and CI which runs it, check lint and types too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr
