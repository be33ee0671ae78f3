"""The overview panel: every balance with its currency, status history, contacts, parent, integrations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from fusebill_tui.tui import text
from fusebill_tui.tui.widgets.panels.base import CustomerPanel, css_beside, display_zone

if TYPE_CHECKING:
    from fusebill_tui.api.models import Customer, CustomerOverview


def fact_table(title: str, rows: list[tuple[str, Text | str]]) -> Table:
    """A titled two-column grid of label / value (values are plain Text, never markup)."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.title = title
    table.title_justify = "left"
    table.title_style = "bold underline"
    for label, value in rows:
        table.add_row(label, value if isinstance(value, Text) else text.plain(value))
    return table


def days_text(days: int, verb: str) -> str:
    """'Suspends in 2 days', 'Suspends today', 'Suspends in 1 day'."""
    if days <= 0:
        return f"{verb} today"
    return f"{verb} in {days} day{'s' if days != 1 else ''}"


class OverviewPanel(CustomerPanel):
    """Balances, status, contacts, parent and integration ids of one customer."""

    DEFAULT_CSS = css_beside(__file__)
    WHAT = "the overview"

    def __init__(self, customer_id: int, **kwargs: Any) -> None:
        super().__init__(customer_id, **kwargs)
        self.customer: Customer | None = None

    def compose_content(self) -> ComposeResult:
        """Four sections in a grid that reflows with the width."""
        with VerticalScroll(id="overview-scroll"):
            with Grid(id="overview-grid"):
                yield Static(id="overview-balances", classes="overview-section")
                yield Static(id="overview-status", classes="overview-section")
                yield Static(id="overview-contacts", classes="overview-section")
                yield Static(id="overview-links", classes="overview-section")

    @work(exclusive=True, exit_on_error=False, group="overview")
    async def load(self) -> None:
        """Read the overview (cached per customer by the session)."""
        await self.run_load(lambda session: session.overview(self.customer_id))

    def set_customer(self, customer: Customer) -> None:
        """Use the full customer for what the overview lacks (secondary email and phone)."""
        self.customer = customer
        if self.data is not None:
            self.show(self.data)

    def show(self, data: CustomerOverview) -> None:
        """Fill the four sections."""
        self.query_one("#overview-grid").display = True
        self.query_one("#overview-balances", Static).update(self._balances(data))
        self.query_one("#overview-status", Static).update(self._status(data))
        self.query_one("#overview-contacts", Static).update(self._contacts(data))
        self.query_one("#overview-links", Static).update(self._links(data))

    def show_failure(self, error: BaseException) -> None:
        """No stale numbers after a failure."""
        self.query_one("#overview-grid").display = False

    def _balances(self, o: CustomerOverview) -> Table:
        cur = o.currency
        zone = display_zone(self.app)
        return fact_table("Balances", [
            ("AR balance", Text(text.money(o.ar_balance, cur), style="bold")),
            ("Pending charges", text.money(o.pending_charges, cur)),
            ("Unallocated payments", text.money(o.unallocated_payments, cur)),
            ("Unallocated credits", text.money(o.unallocated_credits, cur)),
            ("Unallocated opening balance", text.money(o.unallocated_opening_balance, cur)),
            ("Lifetime value", text.money(o.lifetime_value, cur)),
            ("MRR", text.money(o.monthly_recurring_revenue, cur)),
            ("Net MRR", text.money(o.net_monthly_recurring_revenue, cur)),
            ("Next billing", text.day(o.next_billing_date, tz=zone)),
        ])

    def _status(self, o: CustomerOverview) -> Table:
        zone = display_zone(self.app)
        rows: list[tuple[str, Text | str]] = [
            ("Status", text.status(o.status)),
            ("Since", text.when(o.status_timestamp, tz=zone)),
            ("Account", text.status(o.customer_account_status)),
            ("Since", text.when(o.customer_account_status_timestamp, tz=zone)),
        ]
        if o.days_until_suspension is not None:
            rows.append(("Suspension", Text(days_text(o.days_until_suspension, "Suspends"), style="bold yellow")))
        if o.days_until_cancellation is not None:
            rows.append(("Cancellation", Text(days_text(o.days_until_cancellation, "Cancels"), style="bold red")))
        rows.append(("Created", text.when(o.created_timestamp, tz=zone)))
        rows.append(("Currency", text.plain(o.currency)))
        return fact_table("Status", rows)

    def _contacts(self, o: CustomerOverview) -> Table:
        c = self.customer
        rows: list[tuple[str, Text | str]] = [
            ("Email", text.plain(o.primary_email)),
            ("Phone", text.plain(o.primary_phone)),
        ]
        if c is not None and c.secondary_email:
            rows.append(("Email 2", text.plain(c.secondary_email)))
        if c is not None and c.secondary_phone:
            rows.append(("Phone 2", text.plain(c.secondary_phone)))
        rows.append(("Reference", text.plain(o.reference)))
        return fact_table("Contacts", rows)

    def _links(self, o: CustomerOverview) -> Table:
        parent: Text
        if o.parent_id is not None:
            parent = Text(f"#{o.parent_id}")
            if o.parent_name:
                parent.append(" ")
                parent.append(text.clean(o.parent_name))
        else:
            parent = text.plain(None)
        salesforce = text.plain(o.salesforce_id)
        if o.salesforce_synch_status:
            salesforce.append(f" (sync {text.clean(o.salesforce_synch_status)})", style="dim")
        raw = o.raw
        return fact_table("Parent and integrations", [
            ("Parent", parent),
            ("Is a parent", "yes" if o.is_parent else "no"),
            ("Salesforce", salesforce),
            ("QuickBooks", text.plain(o.quickbooks_id)),
            ("NetSuite", text.plain(o.netsuite_id)),
            ("HubSpot", text.plain(o.hub_spot_id)),
            ("Geotab", text.plain(raw.get("geotabId"))),
        ])
