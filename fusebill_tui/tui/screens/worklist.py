"""The collections worklist: who to call today, soonest suspension first, filling in as the reads arrive.

Which customers are on it, and how their figures are read, is the backend's business (one list with
balances, or one overview a customer read in the background under the rate-limit rules): this screen
shows what the reader hands it, keeps the cursor on its customer while rows move, sorts and filters
what has arrived.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Static

from fusebill_tui.core.days import days_count
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.bindings import adopt, retooltip
from fusebill_tui.tui.dialogs.worklist_filter import WorklistFilterDialog
from fusebill_tui.tui.errors import describe
from fusebill_tui.tui.screens.customer_detail import open_customer
from fusebill_tui.tui.text import EMPTY, clean, count, money, plain, status
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.key_footer import KeyFooter
from fusebill_tui.vendors.worklist import (
    DEFAULT_SORT,
    SORT_LABELS,
    SORTS,
    WorklistEntry,
    WorklistFilter,
    WorklistProgress,
    WorklistReader,
    sort_entries,
)

if TYPE_CHECKING:
    from fusebill_tui.vendors import Backend

#: The sorts in the order ``s`` steps through them (the default first).
SORT_ORDER: tuple[str, ...] = (DEFAULT_SORT, *(name for name in SORTS if name != DEFAULT_SORT))

#: Columns: (key, label, width, right-aligned). Width 0 shares what is left.
COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("name", "Name", 0, False),
    ("company", "Company", 0, False),
    ("status", "Status", 8, False),
    ("account_status", "Account", 12, False),
    ("balance", "AR balance", 16, True),
    ("suspension", "Suspends", 8, True),
    ("cancellation", "Cancels", 7, True),
    ("mrr", "MRR", 12, True),
)
#: What a billing system that tells no days until suspension (ChargeOver) leaves out: columns and sorts.
DAYS_COLUMNS = ("account_status", "suspension", "cancellation")
DAYS_SORTS = ("suspension", "cancellation")
#: Below this width the company, cancellation and MRR columns give way (the name keeps room to be read).
WIDE_FROM = 110
NARROW_LEFT_OUT = ("company", "cancellation", "mrr")


def days_text(days: int | None, read: bool) -> Text:
    """Days until something, right-aligned; what is not read yet is a dim dot."""
    if not read:
        return Text("…", style="dim", justify="right")
    if days is None:
        return Text(EMPTY, style="dim", justify="right")
    style = "bold red" if days <= 3 else ("bold yellow" if days <= 7 else "")
    return Text(days_count(days), style=style, justify="right")


def money_text(amount: Decimal | None, currency: str | None, read: bool) -> Text:
    """An amount with its currency, right-aligned; what is not read yet is a dim dot."""
    if not read:
        return Text("…", style="dim", justify="right")
    shown = money(amount, currency)
    return Text(shown, justify="right", style="dim" if shown == EMPTY else "")


def entry_cells(entry: WorklistEntry, keys: Sequence[str]) -> list[Text]:
    """The cells of one row, in the order of ``keys``."""
    read = entry.figures_read
    cells = {
        "name": plain(entry.name),
        "company": plain(entry.company),
        "status": status(entry.status),
        "account_status": status(entry.account_status),
        "balance": money_text(entry.balance, entry.currency, read),
        "suspension": days_text(entry.days_until_suspension, read),
        "cancellation": days_text(entry.days_until_cancellation, read),
        "mrr": money_text(entry.mrr, entry.currency, read),
    }
    return [cells[key] for key in keys]


class WorklistScreen(Screen[None]):
    """The customers in poor standing or in collection, with what they owe and when they are suspended."""

    CSS_PATH = "worklist.tcss"
    #: Seconds between two rebuilds of the rows while answers arrive.
    REBUILD_EVERY = 0.25

    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="help", tooltip="Show every key"),
        Binding("escape", "back", "Back", id="worklist_back", tooltip="Back to the customer list"),
        Binding("enter", "open_customer", "Open", id="worklist_open", tooltip="Open the highlighted customer"),
        Binding("s", "next_sort", "Sort", id="worklist_sort",
                tooltip="Next sort: days until suspension, balance, days until cancellation, name, MRR"),
        *(
            Binding(str(number), f"sort('{name}')", f"Sort by {name}", show=False, id=f"worklist_sort_{name}",
                    tooltip=f"Sort by {SORT_LABELS.get(name, name)}")
            for number, name in enumerate(SORT_ORDER, start=1)
        ),
        Binding("f", "filter", "Filter", id="worklist_filter",
                tooltip="Narrow by currency, minimum balance, suspends within N days"),
        Binding("c", "clear_filter", "Clear filter", id="worklist_clear_filter",
                tooltip="Show every row read again"),
        Binding("y", "copy_id", "Copy id", show=False, id="worklist_copy_id",
                tooltip="Copy the highlighted customer's id"),
    ]

    @classmethod
    def bindings_for(cls, backend: Backend) -> list[Binding]:
        """The worklist's keys on ``backend``: where it tells no days until suspension, no sort by days and
        no word of them in the sort and filter keys."""
        bindings = Binding.make_bindings(cls.BINDINGS)
        if backend.capabilities.days_until_suspension:
            return list(bindings)
        day_sorts = {f"sort('{name}')" for name in DAYS_SORTS}
        return retooltip([b for b in bindings if b.action not in day_sorts], {
            "worklist_sort": "Next sort: balance, name, MRR",
            "worklist_filter": "Narrow by currency and minimum balance",
        })

    def __init__(self) -> None:
        super().__init__()
        adopt(self, self.bindings_for(fusebill_app(self).backend))
        self.entries: list[WorklistEntry] = []
        self.progress: WorklistProgress | None = None
        #: Whether the billing system tells days until suspension (and an account status beside the status).
        self.with_days = fusebill_app(self).backend.capabilities.days_until_suspension
        self.sorts = SORT_ORDER if self.with_days else tuple(n for n in SORT_ORDER if n not in DAYS_SORTS)
        self.sort = self.sorts[0]
        self.filter = WorklistFilter()
        self.error = ""
        self.shown: list[WorklistEntry] = []  # the rows of the table, in its order
        self._keys: tuple[str, ...] = ()
        #: Where _show last put the cursor; once the user moves it, it follows its customer as rows move
        #: (until then it stays on the first row: the soonest suspension so far).
        self._placed_row = 0
        self._following = False
        self._rebuild_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Title bar, progress line, filter line, table, keys."""
        yield EnvironmentBar()
        yield Static(id="worklist-progress")
        yield Static(id="worklist-filter")
        yield DataTable(id="worklist", cursor_type="row", zebra_stripes=True)
        yield Static(id="worklist-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start reading; the table fills in as the reader hands rows over."""
        fusebill_app(self).set_location("Worklist")
        self.table.focus()
        self._show()
        self._read()

    def on_screen_resume(self) -> None:
        """Back from a customer: say where the user is again."""
        fusebill_app(self).set_location("Worklist")

    def on_resize(self) -> None:
        """Fit the columns to the width."""
        if self._layout() != self._keys:
            self._show()

    @property
    def table(self) -> DataTable[Text]:
        """The worklist table."""
        return self.query_one("#worklist", DataTable)

    # Reading ---------------------------------------------------------------

    @work(exclusive=True, group="worklist", exit_on_error=False)
    async def _read(self) -> None:
        """Read the worklist; stops when the screen closes (its workers are cancelled with it)."""
        app = fusebill_app(self)
        session = app.session
        # The session's cached read: a customer opened from here shows the overview read here, with no request.
        reader = WorklistReader(session.backend, read_overview=session.overview,
                                clock=lambda: app.clock().timestamp())
        try:
            await reader.run(self._arrived)
        except Exception as error:  # said in the progress line; what was read stays
            if session is fusebill_app(self).session and self.is_mounted:
                self.error = describe(error, secret=app.secrets())
                self._show()

    def _arrived(self, entries: Sequence[WorklistEntry], progress: WorklistProgress) -> None:
        """Rows (and the progress) as they are now."""
        if not self.is_mounted:
            return
        self.entries = list(entries)
        self.progress = progress
        finished = progress.done or bool(progress.stopped)
        if finished or not self.shown:
            self._show()
            return
        # Rows are rebuilt at most a few times a second: answers can arrive far faster than that, and a
        # rebuild per answer (hundreds of rows, hundreds of answers) would keep the screen from painting.
        self._show_lines()
        if self._rebuild_timer is None:
            self._rebuild_timer = self.set_timer(self.REBUILD_EVERY, self._rebuild_now)

    def _rebuild_now(self) -> None:
        self._rebuild_timer = None
        if self.is_mounted:
            self._show()

    # Showing ---------------------------------------------------------------

    def _layout(self) -> tuple[str, ...]:
        width = self.size.width or 120
        return tuple(key for key, *_ in COLUMNS if (width >= WIDE_FROM or key not in NARROW_LEFT_OUT)
                     and (self.with_days or key not in DAYS_COLUMNS))

    def _rows(self) -> list[WorklistEntry]:
        return sort_entries(self.filter.apply(self.entries), self.sort)

    def _show(self) -> None:
        """Rebuild the rows (sorted, filtered) with the cursor on the customer it was on."""
        table = self.table
        if self._rebuild_timer is not None:
            self._rebuild_timer.stop()
            self._rebuild_timer = None
        if table.row_count and table.cursor_row != self._placed_row:
            self._following = True
        kept = self.highlighted_id() if self._following else None
        keys = self._layout()
        if keys != self._keys:
            self._keys = keys
            table.clear(columns=True)
            width = self.size.width or 120
            chosen = [c for c in COLUMNS if c[0] in keys]
            fixed = sum(c[2] for c in chosen) + 2 * len(chosen) + 2
            flexible = [c for c in chosen if c[2] == 0]
            room = max(10 * len(flexible), width - fixed)
            for key, label, column_width, right in chosen:
                header = Text(label, justify="right" if right else "left")
                table.add_column(header, key=key, width=column_width or room // max(1, len(flexible)))
        else:
            table.clear()
        self.shown = self._rows()
        for entry in self.shown:
            table.add_row(*entry_cells(entry, keys), key=str(entry.customer_id))
        if kept is not None and str(kept) in table.rows:
            table.move_cursor(row=table.get_row_index(str(kept)), animate=False)
        elif self.shown:
            table.move_cursor(row=0, animate=False)
        self._placed_row = table.cursor_row
        self._show_lines()
        self.refresh_bindings()

    def _show_lines(self) -> None:
        progress_line = Text(no_wrap=True, overflow="ellipsis")
        progress = self.progress
        if progress is None:
            progress_line.append("reading the worklist…", style="italic")
        else:
            progress_line.append(clean(progress.line()), style="bold" if progress.stopped else "")
        if self.error:
            progress_line.append("  ")
            progress_line.append(clean(self.error), style="bold")
        self.query_one("#worklist-progress", Static).update(progress_line)
        self.query_one("#worklist-progress", Static).set_class(bool(self.error), "-error")

        filter_line = Text(no_wrap=True, overflow="ellipsis")
        total = len(self.entries)
        if self.filter.active:
            filter_line.append(f"{count(len(self.shown))} of {count(total)} read shown", style="bold")
            filter_line.append(f" · {clean(self.filter.describe(complete=True))}")  # partial reads: said below
            if progress is not None and not progress.done:
                filter_line.append(" · of what has been read so far", style="italic")
        else:
            filter_line.append(f"{count(total)} customer{'' if total == 1 else 's'}")
        filter_line.append(f" · sorted by {SORT_LABELS.get(self.sort, self.sort)}")
        self.query_one("#worklist-filter", Static).update(filter_line)

        empty = not self.shown and progress is not None and (progress.done or bool(progress.stopped))
        empty = empty or (not self.shown and self.filter.active and bool(self.entries))
        self.set_class(empty, "-empty")
        if empty:
            message = Text()
            if self.filter.active and self.entries:
                message.append("No row read so far matches the filter.", style="bold")
                message.append("\nc shows every row · f changes the filter")
            else:
                message.append("Nobody is in poor standing or in collection.", style="bold")
            self.query_one("#worklist-empty", Static).update(message)

    @property
    def progress_text(self) -> str:
        """The progress line as plain text."""
        content = self.query_one("#worklist-progress", Static).content
        return getattr(content, "plain", str(content))

    @property
    def filter_text(self) -> str:
        """The filter and sort line as plain text."""
        content = self.query_one("#worklist-filter", Static).content
        return getattr(content, "plain", str(content))

    # Keys ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row keys need a row; clearing needs a filter."""
        if action in ("open_customer", "copy_id"):
            return True if self.shown else None
        if action == "clear_filter":
            return True if self.filter.active else None
        if action == "sort":
            return parameters[0] in self.sorts if parameters else True
        return True

    def highlighted_id(self) -> int | None:
        """The id of the customer on the highlighted row."""
        table = self.table
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None
        return int(key) if key is not None and key.isdigit() else None

    def highlighted_entry(self) -> WorklistEntry | None:
        """The worklist row under the cursor."""
        customer_id = self.highlighted_id()
        return next((e for e in self.shown if e.customer_id == customer_id), None)

    def action_open_customer(self) -> None:
        """Open the highlighted customer (its overview is in the cache when it was read here)."""
        customer_id = self.highlighted_id()
        if customer_id is not None:
            open_customer(fusebill_app(self), customer_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click on the highlighted row opens it too."""
        event.stop()
        self.action_open_customer()

    def action_back(self) -> None:
        """Back to the customer list (the reads stop)."""
        self.app.pop_screen()

    def action_next_sort(self) -> None:
        """Sort by the next way."""
        index = self.sorts.index(self.sort) + 1 if self.sort in self.sorts else 0
        self.action_sort(self.sorts[index % len(self.sorts)])

    def action_sort(self, name: str) -> None:
        """Sort by ``name`` (one of ``SORTS`` this billing system has the figures for)."""
        if name in SORTS and name in self.sorts:
            self.sort = name
            self._show()

    def action_filter(self) -> None:
        """Ask for a currency, a minimum balance and a number of days."""
        currencies = sorted({e.currency for e in self.entries if e.currency})

        def chosen(worklist_filter: WorklistFilter | None) -> None:
            if worklist_filter is not None:
                self.set_filter(worklist_filter)

        self.app.push_screen(WorklistFilterDialog(self.filter, currencies, with_days=self.with_days), chosen)

    def set_filter(self, worklist_filter: WorklistFilter) -> None:
        """Show only what ``worklist_filter`` keeps (of what has been read)."""
        self.filter = worklist_filter
        self._show()

    def action_clear_filter(self) -> None:
        """Show every row again."""
        self.set_filter(WorklistFilter())

    def action_copy_id(self) -> None:
        """Copy the highlighted customer's id."""
        customer_id = self.highlighted_id()
        if customer_id is not None:
            self.app.copy_to_clipboard(str(customer_id))
            self.app.notify(f"Copied customer id {customer_id}.", title="Clipboard")
