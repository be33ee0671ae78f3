"""Add an environment from the app (written to the app's own config file, never the user's)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, Switch

import fusebill_tui.vendors.registry as registry
from fusebill_tui.config import ConfigError, EnvironmentConfig, validate_base_url
from fusebill_tui.tui.widgets.safe_text import ControlsRemoved, SafeInput

if TYPE_CHECKING:
    from fusebill_tui.config import Config

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class AddEnvironmentDialog(ModalScreen[str | None]):
    """Name, base URL, key (a variable's name, or typed and masked), read-only; returns the name added."""

    DEFAULT_CSS = """
    AddEnvironmentDialog {
        align: center middle;
    }
    AddEnvironmentDialog > VerticalScroll {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    AddEnvironmentDialog .field-error {
        color: $error;
        height: auto;
    }
    AddEnvironmentDialog Horizontal {
        height: auto;
    }
    AddEnvironmentDialog .switch-label {
        padding: 1 1 0 1;
    }
    AddEnvironmentDialog #buttons {
        align-horizontal: right;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "submit", "Add", id="dialog.submit", tooltip="Add the environment"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without adding"),
    ]

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

    def compose(self) -> ComposeResult:
        """The fields, each with its error line."""
        with VerticalScroll():
            yield Label(Text("Add environment", style="bold"))
            yield Label("Name")
            yield SafeInput(placeholder="e.g. staging", id="env-name", max_length=64)
            yield Static("", id="env-name-error", classes="field-error")
            yield Label("Base URL")
            yield SafeInput(placeholder="https://stg-secure.fusebill.com/v1", id="env-url")
            yield Static("", id="env-url-error", classes="field-error")
            yield Label("API key: the name of an environment variable holding it (preferred)…")
            yield SafeInput(placeholder="e.g. FUSEBILL_STAGING_KEY", id="env-key-var")
            yield Label("…or the key itself (kept in a file only you can read)")
            yield SafeInput(placeholder="API key", password=True, id="env-key")
            yield Static("", id="env-key-error", classes="field-error")
            with Horizontal():
                yield Switch(value=False, id="env-read-only")
                yield Label("read-only (no change can be sent)", classes="switch-label")
            with Horizontal():
                yield Switch(value=False, id="env-production")
                yield Label("production (marked in red)", classes="switch-label")
            yield Static("", id="env-error", classes="field-error")
            yield Static(Text(f"Written to {self.config.app_path}", style="dim"))
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Add", id="add", variant="primary")

    def on_mount(self) -> None:
        """Start with the name."""
        self.query_one("#env-name", Input).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _error(self, widget_id: str, message: str) -> None:
        self.query_one(f"#{widget_id}", Static).update(Text(message))

    def errors(self) -> dict[str, str]:
        """Field id -> what is wrong with it (empty when everything is valid)."""
        problems: dict[str, str] = {}
        name = self._value("env-name")
        if not _NAME.match(name):
            problems["env-name-error"] = "Use letters, digits, '-', '_' and '.' (at most 64)."
        elif name in self.config.environments and self.config.environments[name].origin == self.config.path:
            problems["env-name-error"] = f"'{name}' is defined by hand in {self.config.path}; edit it there."
        try:
            validate_base_url(self._value("env-url"))
        except ValueError as error:
            problems["env-url-error"] = f"The base URL {error}."
        variable, key = self._value("env-key-var"), self._value("env-key")
        if bool(variable) == bool(key):
            problems["env-key-error"] = "Give either the name of a variable holding the key, or the key."
        elif variable and not _VARIABLE.match(variable):
            problems["env-key-error"] = "A variable name uses letters, digits and '_' (e.g. FUSEBILL_KEY)."
        return problems

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field tries to add."""
        event.stop()
        self.action_submit()

    def on_controls_removed(self, event: ControlsRemoved) -> None:
        """Say that control characters were left out of what was typed or pasted."""
        event.stop()
        self._error("env-error", event.text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Add or cancel."""
        event.stop()
        if event.button.id == "add":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        """Validate every field, then write the environment to the app's config file."""
        for widget_id in ("env-name-error", "env-url-error", "env-key-error", "env-error"):
            self._error(widget_id, "")
        problems = self.errors()
        for widget_id, message in problems.items():
            self._error(widget_id, message)
        if problems:
            return
        # The dialog adds an environment of the default vendor, whose one key the fields hold.
        (credential,) = registry.vendor(registry.DEFAULT_KIND).credentials
        spec = EnvironmentConfig(
            name=self._value("env-name"),
            base_url=self._value("env-url"),
            key_pairs=((credential.name, self._value("env-key") or None),
                       (credential.env_key, self._value("env-key-var") or None)),
            read_only=self.query_one("#env-read-only", Switch).value,
            production=True if self.query_one("#env-production", Switch).value else None,
        )
        try:
            self.config.add_environment(spec)
        except (ConfigError, OSError) as error:
            self._error("env-error", str(error))
            return
        self.app.notify(f"Added environment “{spec.name}” to {self.config.app_path}.", title="Environments")
        self.dismiss(spec.name)

    def action_cancel(self) -> None:
        """Close without adding."""
        self.dismiss(None)
