"""Figures from raw samples, with their targets; RESULTS.md, results.json and the comparison with the last run."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any

from bench.frames import FRAME_MS

FLAT_MB = 5.0  # RSS may grow this much over the last three quarters of the walk and still count as flat


@dataclass
class Figure:
    """One measured figure: its value, how it compares, and whether it meets its target."""

    id: str
    label: str
    value: float
    unit: str
    target: str
    met: bool | None
    detail: str = ""


def median(samples: list[float]) -> float:
    """The median (0 for no samples)."""
    return statistics.median(samples) if samples else 0.0


def _r(value: float, places: int = 1) -> float:
    return round(value, places)


def figures(raw: dict[str, Any], settings: dict[str, Any]) -> list[Figure]:
    """Every figure the issue asks for, from the raw samples of one run."""
    rtt = settings["rtt_ms"]
    app, memory, export = raw["session"], raw["memory"], raw["export"]
    bare = median(raw["bare_ms"])
    launch = median(raw["launch_ms"])
    launch_ratio = launch / (bare + rtt)
    opened = median(app["open_ms"])
    out = [
        Figure("launch_ms", "Launch to first customer rows", _r(launch), "ms", "≤ 1.00 × (bare first paint + 1 RTT)",
               launch_ratio <= 1.0,
               f"bare Textual table {bare:.0f} ms + RTT {rtt:.0f} ms = {bare + rtt:.0f} ms; ratio {launch_ratio:.2f}; "
               f"{median(raw['launch_requests']):.0f} requests by then"),
        Figure("open_customer_rtt", "Open a customer until every panel has rendered", _r(opened / rtt, 2), "RTT",
               "about 1 RTT (≤ 1.5)", opened / rtt <= 1.5,
               f"{opened:.0f} ms; panels: balances, subscriptions, invoices (page 1), notes, addresses"),
    ]
    for key, label in (("next_page_ms", "Next page (prefetched)"), ("previous_page_ms", "Previous page")):
        ms = median(app[key])
        out.append(Figure(key, label, _r(ms), "ms", "no wait: < 0.5 RTT", ms < 0.5 * rtt,
                          f"{ms / rtt:.2f} RTT, {ms / FRAME_MS:.1f} frames"))
    for kind in ("customer", "page"):
        ms = median(app[f"revisit_{kind}_ms"])
        sent = max(app[f"revisit_{kind}_requests"], default=0)
        out.append(Figure(f"revisit_{kind}_requests", f"Revisit a {kind} within the cache lifetime: requests",
                          sent, "requests", "0", sent == 0, f"{ms:.0f} ms ({ms / rtt:.2f} RTT) to show it again"))
    per_customer = median(app["open_requests"])
    out.append(Figure("requests_per_customer", "Requests per customer opened", per_customer, "requests",
                      f"≤ {settings['target_requests_per_customer']} (one per panel)",
                      per_customer <= settings["target_requests_per_customer"]))
    per_page = median(app["page_requests"])
    out.append(Figure("requests_per_page", "Requests per list page", _r(per_page, 2), "requests", "1 (its prefetch)",
                      per_page <= 1.0))
    for key, label in (("list_key_ms", "Key press to cursor moved: customer list"),
                       ("invoices_key_ms", "Key press to cursor moved: invoices table")):
        ms = median(app[key])
        worst = max(app[key], default=0.0)
        out.append(Figure(key.replace("_ms", "_frames"), label, _r(ms / FRAME_MS, 2), "frames", "≤ 1 frame (16 ms)",
                          ms <= FRAME_MS, f"median {ms:.1f} ms, worst {worst:.1f} ms of {len(app[key])} presses"))
    growth = memory["rss_final_mb"] - memory["rss_quarter_mb"]
    out.append(Figure("rss_peak_mb", f"Peak RSS paging {memory['pages']:,} pages of {memory['customers']:,}",
                      memory["rss_peak_mb"], "MB", "flat", None,
                      f"first page {memory['rss_first_page_mb']} MB; {memory['seconds']} s, "
                      f"{memory['requests']} requests"))
    out.append(Figure("rss_final_mb", "Final RSS after the walk", memory["rss_final_mb"], "MB",
                      f"flat: ≤ {FLAT_MB:.0f} MB growth after the first quarter", growth <= FLAT_MB,
                      f"{growth:+.1f} MB from page {memory['pages'] // 4:,} to page {memory['pages']:,}"))
    user_saw_429 = bool(export["failed"]) or export["retries_announced"] > 0
    out.append(Figure("export_seconds", f"Headless export of {export['customers']:,} customers", export["seconds"], "s",
                      "no 429 reaches the user", not user_saw_429,
                      f"{export['written']:,} rows, page size {export['page_size']}, "
                      f"{export['server_429']} 429s from the server, {export['retries_announced']} retries announced"
                      + (f", failed: {export['failed']}" if export["failed"] else "")))
    out.append(Figure("export_requests", "Export requests", export["requests"], "requests",
                      f"≤ {export['per_minute']:,} in any minute",
                      export["peak_requests_per_minute"] <= export["per_minute"],
                      f"at most {export['peak_requests_per_minute']} within 60 s"))
    return out


def as_json(figs: list[Figure], raw: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """What results.json holds: when, where, how, every figure and the raw samples."""
    return {**meta, "figures": {fig.id: asdict(fig) for fig in figs}, "raw": raw}


def _value(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def _change(now: float, before: Any) -> str:
    if not isinstance(before, (int, float)):
        return ""
    delta = now - before
    if before:
        return f"{delta:+,.2f} ({delta / before:+.0%})"
    return f"{delta:+,.2f}"


def comparison(current: dict[str, Any], previous: dict[str, Any] | None) -> list[tuple[str, str, str, str]]:
    """(label, previous, now, change) for every figure of the current run."""
    before = (previous or {}).get("figures", {})
    rows = []
    for fid, fig in current["figures"].items():
        old = before.get(fid, {}).get("value")
        shown = "" if old is None else _value(old)
        rows.append((fig["label"], shown, _value(fig["value"]), _change(fig["value"], old)))
    return rows


def markdown(current: dict[str, Any], previous: dict[str, Any] | None, notes: str = "") -> str:
    """RESULTS.md: the machine, date and command, then the figures with their targets and the change."""
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {current['date']}",
        f"- Machine: {current['machine']}",
        f"- Command: `{current['command']}`",
        f"- Settings: {', '.join(f'{k}={v}' for k, v in current['settings'].items())}",
        f"- Total time: {current['seconds']:.0f} s",
        "",
        "RTT is the latency the sandbox adds to every response. Times are medians over the repeats; each",
        "reference is measured in the same run. A frame is 16 ms.",
        "",
        "| Figure | Measured | Target | Met | Detail |",
        "|---|---|---|---|---|",
    ]
    for fig in current["figures"].values():
        met = {True: "yes", False: "**no**", None: "—"}[fig["met"]]
        value = f"{_value(fig['value'])} {fig['unit']}"
        lines.append(f"| {fig['label']} | {value} | {fig['target']} | {met} | {fig['detail']} |")
    lines += ["", "## Change against the previous results", ""]
    if previous is None:
        lines.append("No previous results to compare with.")
    else:
        lines += [f"Previous run: {previous.get('date', '?')} on {previous.get('machine', '?')}.", "",
                  "| Figure | Previous | Now | Change |", "|---|---|---|---|"]
        lines += [f"| {label} | {old} | {now} | {change} |"
                  for label, old, now, change in comparison(current, previous)]
    if notes:
        lines += ["", notes.rstrip()]
    return "\n".join(lines) + "\n"
