"""``python -m bench.launch``: only the launch figures of ``bench.terminal``, for comparing builds of the app.

Each round starts the bare reference, then every build given with ``--build`` (a source tree whose
``fusebill_tui`` package is run instead of the installed one; ``.`` is this tree) on the built-in sandbox
and over HTTP, interleaved so that every build meets the same noise. It prints medians and the ratios the
issue's targets are written in; it writes nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path
from time import perf_counter

from bench.terminal import (
    HERE,
    SANDBOX_KEY,
    Terminal,
    app_in,
    bare_rows,
    build_comparison_parser,
    builds_and_cases,
    http_sandbox,
    list_page,
)


def _launch(argv: list[str], build: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Process start to the first customer rows (ms), and the resident set then (MB)."""
    term = app_in(build, *argv, env=env)
    try:
        shown = term.wait_for(list_page(1), f"the first customer rows ({build})")
        return (shown - term.started) * 1000, term.rss_mb()
    finally:
        term.close()


def _bare() -> tuple[float, float]:
    term = Terminal([sys.executable, str(HERE / "bare_table.py")])
    try:
        shown = term.wait_for(bare_rows, "the bare table's rows")
        return (shown - term.started) * 1000, term.rss_mb()
    finally:
        term.close()


CASES = ("demo", "http")


def main(argv: list[str] | None = None) -> int:
    """Measure and print."""
    parser = build_comparison_parser("python -m bench.launch", __doc__, CASES)
    ns = parser.parse_args(argv)
    builds, cases = builds_and_cases(ns, CASES)
    samples: dict[str, list[float]] = {"bare": [], "bare_rss": []}
    with http_sandbox(ns.latency_ms) as base_url:
        argvs = {"demo": (["--demo"], None), "http": (["--base-url", base_url], {"FUSEBILL_API_KEY": SANDBOX_KEY})}
        _bare()
        for build in builds:  # warm-up: the page cache
            _launch(*argvs["demo"][:1], build)
        for _ in range(ns.repeats):
            ms, rss = _bare()
            samples["bare"].append(ms)
            samples["bare_rss"].append(rss)
            for case in cases:
                for index, build in enumerate(builds):
                    args, env = argvs[case]
                    ms, rss = _launch(args, build, env)
                    samples.setdefault(f"{case}{index}", []).append(ms)
                    samples.setdefault(f"{case}{index}_rss", []).append(rss)
    bare = statistics.median(samples["bare"])
    out = [f"bare {bare:.0f} ms, {statistics.median(samples['bare_rss']):.1f} MB  (raw {samples['bare']})"]
    for case in cases:
        for index, build in enumerate(builds):
            ms = statistics.median(samples[f"{case}{index}"])
            rss = statistics.median(samples[f"{case}{index}_rss"])
            relative = (f"{ms / bare:.2f} x bare" if case == "demo"
                        else f"bare + {(ms - bare) / ns.latency_ms:.2f} RTT")
            out.append(f"{case:4} {build}: {ms:.0f} ms = {relative}, {rss:.1f} MB  "
                       f"(raw {[round(v) for v in samples[f'{case}{index}']]})")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    started = perf_counter()
    code = main()
    sys.stderr.write(f"({perf_counter() - started:.0f} s, cwd {os.getcwd()})\n")
    raise SystemExit(code)
