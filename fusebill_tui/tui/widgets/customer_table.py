"""The customer table: one server page of customers, with sort arrows in the header."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, cast

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from fusebill_tui.tui.perf.textual_private import PrerenderedTable, Rendered
from fusebill_tui.tui.text import EMPTY, day, money, plain, status
from fusebill_tui.vendors.views import (
    ColumnSet,
    ColumnSpec,
    Customer,
    CustomerRow,
    MomentValue,
    MoneyValue,
    StatusValue,
)

RowMaker = Callable[[Customer], CustomerRow]
"""Turns one of the backend's customers into a row (``Backend.row``)."""


def cell(column: ColumnSpec, row: CustomerRow, tz: tzinfo | None = None) -> Text:
    """One cell as plain text (never markup), shown the way the column's kind asks."""
    value = row.values.get(column.key)
    if column.kind == "status":
        return status(cast(StatusValue, value))
    if column.kind == "money":
        shown = money(cast(MoneyValue, value), row.currency)
        return Text(shown, justify="right" if column.right else "left", style="dim" if shown == EMPTY else "")
    if column.kind in ("day", "when"):
        return plain(day(cast(MomentValue, value), tz=tz) if value else None)
    return plain(value)


def customer_cells(row: CustomerRow, columns: ColumnSet, tz: tzinfo | None = None) -> dict[str, Text]:
    """The cells for one customer by column key."""
    return {column.key: cell(column, row, tz) for column in columns.columns}


def layout_columns(width: int, columns: ColumnSet) -> list[tuple[ColumnSpec, int]]:
    """The columns that fit ``width`` cells and their widths (two cells of padding each, a scrollbar).

    Below ``columns.wide_from`` only the compact columns are shown; columns of width 0 share what the
    fixed ones leave, by their ``share``.
    """
    chosen = [c for c in columns.columns if width >= columns.wide_from or c.key in columns.compact]
    fixed = sum(c.width for c in chosen) + 2 * len(chosen) + 2
    flexible = [c for c in chosen if c.width == 0]
    room = max(8 * len(flexible), width - fixed)
    total = sum(c.share for c in flexible) or 1
    return [(c, c.width or max(8, room * c.share // total)) for c in chosen]


#: Pages kept prepared: the next and the previous one, and the one just shown until it has been painted.
PAGES_PREPARED = 3


@dataclass
class PreparedPage:
    """A page's rows and cells built, and its first screenful rendered, before the page is shown."""

    rows: list[CustomerRow]
    cells: list[list[Text]]
    layout: list[tuple[ColumnSpec, int]]
    tz: tzinfo | None
    #: Rendered lines by (id(cell), row, column, style, width, cursor, hover, hover shown, pseudo classes).
    rendered: dict[tuple[Any, ...], tuple[Text, list[list[Segment]]]] = field(default_factory=dict)


class CustomerTable(PrerenderedTable):
    """A page of customers keyed by customer id; page keys are left to the screen.

    A page about to be shown (the prefetched next page, the cached previous one) can be prepared:
    its cells are built and its first screenful rendered while the user reads the current page, so
    turning to it only swaps rows in (Textual's own cell cache is keyed by the table's update count
    and cannot be filled ahead).
    """

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

    def __init__(self, *, columns: ColumnSet, to_row: RowMaker, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.column_set = columns
        self.to_row: RowMaker = to_row
        self._sort: tuple[str | None, str | None] = (None, None)
        self._layout: list[tuple[ColumnSpec, int]] = []
        self._rows: list[CustomerRow] = []
        self._tz: tzinfo | None = None
        self._prepared: dict[tuple[str, ...], PreparedPage] = {}
        #: Cells painted from a prepared page rather than rendered on the spot (tests read it).
        self.cells_from_prepared = 0

    def on_resize(self) -> None:
        """Fit the columns to the new width (rebuilding only when the layout changes)."""
        layout = layout_columns(self.size.width, self.column_set)
        if layout != self._layout:
            self._layout = layout
            self._rebuild(self.highlighted_id())

    def _rebuild(self, keep_cursor_on: int | None, cells: list[list[Text]] | None = None) -> None:
        layout = self._layout or layout_columns(self.size.width or 120, self.column_set)
        if [(key.value, column.width) for key, column in self.columns.items()] == [
                (spec.key, width) for spec, width in layout]:
            self.clear()  # the same columns: keep them (and their headers) and swap the rows
        else:
            self.clear(columns=True)
            for column, width in layout:
                self.add_column(self._label(column), key=column.key, width=width)
        seen: set[str] = set()
        for index, row in enumerate(self._rows):
            key = str(row.id)
            if key in seen:  # a server page should not repeat an id; never crash if it does
                continue
            seen.add(key)
            row_cells = cells[index] if cells is not None else [cell(spec, row, self._tz) for spec, _ in layout]
            self.add_row(*row_cells, key=key)
        if keep_cursor_on is not None and str(keep_cursor_on) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep_cursor_on)), animate=False)
        else:
            self.move_cursor(row=0, animate=False)

    def _column_specs(self) -> list[ColumnSpec]:
        return [column for column, _width in (self._layout or layout_columns(self.size.width or 120, self.column_set))]

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
        prepared = self._prepared.get(tuple(keys))
        if keys != current and prepared is not None and prepared.tz == tz and prepared.layout == self._current_layout():
            self._rows, self._tz = prepared.rows, tz
            self._prepared[tuple(keys)] = self._prepared.pop(tuple(keys))  # kept until painted
            self._rebuild(keep_cursor_on, prepared.cells)
            return
        rows = [self.to_row(customer) for customer in customers]
        keys = [str(row.id) for row in rows]
        self._rows, self._tz = rows, tz
        if keys == current and self.columns:
            for row in rows:
                for column in self._column_specs():
                    value = cell(column, row, tz)
                    if self.get_cell(str(row.id), column.key) != value:
                        self.update_cell(str(row.id), column.key, value)
            return
        self._rebuild(keep_cursor_on)

    def _current_layout(self) -> list[tuple[ColumnSpec, int]]:
        return self._layout or layout_columns(self.size.width or 120, self.column_set)

    def forget_prepared(self) -> None:
        """Drop every prepared page (the next paint renders every cell on the spot)."""
        self._prepared.clear()

    async def prepare(self, customers: Sequence[Any], tz: tzinfo | None = None, *,
                      wanted: Callable[[], bool] = lambda: True) -> None:
        """Build a page's cells and render its first screenful ahead of showing it.

        It yields between rows, so a key press is never kept waiting, and stops when ``wanted()`` no longer
        holds (another page was shown meanwhile).
        """
        keys = tuple(str(customer.id) for customer in customers)
        layout = self._current_layout()
        known = self._prepared.get(keys)
        if known is not None and known.tz == tz and known.layout == layout:
            self._prepared[keys] = self._prepared.pop(keys)  # still wanted: kept over older pages
            return
        rows = [self.to_row(customer) for customer in customers]
        page = PreparedPage(rows, [[cell(spec, row, tz) for spec, _ in layout] for row in rows], layout, tz)
        self._prepared.pop(keys, None)
        self._prepared[keys] = page
        while len(self._prepared) > PAGES_PREPARED:
            del self._prepared[next(iter(self._prepared))]
        if not self.columns or [key.value for key in self.columns] != [spec.key for spec, _ in layout]:
            return  # columns not laid out yet: the cells are built, rendering waits for the real paint
        visible = max(0, self.size.height - (self.header_height if self.show_header else 0))
        for index, row_cells in enumerate(page.cells[:visible]):
            await asyncio.sleep(0)
            if not wanted():
                return
            # After a page is shown the cursor (and the hover coordinate) are on its first row.
            self.render_ahead(page.rendered, index, row_cells, at_cursor=index == 0)

    def prerendered(self) -> list[Rendered]:
        """The cells of the prepared pages (kept over the newest few pages)."""
        return [page.rendered for page in self._prepared.values()] if self._prepared else []

    def highlighted_id(self) -> int | None:
        """The customer id of the highlighted row, if any."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None
        return int(key) if key is not None and key.isdigit() else None

    # Sorting ---------------------------------------------------------------

    def show_sort(self, sort_expression: str | None, sort_order: str | None) -> None:
        """Put ▲ / ▼ on the label of the sorted column."""
        if self._sort == (sort_expression, sort_order):
            return
        self._sort = (sort_expression, sort_order)
        for column in self._column_specs():
            key = ColumnKey(column.key)
            if key in self.columns:
                self.columns[key].label = self._label(column)
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
        column = self.column_set.by_key(str(event.column_key.value))
        if column is not None and column.sort is not None:
            self.post_message(self.SortClicked(column))
