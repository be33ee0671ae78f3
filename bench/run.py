"""``python -m bench``: run every scenario, write RESULTS.md and results.json, compare with the last run."""

from __future__ import annotations

import argparse
import asyncio
import json
import shlex
import subprocess
import sys
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

from bench import export, report, scenarios_app, terminal
from bench.harness import make_sandbox
from bench.machine import machine

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    """What one run measures, and how much of it."""

    rtt_ms: float = 100.0
    repeats: int = 5
    key_presses: int = 20
    customers: int = 100_000
    memory_pages: int = 1000
    export_customers: int = 100_000
    export_page_size: int = 1000
    per_minute: int = 1000
    target_requests_per_customer: int = 6


#: A tiny run for the smoke test: every figure, a few seconds, meaningless values.
SMOKE = Settings(rtt_ms=5.0, repeats=1, key_presses=2, customers=300, memory_pages=4, export_customers=300,
                 export_page_size=100)


async def measure(settings: Settings) -> dict[str, Any]:
    """Every scenario; the raw samples."""
    rtt = settings.rtt_ms / 1000
    raw: dict[str, Any] = {"bare_ms": [], "launch_ms": [], "launch_requests": []}
    await scenarios_app.bare_first_paint()  # warm-up: first imports and CSS parsing are not launch costs
    await scenarios_app.launch(make_sandbox(settings.customers, rtt))
    for _ in range(settings.repeats):  # interleaved, so both meet the same noise
        raw["bare_ms"].append(await scenarios_app.bare_first_paint())
        ms, requests = await scenarios_app.launch(make_sandbox(settings.customers, rtt))
        raw["launch_ms"].append(ms)
        raw["launch_requests"].append(requests)
    raw["session"] = await scenarios_app.session(make_sandbox(settings.customers, rtt), repeats=settings.repeats,
                                                 key_presses=settings.key_presses)
    raw["memory"] = memory_walk(settings)
    raw["export"] = await export.export(settings.export_customers, settings.export_page_size, rtt, settings.per_minute)
    return raw


def memory_walk(settings: Settings) -> dict[str, Any]:
    """The RSS walk, in a process of its own (so its peak is its own)."""
    command = [sys.executable, "-m", "bench.memory", "--customers", str(settings.customers),
               "--pages", str(settings.memory_pages)]
    done = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark: the memory walk failed:\n{done.stderr}")
    return json.loads(done.stdout)


def load(path: Path) -> dict[str, Any] | None:
    """A results file, or None when there is none."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def write(out: Path, current: dict[str, Any]) -> dict[str, Any] | None:
    """Keep the last results as results.previous.json, write the new ones and RESULTS.md; the previous results."""
    out.mkdir(parents=True, exist_ok=True)
    latest, previous_path = out / "results.json", out / "results.previous.json"
    previous = load(latest)
    if previous is not None:
        previous_path.write_text(latest.read_text(encoding="utf-8"), encoding="utf-8")
    # Indented (stdlib json: no money here) so that a diff of two runs reads figure by figure.
    latest.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    notes_path = HERE / "NOTES.md"
    notes = notes_path.read_text(encoding="utf-8") if notes_path.exists() and out == HERE else ""
    (out / "RESULTS.md").write_text(report.markdown(current, previous, notes), encoding="utf-8")
    return previous


def compare(out: Path) -> int:
    """Print the change from results.previous.json to results.json (no run)."""
    current, previous = load(out / "results.json"), load(out / "results.previous.json")
    if current is None:
        sys.stderr.write(f"no results in {out}: run `python -m bench` first\n")
        return 1
    if previous is None:
        sys.stderr.write("no previous results to compare with (they are kept from the run before the last)\n")
        return 1
    rows = report.comparison(current, previous)
    width = max(len(label) for label, *_ in rows)
    sys.stdout.write(f"{'figure':<{width}}  {'previous':>12}  {'now':>12}  change\n")
    for label, old, now, change in rows:
        sys.stdout.write(f"{label:<{width}}  {old:>12}  {now:>12}  {change}\n")
    return 0


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--rtt-ms", type=float, help="latency the sandbox adds to every response (default 100)")
    parser.add_argument("--repeats", type=int, help="repeats per timed figure (default 5)")
    parser.add_argument("--key-presses", type=int, help="key presses per table (default 20)")
    parser.add_argument("--customers", type=int, help="customers in the app's sandbox (default 100,000)")
    parser.add_argument("--memory-pages", type=int, help="pages turned in the RSS walk (default 1,000)")
    parser.add_argument("--export-customers", type=int, help="customers exported (default 100,000)")
    parser.add_argument("--export-page-size", type=int, help="export page size (default 1,000, the maximum)")
    parser.add_argument("--smoke", action="store_true", help="a tiny run that only checks the benchmark works")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write results (default bench/)")
    parser.add_argument("--compare", action="store_true", help="only show the change between the last two runs")
    parser.add_argument("--no-terminal", action="store_true",
                        help="skip the real-terminal figures (python -m bench.terminal runs only those)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or only compare) and print where the results are."""
    ns = parse(argv)
    if ns.compare:
        return compare(ns.out)
    settings = SMOKE if ns.smoke else Settings()
    given = {name: value for name, value in vars(ns).items()
             if name in Settings.__dataclass_fields__ and value is not None}
    settings = replace(settings, **given)
    started = perf_counter()
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = machine()
    raw = asyncio.run(measure(settings))
    meta = {"date": date, "machine": where, "seconds": round(perf_counter() - started, 1),
            "command": shlex.join(["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)]),
            "settings": asdict(settings)}
    current = report.as_json(report.figures(raw, asdict(settings)), raw, meta)
    previous = write(ns.out, current)
    if not ns.no_terminal:  # after write(): RESULTS.md is rewritten there, and this adds its own section
        terminal.run(settings.repeats, terminal.HTTP_LATENCY_MS, ns.out, meta["command"], warm_up=not ns.smoke)
    for fig in current["figures"].values():
        met = {True: "ok ", False: "NO ", None: "   "}[fig["met"]]
        sys.stdout.write(f"{met} {fig['label']}: {fig['value']} {fig['unit']} (target {fig['target']})\n")
    if previous is not None:
        sys.stdout.write("change against the previous run: python -m bench --compare\n")
    sys.stdout.write(f"wrote {ns.out / 'RESULTS.md'} and {ns.out / 'results.json'} in {meta['seconds']:.0f} s\n")
    return 0
