"""The customer detail header: who the customer is, their statuses, and a banner when suspension or cancellation
is near."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from fusebill_tui.core.days import days_text
from fusebill_tui.tui import text
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.css import css_beside

if TYPE_CHECKING:
    from fusebill_tui.vendors.views import Identity


#: The fewest cells a shortened person's name keeps (with its ellipsis).
NAME_MIN_CELLS = 12


def identity_line(customer_id: int, who: Identity | None, width: int | None = None) -> Text:
    """'Name · Company · #id   Status  Account' as plain text with coloured statuses.

    Within ``width`` cells the person's name is shortened first (to no fewer than NAME_MIN_CELLS), so a long
    name never hides the company; only then is the end of the line cut.
    """
    line = Text(no_wrap=True, overflow="ellipsis")
    if who is None:
        line.append(f"Customer #{customer_id}", style="bold")
        return line
    name, company = text.clean(who.name), text.clean(who.company)
    lead = Text(name or company or f"Customer #{customer_id}", style="bold")
    tail = Text()
    if company and name:
        tail.append("  ·  ")
        tail.append(company)
    tail.append(f"  ·  #{who.id or customer_id}", style="dim")
    for index, value in enumerate(who.statuses):
        tail.append("   " if index == 0 else "  ")
        tail.append_text(text.status(value))
    if width and company and name and lead.cell_len + tail.cell_len > width:
        lead.truncate(max(NAME_MIN_CELLS, width - tail.cell_len), overflow="ellipsis")
    line.append_text(lead)
    line.append_text(tail)
    return line


def alert_text(days_until_suspension: int | None, days_until_cancellation: int | None) -> tuple[Text, str] | None:
    """The banner for a near suspension or cancellation, and its severity class; None when neither."""
    parts: list[str] = []
    severity = "-warning"
    if days_until_suspension is not None:
        parts.append(days_text(days_until_suspension, "Suspends"))
        if days_until_suspension <= 0:
            severity = "-error"
    if days_until_cancellation is not None:
        parts.append(days_text(days_until_cancellation, "Cancels"))
        severity = "-error"
    if not parts:
        return None
    return Text("⚠ " + " · ".join(parts), style="bold"), severity


class CustomerHeader(Vertical):
    """Name, company, id and statuses; below, the suspension / cancellation banner when one is set."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, customer_id: int, summary: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.customer_id = customer_id
        self.customer: Any = summary
        self.problem: str | None = None

    def _identity(self) -> Identity | None:
        if self.customer is None:
            return None
        return fusebill_app(self).session.backend.identity(self.customer)

    def _line(self) -> Text:
        """The identity line for the width the header has now (none before the first layout)."""
        try:
            width = self.query_one("#customer-identity", Static).content_region.width
        except Exception:  # not composed yet
            width = 0
        return identity_line(self.customer_id, self._identity(), width or None)

    def compose(self) -> ComposeResult:
        """The identity line and the (hidden until needed) banner."""
        yield Static(identity_line(self.customer_id, self._identity()), id="customer-identity")
        banner = Static(id="customer-banner")
        banner.display = False
        yield banner

    def switch_to(self, customer_id: int, summary: Any = None) -> None:
        """Show another customer (a kept screen refilled): its id (and the list's summary), no banner yet."""
        self.customer_id = customer_id
        self.customer = summary
        self.problem = None
        self.query_one("#customer-identity", Static).update(self._line())
        self.query_one("#customer-banner", Static).display = False

    def show_customer(self, customer: Any) -> None:
        """Show the latest customer (the full one, or the overview's short one until it arrives)."""
        self.customer = customer
        self.problem = None
        self.query_one("#customer-identity", Static).update(self._line())

    def on_resize(self) -> None:
        """Shorten (or lengthen) the name to the new width."""
        if self.problem is None:
            self.query_one("#customer-identity", Static).update(self._line())

    def show_problem(self, message: str) -> None:
        """Say the customer could not be read (the panels say why in detail)."""
        self.problem = message
        line = self._line()
        line.append("   ")
        line.append(message, style="bold")
        self.query_one("#customer-identity", Static).update(line)

    def show_alert(self, overview: Any) -> None:
        """Show or hide the banner from the server's days until suspension / cancellation (where it says)."""
        banner = self.query_one("#customer-banner", Static)
        backend = fusebill_app(self).session.backend
        days = backend.days_until(overview) if overview is not None else (None, None)
        alert = alert_text(*days) if backend.capabilities.days_until_suspension else None
        if alert is None:
            banner.display = False
            return
        message, severity = alert
        banner.set_classes(severity)
        banner.update(message)
        banner.display = True
