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


def identity_line(customer_id: int, who: Identity | None) -> Text:
    """'Name · Company · #id   Status  Account' as plain text with coloured statuses."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if who is None:
        line.append(f"Customer #{customer_id}", style="bold")
        return line
    name, company = who.name, who.company
    line.append(name or company or f"Customer #{customer_id}", style="bold")
    if company and name:
        line.append("  ·  ")
        line.append(company)
    line.append(f"  ·  #{who.id or customer_id}", style="dim")
    for index, value in enumerate(who.statuses):
        line.append("   " if index == 0 else "  ")
        line.append_text(text.status(value))
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

    def compose(self) -> ComposeResult:
        """The identity line and the (hidden until needed) banner."""
        yield Static(identity_line(self.customer_id, self._identity()), id="customer-identity")
        banner = Static(id="customer-banner")
        banner.display = False
        yield banner

    def show_customer(self, customer: Any) -> None:
        """Show the latest customer (the full one, or the overview's short one until it arrives)."""
        self.customer = customer
        self.problem = None
        self.query_one("#customer-identity", Static).update(identity_line(self.customer_id, self._identity()))

    def show_problem(self, message: str) -> None:
        """Say the customer could not be read (the panels say why in detail)."""
        self.problem = message
        line = identity_line(self.customer_id, self._identity())
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
