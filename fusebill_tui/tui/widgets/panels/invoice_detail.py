"""One invoice in full: its charges (or lines) with their price tiers, payment schedules, taxes, discounts and totals.

A section the invoice's backend does not have (None on a neutral ``InvoiceView``) is left out. An
invoice listed without its lines (``charges_read`` False) opens with what the list told (number,
dates, totals) and a loading line while the session reads the lines; a failure says why, with r.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from fusebill_tui.tui import text
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.panels.base import (
    PanelState,
    PanelTable,
    display_zone,
)
from fusebill_tui.tui.widgets.panels.overview import fact_value
from fusebill_tui.vendors.views import InvoiceView

if TYPE_CHECKING:
    from fusebill_tui.vendors.views import Charge, Fact, Invoice

#: What the loading and error lines call an invoice's lines.
LINES = "the invoice's lines"

CHARGE_COLUMNS = ("Charge", Text("Qty", justify="right"), Text("Unit price", justify="right"),
                  Text("Amount", justify="right"), "Service period")


def number(value: Any) -> Text:
    """A quantity, right-aligned (kept exact: Decimals print as they came)."""
    return Text(text.EMPTY if value is None else text.clean(value), justify="right")


def amount(value: Any, currency: str | None) -> Text:
    """Money with its currency, right-aligned."""
    return Text(text.money(value, currency), justify="right")


class ChargesTable(PanelTable):
    """Each charge, with its price tiers indented beneath it."""


def lines_pending(invoice: Any) -> bool:
    """Whether the invoice came from a list without its lines (a neutral ``InvoiceView`` says)."""
    return not getattr(invoice, "charges_read", True)


class InvoiceDetail(VerticalScroll):
    """Everything on one invoice, amounts in the invoice's currency."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, invoice: Invoice, currency: str | None, totals: Sequence[Fact] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.invoice = invoice
        self.currency = currency
        self.totals = totals

    def compose(self) -> ComposeResult:
        """Heading, charges (with tiers), then schedules, taxes, discounts and totals (those the invoice has)."""
        inv = self.invoice
        yield Static(self._heading(), id="invoice-heading")
        yield Static(Text("Charges", style="bold underline"), classes="invoice-section-title")
        yield PanelState(id="invoice-lines-state")
        yield ChargesTable(id="invoice-charges")
        if inv.payment_schedules is not None:
            yield Static(self._schedules(), id="invoice-schedules", classes="invoice-section")
        if inv.taxes is not None or inv.discounts is not None:
            yield Static(self._taxes_and_discounts(), id="invoice-adjustments", classes="invoice-section")
        yield Static(self._totals(), id="invoice-totals", classes="invoice-section")

    def on_mount(self) -> None:
        """The charges table's columns, then its rows (or the loading line while the lines are read)."""
        table = self.query_one(ChargesTable)
        # Service periods only where the backend has them (a neutral invoice says whether it does).
        periods = not isinstance(self.invoice, InvoiceView) or self.invoice.service_periods
        self.width = len(CHARGE_COLUMNS) if periods else len(CHARGE_COLUMNS) - 1
        table.add_columns(*CHARGE_COLUMNS[: self.width])
        if lines_pending(self.invoice):
            self.show_lines_loading()
        else:
            self.query_one(PanelState).clear()
            self._fill_charges()

    def _fill_charges(self) -> None:
        table = self.query_one(ChargesTable)
        table.clear()
        table.display = True
        zone = display_zone(self.app)
        for index, charge in enumerate(self.invoice.charges):
            self._add_charge(table, index, charge, zone)
        if not self.invoice.charges:
            self._add_row(table, Text("No charges on this invoice.", style="italic"), "", "", "", "")

    def show_lines_loading(self) -> None:
        """Say the lines are being read; the heading and totals the list gave stay."""
        self.query_one(ChargesTable).display = False
        self.query_one(PanelState).show_loading(LINES)

    def show_lines_failed(self, error: BaseException, secret: str | tuple[str, ...] | None) -> None:
        """Say why the lines could not be read, and that r retries; the heading and totals stay."""
        self.query_one(ChargesTable).display = False
        self.query_one(PanelState).show_error(LINES, error, secret)

    def show_invoice(self, invoice: Invoice, totals: Sequence[Fact] | None) -> None:
        """Show ``invoice`` (the same one, now with its lines) in full."""
        self.invoice = invoice
        self.totals = totals
        self.query_one("#invoice-heading", Static).update(self._heading())
        self.query_one("#invoice-totals", Static).update(self._totals())
        self.query_one(PanelState).clear()
        self._fill_charges()

    def _add_row(self, table: DataTable[Any], *cells: Any, key: str | None = None) -> None:
        table.add_row(*cells[: self.width], key=key)

    def _add_charge(self, table: DataTable[Any], index: int, charge: Charge, zone: Any) -> None:
        cur = self.currency
        period = text.EMPTY
        if charge.start_service_date or charge.end_service_date:
            period = f"{text.day(charge.start_service_date, tz=zone)} – {text.day(charge.end_service_date, tz=zone)}"
        self._add_row(
            table,
            text.plain(charge.name or charge.description, "bold"),
            number(charge.quantity),
            amount(charge.unit_price, cur),
            amount(charge.amount, cur),
            text.plain(period),
            key=f"charge-{index}",
        )
        for tier_index, tier in enumerate(charge.charge_tiers):
            label = Text("  ↳ tier ", style="dim")
            label.append(text.clean(tier.label) or text.EMPTY)
            self._add_row(
                table,
                label,
                number(tier.quantity),
                amount(tier.unit_price, cur),
                amount(tier.amount, cur),
                "",
                key=f"charge-{index}-tier-{tier_index}",
            )
        for discount in charge.discounts:
            label = Text("  ↳ discount ", style="dim")
            label.append(text.clean(discount.description or discount.discount_type) or text.EMPTY)
            self._add_row(table, label, "", "", amount(-(discount.amount or 0), cur), "")

    def _heading(self) -> Text:
        inv = self.invoice
        zone = display_zone(self.app)
        heading = Text(f"Invoice {text.clean(inv.invoice_number) or text.EMPTY}", style="bold")
        heading.append(f"   posted {text.day(inv.posted_timestamp, tz=zone)}")
        heading.append(f"   due {text.day(inv.due_date, tz=zone)}")
        if inv.terms:
            heading.append(f"   terms {text.clean(inv.terms)}")
        if inv.po_number:
            heading.append(f"   PO {text.clean(inv.po_number)}")
        for fact in getattr(inv, "facts", ()):
            heading.append(f"   {fact.label} ")
            heading.append_text(fact_value(fact, zone, self.currency))
        return heading

    def _schedules(self) -> Table:
        cur = self.currency
        zone = display_zone(self.app)
        table = Table(title="Payment schedule", title_justify="left", title_style="bold underline",
                      expand=False, show_edge=False, pad_edge=False, box=box.SIMPLE_HEAD)
        columns: tuple[tuple[str, JustifyMethod], ...] = (("Due", "left"), ("Status", "left"), ("Amount", "right"),
                                                          ("Outstanding", "right"))
        for column, justify in columns:
            table.add_column(column, justify=justify)
        for schedule in self.invoice.payment_schedules or ():
            table.add_row(
                text.day(schedule.due_date_timestamp, tz=zone),
                text.plain(schedule.status),
                text.money(schedule.amount, cur),
                text.money(schedule.outstanding_balance, cur),
            )
        if not self.invoice.payment_schedules:
            table.add_row(Text("none", style="italic"), "", "", "")
        return table

    def _taxes_and_discounts(self) -> Table:
        cur = self.currency
        table = Table(title="Taxes and discounts", title_justify="left", title_style="bold underline",
                      expand=False, show_edge=False, pad_edge=False, box=box.SIMPLE_HEAD)
        table.add_column("Kind")
        table.add_column("Name")
        table.add_column("Rate", justify="right")
        table.add_column("Amount", justify="right")
        for tax in self.invoice.taxes or ():
            rate = "" if tax.percentage is None else f"{text.clean(tax.percentage)}%"
            table.add_row("Tax", text.plain(tax.name or tax.description), rate, text.money(tax.amount, cur))
        for discount in self.invoice.discounts or ():
            table.add_row("Discount", text.plain(discount.description or discount.discount_type), "",
                          text.money(discount.amount, cur))
        if not self.invoice.taxes and not self.invoice.discounts:
            table.add_row(Text("none", style="italic"), "", "", "")
        return table

    def _totals(self) -> Table:
        totals = self.totals
        if totals is None:
            totals = fusebill_app(self).session.backend.invoice_totals(self.invoice)
        zone = display_zone(self.app)
        table = Table.grid(padding=(0, 2))
        table.title = "Totals"
        table.title_justify = "left"
        table.title_style = "bold underline"
        table.add_column(style="bold")
        table.add_column(justify="right")
        for fact in totals:
            table.add_row(fact.label, fact_value(fact, zone, self.currency))
        return table
