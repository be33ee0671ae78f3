"""The `/` filter: an input that completes field names and values, with its message beside it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Static

from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.safe_text import ControlsRemoved, SafeInput
from fusebill_tui.vendors.base import FilterLanguage


class FilterSuggester(Suggester):
    """Completes what the backend's filter language knows: field names, operators, enum values."""

    def __init__(self, language: FilterLanguage) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.language = language

    async def get_suggestion(self, value: str) -> str | None:
        """The typed text plus the rest of the field name or value it starts."""
        return self.language.suggest(value)


class FilterBar(Horizontal):
    """The filter input and a one-line message (what the filter means, or what is wrong with it)."""

    HELP_SECTION = "Customer list"

    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("escape", "clear", "Clear filter", id="clear_filter", tooltip="Clear the filter"),
    ]

    class Applied(Message):
        """The user pressed Enter in the filter input."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Cleared(Message):
        """The user pressed Escape in the filter input."""

    def __init__(self, language: FilterLanguage, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language

    def compose(self) -> ComposeResult:
        """The input and its message."""
        yield SafeInput(
            placeholder=self.language.placeholder,
            suggester=FilterSuggester(self.language),
            id="filter-input",
        )
        yield Static(id="filter-message")

    @property
    def input(self) -> Input:
        """The filter input."""
        return self.query_one("#filter-input", Input)

    @property
    def text(self) -> str:
        """What is typed."""
        return self.input.value

    def set_text(self, text: str) -> None:
        """Replace what is typed (e.g. when a quick or saved filter is chosen)."""
        self.input.value = text
        self.input.cursor_position = len(text)

    def say(self, message: str, *, error: bool = False) -> None:
        """Show ``message`` beside the input (plain text)."""
        self._message = message
        label = self.query_one("#filter-message", Static)
        label.update(Text(message))
        label.set_class(error, "-error")
        self._fit_message()

    def on_resize(self) -> None:
        """A long message may need the third line at the new width."""
        self._fit_message()

    def _fit_message(self) -> None:
        label = self.query_one("#filter-message", Static)
        room = max(1, label.size.width - 2)
        lines = len(Text(self.message).wrap(self.app.console, room)) if self.message else 0
        label.set_class(lines > 2, "-long")

    @property
    def message(self) -> str:
        """The message shown beside the input."""
        return getattr(self, "_message", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter applies the filter."""
        event.stop()
        self.post_message(self.Applied(event.value))

    def on_controls_removed(self, event: ControlsRemoved) -> None:
        """Say that control characters were left out of what was typed or pasted."""
        event.stop()
        self.say(event.text)

    def action_clear(self) -> None:
        """Escape clears the filter."""
        self.set_text("")
        self.post_message(self.Cleared())
