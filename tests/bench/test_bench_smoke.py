"""The benchmark runs end to end with tiny settings and reports every figure (it never asserts a timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {
    "launch_ms", "open_customer_rtt", "next_page_ms", "previous_page_ms", "revisit_customer_requests",
    "revisit_page_requests", "requests_per_customer", "requests_per_page", "list_key_frames",
    "invoices_key_frames", "rss_peak_mb", "rss_final_mb", "export_seconds", "export_requests",
}


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    """The documented command, from the checkout root."""
    return subprocess.run([sys.executable, "-m", "bench", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One smoke run of the benchmark, written to a temporary directory."""
    out = tmp_path_factory.mktemp("bench")
    return out, bench("--smoke", "--out", str(out))


def test_the_smoke_run_reports_every_figure_with_sane_values(smoke_run) -> None:
    out, done = smoke_run
    assert done.returncode == 0, done.stderr
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    figures = results["figures"]
    assert set(figures) == FIGURES
    for fig in figures.values():
        assert fig["value"] >= 0, fig
        assert fig["target"], fig
    # Counts the sandbox's request log saw: opening a customer reads every panel, a revisit nothing.
    assert figures["requests_per_customer"]["value"] >= 5
    assert figures["revisit_customer_requests"]["value"] == 0
    assert figures["revisit_page_requests"]["value"] == 0
    assert figures["requests_per_page"]["value"] >= 1
    raw = results["raw"]
    assert raw["export"]["written"] > 0 and raw["export"]["failed"] == ""
    assert raw["export"]["requests"] == -(-raw["export"]["written"] // raw["export"]["page_size"])
    assert raw["memory"]["pages"] == 4 and raw["memory"]["rss_final_mb"] > 0
    assert len(raw["session"]["list_key_ms"]) == 2
    assert results["machine"] and results["date"] and results["command"].startswith("python -m bench")
    assert (out / "terminal.json").exists()  # the real-terminal figures run with the rest


def test_results_md_shows_every_figure_with_its_target(smoke_run) -> None:
    out, _done = smoke_run
    text = (out / "RESULTS.md").read_text(encoding="utf-8")
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    for fig in results["figures"].values():
        row = next((line for line in text.splitlines() if line.startswith(f"| {fig['label']} |")), None)
        assert row is not None, fig["label"]
        assert fig["target"] in row
    assert "## Real terminal" in text


def test_compare_shows_the_change_against_the_previous_results(smoke_run) -> None:
    out, _done = smoke_run
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    previous = json.loads(json.dumps(results))
    previous["figures"]["requests_per_customer"]["value"] = results["figures"]["requests_per_customer"]["value"] * 2
    (out / "results.previous.json").write_text(json.dumps(previous), encoding="utf-8")
    done = bench("--compare", "--out", str(out))
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("Requests per customer opened"))
    assert "(-50%)" in line
