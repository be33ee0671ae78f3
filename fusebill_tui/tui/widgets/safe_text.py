"""Inputs that never let a control character reach the terminal, typed, pasted or from the server.

What the user types or pastes is cleaned before it lands (``display.strip_controls``): escape
sequences go whole, other control characters and bidirectional overrides one by one, and a
``ControlsRemoved`` message says how many, for the form to tell the user. A value set by the
program (an address read from the server) is kept exactly as it is, so an untouched form writes
back what it read, and only drawn safely (``display.visible``: each control shown as U+FFFD, one
for one, so cursor positions stay right).

These override a few of Textual's private methods (``Input._value``, ``Input._position_to_cell``,
``Input._cell_offset_to_index``); textual is pinned, and the tests fail if they stop applying.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.text import Text
from textual._cells import cell_len
from textual.geometry import clamp
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from fusebill_tui.core.display import strip_controls, visible


class ControlsRemoved(Message):
    """Control characters were removed from what the user typed or pasted into ``widget``."""

    def __init__(self, widget: Widget, count: int) -> None:
        super().__init__()
        self.widget = widget
        self.count = count

    @property
    def text(self) -> str:
        """The words for the form's message line."""
        plural = "" if self.count == 1 else "s"
        return f"Removed {self.count:,} control character{plural} from the text."


class SafeInput(Input):
    """An Input that strips control characters from what is typed or pasted and draws any value safely."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit (typing, paste, ctrl+v, delete) lands here: clean the new text first."""
        cleaned, removed = strip_controls(text)
        super().replace(cleaned, start, end)
        if removed:
            self.post_message(ControlsRemoved(self, removed))

    def _shown(self) -> str:
        return "•" * len(self.value) if self.password else visible(self.value)

    @property
    def _value(self) -> Text:
        """The value as drawn: controls shown as U+FFFD (the value itself is not changed)."""
        text = Text(self._shown(), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None and not self.password:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        """The cell of a value index, measured on what is drawn."""
        return cell_len(self._shown()[:position])

    def _cell_offset_to_index(self, offset: int) -> int:
        """The value index under a clicked cell, measured on what is drawn."""
        cell = 0
        offset += self.scroll_offset.x
        for index, char in enumerate(self._shown()):
            width = get_character_cell_size(char)
            if cell <= offset < cell + width:
                return index
            cell += width
        return clamp(offset, 0, len(self.value))


class SafeTextArea(TextArea):
    """A TextArea that strips control characters (keeping line breaks and tabs) from typing and pastes."""

    def edit(self, edit: Edit) -> EditResult:
        """Every change of the document by the user (keys, paste, ctrl+v) lands here: clean its text first."""
        cleaned, removed = strip_controls(edit.text, multiline=True)
        if cleaned != edit.text:
            edit = Edit(cleaned, edit.from_location, edit.to_location, edit.maintain_selection_offset)
        result = super().edit(edit)
        if removed:
            self.post_message(ControlsRemoved(self, removed))
        return result

    def get_line(self, line_index: int) -> Text:
        """A line as drawn: controls loaded by the program shown as U+FFFD (tabs kept)."""
        return Text(visible(self.document.get_line(line_index), multiline=True), end="", no_wrap=True)
