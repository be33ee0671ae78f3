"""``python -m bench.glance``: only the glance figures of ``bench.terminal``, for comparing builds of the app.

Each round opens a customer in every build given with ``--build`` (a source tree whose ``fusebill_tui``
package is run instead of the installed one; ``.`` is this tree) against one sandbox served over HTTP,
cold and after resting on the row, interleaved so that every build meets the same noise. It prints
medians in round trips and frames, the units of the issue's targets; it writes nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path
from time import perf_counter

from bench.terminal import (
    DOWN,
    FRAME_MS,
    REST_S,
    SANDBOX_KEY,
    app_in,
    build_comparison_parser,
    builds_and_cases,
    glance_complete,
    http_sandbox,
    list_page,
    open_next_customer,
    open_row,
)


def _glance(build: Path, base_url: str, *, rested: bool, later: bool = False) -> float:
    """Enter on the list's second row to the complete glance (ms), cold or after resting on the row; ``later``:
    then back to the list and the same for the row above (the second customer opened in the process)."""
    term = app_in(build, "--base-url", base_url, env={"FUSEBILL_API_KEY": SANDBOX_KEY})
    try:
        term.wait_for(list_page(1), f"the first customer rows ({build})")
        term.rest(REST_S)
        shown = open_row(term, DOWN, glance_complete, f"the complete glance ({build})", rested=rested)
        if not later:
            return shown
        term.rest(REST_S)  # every read of the open answered
        return open_next_customer(term, rested=rested, what=f" ({build})")
    finally:
        term.close()


#: "later-…": the second customer opened in the process (the customer screen kept and refilled).
CASES = ("cold", "rested", "later-cold", "later-rested")


def main(argv: list[str] | None = None) -> int:
    """Measure and print."""
    parser = build_comparison_parser("python -m bench.glance", __doc__, CASES)
    ns = parser.parse_args(argv)
    builds, cases = builds_and_cases(ns, CASES)
    samples: dict[tuple[str, int], list[float]] = {}
    with http_sandbox(ns.latency_ms) as base_url:
        for _ in range(ns.repeats):
            for case in cases:
                for index, build in enumerate(builds):
                    ms = _glance(build, base_url, rested=case.endswith("rested"), later=case.startswith("later"))
                    samples.setdefault((case, index), []).append(ms)
    out = []
    for case in cases:
        for index, build in enumerate(builds):
            raw = samples[(case, index)]
            ms = statistics.median(raw)
            out.append(f"{case:12} {build}: {ms:.0f} ms = {ms / ns.latency_ms:.2f} RTT = {ms / FRAME_MS:.1f} frames  "
                       f"(raw {[round(v) for v in raw]})")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    started = perf_counter()
    code = main()
    sys.stderr.write(f"({perf_counter() - started:.0f} s, cwd {os.getcwd()})\n")
    raise SystemExit(code)
