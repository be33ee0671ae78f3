"""A read-only rendering of the invoice(s) a status action would produce (its preview)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.text import day, money, plain
from fusebill_tui.vendors.views import (
    ActionResult,
    ChargeTier,
    Line,
    Tax,
)
from fusebill_tui.vendors.views import InvoicePreview as PreviewedInvoice
from fusebill_tui.vendors.views import PostedInvoice as Invoice


@dataclass(frozen=True)
class _Bill:
    """What one previewed or posted invoice shows: a heading, charge lines, taxes and totals."""

    heading: Text
    charges: list[Line]  # a posted charge or a draft one
    taxes: list[Tax]
    subtotal: Decimal | None
    total: Decimal | None
    currency: str | None


def _heading(number: Any, effective: Any, position: str) -> Text:
    heading = Text("Invoice")
    if number is not None:
        heading.append(f" #{number}")
    if position:
        heading.append(f" {position}")
    if effective is not None:
        heading.append(f" · {day(effective)}")
    heading.stylize("bold")
    return heading


def _posted(invoice: Invoice, currency: str | None, position: str) -> _Bill:
    total = invoice.invoice_amount if invoice.invoice_amount is not None else invoice.subtotal
    return _Bill(_heading(invoice.invoice_number, invoice.effective_timestamp, position), list(invoice.charges),
                 list(invoice.taxes), invoice.subtotal, total, invoice.currency or currency)


def _previewed(preview: PreviewedInvoice, currency: str | None, position: str) -> _Bill:
    taxes = list(preview.draft_taxes) or ([preview.tax] if preview.tax is not None else [])
    total = preview.total
    if total is None and preview.subtotal is not None:
        total = preview.subtotal + (preview.total_taxes or Decimal("0"))
    return _Bill(_heading(None, preview.effective_timestamp, position), list(preview.draft_charges), taxes,
                 preview.subtotal, total, currency)


def _bills(result: ActionResult, currency: str | None) -> list[_Bill]:
    """The preview's invoices (invoicePreview, then the additional ones), else any invoices it listed."""
    previews = result.preview_invoices
    if previews:
        return [_previewed(p, currency, _position(k, len(previews))) for k, p in enumerate(previews)]
    return [_posted(inv, currency, _position(k, len(result.invoices))) for k, inv in enumerate(result.invoices)]


def _position(index: int, count: int) -> str:
    return f"{index + 1} of {count}" if count > 1 else ""


def _tier_row(table: Table, tier: ChargeTier, cur: str | None) -> None:
    table.add_row(Text.assemble("  tier ", plain(tier.label), style="dim"), plain(tier.quantity, "dim"),
                  Text(money(tier.unit_price, cur), style="dim"), Text(money(tier.amount, cur), style="dim"))


def _table() -> Table:
    table = Table(box=None, pad_edge=False, expand=True, show_header=True, header_style="dim")
    table.add_column("Charge", ratio=3, overflow="fold")
    table.add_column("Qty", justify="right")
    table.add_column("Unit price", justify="right")
    table.add_column("Amount", justify="right")
    return table


def _add_bill(table: Table, bill: _Bill, *, heading: bool) -> None:
    cur = bill.currency
    if heading:
        table.add_row(bill.heading, Text(""), Text(""), Text(""))
    for charge in bill.charges:
        table.add_row(plain(charge.name or charge.description), plain(charge.quantity),
                      Text(money(charge.unit_price, cur)), Text(money(charge.amount, cur)))
        for tier in charge.charge_tiers:
            _tier_row(table, tier, cur)
    if bill.taxes and bill.subtotal is not None:
        table.add_row(Text("Subtotal"), Text(""), Text(""), Text(money(bill.subtotal, cur)))
    for tax in bill.taxes:
        table.add_row(plain(tax.name or "Tax"), Text(""), Text(""), Text(money(tax.amount, cur)))
    table.add_row(Text("Total", style="bold"), Text(""), Text(""), Text(money(bill.total, cur), style="bold"))


def render_preview(result: ActionResult, currency: str | None) -> RenderableType:
    """Each invoice's charges (with their price tiers), taxes and total, in one table; several invoices
    are summed first, so the amount owed is in view before the detail."""
    bills = _bills(result, currency)
    if not bills:
        if not result.answered:
            return Text("The server confirmed the preview without any details to show.", style="italic")
        return Text("No invoice would be created.", style="italic")
    table = _table()
    if len(bills) == 1:
        _add_bill(table, bills[0], heading=False)
        return Group(bills[0].heading, table)
    for k, bill in enumerate(bills):
        if k:
            table.add_row(Text(""), Text(""), Text(""), Text(""))
        _add_bill(table, bill, heading=True)
    grand = sum((bill.total or Decimal("0") for bill in bills), Decimal("0"))
    return Group(Text(f"{len(bills)} invoices, together {money(grand, currency)}", style="bold"), table)


class InvoicePreview(Static):
    """Shows 'Loading…', an error, or the previewed invoice(s)."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Text("Preview: loading…", style="italic"), **kwargs)
        self.border_title = "Preview"
        self.loaded = False
        self.failed = False

    def show_loading(self) -> None:
        """A preview request is on its way."""
        self.loaded = self.failed = False
        self.remove_class("-error")
        self.update(Text("Loading the preview…", style="italic"))

    def show_result(self, result: ActionResult, currency: str | None) -> None:
        """Show what would be billed."""
        self.loaded, self.failed = True, False
        self.remove_class("-error")
        self.update(render_preview(result, currency))

    def show_error(self, message: str) -> None:
        """The preview failed: say why (plain text)."""
        self.loaded, self.failed = False, True
        self.add_class("-error")
        self.update(Text(f"No preview: {message}"))
