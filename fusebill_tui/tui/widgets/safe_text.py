"""Inputs that never let a control character reach the terminal, typed, pasted or from the server.

What the user types or pastes is cleaned before it lands (``display.strip_controls``): escape
sequences go whole, other control characters and bidirectional overrides one by one, and a
``ControlsRemoved`` message says how many, for the form to tell the user. A value set by the
program (an address read from the server) is kept exactly as it is, so an untouched form writes
back what it read, and only drawn safely (``display.visible``: each control shown as U+FFFD, one
for one, so cursor positions stay right).

Drawing the value apart from the value itself takes Textual's private Input methods; those overrides
live in ``perf.textual_private.DrawnInput`` (textual is pinned, and a test names any that goes away).
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widget import Widget
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from fusebill_tui.core.display import strip_controls, visible
from fusebill_tui.tui.perf.textual_private import DrawnInput


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


class SafeInput(DrawnInput):
    """An Input that strips control characters from what is typed or pasted and draws any value safely."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit (typing, paste, ctrl+v, delete) lands here: clean the new text first."""
        cleaned, removed = strip_controls(text)
        super().replace(cleaned, start, end)
        if removed:
            self.post_message(ControlsRemoved(self, removed))

    def drawn_text(self) -> str:
        """The value as drawn: controls shown as U+FFFD, one for one (the value itself is not changed)."""
        return "•" * len(self.value) if self.password else visible(self.value)


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
