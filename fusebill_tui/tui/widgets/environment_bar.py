"""The title bar: app, environment (production unmistakable), billing system, read-only badge and request budget."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.text import clean


class EnvironmentBar(Static):
    """One line at the top saying where the user is and how many requests are left."""

    DEFAULT_CSS = css_beside(__file__)

    environment_name: reactive[str] = reactive("")
    production: reactive[bool] = reactive(False)
    read_only: reactive[bool] = reactive(False)
    sandbox: reactive[bool] = reactive(False)
    vendor: reactive[str] = reactive("")  # the billing system when it is not Fusebill (e.g. "ChargeOver")
    budget: reactive[str] = reactive("")
    #: Why reads the user did not ask for are paused ("daily budget 91 % used: prefetch paused"), or "".
    budget_note: reactive[str] = reactive("")
    location: reactive[str] = reactive("")

    def on_mount(self) -> None:
        """Every screen has its own bar: start from what the app is connected to now."""
        sync = getattr(self.app, "sync_environment_bar", None)
        if sync is not None:
            sync(self)

    def watch_production(self, production: bool) -> None:
        """Colour the whole bar for production."""
        self.set_class(production, "-production")

    def watch_sandbox(self, sandbox: bool) -> None:
        """A calmer colour for the built-in sandbox."""
        self.set_class(sandbox, "-sandbox")

    def render(self) -> Text:
        """Compose the bar from plain-text parts (names from the config are never markup).

        On a non-Fusebill backend (a longer line: its name or badge) the sandbox note goes first when the
        line is too long, so the location and the budget stay whole. (Fusebill's line is left as its
        snapshots show it.)
        """
        if self.sandbox and self.size.width >= 110:
            bar, whole = self._line(note=True)
            if whole or not (self.vendor or self.budget_note):  # a paused prefetch: its note, then the counts
                return bar
        return self._line(note=False)[0]

    def _line(self, *, note: bool) -> tuple[Text, bool]:
        """The bar, and whether it fits the width without cutting anything short."""
        width = self.size.width - 2
        bar = Text(no_wrap=True, overflow="ellipsis")
        bar.append("fusebill-tui", style="bold")
        bar.append("  ")
        if self.production:
            bar.append(" PRODUCTION ", style="bold reverse")
            bar.append(" ")
        name = clean(self.environment_name)
        bar.append(name, style="bold")
        if self.vendor and self.vendor.lower() not in name.lower():  # "ChargeOver sandbox" says it already
            bar.append("  ")
            bar.append(f" {clean(self.vendor)} ", style="bold black on bright_cyan")
        if note:
            bar.append("  (built-in sandbox, demo data)", style="italic")
        if self.read_only:
            bar.append("  ")
            bar.append(" READ-ONLY ", style="bold black on yellow")
        if self.location:
            bar.append("  ›  ")
            bar.append(clean(self.location))
        if not self.budget and not self.budget_note:
            return bar, bar.cell_len <= width
        right = self._right(self.budget)
        if bar.cell_len + right.cell_len + 3 > width:
            right = self._right(compact_budget(self.budget))
        counts_dropped = False
        if self.budget_note and bar.cell_len + right.cell_len + 3 > width:  # the note says more than the counts
            right, counts_dropped = self._right(""), bool(self.budget)
        whole = bar.cell_len + right.cell_len + 3 <= width and not counts_dropped
        if not whole:
            bar.truncate(max(0, width - right.cell_len - 3), overflow="ellipsis")
        bar.append(" " * max(3, width - bar.cell_len - right.cell_len))
        bar.append_text(right)
        return bar, whole


    def _right(self, budget: str) -> Text:
        """The budget and the note on why background reads are paused (bold), as far as either is set."""
        right = Text(budget)
        if self.budget_note:
            if budget:
                right.append(" · ")
            right.append(self.budget_note, style="bold")
        return right


def compact_budget(budget: str) -> str:
    """'992/min · 179,992/day' from the full budget text, for narrow terminals."""
    counts, _, reset = budget.removeprefix("requests left ").partition(" (")
    short = " · ".join(part.split("/")[0] + "/" + part.rsplit(" ", 1)[-1] for part in counts.split(" · "))
    return f"{short} ({reset}" if reset else short


def budget_text(rate_limit: object | None, *, now: datetime | None = None) -> str:
    """'requests left: 987/1,000 min · 179,912/180,000 day', or '' before the first response."""
    if rate_limit is None:
        return ""
    parts = []
    for unit, limit_name, remaining_name in (
        ("min", "limit_minute", "remaining_minute"),
        ("day", "limit_day", "remaining_day"),
    ):
        limit = getattr(rate_limit, limit_name, None)
        remaining = getattr(rate_limit, remaining_name, None)
        if limit is None or remaining is None:
            continue
        parts.append(f"{remaining:,}/{limit:,} {unit}")
    if not parts:
        return ""
    text = "requests left " + " · ".join(parts)
    reset = getattr(rate_limit, "reset_minute", None)
    remaining_minute = getattr(rate_limit, "remaining_minute", None)
    if remaining_minute == 0 and isinstance(reset, datetime):
        moment = now or datetime.now(UTC)
        seconds = max(0, int((reset - moment).total_seconds()))
        text += f" (resets in {seconds}s)"
    return text
