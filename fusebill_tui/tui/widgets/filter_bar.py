"""The `/` filter: an input that completes field names and values, with its message beside it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Static

from fusebill_tui.api.query import CUSTOMER_FIELDS, Kind


def _last_unescaped(text: str, separators: str) -> int:
    """Index just after the last unescaped separator in ``text`` (0 if none)."""
    cut, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in separators:
            cut = i + 1
        i += 1
    return cut


class FilterSuggester(Suggester):
    """Completes documented field names, and the documented values of enum fields."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self._names = sorted(spec.name for spec in CUSTOMER_FIELDS.values())

    async def get_suggestion(self, value: str) -> str | None:
        """The typed text plus the rest of the field name or value it starts."""
        term_start = _last_unescaped(value, ";")
        term = value[term_start:]
        if ":" not in term:
            typed = term.lstrip()
            if not typed:
                return None
            return self._complete(value, typed, self._names, suffix=":")
        field, _, rest = term.partition(":")
        spec = CUSTOMER_FIELDS.get(field.strip().lower())
        if spec is None or spec.kind is not Kind.ENUM:
            return None
        typed = rest[_last_unescaped(rest, ","):].lstrip()
        if not typed:
            return None
        return self._complete(value, typed, spec.values)

    @staticmethod
    def _complete(value: str, typed: str, candidates: list[str] | tuple[str, ...], suffix: str = "") -> str | None:
        lowered = typed.lower()
        for candidate in candidates:
            if candidate.lower().startswith(lowered) and candidate.lower() != lowered:
                return value + candidate[len(typed):] + suffix
        return None


class FilterBar(Horizontal):
    """The filter input and a one-line message (what the filter means, or what is wrong with it)."""

    HELP_SECTION = "Customer list"

    DEFAULT_CSS = """
    FilterBar {
        height: auto;
    }
    FilterBar Input {
        width: 1fr;
        min-width: 20;
    }
    FilterBar #filter-message {
        width: 1fr;
        height: 3;
        padding: 1 1 0 1;
        color: $text-muted;
    }
    FilterBar #filter-message.-error {
        color: $error;
        text-style: bold;
    }
    """

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

    def compose(self) -> ComposeResult:
        """The input and its message."""
        yield Input(
            placeholder="name, email@, id or field:value",
            suggester=FilterSuggester(),
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

    @property
    def message(self) -> str:
        """The message shown beside the input."""
        return getattr(self, "_message", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter applies the filter."""
        event.stop()
        self.post_message(self.Applied(event.value))

    def action_clear(self) -> None:
        """Escape clears the filter."""
        self.set_text("")
        self.post_message(self.Cleared())
