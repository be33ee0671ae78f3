"""``python -m bench.terminal``: the app as a user starts it, in a pseudo-terminal, timed from the process start.

Each run spawns the real command at 120x40 in a pseudo-terminal (pexpect) and feeds everything it writes to
a terminal emulator (pyte); a figure ends when the emulated screen's text first shows what the user waits
for. The reference is a bare Textual app with one 50-row table (bench/bare_table.py), started the same way
in the same run, interleaved with the app so that both meet the same noise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import socket
import statistics
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter, sleep
from typing import Any

import pexpect
import pyte

from bench.machine import machine

HERE = Path(__file__).resolve().parent
COLUMNS, LINES = 120, 40
#: The sandbox's documented key (what `fusebill-tui sandbox` accepts by default).
SANDBOX_KEY = "c2FuZGJveDpzYW5kYm94"
HTTP_LATENCY_MS = 150.0  # the "a server 150 ms away"
TIMEOUT_S = 30.0
FRAME_MS = 1000 / 60  # one frame at 60 Hz, the unit of the key and glance targets
REST_S = 1.0  # how long the cursor rests on a row before Enter, in the "after resting" case
UP, DOWN, ENTER, PAGE_DOWN, ESCAPE = "\x1b[A", "\x1b[B", "\r", "\x1b[6~", "\x1b"
# Synchronized output (mode 2026): a terminal that has it shows a frame only once the whole frame has arrived.
# Textual asks (DECRQM) and wraps each frame in it when told yes; every current terminal says yes.
SYNC_QUERY, SYNC_REPLY = b"\x1b[?2026$p", "\x1b[?2026;2$y"
SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"
BEGIN, END = "<!-- real-terminal:begin -->", "<!-- real-terminal:end -->"

# A customer row of the list: "Last, First", a status and an amount with its currency.
_CUSTOMER_ROW = re.compile(r"^ \S.*, .*\b(Active|Suspended|Cancelled|Hold|Draft)\b.*\d+\.\d\d [A-Z]{3}", re.M)
_HEADER_ID = re.compile(r"·  #(\d+) ")
_BARE_ROW = re.compile(r"Last0, First0 .* Company 0 ")
# The glance, complete: balances, aging, subscriptions and invoices filled in, the banner, nothing loading.
_GLANCE = (re.compile(r"AR balance +-?[\d,]+\.\d\d [A-Z]{3}"), re.compile(r"^ [A-Z]{3} +-?[\d,]+\.\d\d ", re.M),
           re.compile(r"Subscriptions +\S"), re.compile(r"Latest invoices +\S"), re.compile(r"⚠ "))


def list_page(number: int) -> Callable[[str], bool]:
    """The customer list on page ``number``, with customer rows under its heading."""
    heading = f"page {number} of "
    return lambda text: heading in text and _CUSTOMER_ROW.search(text.split(heading, 1)[1]) is not None


def bare_rows(text: str) -> bool:
    """The reference table's rows."""
    return _BARE_ROW.search(text) is not None


def glance_complete(text: str) -> bool:
    """Every part of the customer's first screen."""
    return "Loading the" not in text and all(part.search(text) for part in _GLANCE)


def shown_customer(text: str) -> str | None:
    """The id in the customer header (the screen's second line), None elsewhere."""
    lines = text.splitlines()
    found = _HEADER_ID.search(lines[1]) if len(lines) > 1 else None
    return found.group(1) if found else None


def later_glance_complete(other_than: str | None) -> Callable[[str], bool]:
    """The first screen of a customer other than ``other_than``, complete. That customer (the list's first row)
    has nothing unpaid and no banner to wait for: the balances, subscriptions and invoices, nothing loading."""
    return lambda text: ("Loading the" not in text and shown_customer(text) not in (None, other_than)
                         and all(_GLANCE[part].search(text) for part in (0, 2, 3)))


class Terminal:
    """One process in a pseudo-terminal, and the screen a terminal would show for what it wrote."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None, cwd: Path = HERE.parent) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self._stream = pyte.ByteStream(self.screen)
        self._pending = b""
        self.started = perf_counter()
        self.child = pexpect.spawn(argv[0], argv[1:], dimensions=(LINES, COLUMNS), cwd=str(cwd),
                                   env={**os.environ, "TERM": "xterm-256color", **(env or {})})
        # pexpect sleeps 50 ms before every send by default (for programs that drop input sent before they
        # set up their terminal); the keys, and the reply to the synchronized-output query, go at once.
        self.child.delaybeforesend = None

    @property
    def text(self) -> str:
        """The screen's text, a line a row."""
        return "\n".join(self.screen.display)

    def pump(self, wait: float) -> None:
        """Feed the screen whatever the process wrote within ``wait`` seconds."""
        with suppress(pexpect.TIMEOUT, pexpect.EOF):
            self._show(self.child.read_nonblocking(1 << 16, timeout=wait))

    def _show(self, data: bytes) -> None:
        """What a terminal with synchronized output shows: everything but a frame still arriving."""
        if SYNC_QUERY in data:
            self.child.send(SYNC_REPLY)
        pending = self._pending + data
        last_end = pending.rfind(SYNC_END)
        shown_to = last_end + len(SYNC_END) if last_end >= 0 else 0
        opened = pending.find(SYNC_START, shown_to)
        if opened < 0:  # no frame open; hold back only a start sequence cut in two
            opened = len(pending)
            for cut in range(len(SYNC_START) - 1, 0, -1):
                if pending.endswith(SYNC_START[:cut]):
                    opened -= cut
                    break
        self._stream.feed(pending[:opened])
        self._pending = pending[opened:]

    def wait_for(self, shown: Callable[[str], bool], what: str) -> float:
        """The perf_counter time the screen first showed ``shown``, read after every chunk written."""
        deadline = perf_counter() + TIMEOUT_S
        while perf_counter() < deadline:
            self.pump(0.01)
            if shown(self.text):
                return perf_counter()
            if not self.child.isalive():
                break
        raise RuntimeError(f"terminal benchmark: {what} never appeared; the screen:\n{self.text}")

    def rest(self, seconds: float) -> None:
        """Keep the screen up to date for ``seconds`` (a user looking at it)."""
        until = perf_counter() + seconds
        while perf_counter() < until:
            self.pump(0.01)

    def rss_mb(self) -> float:
        """The process's resident set now, from /proc (VmRSS)."""
        with open(f"/proc/{self.child.pid}/status", encoding="ascii") as status:
            kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        return round(kb / 1024, 1)

    def close(self) -> None:
        """End the process."""
        self.child.terminate(force=True)


def app_in(build: Path, *args: str, env: dict[str, str] | None = None) -> Terminal:
    """``python -m fusebill_tui ARGS`` running the package of ``build`` (a source tree), started in that tree.

    ``-m`` puts the working directory first on the path, ahead of PYTHONPATH: started anywhere else, a
    comparison would run the tree it was started from for every build.
    """
    return Terminal([sys.executable, "-m", "fusebill_tui", *args], env={"PYTHONPATH": str(build), **(env or {})},
                    cwd=build)


def build_comparison_parser(prog: str, description: str | None, cases: tuple[str, ...]) -> argparse.ArgumentParser:
    """The options of ``bench.launch`` and ``bench.glance``: repeats, latency, the builds and one case."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--latency-ms", type=float, default=HTTP_LATENCY_MS)
    parser.add_argument("--build", action="append", type=Path, help="a source tree holding fusebill_tui/")
    parser.add_argument("--only", choices=cases, help="only this case")
    return parser


def builds_and_cases(ns: argparse.Namespace, cases: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """The source trees to compare (default: this one) and the cases asked for."""
    return [b.resolve() for b in (ns.build or [HERE.parent])], [c for c in cases if ns.only in (None, c)]


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def http_sandbox(latency_ms: float) -> Iterator[str]:
    """``fusebill-tui sandbox --latency MS`` as a process of its own; its base URL."""
    port = free_port()
    server = subprocess.Popen([*app_command(), "sandbox", "--latency", str(int(latency_ms)), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = perf_counter() + TIMEOUT_S
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None or perf_counter() > deadline:
                    raise RuntimeError("terminal benchmark: the sandbox server did not start") from None
                sleep(0.05)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=10)


def app_command() -> list[str]:
    """The installed ``fusebill-tui`` next to this Python (the command a user types)."""
    script = Path(sys.executable).with_name("fusebill-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "fusebill_tui"]


@dataclass
class Samples:
    """Raw milliseconds (and MB) of every repeat."""

    bare_ms: list[float] = field(default_factory=list)
    bare_rss_mb: list[float] = field(default_factory=list)
    demo_ms: list[float] = field(default_factory=list)
    demo_rss_mb: list[float] = field(default_factory=list)
    http_ms: list[float] = field(default_factory=list)
    glance_cold_ms: list[float] = field(default_factory=list)
    glance_rested_ms: list[float] = field(default_factory=list)
    #: The next customer opened in the same process (back to the list, the row above): its screen is refilled.
    later_cold_ms: list[float] = field(default_factory=list)
    later_rested_ms: list[float] = field(default_factory=list)
    next_page_ms: list[float] = field(default_factory=list)
    #: Requests the app sent: opening cold; while resting on the row; opening after resting.
    open_cold_requests: list[int] = field(default_factory=list)
    rest_requests: list[int] = field(default_factory=list)
    open_rested_requests: list[int] = field(default_factory=list)
    screens: dict[str, str] = field(default_factory=dict)


def bare(samples: Samples) -> None:
    """The reference: process start to its first table rows."""
    term = Terminal([sys.executable, str(HERE / "bare_table.py")])
    try:
        samples.bare_ms.append((term.wait_for(bare_rows, "the bare table's rows") - term.started) * 1000)
        samples.bare_rss_mb.append(term.rss_mb())
        samples.screens["bare"] = term.text
    finally:
        term.close()


def demo(samples: Samples) -> None:
    """``fusebill-tui --demo``: process start to the first customer rows; then the page key (prefetched)."""
    term = Terminal([*app_command(), "--demo"])
    try:
        samples.demo_ms.append((term.wait_for(list_page(1), "the first customer rows") - term.started) * 1000)
        samples.demo_rss_mb.append(term.rss_mb())
        samples.screens["demo"] = term.text
        term.rest(REST_S)  # the next page's prefetch lands
        pressed = perf_counter()
        term.child.send(PAGE_DOWN)
        samples.next_page_ms.append((term.wait_for(list_page(2), "the next page's rows") - pressed) * 1000)
        samples.screens["next_page"] = term.text
    finally:
        term.close()


def requests_used(base_url: str) -> int:
    """The requests the server has counted today (its X-Rate-Limit-*-Day headers), this probe included."""
    probe = urllib.request.Request(f"{base_url}/customers?pageSize=1",
                                   headers={"Authorization": f"Basic {SANDBOX_KEY}", "Accept": "application/json"})
    with urllib.request.urlopen(probe, timeout=TIMEOUT_S) as answer:
        return int(answer.headers["X-Rate-Limit-Limit-Day"]) - int(answer.headers["X-Rate-Limit-Remaining-Day"])


def open_row(term: Terminal, key: str, done: Callable[[str], bool], what: str, *, rested: bool) -> float:
    """On the list: ``key`` to another row (rested on when ``rested``), then Enter; the milliseconds from Enter
    until ``done`` holds for the screen's text."""
    term.child.send(key)
    if rested:
        term.rest(REST_S)
    pressed = perf_counter()
    term.child.send(ENTER)
    return (term.wait_for(done, what) - pressed) * 1000


def open_next_customer(term: Terminal, *, rested: bool, what: str = "") -> float:
    """From a customer's complete glance: back to the list, the row above (rested on first when ``rested``),
    Enter; the milliseconds from Enter to that customer's complete glance (the kept screen, refilled)."""
    first = shown_customer(term.text)
    term.child.send(ESCAPE)
    term.wait_for(list_page(1), f"the list again{what}")
    term.rest(REST_S)
    return open_row(term, UP, later_glance_complete(first), f"the next customer's glance{what}", rested=rested)


def over_http(samples: Samples, base_url: str, *, rested: bool) -> None:
    """``fusebill-tui --base-url URL``: launch to first rows, then Enter on the second row to the complete glance."""
    term = Terminal([*app_command(), "--base-url", base_url], env={"FUSEBILL_API_KEY": SANDBOX_KEY})
    try:
        samples.http_ms.append((term.wait_for(list_page(1), "the first customer rows over HTTP") - term.started)
                               * 1000)
        term.rest(REST_S)  # the list settles (its prefetch answered) before the customer is chosen
        before = requests_used(base_url)
        term.child.send(DOWN)
        if rested:
            term.rest(REST_S)
            rested_at = requests_used(base_url)  # while the app is idle: the probe costs it nothing
            samples.rest_requests.append(rested_at - before - 1)
            before = rested_at
        pressed = perf_counter()
        term.child.send(ENTER)
        at = term.wait_for(glance_complete, "the complete glance")
        (samples.glance_rested_ms if rested else samples.glance_cold_ms).append((at - pressed) * 1000)
        term.rest(REST_S)  # every read of the open answered
        sent = requests_used(base_url) - before - 1
        (samples.open_rested_requests if rested else samples.open_cold_requests).append(sent)
        samples.screens["glance_rested" if rested else "glance_cold"] = term.text
        (samples.later_rested_ms if rested else samples.later_cold_ms).append(open_next_customer(term, rested=rested))
        samples.screens["later_rested" if rested else "later_cold"] = term.text
    finally:
        term.close()


def measure_page(repeats: int) -> Samples:
    """Only the launch of ``--demo`` and its page key (no HTTP sandbox), ``repeats`` times after one warm-up."""
    samples = Samples()
    demo(Samples())
    for _ in range(repeats):
        demo(samples)
    return samples


def measure(repeats: int, latency_ms: float, *, warm_up: bool = True) -> Samples:
    """Every figure, ``repeats`` times, the app interleaved with its reference."""
    samples = Samples()
    with http_sandbox(latency_ms) as base_url:
        if warm_up:  # the first start reads files from disk that the later ones find in the page cache
            bare(Samples())
            demo(Samples())
        for _ in range(repeats):
            bare(samples)
            demo(samples)
            bare(samples)
            over_http(samples, base_url, rested=False)
            over_http(samples, base_url, rested=True)
    return samples


def median(values: list[float]) -> float:
    """The median, 0 for none."""
    return statistics.median(values) if values else 0.0


def figures(samples: Samples, latency_ms: float) -> dict[str, Any]:
    """The medians, each with its reference and the ratio the issue's targets are written in."""
    bare_ms, frame_ms = median(samples.bare_ms), FRAME_MS
    demo_ms, http_ms = median(samples.demo_ms), median(samples.http_ms)
    cold, rested, page = (median(samples.glance_cold_ms), median(samples.glance_rested_ms),
                          median(samples.next_page_ms))
    later_cold, later_rested = median(samples.later_cold_ms), median(samples.later_rested_ms)
    return {
        "bare_ms": round(bare_ms, 1),
        "launch_demo_ms": round(demo_ms, 1), "launch_demo_ratio": round(demo_ms / bare_ms, 2),
        "launch_http_ms": round(http_ms, 1), "launch_http_rtt": round((http_ms - bare_ms) / latency_ms, 2),
        "glance_cold_ms": round(cold, 1), "glance_cold_rtt": round(cold / latency_ms, 2),
        "glance_rested_ms": round(rested, 1), "glance_rested_frames": round(rested / frame_ms, 1),
        "later_cold_ms": round(later_cold, 1), "later_cold_rtt": round(later_cold / latency_ms, 2),
        "later_rested_ms": round(later_rested, 1), "later_rested_frames": round(later_rested / frame_ms, 1),
        "next_page_ms": round(page, 1), "next_page_frames": round(page / frame_ms, 1),
        "bare_rss_mb": median(samples.bare_rss_mb), "demo_rss_mb": median(samples.demo_rss_mb),
        # Requests Enter sends cold, and after resting; what resting read ahead beyond what the open needs.
        "open_cold_requests": median(samples.open_cold_requests),
        "open_rested_requests": median(samples.open_rested_requests),
        "read_ahead_extra_requests_per_open": median([rest + opened - cold for rest, opened, cold in zip(
            samples.rest_requests, samples.open_rested_requests, samples.open_cold_requests, strict=False)]),
    }


def section(fig: dict[str, Any], meta: dict[str, Any]) -> str:
    """The "Real terminal" section of RESULTS.md."""
    rtt = meta["latency_ms"]
    rows = [
        ("Launch to first customer rows, built-in sandbox (`--demo`)", f"{fig['launch_demo_ms']:.0f} ms",
         f"{fig['launch_demo_ratio']:.2f} × bare", "1.25 × bare"),
        (f"Launch to first customer rows, over HTTP ({rtt:.0f} ms away)", f"{fig['launch_http_ms']:.0f} ms",
         f"bare + {fig['launch_http_rtt']:.2f} RTT", "bare + 1.1 RTT"),
        ("Enter to the complete glance, cold, over HTTP", f"{fig['glance_cold_ms']:.0f} ms",
         f"{fig['glance_cold_rtt']:.2f} RTT", "1.2 RTT"),
        (f"Enter to the complete glance, after resting {REST_S:.0f} s on the row", f"{fig['glance_rested_ms']:.0f} ms",
         f"{fig['glance_rested_frames']:.1f} frames", "2 frames"),
        ("The next customer opened (back, the row above), cold", f"{fig['later_cold_ms']:.0f} ms",
         f"{fig['later_cold_rtt']:.2f} RTT", "1.2 RTT"),
        (f"The next customer opened, after resting {REST_S:.0f} s on its row", f"{fig['later_rested_ms']:.0f} ms",
         f"{fig['later_rested_frames']:.1f} frames", "2 frames"),
        ("Page key to the next page's rows (prefetched, `--demo`)", f"{fig['next_page_ms']:.0f} ms",
         f"{fig['next_page_frames']:.1f} frames", "2 frames"),
        ("Requests Enter sends, cold / after resting on the row", f"{fig['open_cold_requests']:.0f} / "
         f"{fig['open_rested_requests']:.0f}", f"read-ahead extra per customer opened: "
         f"{fig['read_ahead_extra_requests_per_open']:.0f}", "0 after resting"),
        ("Startup RSS at first rows (`--demo`)", f"{fig['demo_rss_mb']:.1f} MB",
         f"bare {fig['bare_rss_mb']:.1f} MB", "—"),
    ]
    table = "\n".join(f"| {label} | {value} | {relative} | {target} |" for label, value, relative, target in rows)
    return f"""{BEGIN}
## Real terminal

- Date: {meta['date']}
- Machine: {meta['machine']}
- Command: `{meta['command']}`
- Repeats: {meta['repeats']} (medians); RTT: the sandbox server's `--latency` ({rtt:.0f} ms)

Each figure starts the real command as a process in a pseudo-terminal at {COLUMNS}x{LINES} (pexpect) and
reads the screen the way a terminal would (pyte), from the process start (launch) or the key press to the
first moment the screen's text shows the rows or panels. The reference is a bare Textual app with one
50-row `DataTable` (`bench/bare_table.py`), started the same way in the same run: **{fig['bare_ms']:.0f} ms**
to its rows. Over HTTP the app talks to `fusebill-tui sandbox --latency {rtt:.0f}` through `--base-url`.
The glance is complete when the balances, aging, subscriptions, invoices and the suspension /
cancellation banner are on the screen and nothing says "Loading"; the customer is the list's second row
(suspended, so it has a banner). Then the same process goes back to the list and opens the row above: the
customer screen is kept when left and refilled, so this is what every open after the first costs (that
customer has nothing unpaid and no banner; its glance is complete with its balances, subscriptions and
invoices on the screen). A frame is 16.7 ms. The reader shares the two cores with the app: feeding
the emulator costs about 6 ms per frame and reading its text 1.4 ms, paid by the reference too.

| Figure | Measured | Against the reference | Target |
|---|---|---|---|
{table}
{END}
"""


def write_section(results_md: Path, text: str) -> None:
    """Put the section into RESULTS.md, replacing the last one (the in-process figures stay as they are)."""
    current = results_md.read_text(encoding="utf-8") if results_md.exists() else "# Benchmark results\n"
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        current = head + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text
    results_md.write_text(current, encoding="utf-8")


def run(repeats: int, latency_ms: float, out: Path, command: str, *, warm_up: bool = True) -> dict[str, Any]:
    """Measure, write terminal.json and the RESULTS.md section in ``out``; the results."""
    meta = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(), "command": command,
            "repeats": repeats, "latency_ms": latency_ms}
    samples = measure(repeats, latency_ms, warm_up=warm_up)
    fig = figures(samples, latency_ms)
    raw = {key: value for key, value in vars(samples).items() if key != "screens"}
    result = {**meta, "figures": fig, "raw": raw, "screens": samples.screens}
    out.mkdir(parents=True, exist_ok=True)
    (out / "terminal.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    write_section(out / "RESULTS.md", section(fig, meta))
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the real-terminal figures and print them."""
    parser = argparse.ArgumentParser(prog="python -m bench.terminal", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5, help="repeats per figure (default 5)")
    parser.add_argument("--latency-ms", type=float, default=HTTP_LATENCY_MS,
                        help="the HTTP sandbox's latency (default 150)")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write results (default bench/)")
    parser.add_argument("--smoke", action="store_true", help="one repeat, no warm-up: only checks the harness works")
    parser.add_argument("--page-only", action="store_true",
                        help="only the page key (and the --demo launch before it); prints, writes nothing")
    ns = parser.parse_args(argv)
    if ns.page_only:
        samples = measure_page(ns.repeats)
        frame_ms = FRAME_MS
        sys.stdout.write(f"next_page_ms: {[round(ms, 1) for ms in samples.next_page_ms]}\n")
        sys.stdout.write(f"next_page_frames (median): {median(samples.next_page_ms) / frame_ms:.1f}\n")
        return 0
    command = shlex.join(["python", "-m", "bench.terminal", *(sys.argv[1:] if argv is None else argv)])
    result = run(1 if ns.smoke else ns.repeats, ns.latency_ms, ns.out, command, warm_up=not ns.smoke)
    for key, value in result["figures"].items():
        sys.stdout.write(f"{key}: {value}\n")
    sys.stdout.write(f"wrote {ns.out / 'RESULTS.md'} (Real terminal) and {ns.out / 'terminal.json'}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
