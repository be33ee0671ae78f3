"""The customer detail header: who the customer is, their statuses, and a banner when suspension or cancellation is near."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from fusebill_tui.tui import text
from fusebill_tui.tui.widgets.panels.base import css_beside
from fusebill_tui.tui.widgets.panels.overview import days_text

if TYPE_CHECKING:
    from fusebill_tui.api.models import Customer, CustomerOverview


def identity_line(customer_id: int, customer: Customer | CustomerOverview | None) -> Text:
    """'Name · Company · #id   Status  Account' as plain text with coloured statuses."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if customer is None:
        line.append(f"Customer #{customer_id}", style="bold")
        return line
    name = " ".join(part for part in (text.clean(customer.first_name), text.clean(customer.last_name)) if part)
    company = text.clean(customer.company_name)
    line.append(name or company or f"Customer #{customer_id}", style="bold")
    if company and name:
        line.append("  ·  ")
        line.append(company)
    line.append(f"  ·  #{customer.id if customer.id is not None else customer_id}", style="dim")
    line.append("   ")
    line.append_text(text.status(customer.status))
    line.append("  ")
    line.append_text(text.status(customer.customer_account_status))
    return line


def alert_text(overview: CustomerOverview | None) -> tuple[Text, str] | None:
    """The banner for a near suspension or cancellation, and its severity class; None when neither."""
    if overview is None:
        return None
    parts: list[str] = []
    severity = "-warning"
    if overview.days_until_suspension is not None:
        parts.append(days_text(overview.days_until_suspension, "Suspends"))
        if overview.days_until_suspension <= 0:
            severity = "-error"
    if overview.days_until_cancellation is not None:
        parts.append(days_text(overview.days_until_cancellation, "Cancels"))
        severity = "-error"
    if not parts:
        return None
    return Text("⚠ " + " · ".join(parts), style="bold"), severity


class CustomerHeader(Vertical):
    """Name, company, id and statuses; below, the suspension / cancellation banner when one is set."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, customer_id: int, summary: Customer | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.customer_id = customer_id
        self.customer: Customer | CustomerOverview | None = summary
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        """The identity line and the (hidden until needed) banner."""
        yield Static(identity_line(self.customer_id, self.customer), id="customer-identity")
        banner = Static(id="customer-banner")
        banner.display = False
        yield banner

    def show_customer(self, customer: Customer | CustomerOverview) -> None:
        """Show the latest customer (the full one, or the overview's short one until it arrives)."""
        self.customer = customer
        self.problem = None
        self.query_one("#customer-identity", Static).update(identity_line(self.customer_id, customer))

    def show_problem(self, message: str) -> None:
        """Say the customer could not be read (the panels say why in detail)."""
        self.problem = message
        line = identity_line(self.customer_id, self.customer)
        line.append("   ")
        line.append(message, style="bold")
        self.query_one("#customer-identity", Static).update(line)

    def show_alert(self, overview: CustomerOverview | None) -> None:
        """Show or hide the banner from the server's days until suspension / cancellation."""
        banner = self.query_one("#customer-banner", Static)
        alert = alert_text(overview)
        if alert is None:
            banner.display = False
            return
        message, severity = alert
        banner.set_classes(severity)
        banner.update(message)
        banner.display = True
