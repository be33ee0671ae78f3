"""Common frame of the status-action dialogs: title, explanation, body, Cancel (focused) and a confirm button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.dialogs.fields import FieldError
from fusebill_tui.tui.errors import change_failure
from fusebill_tui.tui.text import clean

R = TypeVar("R")


class ActionDialog(ModalScreen[R | None], Generic[R]):
    """A status-action dialog. Subclasses yield their body from ``compose_body`` and return ``result()``."""

    CSS_PATH = "action_dialog.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without doing anything"),
        Binding("ctrl+s", "confirm", "Confirm", id="dialog.submit", tooltip="Confirm the action"),
    ]
    TITLE_TEXT = "Status action"
    CONFIRM_LABEL = "Confirm"
    DISMISS_LABEL = "Cancel"
    DESTRUCTIVE = True

    def __init__(self, customer_name: str, customer_id: int | None, *,
                 on_confirm: Callable[[Any, Any], None] | None = None) -> None:
        super().__init__()
        self.customer_name = customer_name
        self.customer_id = customer_id
        # With ``on_confirm`` the dialog stays open while the action runs and closes only once it
        # succeeded, so a failure is shown here with every choice kept (without it: dismiss at once).
        self.on_confirm = on_confirm
        self.saving = False

    def required_id(self) -> int:
        """The customer's id, for a request (a customer without one is refused, inside the request's worker)."""
        if self.customer_id is None:
            raise ValueError("This customer has no id.")
        return self.customer_id

    def compose(self) -> ComposeResult:
        """The frame around the subclass's body."""
        with Vertical(id="action-box"):
            yield Static(Text(f"{self.TITLE_TEXT} · {clean(self.customer_name)} (#{self.customer_id})"),
                         id="action-title")
            with VerticalScroll(id="action-body"):
                yield from self.compose_body()
            yield FieldError(id="action-error")
            with Horizontal(classes="dialog-buttons"):
                yield Static("ctrl+s confirm · esc cancel", classes="dialog-hint")
                yield Button(self.DISMISS_LABEL, id="cancel", compact=True)
                yield Button(self.CONFIRM_LABEL, id="confirm", variant="error" if self.DESTRUCTIVE else "primary",
                             compact=True)

    def compose_body(self) -> ComposeResult:
        """The dialog's own content (options, explanation, preview)."""
        yield from ()

    def on_mount(self) -> None:
        """Cancel is the default: a stray Enter never performs the action."""
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Confirm or cancel."""
        if event.button.id in ("cancel", "confirm"):
            event.stop()
            if event.button.id == "confirm":
                self.action_confirm()
            else:
                self.action_cancel()

    def can_confirm(self) -> bool:
        """Whether the action may be confirmed now (e.g. not while its preview is loading)."""
        return True

    def result(self) -> R:
        """What the dialog returns on confirmation."""
        raise NotImplementedError

    def action_confirm(self) -> None:
        """Return (or act on) the chosen options, if the dialog allows confirming now."""
        if self.saving or not self.can_confirm():
            return
        if self.on_confirm is None:
            self.dismiss(self.result())
            return
        self.set_saving(True)
        self.query_one("#action-error", FieldError).show(None)
        self.on_confirm(self, self.result())

    def set_saving(self, saving: bool) -> None:
        """While the action runs the confirm button is off (no second request)."""
        self.saving = saving
        self.query_one("#confirm", Button).disabled = saving

    def save_failed(self, error: BaseException) -> None:
        """The action failed: say why here, keep every choice, allow another try."""
        self.set_saving(False)
        secrets = fusebill_app(self).secrets()
        self.query_one("#action-error", FieldError).show(change_failure("Not done", error, secret=secrets))

    def action_cancel(self) -> None:
        """Close without acting."""
        self.dismiss(None)
