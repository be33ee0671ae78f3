"""The subscriptions panel: plan, status, amount, MRR, interval and the period and contract dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import Static

from fusebill_tui.tui import text
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.panels.base import (
    CustomerPanel,
    PanelTable,
    display_zone,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from fusebill_tui.core.paging import Page
    from fusebill_tui.tui.session import Session
    from fusebill_tui.vendors.views import Subscription

COLUMNS = ("Plan", "Status", Text("Amount", justify="right"), Text("MRR", justify="right"), "Interval",
           "Next recharge", "Next period", "Contract start", "Contract end")


class SubscriptionsTable(PanelTable):
    """The customer's subscriptions, one row each."""


class SubscriptionsPanel(CustomerPanel):
    """What the customer is subscribed to and what it brings in."""

    DEFAULT_CSS = css_beside(__file__)
    WHAT = "the subscriptions"

    def __init__(self, customer_id: int, currency: str | None = None, **kwargs: Any) -> None:
        super().__init__(customer_id, **kwargs)
        self.currency = currency

    def compose_content(self) -> ComposeResult:
        """A summary line above the table."""
        yield Static(id="subscriptions-summary", classes="panel-summary")
        yield SubscriptionsTable(id="subscriptions-table")

    def on_mount(self) -> None:
        """Columns first, then load."""
        self.query_one(SubscriptionsTable).add_columns(*COLUMNS)
        super().on_mount()

    @work(exclusive=True, exit_on_error=False, group="subscriptions")
    async def load(self) -> None:
        """Read the first page of subscriptions (cached per customer by the session)."""
        await self.run_load(self.read)

    def read(self, session: Session) -> Awaitable[Page[Subscription]]:
        """The first page of subscriptions."""
        return session.subscriptions(self.customer_id)

    def switch_to(self, customer_id: int) -> None:
        """Another customer: amounts in its own currency (learnt again from it)."""
        self.currency = None
        super().switch_to(customer_id)

    def set_currency(self, currency: str | None) -> None:
        """Amounts are in the customer's currency (known once the customer is read)."""
        if currency != self.currency:
            self.currency = currency
            if self.data is not None:
                self.show(self.data)

    def show(self, data: Page[Subscription]) -> None:
        """One row per subscription."""
        table = self.query_one(SubscriptionsTable)
        table.display = True
        table.clear()
        zone = display_zone(self.app)
        cur = self.currency
        for sub in data.items:
            table.add_row(
                text.plain(sub.plan_name or sub.plan_code),
                text.status(sub.status),
                Text(text.money(sub.amount, cur), justify="right"),
                Text(text.money(sub.monthly_recurring_revenue, cur), justify="right"),
                text.plain(sub.frequency_label),
                text.plain(text.day(sub.next_recharge_date, tz=zone)),
                text.plain(text.day(sub.next_period_start_date, tz=zone)),
                text.plain(text.day(sub.contract_start_timestamp, tz=zone)),
                text.plain(text.day(sub.contract_end_timestamp, tz=zone)),
                key=str(sub.id),
            )
        summary = self.query_one("#subscriptions-summary", Static)
        shown = len(data.items)
        total = data.count if data.count is not None else shown
        if shown == 0:
            summary.update(Text("No subscriptions.", style="italic"))
        elif total > shown:
            summary.update(Text(f"{shown} of {total:,} subscriptions (the first page)"))
        else:
            summary.update(Text(f"{shown} subscription{'s' if shown != 1 else ''}"))

    def clear_content(self) -> None:
        """No stale rows."""
        table = self.query_one(SubscriptionsTable)
        table.display = False
        table.clear()
        self.query_one("#subscriptions-summary", Static).update("")
