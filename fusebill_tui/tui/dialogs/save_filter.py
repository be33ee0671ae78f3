"""Save the current filter under a name (written to the app's own config file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from fusebill_tui.config import ConfigError
from fusebill_tui.core.errors import QueryError
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.widgets.safe_text import ControlsRemoved, SafeInput

if TYPE_CHECKING:
    from fusebill_tui.config import Config


class SaveFilterDialog(ModalScreen[str | None]):
    """Name a filter and keep it in the config; returns the name saved, or None."""

    CSS_PATH = "save_filter.tcss"

    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="dialog.submit", tooltip="Save the filter"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, config: Config, query: str) -> None:
        super().__init__()
        self.config = config
        self.initial_query = query

    def compose(self) -> ComposeResult:
        """Name, query, and where it is kept."""
        with Vertical():
            yield Label(Text("Save filter", style="bold"))
            yield Label("Name")
            yield SafeInput(placeholder="e.g. poor standing, CAD", id="filter-name", max_length=64)
            yield Static("", id="name-error", classes="field-error")
            yield Label("Query")
            yield SafeInput(self.initial_query, id="filter-query")
            yield Static("", id="query-error", classes="field-error")
            yield Static(Text(f"Kept in {self.config.app_path}", style="dim"))
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        """Start with the name."""
        self.query_one("#filter-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field saves."""
        event.stop()
        self.action_submit()

    def on_controls_removed(self, event: ControlsRemoved) -> None:
        """Say, beside the field, that control characters were left out of what was typed or pasted."""
        event.stop()
        self._error("name-error" if event.widget.id == "filter-name" else "query-error", event.text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def _error(self, widget_id: str, message: str) -> None:
        self.query_one(f"#{widget_id}", Static).update(Text(message))

    def action_submit(self) -> None:
        """Validate the query, then save it in the app's config file."""
        name = self.query_one("#filter-name", Input).value.strip()
        query = self.query_one("#filter-query", Input).value.strip()
        self._error("name-error", "")
        self._error("query-error", "")
        if not name:
            self._error("name-error", "Give the filter a name.")
            return
        try:
            plan = fusebill_app(self).session.backend.filters.plan(query)
        except QueryError as error:
            self._error("query-error", error.user_message)
            return
        if plan.query is None:
            self._error("query-error", "Give a filter (a name to search for, or field:value).")
            return
        try:
            self.config.save_filter(name, query)
        except (ConfigError, OSError) as error:
            self._error("name-error", str(error))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
