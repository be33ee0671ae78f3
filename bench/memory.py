"""RSS while paging the app through many pages of a large account; run in a process of its own.

``python -m bench.memory --customers 100000 --pages 1000`` prints one JSON object. A separate
process keeps the figures about this walk alone (the peak is the process's high-water mark).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
from time import perf_counter
from typing import Any

from bench import probes
from bench.frames import FrameClock, send_key, wait_frame
from bench.harness import SIZE, make_app, make_sandbox

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
SAMPLES = 20  # RSS samples kept along the walk, evenly spaced


def rss_mb() -> float:
    """The process's resident set size now, in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES / 1e6


def peak_rss_mb() -> float:
    """The process's resident high-water mark, in MB (ru_maxrss is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


async def walk(customers: int, pages: int, rtt: float) -> dict[str, Any]:
    """Open the list, turn ``pages`` pages with the page key, sampling RSS; the figures as a dict."""
    sandbox_app = make_sandbox(customers, rtt, per_minute=10_000_000, per_day=10_000_000)
    app = make_app(sandbox_app)
    clock = FrameClock(app)
    every = max(1, pages // SAMPLES)
    samples: list[tuple[int, float]] = []
    start = perf_counter()
    async with app.run_test(headless=True, size=SIZE):
        await wait_frame(clock.first_frame_where(lambda: probes.list_rows(app) > 0), "the first customer rows")
        table = probes.list_table(app)
        samples.append((0, rss_mb()))
        for page in range(1, pages + 1):
            before = probes.first_row_key(table)
            shown = clock.first_frame_where(lambda: probes.first_row_key(table) not in (before, None))
            send_key(app, "pagedown")
            await wait_frame(shown, f"page {page + 1}")
            if page % every == 0 or page == pages:
                samples.append((page, rss_mb()))
        requests = len(sandbox_app.state.sandbox.request_log)
    elapsed = perf_counter() - start
    quarter = next(mb for page, mb in samples if page >= pages // 4)
    return {
        "customers": customers, "pages": pages, "rtt_ms": rtt * 1000, "seconds": round(elapsed, 2),
        "requests": requests, "rss_first_page_mb": round(samples[0][1], 1), "rss_quarter_mb": round(quarter, 1),
        "rss_final_mb": round(samples[-1][1], 1),
        "rss_peak_mb": round(max(peak_rss_mb(), *(mb for _, mb in samples)), 1),
        "samples": [[page, round(mb, 1)] for page, mb in samples],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the walk and print its figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.memory")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rtt-ms", type=float, default=0.0)
    ns = parser.parse_args(argv)
    result = asyncio.run(walk(ns.customers, ns.pages, ns.rtt_ms / 1000))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
