"""One invoice in full: its charges with their price tiers, payment schedules, taxes, discounts and totals."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from fusebill_tui.tui import text
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.key_footer import KeyFooter
from fusebill_tui.tui.widgets.panels.base import PanelTable, css_beside, display_zone

if TYPE_CHECKING:
    from fusebill_tui.api.models import Charge, Invoice

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


class InvoiceDetail(VerticalScroll):
    """Everything on one invoice, amounts in the invoice's currency."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, invoice: Invoice, currency: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.invoice = invoice
        self.currency = currency

    def compose(self) -> ComposeResult:
        """Heading, charges (with tiers), then schedules, taxes, discounts and totals."""
        yield Static(self._heading(), id="invoice-heading")
        yield Static(Text("Charges", style="bold underline"), classes="invoice-section-title")
        yield ChargesTable(id="invoice-charges")
        yield Static(self._schedules(), id="invoice-schedules", classes="invoice-section")
        yield Static(self._taxes_and_discounts(), id="invoice-adjustments", classes="invoice-section")
        yield Static(self._totals(), id="invoice-totals", classes="invoice-section")

    def on_mount(self) -> None:
        """Fill the charges table."""
        table = self.query_one(ChargesTable)
        table.add_columns(*CHARGE_COLUMNS)
        zone = display_zone(self.app)
        for index, charge in enumerate(self.invoice.charges):
            self._add_charge(table, index, charge, zone)
        if not self.invoice.charges:
            table.add_row(Text("No charges on this invoice.", style="italic"), "", "", "", "")

    def _add_charge(self, table: DataTable, index: int, charge: Charge, zone: Any) -> None:
        cur = self.currency
        period = text.EMPTY
        if charge.start_service_date or charge.end_service_date:
            period = f"{text.day(charge.start_service_date, tz=zone)} – {text.day(charge.end_service_date, tz=zone)}"
        table.add_row(
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
            table.add_row(
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
            table.add_row(label, "", "", amount(-(discount.amount or 0), cur), "")

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
        return heading

    def _schedules(self) -> Table:
        cur = self.currency
        zone = display_zone(self.app)
        table = Table(title="Payment schedule", title_justify="left", title_style="bold underline",
                      expand=False, show_edge=False, pad_edge=False, box=box.SIMPLE_HEAD)
        for column, justify in (("Due", "left"), ("Status", "left"), ("Amount", "right"), ("Outstanding", "right")):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for schedule in self.invoice.payment_schedules:
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
        for tax in self.invoice.taxes:
            rate = "" if tax.percentage is None else f"{text.clean(tax.percentage)}%"
            table.add_row("Tax", text.plain(tax.name or tax.description), rate, text.money(tax.amount, cur))
        for discount in self.invoice.discounts:
            table.add_row("Discount", text.plain(discount.description or discount.discount_type), "",
                          text.money(discount.amount, cur))
        if not self.invoice.taxes and not self.invoice.discounts:
            table.add_row(Text("none", style="italic"), "", "", "")
        return table

    def _totals(self) -> Table:
        inv, cur = self.invoice, self.currency
        table = Table.grid(padding=(0, 2))
        table.title = "Totals"
        table.title_justify = "left"
        table.title_style = "bold underline"
        table.add_column(style="bold")
        table.add_column(justify="right")
        rows = [
            ("Subtotal", inv.subtotal),
            ("Discounts", inv.total_discount),
            ("Taxes", sum((t.amount for t in inv.taxes if t.amount is not None), Decimal("0")) if inv.taxes else None),
            ("Invoice amount", inv.invoice_amount),
            ("Payments", inv.total_payments),
            ("Credit notes", inv.sum_of_credit_notes),
            ("Write-offs", inv.total_writeoffs),
            ("Outstanding", inv.outstanding_balance),
        ]
        for label, value in rows:
            if value is None and label in ("Taxes", "Discounts"):
                continue
            style = "bold" if label in ("Invoice amount", "Outstanding") else ""
            table.add_row(label, Text(text.money(value, cur), style=style))
        return table


class InvoiceDetailScreen(Screen[None]):
    """An invoice opened from the invoices panel; escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="invoice_back", tooltip="Back to the customer"),
        Binding("y", "copy", "Copy number", id="invoice_copy", tooltip="Copy the invoice number"),
    ]

    def __init__(self, invoice: Invoice, currency: str | None, location: str = "") -> None:
        super().__init__()
        self.invoice = invoice
        self.currency = currency
        self.location = location

    def compose(self) -> ComposeResult:
        """The title bar, the invoice and the footer."""
        yield EnvironmentBar()
        yield InvoiceDetail(self.invoice, self.currency, id="invoice-detail")
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        """Say which invoice is open."""
        where = f"{self.location} › " if self.location else ""
        self.app.set_location(f"{where}invoice {text.clean(self.invoice.invoice_number)}")  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        """Focus the charges so the keys move through them."""
        self.query_one(ChargesTable).focus()

    def action_back(self) -> None:
        """Back to the customer."""
        self.app.pop_screen()

    def action_copy(self) -> None:
        """Copy the invoice number."""
        value = text.clean(self.invoice.invoice_number)
        self.app.copy_to_clipboard(value)
        self.notify(f"Copied invoice number {value} to the clipboard.", title="Copied", timeout=3)

    def reload(self) -> None:
        """An open invoice does not change when the customer is edited; nothing to re-read."""
