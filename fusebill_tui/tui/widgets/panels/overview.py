"""The overview: the customer at a glance (balances, aging, subscriptions, latest invoices and note), and the
details tab (status history, contacts, parent, integrations) one key away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static

from fusebill_tui.core.days import days_text
from fusebill_tui.tui import text
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.panels.base import CustomerPanel, display_zone
from fusebill_tui.tui.widgets.panels.glance import (
    GlanceAging,
    GlanceInvoices,
    GlanceNote,
    GlancePart,
    GlanceSubscriptions,
)
from fusebill_tui.vendors.views import MomentValue, MoneyValue, StatusValue

if TYPE_CHECKING:
    from collections.abc import Awaitable
    from datetime import tzinfo

    from fusebill_tui.tui.session import Session
    from fusebill_tui.vendors.views import Fact, Section

__all__ = ["DetailsPanel", "OverviewPanel", "days_text", "fact_table", "fact_value"]

EMPHASIS = {"strong": "bold", "warning": "bold yellow", "danger": "bold red"}
SECTION_IDS = ("overview-balances", "overview-status", "overview-contacts", "overview-links")
#: Balance facts side by side in the glance: label / value pairs per row, by the panel's width.
PAIR_WIDTH = 38


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


def fact_value(fact: Fact, zone: tzinfo | None, currency: str | None = None) -> Text:
    """One fact's value as plain text, shown the way its kind asks (money with its currency)."""
    style = EMPHASIS.get(fact.emphasis, "")
    if fact.kind == "money":
        value = Text(text.money(cast(MoneyValue, fact.value), fact.currency or currency), style=style)
    elif fact.kind == "status":
        value = text.status(cast(StatusValue, fact.value))
    elif fact.kind in ("when", "day"):
        value = text.plain(text.when(cast(MomentValue, fact.value), tz=zone, with_time=fact.kind == "when"))
    elif fact.kind == "lines":
        value = text.plain(fact.value, multiline=True)
    elif style:
        value = Text(text.clean(fact.value), style=style)
    else:
        value = text.plain(fact.value)
    if fact.note:
        value.append(f" ({text.clean(fact.note)})", style="dim")
    return value


def section_table(section: Section, zone: tzinfo | None, currency: str | None = None) -> Table:
    """A section of facts as a titled label / value grid."""
    return fact_table(section.title, [(fact.label, fact_value(fact, zone, currency)) for fact in section.facts])


def balances_grid(section: Section, zone: tzinfo | None, width: int) -> Table:
    """The balances as label / value pairs, as many side by side as ``width`` holds."""
    pairs = max(1, min(3, width // PAIR_WIDTH))
    table = Table.grid(padding=(0, 1))
    for _ in range(pairs):
        table.add_column(style="bold", no_wrap=True)
        table.add_column(no_wrap=True, overflow="ellipsis", min_width=14)
    facts = [fact for fact in section.facts if not fact.detail]
    for start in range(0, len(facts), pairs):
        row: list[Text | str] = []
        for fact in facts[start:start + pairs]:
            row += [fact.label, fact_value(fact, zone)]
        table.add_row(*row)
    return table


class OverviewPanel(CustomerPanel):
    """The glance: balances first, then the parts other reads feed (each loading and failing on its own)."""

    DEFAULT_CSS = css_beside(__file__)
    WHAT = "the overview"

    def __init__(self, customer_id: int, *, subscriptions: bool = True, **kwargs: Any) -> None:
        super().__init__(customer_id, **kwargs)
        self.customer: Any = None
        parts: list[GlancePart] = [GlanceAging(customer_id, id="glance-aging")]
        if subscriptions:
            parts.append(GlanceSubscriptions(customer_id, id="glance-subscriptions"))
        parts += [GlanceInvoices(customer_id, id="glance-invoices"),
                  GlanceNote(customer_id, id="glance-note")]
        self._parts = parts

    def compose_content(self) -> ComposeResult:
        """Balances, aging, subscriptions (where the backend has them), latest invoices, latest note."""
        with VerticalScroll(id="overview-scroll"):
            yield Static(id="overview-balances", classes="overview-section")
            yield from self._parts
            yield Static(Text("Every balance, status history, contacts, parent and integrations: 6 (Details)",
                              style="dim"), id="overview-more")

    @work(exclusive=True, exit_on_error=False, group="overview")
    async def load(self) -> None:
        """Read the overview (cached per customer by the session)."""
        await self.run_load(self.read)

    def read(self, session: Session) -> Awaitable[Any]:
        """The overview."""
        return session.overview(self.customer_id)

    def set_customer(self, customer: Any) -> None:
        """Use the full customer for what the overview lacks (e.g. Fusebill's secondary email and phone)."""
        self.customer = customer
        if self.data is not None:
            self.show(self.data)

    def sections(self, data: Any) -> Sequence[Section]:
        """The backend's sections for ``data``."""
        return fusebill_app(self).session.backend.overview_sections(data, self.customer)

    def parts(self) -> list[GlancePart]:
        """The glance's parts (each shows a read of another tab's, or takes over that tab's early read)."""
        return list(self._parts)

    def show(self, data: Any) -> None:
        """The balances (the first section); the parts learn the currency and the credits beside the aging."""
        backend = fusebill_app(self).session.backend
        sections = list(self.sections(data))
        widget = self.query_one("#overview-balances", Static)
        widget.display = bool(sections)
        if sections:
            widget.update(balances_grid(sections[0], display_zone(self.app), self.size.width or 80))
        currency = backend.identity(data).currency
        for part in self.parts():
            part.set_currency(currency)
            if isinstance(part, GlanceAging):
                part.set_beside(backend.credits(data))

    def on_resize(self) -> None:
        """Balances side by side as the width allows."""
        if self.data is not None:
            self.show(self.data)

    def clear_content(self) -> None:
        """No stale numbers."""
        self.query_one("#overview-balances").display = False

    def switch_to(self, customer_id: int) -> None:
        """Another customer (its parts are switched by the screen, as it hands them their reads)."""
        self.customer = None
        super().switch_to(customer_id)


class DetailsPanel(OverviewPanel):
    """The whole overview: every balance, status history, contacts, parent and integrations."""

    WHAT = "the details"

    def __init__(self, customer_id: int, **kwargs: Any) -> None:
        super().__init__(customer_id, **kwargs)
        self._parts = []

    def compose_content(self) -> ComposeResult:
        """The sections in a grid that reflows with the width."""
        with VerticalScroll(id="overview-scroll"), Grid(id="overview-grid"):
            for section_id in SECTION_IDS:
                yield Static(id=section_id, classes="overview-section")

    @work(exclusive=True, exit_on_error=False, group="details")
    async def load(self) -> None:
        """Read the overview (the glance's very read, cached)."""
        await self.run_load(self.read)

    def show(self, data: Any) -> None:
        """Fill the sections, every balance too (the ones a backend does not use stay hidden)."""
        self.query_one("#overview-grid").display = True
        zone = display_zone(self.app)
        sections = list(self.sections(data))
        for index, section_id in enumerate(SECTION_IDS):
            widget = self.query_one(f"#{section_id}", Static)
            if index < len(sections):
                widget.update(section_table(sections[index], zone))
                widget.display = True
            else:
                widget.display = False

    def on_resize(self) -> None:
        """The grid reflows by itself."""

    def clear_content(self) -> None:
        """No stale numbers."""
        self.query_one("#overview-grid").display = False
