"""One invoice on a screen of its own, opened from the invoices panel; escape goes back to the customer."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from fusebill_tui.tui import text
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.key_footer import KeyFooter
from fusebill_tui.tui.widgets.panels.invoice_detail import ChargesTable, InvoiceDetail, lines_pending

if TYPE_CHECKING:
    from fusebill_tui.vendors.views import Fact, Invoice


class InvoiceDetailScreen(Screen[None]):
    """An invoice opened from the invoices panel; escape goes back.

    When the invoice was listed without its lines, they are read through the session (one request,
    cached with the customer's other reads): a second open shows them at once, r reads them again.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="invoice_back", tooltip="Back to the customer"),
        Binding("y", "copy", "Copy number", id="invoice_copy", tooltip="Copy the invoice number"),
        Binding("r", "refresh", "Refresh", id="invoice_refresh", tooltip="Read the invoice's lines again"),
    ]

    def __init__(self, invoice: Invoice, currency: str | None, location: str = "",
                 totals: Sequence[Fact] | None = None, *, customer_id: int) -> None:
        super().__init__()
        self.invoice = invoice  # as the list gave it
        self.currency = currency
        self.location = location
        self.totals = totals
        self.customer_id = customer_id
        self.lines_shown = not lines_pending(invoice)

    def compose(self) -> ComposeResult:
        """The title bar, the invoice (with its lines when they need no request) and the footer."""
        shown, totals = self.invoice, self.totals
        if not self.lines_shown:
            cached = fusebill_app(self).session.cached_invoice_detail(self.customer_id, self.invoice)
            if cached is not None:
                shown, totals, self.lines_shown = cached, self._totals_of(cached), True
        yield EnvironmentBar()
        yield InvoiceDetail(shown, self.currency, totals, id="invoice-detail")
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        """Say which invoice is open."""
        where = f"{self.location} › " if self.location else ""
        fusebill_app(self).set_location(f"{where}invoice {text.clean(self.invoice.invoice_number)}")

    def on_mount(self) -> None:
        """Focus the charges so the keys move through them; read the lines if the list had none."""
        self.query_one(ChargesTable).focus()
        if not self.lines_shown:
            self.load_lines()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """r only where the lines are read apart from the list (a complete invoice has nothing to re-read)."""
        if action == "refresh":
            return lines_pending(self.invoice)
        return super().check_action(action, parameters)

    @work(exclusive=True, exit_on_error=False, group="invoice-lines")
    async def load_lines(self) -> None:
        """Read the invoice's lines through the session's cache, then show them (or why they could not be read)."""
        session = fusebill_app(self).session
        detail = self.query_one(InvoiceDetail)
        if not self.lines_shown:
            detail.show_lines_loading()
        try:
            full = await session.invoice_detail(self.customer_id, self.invoice)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # shown on the screen; the app carries on
            if session is fusebill_app(self).session:
                self.lines_shown = False
                detail.show_lines_failed(error, fusebill_app(self).secrets())
            return
        if session is not fusebill_app(self).session:
            return
        self.lines_shown = True
        detail.show_invoice(full, self._totals_of(full))
        if self.screen.focused is None:
            self.query_one(ChargesTable).focus()

    def _totals_of(self, invoice: Invoice) -> Sequence[Fact]:
        return fusebill_app(self).session.backend.invoice_totals(invoice)

    def action_back(self) -> None:
        """Back to the customer."""
        self.app.pop_screen()

    def action_copy(self) -> None:
        """Copy the invoice number."""
        value = text.clean(self.invoice.invoice_number)
        self.app.copy_to_clipboard(value)
        self.notify(f"Copied invoice number {value} to the clipboard.", title="Copied", timeout=3)

    def action_refresh(self) -> None:
        """Forget this invoice's cached lines and read them again."""
        fusebill_app(self).session.forget_invoice_detail(self.customer_id, self.invoice)
        self.lines_shown = False
        self.load_lines()

    def reload(self) -> None:
        """After a change: read the lines again through the cache (an invoice listed complete does not change)."""
        if lines_pending(self.invoice):
            self.load_lines()
