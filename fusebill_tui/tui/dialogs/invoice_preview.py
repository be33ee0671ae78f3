"""A read-only rendering of the invoice(s) a status action would produce (its preview)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from fusebill_tui.api.models import Invoice
from fusebill_tui.tui.text import day, money, plain


def render_invoices(invoices: list[Invoice], currency: str | None) -> RenderableType:
    """Each invoice's charge lines (name, quantity, unit price, amount), taxes and total."""
    if not invoices:
        return Text("No invoice would be created.", style="italic")
    parts: list[RenderableType] = []
    grand = Decimal("0")
    for invoice in invoices:
        cur = invoice.currency or currency
        heading = Text("Invoice")
        if invoice.invoice_number is not None:
            heading.append(f" #{invoice.invoice_number}")
        if invoice.effective_timestamp is not None:
            heading.append(f" · {day(invoice.effective_timestamp)}")
        heading.stylize("bold")
        table = Table(box=None, pad_edge=False, expand=True, show_header=True, header_style="dim")
        table.add_column("Charge", ratio=3, overflow="fold")
        table.add_column("Qty", justify="right")
        table.add_column("Unit price", justify="right")
        table.add_column("Amount", justify="right")
        for charge in invoice.charges:
            table.add_row(
                plain(charge.name or charge.description),
                plain(charge.quantity),
                Text(money(charge.unit_price, cur)),
                Text(money(charge.amount, cur)),
            )
        for tax in invoice.taxes:
            table.add_row(plain(tax.name or "Tax"), Text(""), Text(""), Text(money(tax.amount, cur)))
        total = invoice.invoice_amount if invoice.invoice_amount is not None else invoice.subtotal
        table.add_row(Text("Total", style="bold"), Text(""), Text(""), Text(money(total, cur), style="bold"))
        grand += total or Decimal("0")
        parts.extend([heading, table])
    if len(invoices) > 1:
        parts.append(Text(f"{len(invoices)} invoices, together {money(grand, currency)}", style="bold"))
    return Group(*parts)


class InvoicePreview(Static):
    """Shows 'Loading…', an error, or the previewed invoice(s)."""

    DEFAULT_CSS = """
    InvoicePreview {
        height: auto;
        border: round $primary-darken-2;
        padding: 0 1;
    }
    InvoicePreview.-error {
        border: round $error;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(Text("Preview: loading…", style="italic"), **kwargs)  # type: ignore[arg-type]
        self.border_title = "Preview"
        self.loaded = False
        self.failed = False

    def show_loading(self) -> None:
        """A preview request is on its way."""
        self.loaded = self.failed = False
        self.remove_class("-error")
        self.update(Text("Loading the preview…", style="italic"))

    def show_invoices(self, invoices: list[Invoice], currency: str | None) -> None:
        """Show what would be billed."""
        self.loaded, self.failed = True, False
        self.remove_class("-error")
        self.update(render_invoices(invoices, currency))

    def show_error(self, message: str) -> None:
        """The preview failed: say why (plain text)."""
        self.loaded, self.failed = False, True
        self.add_class("-error")
        self.update(Text(f"No preview: {message}"))
