"""The "add a note" form: a multi-line editor with a live length count against the limit."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.dialogs.fields import FieldError, counter
from fusebill_tui.tui.errors import change_failure
from fusebill_tui.tui.text import clean
from fusebill_tui.tui.widgets.safe_text import ControlsRemoved, SafeTextArea
from fusebill_tui.vendors.views import NOTE_MAX

Submit = Callable[["NoteForm", str], None]


def note_error(text: str) -> str | None:
    """Why ``text`` cannot be sent as a note, or None when it can."""
    if not text.strip():
        return "A note cannot be empty."
    if len(text) > NOTE_MAX:
        return f"Too long: {len(text):,} / {NOTE_MAX:,} characters. Shorten it to send."
    return None


class NoteForm(ModalScreen[str | None]):
    """Type a note for one customer; ctrl+s adds it, escape closes without sending.

    The form stays open while the note is being saved (``on_submit`` runs it on the app)
    and closes only when the server has it, so a failure never loses what was typed.
    """

    CSS_PATH = "note_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Add note", id="dialog.submit", tooltip="Add this note to the customer"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without adding the note"),
    ]

    def __init__(self, customer_name: str, on_submit: Submit | None = None) -> None:
        super().__init__()
        self.customer_name = customer_name
        self.on_submit = on_submit
        self.saving = False
        self.notice = ""  # a note about the text (not an error) that typing on does not clear

    def compose(self) -> ComposeResult:
        """Title, editor, count, error and buttons."""
        with Vertical(id="note-box", classes="dialog"):
            yield Static(Text(f"Add a note to {clean(self.customer_name)}"), id="note-title")
            yield SafeTextArea(id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(counter("", NOTE_MAX), id="note-count")
            yield FieldError(id="note-error")
            with Horizontal(classes="dialog-buttons"):
                yield Static("ctrl+s add · esc cancel", classes="dialog-hint")
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Add note", id="submit", variant="primary", compact=True)

    def on_mount(self) -> None:
        """Start typing straight away."""
        self.query_one(TextArea).focus()

    @property
    def text(self) -> str:
        """The note as typed."""
        return self.query_one(TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Update the live count; an over-long note is flagged as soon as it is."""
        text = self.text
        count = self.query_one("#note-count", Static)
        count.update(counter(text, NOTE_MAX))
        count.set_class(len(text) > NOTE_MAX, "-over")
        error = self.query_one("#note-error", FieldError)
        if len(text) > NOTE_MAX or (error.message and error.message != self.notice):
            error.show(note_error(text))

    def on_controls_removed(self, event: ControlsRemoved) -> None:
        """Say that control characters were left out of what was typed or pasted."""
        event.stop()
        self.notice = event.text
        self.query_one("#note-error", FieldError).show(event.text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Add or cancel."""
        event.stop()
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        """Validate, then hand the text over (nothing is sent while it is invalid)."""
        if self.saving:
            return
        text = self.text
        error = note_error(text)
        self.query_one("#note-error", FieldError).show(error)
        if error:
            self.query_one(TextArea).focus()
            return
        if self.on_submit is None:
            self.dismiss(text)
            return
        self.set_saving(True)
        self.on_submit(self, text)

    def set_saving(self, saving: bool) -> None:
        """Show that the note is on its way (and block a second submit)."""
        self.saving = saving
        button = self.query_one("#submit", Button)
        button.disabled = saving
        button.label = "Adding…" if saving else "Add note"

    def save_failed(self, error: BaseException) -> None:
        """The server refused: keep the text, say why, let the user try again."""
        self.set_saving(False)
        secrets = fusebill_app(self).secrets()
        self.query_one("#note-error", FieldError).show(change_failure("Not added", error, secret=secrets))

    def action_cancel(self) -> None:
        """Close without sending anything."""
        self.dismiss(None)
