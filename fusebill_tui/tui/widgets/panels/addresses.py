"""The addresses panel: billing and shipping addresses side by side, and the address preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from fusebill_tui.tui import text
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.panels.base import CustomerPanel, display_zone
from fusebill_tui.tui.widgets.panels.overview import fact_value

if TYPE_CHECKING:
    from collections.abc import Awaitable
    from typing import Any

    from fusebill_tui.tui.session import Session
    from fusebill_tui.vendors.views import AddressesView


def address_table(title: str, address: Any, note: str | None = None, *, company: bool = True) -> Table:
    """One address as label / value rows (or a line saying there is none); ``company``: a Company row."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.title = title
    table.title_justify = "left"
    table.title_style = "bold underline"
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    if note:
        table.add_row("", Text(note, style="italic"))
    if address is None:
        if not note:
            table.add_row("", Text("No address on file.", style="italic"))
        return table
    for label, value in (
        *((("Company", address.company_name),) if company else ()),
        ("Line 1", address.line1),
        ("Line 2", address.line2),
        ("City", address.city),
        ("State", address.state),
        ("Postal code", address.postal_zip),
        ("Country", address.country),
    ):
        table.add_row(label, text.plain(value))
    return table


class AddressesPanel(CustomerPanel):
    """Where the customer is billed and shipped to (and, where the backend has them, the preferences; `a` edits)."""

    DEFAULT_CSS = css_beside(__file__)
    WHAT = "the addresses"

    def compose_content(self) -> ComposeResult:
        """Two address columns, then the preferences."""
        with VerticalScroll(id="addresses-scroll"):
            with Horizontal(id="addresses-columns"):
                yield Static(id="address-billing", classes="address-column")
                yield Static(id="address-shipping", classes="address-column")
            yield Static(id="address-preferences")

    @work(exclusive=True, exit_on_error=False, group="addresses")
    async def load(self) -> None:
        """Read the address preferences with both addresses (cached per customer by the session)."""
        await self.run_load(self.read)

    def read(self, session: Session) -> Awaitable[Any]:
        """The address preferences with both addresses."""
        return session.addresses(self.customer_id)

    def show(self, data: Any) -> None:
        """Fill both addresses and the preferences."""
        view: AddressesView = fusebill_app(self).session.backend.addresses_view(data)
        self.query_one("#addresses-scroll").display = True
        same = view.use_billing_address_as_shipping_address
        company = view.company_names
        self.query_one("#address-billing", Static).update(
            address_table("Billing address", view.billing_address, company=company)
        )
        shipping_note = "Same as the billing address." if same else None
        shipping = view.shipping_address
        self.query_one("#address-shipping", Static).update(
            address_table("Shipping address", shipping, shipping_note, company=company)
        )
        preferences = self.query_one("#address-preferences", Static)
        preferences.display = view.preferences is not None
        if view.preferences is None:
            return
        prefs = Table.grid(padding=(0, 2), expand=True)
        prefs.title = "Preferences"
        prefs.title_justify = "left"
        prefs.title_style = "bold underline"
        prefs.add_column(style="bold", no_wrap=True)
        prefs.add_column(ratio=1, overflow="fold")
        zone = display_zone(self.app)
        for fact in view.preferences:
            prefs.add_row(fact.label, fact_value(fact, zone))
        preferences.update(prefs)

    def clear_content(self) -> None:
        """No stale addresses."""
        self.query_one("#addresses-scroll").display = False
