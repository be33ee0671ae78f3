"""Every use of a private Textual API, in one module.

Textual is pinned; ``PRIVATE_API`` lists each private name used here, and a test
(``tests/tui/test_perf_textual_private.py``) fails naming the attribute when an upgrade removes or renames
one. Nothing else in ``tui/`` touches a name of Textual's that starts with an underscore.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich.cells import get_character_cell_size
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._cells import cell_len
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.geometry import clamp
from textual.renderables.styled import Styled
from textual.widgets import DataTable, Input, Select

if TYPE_CHECKING:
    from textual.app import App
    from textual.filter import LineFilter

#: (where, attribute): every private name of Textual's this module uses.
PRIVATE_API: tuple[tuple[str, str], ...] = (
    ("textual._cells", "cell_len"),
    ("App", "_keymap"),
    ("App", "_filters"),
    ("DOMNode", "_bindings"),
    ("Select", "_options"),
    ("Input", "_value"),
    ("Input", "_position_to_cell"),
    ("Input", "_cell_offset_to_index"),
    ("DataTable", "_render_cell"),
    ("DataTable", "_get_row_style"),
    ("DataTable", "_get_styles_to_render_cell"),
    ("DataTable", "_row_locations"),
    ("DataTable", "_column_locations"),
    ("DataTable", "_data"),
    ("DataTable", "_show_hover_cursor"),
    ("DataTable", "_pseudo_class_state"),
)

#: The parameters of ``DataTable._render_cell`` the override below takes (and its cache key mirrors).
RENDER_CELL_PARAMETERS = ("self", "row_index", "column_index", "base_style", "width", "cursor", "hover")


# App ---------------------------------------------------------------------------------------------------


def keymap_of(app: App[Any]) -> dict[str, str]:
    """The keymap applied with ``App.set_keymap`` (binding id -> keys); Textual has no public getter."""
    return dict(app._keymap or {})


def line_filters(app: App[Any]) -> list[LineFilter]:
    """The app's line filters (NO_COLOR's Monochrome among them), to replace one in place."""
    return app._filters


def replace_bindings(node: DOMNode, rebind: Callable[[str, list[Binding]], list[Binding]]) -> None:
    """Give this one ``node`` its own copy of its bindings map, each key's list from ``rebind(key, list)``.

    Textual builds a node's bindings from its class and offers no per-instance wording (a tooltip).
    """
    node._bindings = BindingsMap.from_keys({
        key: rebind(key, key_bindings) for key, key_bindings in node._bindings.key_to_bindings.items()
    })


def select_options(select: Select[Any]) -> list[Any]:
    """The options a Select holds now (its blank included); Textual has no public getter."""
    return list(select._options)


# Input -------------------------------------------------------------------------------------------------


class DrawnInput(Input):
    """An Input drawn from ``drawn_text()`` instead of its value (same length, one cell per index).

    Textual draws ``Input._value`` and measures the cursor with ``_position_to_cell`` and
    ``_cell_offset_to_index``; all three are private.
    """

    def drawn_text(self) -> str:
        """What is drawn for the value (subclasses say)."""
        return self.value

    @property
    def _value(self) -> Text:
        """The value as drawn (the value itself is not changed)."""
        text = Text(self.drawn_text(), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None and not self.password:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        """The cell of a value index, measured on what is drawn."""
        return cell_len(self.drawn_text()[:position])

    def _cell_offset_to_index(self, offset: int) -> int:
        """The value index under a clicked cell, measured on what is drawn."""
        cell = 0
        offset += self.scroll_offset.x
        for index, char in enumerate(self.drawn_text()):
            width = get_character_cell_size(char)
            if cell <= offset < cell + width:
                return index
            cell += width
        return clamp(offset, 0, len(self.value))


# DataTable ---------------------------------------------------------------------------------------------

Rendered = dict[tuple[Any, ...], tuple[Text, list[list[Segment]]]]


class PrerenderedTable(DataTable[Any]):
    """A DataTable that can take cells rendered ahead (``render_ahead``) instead of rendering them on paint.

    ``DataTable._render_cell`` is the private method each visible cell is drawn by; the key of a cell
    rendered ahead mirrors the state that method's own cache keys on (value, position, style, width,
    cursor, hover, the hover cursor and the pseudo classes), so a cell is reused only in that very state.
    """

    cells_from_prepared = 0  # how many cells a paint took from the prepared ones (tests read it)

    def prerendered(self) -> Iterable[Mapping[tuple[Any, ...], tuple[Text, list[list[Segment]]]]]:
        """The cells rendered ahead, newest last (subclasses keep them)."""
        return ()

    def render_ahead(self, rendered: Rendered, index: int, row_cells: list[Text], *, at_cursor: bool) -> None:
        """Render row ``index`` of a page not shown yet into ``rendered``, as ``_render_cell`` would."""
        row_style = self._get_row_style(index, self.rich_style)
        pseudo = self.get_pseudo_class_state()
        for column_index, (value, column) in enumerate(zip(row_cells, self.ordered_columns, strict=False)):
            width = column.get_render_width(self)
            key = (id(value), index, column_index, row_style, width, at_cursor, at_cursor,
                   self._show_hover_cursor, pseudo)
            rendered[key] = (value, self._render_data_cell(value, index, column_index, row_style, width,
                                                           cursor=at_cursor, hover=at_cursor))

    def _render_data_cell(self, value: Text, row_index: int, column_index: int, row_style: Style, width: int,
                          *, cursor: bool, hover: bool) -> list[list[Segment]]:
        """A one-line data cell rendered exactly as ``DataTable._render_cell`` renders it."""
        base_style = row_style + Style.from_meta({"row": row_index, "column": column_index})
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css",
        )
        options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
        return self.app.console.render_lines(
            Styled(Padding(value, (0, self.cell_padding)), pre_style=base_style + component_style,
                   post_style=post_style),
            options,
        )

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list[list[Segment]]:
        """Use a cell rendered ahead when this very cell was prepared in this state; else render it."""
        pages = self.prerendered()
        if pages and row_index >= 0 and column_index >= 0:
            row_key = self._row_locations.get_key(row_index)
            column_key = self._column_locations.get_key(column_index)
            value = (self._data.get(row_key, {}).get(column_key)
                     if row_key is not None and column_key is not None else None)
            key = (id(value), row_index, column_index, base_style, width, cursor, hover,
                   self._show_hover_cursor, self._pseudo_class_state)
            for rendered in pages:
                ready = rendered.get(key)
                if ready is not None and ready[0] is value:
                    self.cells_from_prepared += 1
                    return ready[1]
        return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
