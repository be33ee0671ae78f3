"""Form building blocks: a labelled input with its limit and an error line right beside it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.safe_text import SafeInput


def length_error(value: str, limit: int) -> str | None:
    """'Too long: 61 / 60 characters' when ``value`` exceeds ``limit``, else None."""
    if len(value) > limit:
        return f"Too long: {len(value):,} / {limit:,} characters"
    return None


def counter(value: str, limit: int) -> str:
    """'123 / 2,000' for a live length display."""
    return f"{len(value):,} / {limit:,}"


class FieldError(Static):
    """The error line shown beside (under) one field; empty when the field is valid."""

    DEFAULT_CSS = css_beside(__file__, "field_error")

    def show(self, message: str | None) -> None:
        """Show ``message`` (plain text), or hide the line when None."""
        self.update(Text(message or ""))
        self.set_class(bool(message), "-shown")

    @property
    def message(self) -> str:
        """The error text shown (empty when valid)."""
        return str(self.content) if self.has_class("-shown") else ""


class LimitedField(Vertical):
    """A label, an Input limited to ``limit`` characters (checked, not truncated) and its error line."""

    DEFAULT_CSS = css_beside(__file__, "limited_field")

    def __init__(self, label: str, field_id: str, limit: int, value: str | None = "", *, placeholder: str = "") -> None:
        super().__init__(id=f"{field_id}-field")
        self.label = label
        self.field_id = field_id
        self.limit = limit
        self.initial = value or ""
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """Label, input, error."""
        with Horizontal():
            yield Label(f"{self.label} (max {self.limit:,})")
            yield SafeInput(self.initial, id=self.field_id, placeholder=self.placeholder, compact=True)
        yield FieldError(id=f"{self.field_id}-error")

    @property
    def input(self) -> Input:
        """The input widget."""
        return self.query_one(Input)

    @property
    def value(self) -> str:
        """What the user typed."""
        return self.input.value

    def validate_now(self) -> str | None:
        """Check the limit, show the result beside the field, and return the error (None if valid)."""
        error = length_error(self.value, self.limit)
        self.query_one(FieldError).show(error)
        return error

    def set_value(self, value: str | None) -> None:
        """Fill the input (e.g. from the server's object) and re-check it."""
        self.input.value = value or ""
        self.validate_now()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Re-check as the user types, so the error goes away as soon as it is fixed."""
        self.validate_now()


def first_invalid(widgets: list[Widget]) -> Widget | None:
    """The first widget among ``widgets`` that has a shown error (for focusing it)."""
    for widget in widgets:
        if isinstance(widget, LimitedField) and widget.query_one(FieldError).message:
            return widget
    return None
