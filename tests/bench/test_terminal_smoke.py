"""The real-terminal benchmark runs once, end to end, and reports every figure (it never asserts a timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {
    "bare_ms", "launch_demo_ms", "launch_demo_ratio", "launch_http_ms", "launch_http_rtt", "glance_cold_ms",
    "glance_cold_rtt", "glance_rested_ms", "glance_rested_frames", "next_page_ms", "next_page_frames",
    "bare_rss_mb", "demo_rss_mb", "later_cold_ms", "later_cold_rtt", "later_rested_ms", "later_rested_frames",
}
#: Counts of requests (read from the server), which may well be 0: resting on a row reads it ahead.
REQUESTS = {"open_cold_requests", "open_rested_requests", "read_ahead_extra_requests_per_open"}


def test_the_terminal_smoke_run_reports_every_figure_from_the_screens_it_read(tmp_path: Path) -> None:
    (tmp_path / "RESULTS.md").write_text("# Benchmark results\n\nthe in-process figures\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bench.terminal", "--smoke", "--out", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "terminal.json").read_text(encoding="utf-8"))
    figures = results["figures"]
    assert set(figures) == FIGURES | REQUESTS
    assert all(figures[name] > 0 for name in FIGURES), figures
    assert figures["open_cold_requests"] >= 6, figures  # a cold open reads the customer's first screen
    assert all(isinstance(figures[name], int | float) for name in REQUESTS), figures
    assert all(len(samples) >= 1 for samples in results["raw"].values()), results["raw"]
    screens = results["screens"]
    assert "Last0, First0" in screens["bare"]
    assert "page 1 of" in screens["demo"] and "Hill, Zoey" in screens["demo"]  # the demo data's first customer
    assert "page 2 of" in screens["next_page"] and "Hill, Zoey" not in screens["next_page"]
    for glance in (screens["glance_cold"], screens["glance_rested"]):
        assert "David Miller" in glance and "AR balance" in glance and "Latest invoices" in glance
        assert "Loading" not in glance
    for later in (screens["later_cold"], screens["later_rested"]):  # the row above, on the refilled screen
        assert "Zoey Hill" in later and "AR balance" in later and "David Miller" not in later
        assert "Loading" not in later
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "the in-process figures" in text and "## Real terminal" in text
    assert "python -m bench.terminal --smoke" in text
