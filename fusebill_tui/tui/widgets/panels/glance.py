"""The customer at a glance: the parts of the first screen that other panels' reads feed.

Each part takes over the early read of the tab that shows the same data (and later reads through the
session, whose cache shares one request in flight), so the glance costs no request of its own; each fills
in as its read arrives and has its own loading line and error, as every panel does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import Static

from fusebill_tui.core.aging import Aging, aging, days_past_due, is_unpaid
from fusebill_tui.tui import text
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.panels.base import CustomerPanel, display_today, display_zone
from fusebill_tui.tui.widgets.panels.invoices import InvoicesPanel
from fusebill_tui.tui.widgets.panels.notes import newest_first
from fusebill_tui.vendors.views import MoneyValue

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from fusebill_tui.core.paging import Page
    from fusebill_tui.tui.session import NotesResult, Session
    from fusebill_tui.vendors.views import Fact, Invoice, Subscription

__all__ = ["GlanceAging", "GlanceInvoices", "GlanceNote", "GlancePart", "GlanceSubscriptions"]

#: Subscriptions and invoices listed before "+N more".
SHOWN_SUBSCRIPTIONS = 3
SHOWN_INVOICES = 5
#: Subscription statuses that bill (the others are listed after them, if room remains).
BILLING = ("Active",)


def invoices_page_size() -> int:
    """The invoices tab's page size: the glance reads the very page the tab reads (one shared request)."""
    return InvoicesPanel.PAGE_SIZE


class GlancePart(CustomerPanel):
    """One part of the glance: a title and a body, or its own loading line / error."""

    DEFAULT_CSS = css_beside(__file__)
    #: The tab whose read feeds this part (the screen hands the part that tab's early read).
    FED_BY: ClassVar[str] = ""

    def __init__(self, customer_id: int, currency: str | None = None, **kwargs: Any) -> None:
        super().__init__(customer_id, **kwargs)
        self.currency = currency

    def compose_content(self) -> ComposeResult:
        """The body (a title line, then rows)."""
        yield Static(classes="glance-body")

    def set_currency(self, currency: str | None) -> None:
        """Amounts without a currency of their own are in the customer's (known once the overview is read)."""
        if currency and currency != self.currency:
            self.currency = currency
            if self.data is not None:
                self.show(self.data)

    def body(self) -> Static:
        """The widget the part draws in."""
        return self.query_one(".glance-body", Static)

    def clear_content(self) -> None:
        """No stale rows."""
        self.body().update("")

    def switch_to(self, customer_id: int) -> None:
        """Another customer: its currency is learnt again from its overview."""
        self.currency = None
        super().switch_to(customer_id)

    def titled(self, title: str, *rest: Text | str) -> Text:
        """'Title  rest…' with the title in bold."""
        line = Text(title, style="bold underline")
        for part in rest:
            line.append("  ")
            line.append(part if isinstance(part, Text) else Text(part, style="dim"))
        return line


def _grid(*columns: tuple[str, bool]) -> Table:
    """A borderless table (header dim), columns (label, right-aligned)."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim", pad_edge=False)
    for label, right in columns:
        table.add_column(label, justify="right" if right else "left", no_wrap=True, overflow="ellipsis")
    return table


def _stack(*parts: Text | Table) -> Table:
    """Renderables one under the other."""
    stack = Table.grid()
    stack.add_column()
    for part in parts:
        stack.add_row(part)
    return stack


class GlanceSubscriptions(GlancePart):
    """The subscriptions that bill: plan, amount, interval, next recharge, status; then '+N more'."""

    WHAT = "the subscriptions"
    FED_BY = "tab-subscriptions"

    @work(exclusive=True, exit_on_error=False, group="glance-subscriptions")
    async def load(self) -> None:
        """The subscriptions tab's read."""
        await self.run_load(self.read)

    def read(self, session: Session) -> Awaitable[Page[Subscription]]:
        """The first page of subscriptions (shared with the tab)."""
        return session.subscriptions(self.customer_id)

    def show(self, data: Page[Subscription]) -> None:
        """The billing ones first."""
        subs = list(data.items)
        total = data.count if data.count is not None else len(subs)
        billing = [sub for sub in subs if sub.status in BILLING]
        others = [sub for sub in subs if sub.status not in BILLING]
        if not subs:
            self.body().update(self.titled("Subscriptions", Text("none", style="italic")))
            return
        zone = display_zone(self.app)
        shown = (billing + others)[:SHOWN_SUBSCRIPTIONS]
        table = _grid(("Plan", False), ("Amount", True), ("Interval", False), ("Next recharge", False),
                      ("Status", False))
        for sub in shown:
            next_date = sub.next_recharge_date or sub.next_period_start_date
            table.add_row(text.plain(sub.plan_name or sub.plan_code), text.money(sub.amount, self.currency),
                          text.plain(sub.frequency_label), text.plain(text.day(next_date, tz=zone)),
                          text.status(sub.status))
        summary = f"{len(billing)} billing of {total:,}" if len(billing) != total else f"{total:,} billing"
        parts: list[Text | Table] = [self.titled("Subscriptions", summary), table]
        if total > len(shown):
            parts.append(Text(f"+{total - len(shown):,} more (2: Subscriptions)", style="dim"))
        self.body().update(_stack(*parts))


class GlanceInvoicesBase(GlancePart):
    """A part fed by the first page of invoices (the one the invoices tab reads)."""

    WHAT = "the invoices"
    FED_BY = "tab-invoices"

    def read(self, session: Session) -> Awaitable[Page[Invoice]]:
        """The invoices tab's first page (shared with the tab)."""
        return session.invoices(self.customer_id, 0, invoices_page_size())


class GlanceAging(GlanceInvoicesBase):
    """The outstanding amount of the invoices read, by days past due; credits beside it, never in it."""

    WHAT = "the aging"

    def __init__(self, customer_id: int, currency: str | None = None, **kwargs: Any) -> None:
        super().__init__(customer_id, currency, **kwargs)
        self.beside: Sequence[Fact] = ()

    @work(exclusive=True, exit_on_error=False, group="glance-aging")
    async def load(self) -> None:
        """The invoices tab's read."""
        await self.run_load(self.read)

    def switch_to(self, customer_id: int) -> None:
        """Another customer: the last one's credits are not beside its aging."""
        self.beside = ()
        super().switch_to(customer_id)

    def set_beside(self, facts: Sequence[Fact]) -> None:
        """Credits and unallocated payments (from the overview), shown after the line."""
        self.beside = tuple(facts)
        if self.data is not None:
            self.show(self.data)

    def aging(self, data: Page[Invoice]) -> Aging:
        """The aging of the page read."""
        zone = display_zone(self.app)
        return aging(data.items, display_today(self.app), zone=zone, total_count=data.count,
                     fallback_currency=self.currency)

    def show(self, data: Page[Invoice]) -> None:
        """A row of buckets per currency (their sum beside), then what it was read from and the credits."""
        result = self.aging(data)
        lines: list[Text | Table] = []
        if not result.currencies:
            lines.append(self.titled("Aging", Text("nothing unpaid", style="italic")))
        else:
            table = _grid(("Aging", False), *((label, True) for label, _amount in result.currencies[0].labelled()),
                          ("Unpaid", True))
            for cur in result.currencies:
                cells: list[Text | str] = [Text(cur.currency or "", style="bold")]
                for label, amount in cur.labelled():
                    cells.append(Text(text.money(amount, None), style="bold red" if amount and label != "current"
                                      else ""))
                cells.append(Text(text.money(cur.total, None), style="bold"))
                table.add_row(*cells)
            table.columns[0].header_style = "bold underline"
            lines.append(table)
        aside = Text()
        if result.caveat and result.invoices_read:
            of = f" (of {result.invoices_total:,})" if result.invoices_total else ""
            aside.append(f"{result.caveat[0].upper()}{result.caveat[1:]}{of}. ", style="italic")
        if any(fact.value for fact in self.beside):  # all zero: the balances above already say so
            aside.append("Not in the aging: ", style="dim")
            for index, fact in enumerate(self.beside):
                if index:
                    aside.append(" · ", style="dim")
                aside.append(f"{fact.label.lower()} ", style="dim")
                aside.append(text.money(cast(MoneyValue, fact.value), fact.currency or self.currency))
        if aside:
            lines.append(aside)
        self.body().update(_stack(*lines))


class GlanceInvoices(GlanceInvoicesBase):
    """The latest invoices: number, posted, due, amount, outstanding, days overdue for each unpaid one."""

    @work(exclusive=True, exit_on_error=False, group="glance-invoices")
    async def load(self) -> None:
        """The invoices tab's read."""
        await self.run_load(self.read)

    def show(self, data: Page[Invoice]) -> None:
        """The newest few, then '+N more'."""
        invoices = list(data.items)
        total = data.count if data.count is not None else len(invoices)
        if not invoices:
            self.body().update(self.titled("Latest invoices", Text("none", style="italic")))
            return
        zone = display_zone(self.app)
        today = display_today(self.app)
        unpaid = sum(1 for invoice in invoices if is_unpaid(invoice))
        table = _grid(("Number", False), ("Posted", False), ("Due", False), ("Amount", True),
                      ("Outstanding", True), ("Overdue", True))
        shown = invoices[:SHOWN_INVOICES]
        for invoice in shown:
            cur = invoice.currency or self.currency
            days = days_past_due(invoice, today, zone)
            overdue = Text(f"{days:,} d", style="bold red") if days else Text("")
            outstanding = text.money(invoice.outstanding_balance, cur)
            table.add_row(text.plain(invoice.invoice_number), text.day(invoice.posted_timestamp, tz=zone),
                          text.day(invoice.due_date, tz=zone), text.money(invoice.invoice_amount, cur),
                          Text(outstanding, style="bold" if is_unpaid(invoice) else "dim"), overdue)
        read = len(invoices)
        if unpaid:
            summary = f"{unpaid:,} unpaid of the latest {read:,}"
        else:
            summary = "all paid" if total <= read else f"the latest {read:,} paid"
        if total > read:
            summary += f" ({total:,} in all)"
        parts: list[Text | Table] = [self.titled("Latest invoices", summary), table]
        if total > len(shown):
            parts.append(Text(f"+{total - len(shown):,} more (3: Invoices)", style="dim"))
        self.body().update(_stack(*parts))


class GlanceNote(GlancePart):
    """The latest note: when, who (where known) and its first line."""

    WHAT = "the notes"
    FED_BY = "tab-notes"

    @work(exclusive=True, exit_on_error=False, group="glance-note")
    async def load(self) -> None:
        """The notes tab's read."""
        await self.run_load(self.read)

    def read(self, session: Session) -> Awaitable[NotesResult]:
        """The notes (shared with the tab)."""
        return session.notes(self.customer_id)

    def show(self, data: NotesResult) -> None:
        """Date, author, first line."""
        notes = newest_first(list(data.notes))
        if not notes:
            why = "none" if data.complete else "none added here (this server does not list notes)"
            self.body().update(self.titled("Latest note", Text(why, style="italic")))
            return
        note = notes[0]
        first = (text.clean(note.note, multiline=True) or "").strip().splitlines()
        byline = Text(text.when(note.created_timestamp, tz=display_zone(self.app)), style="bold")
        author = text.clean(note.user_who_created_note)
        if author:
            byline.append(f"  {author}", style="italic")
        more = f"  (+{len(notes) - 1:,} more: 4)" if len(notes) > 1 else ""
        line = Text(first[0] if first else "", no_wrap=True, overflow="ellipsis")
        if len(first) > 1:
            line.append(" …", style="dim")
        self.body().update(_stack(self.titled("Latest note", byline, Text(more, style="dim")), line))
