"""The customer list: one server page at a time, sorted and filtered by the server."""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from fusebill_tui.core.daily_budget import background_paused
from fusebill_tui.core.errors import BadRequest, NotFound, QueryError
from fusebill_tui.core.waits import RetryWait, WaitListener, report_waits_to
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.bindings import adopt, retooltip
from fusebill_tui.tui.collector import CollectorHold
from fusebill_tui.tui.early_reads import EarlyRead
from fusebill_tui.tui.errors import describe
from fusebill_tui.tui.first_read import first_list_request
from fusebill_tui.tui.read_ahead import REST_SECONDS, read_ahead
from fusebill_tui.tui.session import LISTS, CustomerListRequest, Session
from fusebill_tui.tui.text import clean, count
from fusebill_tui.tui.widgets.customer_table import CustomerTable
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.filter_bar import FilterBar
from fusebill_tui.tui.widgets.key_footer import KeyFooter
from fusebill_tui.vendors import ASCENDING, DESCENDING

if TYPE_CHECKING:
    from textual.timer import Timer

    from fusebill_tui.core.paging import Page
    from fusebill_tui.vendors import Backend
    from fusebill_tui.vendors.views import ColumnSet

    Customer = Any  # one of the backend's customers


def budget_is_low(rate_limit: object | None) -> bool:
    """True when fewer than a tenth (at least 5) of this minute's requests are left."""
    remaining = getattr(rate_limit, "remaining_minute", None)
    limit = getattr(rate_limit, "limit_minute", None)
    if remaining is None:
        return False
    return bool(remaining < max(5, (limit or 0) // 10))


class CustomerListScreen(Screen[None]):
    """Browse customers page by page; the filter, sort, page and cursor survive opening a customer."""

    CSS_PATH = "customer_list.tcss"
    #: Longest the garbage collector is held off waiting for the first page (seconds).
    COLLECTOR_HOLD_LIMIT = 2.0

    BINDINGS = [
        # Also an app key; repeated here so the footer shows it first, even at 80 columns.
        Binding("question_mark", "app.help", "Help", id="help", tooltip="Show every key"),
        # A priority key: it moves the focus before the keys typed after it are routed, so a
        # fast "/smith" lands whole in the input (check_action lets "/" through once there).
        # The tooltips of / and f are the backend's (see bindings_for); Fusebill's are written here.
        Binding("slash", "focus_filter", "Filter", id="filter", priority=True,
                tooltip="Filter: a name, an email (with @), an id, or field:value"),
        Binding("enter", "open_customer", "Open", id="open_customer", tooltip="Open the highlighted customer"),
        Binding("pagedown", "next_page", "Next page", id="next_page", tooltip="Next page"),
        Binding("pageup", "previous_page", "Prev page", show=False, id="previous_page", tooltip="Previous page"),
        Binding("home", "first_page", "First page", show=False, id="first_page", tooltip="First page"),
        Binding("end", "last_page", "Last page", show=False, id="last_page", tooltip="Last page"),
        Binding("s", "sort_column", "Sort", id="sort_column", tooltip="Sort by the next column"),
        Binding("S", "sort_order", "Order", show=False, id="sort_order", tooltip="Flip the sort order"),
        Binding("f", "quick_filters", "Quick", id="quick_filters",
                tooltip="Filter by status or account status (with counts)"),
        Binding("F", "saved_filters", "Saved", id="saved_filters", tooltip="Apply or save a named filter"),
        Binding("r", "refresh", "Refresh", id="refresh", tooltip="Read the page again from the server"),
        Binding("escape", "clear_filter", "Clear filter", id="clear_list_filter",
                tooltip="Show every customer again"),
        # Not in the footer: at 120 columns it would cut off the app's own keys (help and the palette show it).
        Binding("w", "worklist", "Worklist", show=False, id="worklist",
                tooltip="Who to call today: poor standing and collection, soonest suspension first"),
        Binding("y", "copy_id", "Copy id", show=False, id="copy_id",
                tooltip="Copy the highlighted customer's id"),
    ]

    @classmethod
    def bindings_for(cls, backend: Backend) -> list[Binding]:
        """The list's keys on ``backend``: the filter keys described in its filter language."""
        language = backend.filters
        return retooltip(cls.BINDINGS, {"filter": language.tooltip, "quick_filters": language.quick_tooltip})

    def __init__(self) -> None:
        super().__init__()
        adopt(self, self.bindings_for(self.backend))
        self.request = first_list_request()
        self.filter_text = ""  # the filter of the page shown
        self._next_filter_text = ""  # the filter of the page being read
        self.page: Page[Customer] | None = None
        self.shown_request: CustomerListRequest | None = None  # what the table shows
        self.fetching = False
        self.error: str = ""
        #: The request being read and the retry it waits for (a 429, a server error), said in the status line.
        self.waiting: tuple[CustomerListRequest, RetryWait] | None = None
        self._preparing_for = 0  # counts the pages shown: a preparation belongs to one of them
        self._rest_timer: Timer | None = None  # runs while the cursor rests on a row it was moved to
        self._landed_on: int | None = None  # the row a page put the cursor on (not chosen: not read ahead)
        session = fusebill_app(self).session
        self._launch_collector = CollectorHold()
        self._launch_collector.hold(self.app, self.COLLECTOR_HOLD_LIMIT)  # none before the first page is painted
        # The first page is read now, while the screen is built (or was asked for at launch, before the app was
        # built: tui.launch); the first load takes over its answer or failure.
        self._first_read: tuple[CustomerListRequest, EarlyRead] | None = (self.request, self._early_first_read(session))

    def _early_first_read(self, session: Session) -> EarlyRead:
        """The read of the first page: the one sent at launch when it is this page, else one sent now."""
        launched = fusebill_app(self).take_first_read()
        if launched is not None:
            if launched.session is session and launched.request == self.request:
                launched.waits.attach(self._wait_listener(self.request))
                return launched.read
            launched.read.cancel()
        return EarlyRead(session, session.customers(self.request), on_wait=self._wait_listener(self.request))

    @property
    def backend(self) -> Backend:
        """The billing system of the environment this list belongs to."""
        return fusebill_app(self).session.backend

    @property
    def columns(self) -> ColumnSet:
        """The backend's columns (and which of them the server can sort by)."""
        return self.table.column_set

    def describe_search(self, text: str) -> str:
        """What an applied filter means, in words (the backend's filter language says)."""
        return self.backend.filters.describe(text)

    def compose(self) -> ComposeResult:
        """Title bar, filter, status line, table, keys."""
        backend = self.backend
        yield EnvironmentBar()
        yield FilterBar(backend.filters, id="filter-bar")
        yield Static(id="list-status")
        yield CustomerTable(id="customers", columns=backend.columns, to_row=backend.row)
        yield Static(id="list-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the first page."""
        self.table.focus()
        self.load()

    @property
    def table(self) -> CustomerTable:
        """The customer table."""
        return self.query_one(CustomerTable)

    @property
    def filter_bar(self) -> FilterBar:
        """The filter input and its message."""
        return self.query_one(FilterBar)

    # Loading ---------------------------------------------------------------

    def load(self, request: CustomerListRequest | None = None, *, keep_cursor_on: int | None = None) -> None:
        """Show ``request`` (default: the current one), from the cache when it is there."""
        if request is not None:
            self.request = request
        first, self._first_read = self._first_read, None  # only the first load takes it over
        cached = fusebill_app(self).session.cached_customers(self.request)
        if cached is not None:
            self._show_page(cached, keep_cursor_on)
            return
        self.fetching = True
        self._show_status()
        early = first[1] if first is not None and first[0] == self.request else None
        self._load_page(self.request, keep_cursor_on, early)

    def reload(self) -> None:
        """Read the current page again (from the cache while it is fresh)."""
        self.load(keep_cursor_on=self.table.highlighted_id())

    @work(exclusive=True, group="list-page", exit_on_error=False)
    async def _load_page(self, request: CustomerListRequest, keep_cursor_on: int | None,
                         early: EarlyRead | None = None) -> None:
        session = fusebill_app(self).session
        try:
            if early is not None and early.session is session:
                page = await early.outcome()
            else:
                with report_waits_to(self._wait_listener(request)):
                    page = await session.customers(request)
        except Exception as error:  # every failure is shown in the status line; the list stays usable
            if session is fusebill_app(self).session and request == self.request:
                self._show_error(request, error)
            return
        if session is fusebill_app(self).session and request == self.request:
            self._show_page(page, keep_cursor_on)

    def _show_page(self, page: Page[Customer], keep_cursor_on: int | None) -> None:
        self.call_after_refresh(self._launch_collector.release)  # the first page is painted: collect again
        self.call_after_refresh(fusebill_app(self).warm_up)  # then import what Enter opens, in the background
        self.page = page
        self.shown_request = self.request
        self.filter_text = self._next_filter_text
        self.fetching = False
        self.waiting = None
        self.error = ""
        self.table.show_customers(page.items, self._tz(), keep_cursor_on=keep_cursor_on)
        self._landed_on = self.table.highlighted_id()
        self.table.show_sort(self.request.sort_expression, self.request.sort_order)
        self._show_status()
        self.refresh_bindings()
        self._prefetch_next(page)

    def _show_error(self, request: CustomerListRequest, error: BaseException) -> None:
        self._launch_collector.release()
        self.fetching = False
        self.waiting = None
        self.error = describe(error, secret=fusebill_app(self).secrets(), zone=self._tz())
        if isinstance(error, BadRequest) and request.query:
            self.filter_bar.say(self.error, error=True)
        if self.shown_request is not None:
            # Keys act on what is shown: the previous page stays, and the same key tries again.
            self.request = self.shown_request
            self._next_filter_text = self.filter_text
        self._show_status()
        self.refresh_bindings()

    def _wait_listener(self, request: CustomerListRequest) -> WaitListener:
        """Hears the retry waits of the read of ``request``; they are said while the user waits for that page."""

        def heard(wait: RetryWait | None) -> None:
            if request != self.request:  # a page read ahead, or one the user has left
                return
            self.waiting = (request, wait) if wait is not None else None
            if self.is_mounted and self.fetching:
                self._show_status()

        return heard

    def _tz(self) -> tzinfo | None:
        name = getattr(fusebill_app(self).environment, "timezone", None)
        try:
            return ZoneInfo(name) if name else None
        except (ValueError, KeyError):
            return None

    # Prefetch --------------------------------------------------------------

    def _next_page_number(self) -> int | None:
        page = self.page
        if page is None:
            return None
        number = self.request.page_number + 1
        if page.max_page_index is not None:
            return number if number <= page.max_page_index else None
        return number if page.has_next else None

    def _prefetch_next(self, page: Page[Customer]) -> None:
        self._preparing_for += 1  # preparations for the page shown before stop at their next row
        number = self._next_page_number()
        session = fusebill_app(self).session
        ahead = []
        if number is not None:
            request = self.request.page(number)
            following = session.cached_customers(request)
            if following is not None:
                ahead.append(following)
            elif not self._saving_budget(session.backend.rate_limit) and not session.cache.is_pending(
                    ("customers", request)):
                self._prefetch(request)
        if self.request.page_number > 0:
            previous = session.cached_customers(self.request.page(self.request.page_number - 1))
            if previous is not None:
                ahead.append(previous)
        if ahead:
            self._prepare(ahead)

    @staticmethod
    def _saving_budget(rate_limit: object | None) -> bool:
        """Whether to read nothing ahead: this minute's budget is low, or most of the day's is used."""
        return budget_is_low(rate_limit) or background_paused(rate_limit)

    @work(exclusive=True, group="list-prefetch", exit_on_error=False)
    async def _prefetch(self, request: CustomerListRequest) -> None:
        try:
            # Its waits are said only if the user turns to this page while it is still being read.
            with report_waits_to(self._wait_listener(request)):
                page = await fusebill_app(self).session.customers(request)
        except Exception:
            return
        number = self._next_page_number()
        if number is not None and request == self.request.page(number):
            self._prepare([page])

    @work(group="list-prepare", exit_on_error=False)
    async def _prepare(self, pages: list[Page[Customer]]) -> None:
        """Build and render the rows of the pages a page key would show next, while this one is read."""
        generation = self._preparing_for
        for page in pages:
            await self.table.prepare(page.items, self._tz(), wanted=lambda: generation == self._preparing_for)

    # Status line -----------------------------------------------------------

    def _show_status(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        page = self.page
        if page is not None:
            number = (page.current_page if page.current_page is not None else self.request.page_number) + 1
            pages = page.page_count
            total = page.count
            line.append(f"page {count(number)} of {count(pages) if pages else '?'}", style="bold")
            line.append(f" · {count(total)} customer{'' if total == 1 else 's'}")
            if not page.items:
                line.append(" · no customers match", style="bold")
        column = self.columns.for_sort(self.request.sort_expression)
        if column is not None:
            arrow = "▼" if self.request.sort_order == DESCENDING else "▲"
            line.append(f" · sorted by {column.label} {arrow}")
        if self.filter_text:
            line.append(f" · {self.describe_search(self.filter_text)}")
        if self.fetching:
            wait = self.waiting[1] if self.waiting is not None and self.waiting[0] == self.request else None
            if wait is not None:  # says so for as long as it waits, not only in a toast that fades
                line.append(f"  {wait.words(self._tz())}", style="bold italic")
            else:
                line.append("  loading…", style="italic")
        if self.error:
            line.append("  ")
            line.append(clean(self.error), style="bold")
        self._status_line = line
        self._show_empty_state(page is not None and not page.items and not self.error)
        status = self.query_one("#list-status", Static)
        status.update(line)
        status.set_class(bool(self.error), "-error")

    def _show_empty_state(self, empty: bool) -> None:
        """Say in the table's place why it is empty and how to get customers back."""
        self.set_class(empty, "-empty")
        if not empty:
            return
        message = Text()
        if self.filter_text:
            if ":" in self.filter_text:
                what = f"No customers match {self.filter_text}."
            else:
                what = f"No customers found: {self.describe_search(self.filter_text)}."
            message.append(clean(what), style="bold")
            message.append("\nescape shows every customer · / changes the filter · f picks a status")
        else:
            message.append("This environment has no customers yet.", style="bold")
        self.query_one("#list-empty", Static).update(message)

    @property
    def empty_text(self) -> str:
        """What the empty-state line says ('' while the page has rows)."""
        if not self.has_class("-empty"):
            return ""
        content = self.query_one("#list-empty", Static).content
        return getattr(content, "plain", str(content))

    @property
    def status_text(self) -> str:
        """The status line as plain text."""
        line = getattr(self, "_status_line", None)
        return line.plain if line is not None else ""

    # Paging ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Disable page moves that lead nowhere and row actions on an empty page."""
        if action in ("previous_page", "first_page"):
            return None if self.request.page_number == 0 else True
        if action == "next_page":
            return True if self._next_page_number() is not None else None
        if action == "last_page":
            last = self.page.max_page_index if self.page is not None else None
            return True if last is not None and last != self.request.page_number else None
        if action in ("open_customer", "copy_id"):
            return True if self.table.row_count else None
        if action == "clear_filter":
            return bool(self.filter_text or self.request.query)
        if action == "focus_filter":
            return self.focused is not self.filter_bar.input
        return True

    def _go_to_page(self, number: int) -> None:
        if number < 0 or number == self.request.page_number:
            return
        self.load(self.request.page(number))

    def action_next_page(self) -> None:
        """Next page."""
        number = self._next_page_number()
        if number is not None:
            self._go_to_page(number)

    def action_previous_page(self) -> None:
        """Previous page."""
        self._go_to_page(self.request.page_number - 1)

    def action_first_page(self) -> None:
        """First page."""
        self._go_to_page(0)

    def action_last_page(self) -> None:
        """Last page (X-MaxPageIndex)."""
        if self.page is not None and self.page.max_page_index is not None:
            self._go_to_page(self.page.max_page_index)

    def action_refresh(self) -> None:
        """Forget the cached pages and read this one again."""
        fusebill_app(self).session.cache.invalidate(LISTS)
        self.error = ""
        self.load(keep_cursor_on=self.table.highlighted_id())

    # Sorting ---------------------------------------------------------------

    def sort_by(self, sort_expression: str, sort_order: str) -> None:
        """Sort on the server by a documented field; back to the first page."""
        self.load(replace(self.request, sort_expression=sort_expression, sort_order=sort_order, page_number=0))

    def action_sort_column(self) -> None:
        """Sort by the next sortable column (ascending)."""
        sortable = self.columns.sortable
        current = self.columns.for_sort(self.request.sort_expression)
        index = sortable.index(current) + 1 if current in sortable else 0
        self.sort_by(sortable[index % len(sortable)].sort or "", ASCENDING)

    def action_sort_order(self) -> None:
        """Flip between ascending and descending."""
        column = self.columns.for_sort(self.request.sort_expression) or self.columns.sortable[0]
        order = ASCENDING if self.request.sort_order == DESCENDING else DESCENDING
        if self.request.sort_expression is None:
            order = DESCENDING
        self.sort_by(column.sort or "", order)

    @on(CustomerTable.SortClicked)
    def _header_clicked(self, event: CustomerTable.SortClicked) -> None:
        current = self.columns.for_sort(self.request.sort_expression)
        if current == event.column:
            self.action_sort_order()
        else:
            self.sort_by(event.column.sort or "", ASCENDING)

    # Filtering -------------------------------------------------------------

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter input."""
        # Focus now, not on the next message as `Widget.focus` does.
        self.set_focus(self.filter_bar.input)

    @on(FilterBar.Applied)
    def _filter_applied(self, event: FilterBar.Applied) -> None:
        self.apply_filter(event.text)

    @on(FilterBar.Cleared)
    def _filter_cleared(self) -> None:
        self.apply_filter("")
        self.table.focus()

    def apply_filter(self, text: str) -> None:
        """Filter by ``text``: validated first; an invalid filter is explained and nothing is sent."""
        bar = self.filter_bar
        if bar.text != text:
            bar.set_text(text)
        try:
            plan = self.backend.filters.plan(text)
        except QueryError as error:
            bar.say(error.user_message, error=True)
            return
        if plan.customer_id is not None:
            bar.say(f"customer #{plan.customer_id}")
            self.open_by_id(plan.customer_id)
            return
        self._next_filter_text = text.strip() if plan.query else ""
        bar.say(self.describe_search(text) if plan.query else "")
        self.error = ""
        self.table.focus()
        self.load(replace(self.request, query=plan.query, page_number=0))

    def action_clear_filter(self) -> None:
        """Escape on the list: drop the applied filter and show every customer."""
        self.filter_bar.say("")
        self.apply_filter("")

    def action_quick_filters(self) -> None:
        """Choose a status or account status (with counts)."""
        from fusebill_tui.tui.dialogs.filter_menus import QuickFilterMenu  # dialogs load when first used

        def chosen(query: str | None) -> None:
            if query:
                self.apply_filter(query)

        self.app.push_screen(QuickFilterMenu(fusebill_app(self).session), chosen)

    def action_saved_filters(self) -> None:
        """Apply a saved filter, or save the current one."""
        from fusebill_tui.tui.dialogs.filter_menus import SAVE_CURRENT, SavedFilterMenu

        def chosen(query: str | None) -> None:
            if query == SAVE_CURRENT:
                self.save_current_filter()
            elif query:
                self.apply_filter(query)

        current = self.filter_text or self.filter_bar.text
        config = fusebill_app(self).config
        self.app.push_screen(SavedFilterMenu(config.saved_filters, current, config), chosen)

    def save_current_filter(self) -> None:
        """Ask for a name and keep the current filter in the app's config file."""
        from fusebill_tui.tui.dialogs.save_filter import SaveFilterDialog

        def saved(name: str | None) -> None:
            if name:
                self.app.notify(f"Saved filter “{clean(name)}”.", title="Saved filters")

        query = self.filter_text or self.filter_bar.text
        self.app.push_screen(SaveFilterDialog(fusebill_app(self).config, query), saved)

    # Customers -------------------------------------------------------------

    def highlighted_customer(self) -> Customer | None:
        """The customer on the highlighted row."""
        customer_id = self.table.highlighted_id()
        if customer_id is None or self.page is None:
            return None
        return next((c for c in self.page.items if c.id == customer_id), None)

    def action_open_customer(self) -> None:
        """Open the highlighted customer."""
        customer = self.highlighted_customer()
        if customer is not None and customer.id is not None:
            self.show_customer(customer.id, customer)

    # Read ahead --------------------------------------------------------------

    #: Whether the customer the cursor rests on is read ahead (under the budget's gate in ``read_ahead``).
    READ_AHEAD: ClassVar[bool] = True
    #: How long the cursor rests on a row before its customer is read ahead (seconds).
    READ_AHEAD_REST: ClassVar[float] = REST_SECONDS

    def on_data_table_row_highlighted(self, _event: CustomerTable.RowHighlighted) -> None:
        """The cursor moved: read ahead once it rests on the new row (a row moved past reads nothing)."""
        self._stop_resting()
        customer_id = self.table.highlighted_id()
        if customer_id == self._landed_on:
            return
        self._landed_on = None  # moved away: coming back to that row reads it ahead too
        if self.READ_AHEAD and customer_id is not None:
            self._rest_timer = self.set_timer(self.READ_AHEAD_REST, lambda: self._read_ahead(customer_id))

    def _stop_resting(self) -> None:
        if self._rest_timer is not None:
            self._rest_timer.stop()
            self._rest_timer = None

    @work(group="read-ahead", exit_on_error=False)
    async def _read_ahead(self, customer_id: int) -> None:
        """Read the rested-on customer's first screen into the cache (what was sent stays cached if the
        cursor moves on: going back finds it)."""
        self._rest_timer = None
        if self.app.screen is self and self.table.highlighted_id() == customer_id:
            await read_ahead(fusebill_app(self).session, customer_id)

    def on_data_table_row_selected(self, event: CustomerTable.RowSelected) -> None:
        """A click on the highlighted row opens it too."""
        event.stop()
        self.action_open_customer()

    def action_worklist(self) -> None:
        """Open the collections worklist."""
        from fusebill_tui.tui.screens.worklist import WorklistScreen  # loaded when first used, off the launch path

        self.app.push_screen(WorklistScreen())

    def action_copy_id(self) -> None:
        """Copy the highlighted customer's id."""
        customer_id = self.table.highlighted_id()
        if customer_id is not None:
            self.app.copy_to_clipboard(str(customer_id))
            self.app.notify(f"Copied customer id {customer_id}.", title="Clipboard")

    def open_by_id(self, customer_id: int) -> None:
        """Open a customer by id, after checking it exists (the detail screen reuses the cached read)."""
        self._open_by_id(customer_id)

    @work(exclusive=True, group="open-by-id", exit_on_error=False)
    async def _open_by_id(self, customer_id: int) -> None:
        session = fusebill_app(self).session
        try:
            customer = await session.customer(customer_id)
        except NotFound:
            self.filter_bar.say(f"There is no customer #{customer_id}.", error=True)
            return
        except Exception as error:  # shown, never raised
            self.filter_bar.say(describe(error, secret=fusebill_app(self).secrets()), error=True)
            return
        if session is fusebill_app(self).session:
            self.show_customer(customer_id, customer)

    def show_customer(self, customer_id: int, summary: Customer | None = None) -> None:
        """Push the customer's detail screen."""
        # Off the launch path (it imports every panel); the app imports it in the background after the first page.
        from fusebill_tui.tui.screens.customer_detail import open_customer

        self._stop_resting()  # it reads everything itself now
        open_customer(fusebill_app(self), customer_id, summary)
