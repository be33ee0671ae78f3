"""The invoices panel: a paged table of the customer's invoices, newest first, with how many days each unpaid
one is past due; enter opens one, ``u`` shows only the unpaid ones of the page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from fusebill_tui.core.aging import days_past_due, is_unpaid
from fusebill_tui.tui import text
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.panels.base import (
    CustomerPanel,
    PanelTable,
    display_today,
    display_zone,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from fusebill_tui.core.paging import Page
    from fusebill_tui.tui.session import Session
    from fusebill_tui.vendors.views import Invoice

COLUMNS = ("Number", "Posted", "Due", Text("Amount", justify="right"), Text("Outstanding", justify="right"), "Status",
           Text("Overdue", justify="right"))

DUE_STYLES = {"Paid": "green", "Due": "yellow", "Overdue": "bold red", "Unpaid": "yellow"}


def overdue_cell(days: int | None) -> Text:
    """Days past due, red; nothing for an invoice paid or not yet past due."""
    if not days:
        return Text("", justify="right")
    return Text(f"{days:,} day{'s' if days != 1 else ''}", style="red", justify="right")


def invoice_currency(invoice: Invoice, fallback: str | None) -> str | None:
    """The invoice's currency: its own, its customer snapshot's, else the customer's."""
    if invoice.currency:
        return invoice.currency
    snapshot = invoice.raw.get("invoiceCustomer")
    if isinstance(snapshot, dict) and snapshot.get("currency"):
        return str(snapshot["currency"])
    return fallback


class InvoicesTable(PanelTable):
    """The invoice rows; page keys turn the server's pages while this table has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Charges", id="invoices_open",
                tooltip="Show the highlighted invoice's charges and tiers"),
        Binding("pagedown", "next_page", "Next page", id="invoices_next_page",
                tooltip="Show the next page of invoices"),
        Binding("pageup", "previous_page", "Previous page", id="invoices_previous_page",
                tooltip="Show the previous page of invoices"),
        Binding("u", "toggle_unpaid", "Unpaid only", id="invoices_unpaid_only",
                tooltip="Show only the unpaid invoices of this page (again: all of them)"),
    ]

    class PageRequested(Message):
        """The user asked for another page (+1 or -1)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Page keys only when there are other pages; 'Charges' only on a row."""
        panel = next((node for node in self.ancestors if isinstance(node, InvoicesPanel)), None)
        if action in ("next_page", "previous_page") and panel is not None:
            return panel.can_turn(1 if action == "next_page" else -1)
        if action == "select_cursor":
            return True if self.row_count else None
        if action == "toggle_unpaid" and panel is not None:
            return True if panel.data is not None else None
        return super().check_action(action, parameters)

    def action_toggle_unpaid(self) -> None:
        """Unpaid invoices only, or all of them again."""
        panel = next((node for node in self.ancestors if isinstance(node, InvoicesPanel)), None)
        if panel is not None:
            panel.toggle_unpaid()

    def action_next_page(self) -> None:
        """Ask for the next page."""
        self.post_message(self.PageRequested(1))

    def action_previous_page(self) -> None:
        """Ask for the previous page."""
        self.post_message(self.PageRequested(-1))


class InvoicesPanel(CustomerPanel):
    """The customer's posted invoices, one server page at a time."""

    DEFAULT_CSS = css_beside(__file__)
    WHAT = "the invoices"
    PAGE_SIZE: ClassVar[int] = 25

    class Opened(Message):
        """The user chose an invoice to look into."""

        def __init__(self, invoice: Invoice, currency: str | None) -> None:
            super().__init__()
            self.invoice = invoice
            self.currency = currency

    def __init__(self, customer_id: int, currency: str | None = None, **kwargs: Any) -> None:
        super().__init__(customer_id, **kwargs)
        self.currency = currency
        self.page_number = 0
        self.unpaid_only = False
        self._by_key: dict[str, Invoice] = {}

    def compose_content(self) -> ComposeResult:
        """A paging line above the table."""
        yield Static(id="invoices-summary", classes="panel-summary")
        yield InvoicesTable(id="invoices-table")

    def on_mount(self) -> None:
        """Columns first, then load."""
        self.query_one(InvoicesTable).add_columns(*COLUMNS)
        super().on_mount()

    @work(exclusive=True, exit_on_error=False, group="invoices")
    async def load(self) -> None:
        """Read the current page, newest first (cached per customer and page by the session)."""
        await self.run_load(self.read)

    def read(self, session: Session) -> Awaitable[Page[Invoice]]:
        """The current page of invoices."""
        return session.invoices(self.customer_id, self.page_number, self.PAGE_SIZE)

    def set_currency(self, currency: str | None) -> None:
        """The customer's currency, used when an invoice does not carry its own."""
        if currency != self.currency:
            self.currency = currency
            if self.data is not None:
                self.show(self.data)

    @property
    def highlighted(self) -> Invoice | None:
        """The invoice under the cursor, if any."""
        table = self.query_one(InvoicesTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # no valid cursor (empty or being rebuilt)
            return None
        return self._by_key.get(key or "")

    def can_turn(self, step: int) -> bool | None:
        """Hidden (False) with a single page; greyed out (None) at either end; else True."""
        page: Page[Invoice] | None = self.data
        if page is None:
            return None
        if page.max_page_index is not None and page.max_page_index <= 0 and self.page_number == 0:
            return False
        if step < 0:
            return True if self.page_number > 0 else None
        last = page.max_page_index
        has_next = page.next_page is not None if last is None else self.page_number < last
        return True if has_next else None

    def turn_page(self, step: int) -> None:
        """Go to the next or previous page when there is one."""
        page: Page[Invoice] | None = self.data
        if page is None:
            return
        target = self.page_number + step
        last = page.max_page_index
        if target < 0 or (step > 0 and (page.next_page is None if last is None else target > last)):
            self.notify("There is no " + ("next" if step > 0 else "previous") + " page of invoices.",
                        severity="information", timeout=3)
            return
        self.page_number = target
        self.data = None
        self.load()

    def switch_to(self, customer_id: int) -> None:
        """Another customer opens on its first page, every invoice shown, in its own currency."""
        self.page_number = 0
        self.unpaid_only = False
        self.currency = None
        super().switch_to(customer_id)

    def toggle_unpaid(self) -> None:
        """Show only the unpaid invoices of the page read, or all of them again (no request either way)."""
        self.unpaid_only = not self.unpaid_only
        if self.data is not None:
            self.show(self.data)

    def on_invoices_table_page_requested(self, event: InvoicesTable.PageRequested) -> None:
        """Page keys from the table."""
        event.stop()
        self.turn_page(event.step)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an invoice opens its charges."""
        event.stop()
        invoice = self._by_key.get(event.row_key.value or "")
        if invoice is not None:
            self.post_message(self.Opened(invoice, invoice_currency(invoice, self.currency)))

    def show(self, data: Page[Invoice]) -> None:
        """One row per invoice, and where this page sits among all of them."""
        table = self.query_one(InvoicesTable)
        table.display = True
        table.clear()
        self._by_key.clear()
        zone = display_zone(self.app)
        today = display_today(self.app)
        for invoice in data.items:
            if self.unpaid_only and not is_unpaid(invoice):
                continue
            cur = invoice_currency(invoice, self.currency)
            key = str(invoice.id if invoice.id is not None else invoice.invoice_number)
            self._by_key[key] = invoice
            status = invoice.due_status
            table.add_row(
                text.plain(invoice.invoice_number),
                text.plain(text.day(invoice.posted_timestamp, tz=zone)),
                text.plain(text.day(invoice.due_date, tz=zone)),
                Text(text.money(invoice.invoice_amount, cur), justify="right"),
                Text(text.money(invoice.outstanding_balance, cur), justify="right"),
                text.plain(status, DUE_STYLES.get(status or "", "")),
                overdue_cell(days_past_due(invoice, today, zone)),
                key=key,
            )
        self.query_one("#invoices-summary", Static).update(self._summary(data))
        self.screen.refresh_bindings()

    def _summary(self, data: Page[Invoice]) -> Text:
        if not data.items and self.page_number == 0:
            return Text("No invoices.", style="italic")
        if self.unpaid_only:
            unpaid = sum(1 for invoice in data.items if is_unpaid(invoice))
            line = (f"unpaid only: {unpaid} of the {len(data.items)} invoice{'s' if len(data.items) != 1 else ''}"
                    f" on page {self.page_number + 1}")
            return Text(line + " · u: all invoices", style="" if unpaid else "italic")
        pages = (data.max_page_index + 1) if data.max_page_index is not None else None
        line = f"page {self.page_number + 1}" + (f" of {pages:,}" if pages else "")
        if data.count is not None:
            line += f" · {data.count:,} invoice{'s' if data.count != 1 else ''}"
        line += " · newest first"
        if pages and pages > 1:
            line += " · PgDn / PgUp: other pages"
        return Text(line)

    def clear_content(self) -> None:
        """No stale rows (nor an invoice the keys could still reach)."""
        table = self.query_one(InvoicesTable)
        table.display = False
        table.clear()
        self._by_key.clear()
        self.query_one("#invoices-summary", Static).update("")
