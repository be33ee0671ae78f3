"""A yes/no confirmation dialog whose default button is "Cancel"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something; Enter on the focused default (Cancel) never confirms."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without doing anything"),
        Binding("ctrl+s", "confirm", "Confirm", id="dialog.submit", tooltip="Confirm"),
    ]

    def __init__(
        self,
        title: str,
        message: Text | str,
        *,
        confirm_label: str = "Confirm",
        destructive: bool = True,
    ) -> None:
        super().__init__()
        self.dialog_title = title
        self.message = message if isinstance(message, Text) else Text(message)
        self.confirm_label = confirm_label
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        """Title, message, and the Cancel / confirm buttons."""
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(Text(self.dialog_title), id="confirm-title", classes="dialog-title")
            yield Static(self.message, id="confirm-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", variant="default", compact=True)
                yield Button(
                    self.confirm_label, id="confirm", variant="error" if self.destructive else "primary", compact=True
                )

    def on_mount(self) -> None:
        """Focus Cancel, so a stray Enter closes the dialog without acting."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Confirm only on the confirm button."""
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        """Close without confirming."""
        self.dismiss(False)

    def action_confirm(self) -> None:
        """Confirm (ctrl+s: a deliberate key, unlike Enter)."""
        self.dismiss(True)
