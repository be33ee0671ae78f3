"""The customer table: one server page of customers, with sort arrows in the header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from fusebill_tui.api.models import Customer
from fusebill_tui.tui.text import EMPTY, clean, day, money, plain, status


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its key, label, width, and the documented sortExpression (None: not sortable)."""

    key: str
    label: str
    width: int
    sort: str | None = None
    right: bool = False


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("name", "Name", 0, "lastName"),
    ColumnSpec("company", "Company", 0, "companyName"),
    ColumnSpec("email", "Email", 0, "primaryEmail"),
    ColumnSpec("status", "Status", 9, "status"),
    ColumnSpec("account", "Account", 12, "accountStatus"),
    ColumnSpec("currency", "Cur", 3),
    ColumnSpec("mrr", "MRR", 13, right=True),
    ColumnSpec("created", "Created", 10, "createdTimestamp"),
)
"""Every column; a width of 0 shares what the fixed columns leave (name 35%, company 28%, email 37%)."""
COMPACT = ("name", "email", "status", "account", "mrr")
"""The columns shown when the table is narrower than WIDE_FROM cells."""
WIDE_FROM = 110
_SHARES = {"name": 35, "company": 28, "email": 37}
SORTABLE: tuple[ColumnSpec, ...] = tuple(column for column in COLUMNS if column.sort)


def column_for_sort(sort_expression: str | None) -> ColumnSpec | None:
    """The column sorted by ``sort_expression`` (any case), if one is."""
    if not sort_expression:
        return None
    for column in SORTABLE:
        if column.sort and column.sort.lower() == sort_expression.lower():
            return column
    return None


def list_name(customer: Customer) -> str:
    """'Last, First' (the list sorts by last name), else the company, else '#id'."""
    first, last = clean(customer.first_name).strip(), clean(customer.last_name).strip()
    if first and last:
        return f"{last}, {first}"
    return last or first or clean(customer.company_name) or f"#{customer.id}"


def customer_cells(customer: Customer, tz: tzinfo | None = None) -> dict[str, Text]:
    """The cells for one customer by column key, every value as plain text (never markup)."""
    mrr = money(customer.monthly_recurring_revenue, customer.currency)
    return {
        "name": plain(list_name(customer)),
        "company": plain(customer.company_name),
        "email": plain(customer.primary_email),
        "status": status(customer.status),
        "account": status(customer.customer_account_status),
        "currency": plain(customer.currency),
        "mrr": Text(mrr, justify="right", style="dim" if mrr == EMPTY else ""),
        "created": plain(day(customer.created_timestamp, tz=tz) if customer.created_timestamp else None),
    }


def layout_columns(width: int) -> list[tuple[ColumnSpec, int]]:
    """The columns that fit ``width`` cells and their widths (two cells of padding each, a scrollbar)."""
    chosen = [c for c in COLUMNS if width >= WIDE_FROM or c.key in COMPACT]
    fixed = sum(c.width for c in chosen) + 2 * len(chosen) + 2
    flexible = [c for c in chosen if c.width == 0]
    room = max(8 * len(flexible), width - fixed)
    total = sum(_SHARES[c.key] for c in flexible)
    return [(c, c.width or max(8, room * _SHARES[c.key] // total)) for c in chosen]


class CustomerTable(DataTable):
    """A page of customers keyed by customer id; page keys are left to the screen."""

    HELP_SECTION = "Tables"

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="row_down", tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, id="row_up", tooltip="Previous row"),
        Binding("g", "scroll_top", "First row", show=False, id="first_row", tooltip="First row"),
        Binding("G", "scroll_bottom", "Last row", show=False, id="last_row", tooltip="Last row"),
    ]

    class SortClicked(Message):
        """A sortable column's header was clicked."""

        def __init__(self, column: ColumnSpec) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._sort: tuple[str | None, str | None] = (None, None)
        self._layout: list[tuple[ColumnSpec, int]] = []
        self._customers: list[Customer] = []
        self._tz: tzinfo | None = None

    def on_resize(self) -> None:
        """Fit the columns to the new width (rebuilding only when the layout changes)."""
        layout = layout_columns(self.size.width)
        if layout != self._layout:
            self._layout = layout
            self._rebuild(self.highlighted_id())

    def _rebuild(self, keep_cursor_on: int | None) -> None:
        self.clear(columns=True)
        for column, width in self._layout or layout_columns(self.size.width or 120):
            self.add_column(self._label(column), key=column.key, width=width)
        seen: set[str] = set()
        for customer in self._customers:
            key = str(customer.id)
            if key in seen:  # a server page should not repeat an id; never crash if it does
                continue
            seen.add(key)
            cells = customer_cells(customer, self._tz)
            self.add_row(*(cells[column.key] for column in self._column_specs()), key=key)
        if keep_cursor_on is not None and str(keep_cursor_on) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep_cursor_on)), animate=False)
        else:
            self.move_cursor(row=0, animate=False)

    def _column_specs(self) -> list[ColumnSpec]:
        return [column for column, _width in (self._layout or layout_columns(self.size.width or 120))]

    # Page keys and enter belong to the screen (server pages, 'open customer'): the table
    # declines them, so they reach the screen's remappable bindings and the footer shows those.
    SCREEN_ACTIONS = frozenset({"page_down", "page_up", "scroll_home", "scroll_end", "select_cursor"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Leave enter and the page keys to the screen (and out of the footer's view of this table)."""
        if action in self.SCREEN_ACTIONS:
            return False
        return super().check_action(action, parameters)

    # Rows ------------------------------------------------------------------

    def show_customers(self, customers: Sequence[Customer], tz: tzinfo | None = None, *,
                       keep_cursor_on: int | None = None) -> None:
        """Show ``customers``: update cells in place when the same rows come back, else rebuild."""
        keys = [str(customer.id) for customer in customers]
        current = [row.key.value for row in self.ordered_rows]
        self._customers, self._tz = list(customers), tz
        if keys == current and self.columns:
            for customer in customers:
                cells = customer_cells(customer, tz)
                for column in self._column_specs():
                    cell = cells[column.key]
                    if self.get_cell(str(customer.id), column.key) != cell:
                        self.update_cell(str(customer.id), column.key, cell)
            return
        self._rebuild(keep_cursor_on)

    def highlighted_id(self) -> int | None:
        """The customer id of the highlighted row, if any."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or changing table has no highlighted row
            return None
        return int(key) if key is not None and key.isdigit() else None

    # Sorting ---------------------------------------------------------------

    def show_sort(self, sort_expression: str | None, sort_order: str | None) -> None:
        """Put ▲ / ▼ on the label of the sorted column."""
        if self._sort == (sort_expression, sort_order):
            return
        self._sort = (sort_expression, sort_order)
        for column in self._column_specs():
            if column.key in self.columns:
                self.columns[column.key].label = self._label(column)  # type: ignore[index]
        self.notify_style_update()

    def _label(self, column: ColumnSpec) -> Text:
        expression, order = self._sort
        sorted_here = column.sort is not None and expression is not None and column.sort.lower() == expression.lower()
        if not sorted_here:
            return Text(column.label, justify="right" if column.right else "left")
        arrow = "▼" if (order or "").lower() == "descending" else "▲"
        return Text(f"{column.label} {arrow}", style="bold", justify="right" if column.right else "left")

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a sortable header asks the screen to sort by it."""
        event.stop()
        column = next((c for c in COLUMNS if c.key == event.column_key.value), None)
        if column is not None and column.sort is not None:
            self.post_message(self.SortClicked(column))
