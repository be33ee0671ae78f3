"""Key ``delete``: ask first (Cancel focused), then delete the highlighted note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from fusebill_tui.tui.dialogs.confirm import ConfirmDialog
from fusebill_tui.tui.flows.change import ChangeFlow
from fusebill_tui.tui.text import clean

if TYPE_CHECKING:
    from fusebill_tui.vendors.views import Note

WHAT = "Deleting a note"
NOTE_QUOTE_LENGTH = 120


def note_quote(note: Note, length: int = NOTE_QUOTE_LENGTH) -> str:
    """The start of a note on one line, for a confirmation message."""
    text = " ".join(clean(note.note, multiline=True).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class DeleteNoteFlow(ChangeFlow):
    """The confirmation, the delete request, and back."""

    def start(self, customer_id: int, note: Note) -> None:
        """Ask first (refused visibly before asking in a read-only environment)."""
        if self.refused(WHAT):
            return
        self.customer_id, self.note = customer_id, note
        message = Text("Delete this note? This cannot be undone.\n\n")
        message.append(f"“{note_quote(note)}”", style="italic")
        self.app.push_screen(ConfirmDialog("Delete note", message, confirm_label="Delete note"), self.decided)

    def decided(self, confirmed: bool | None) -> None:
        """Delete once confirmed."""
        note_id = self.note.id
        if confirmed and note_id is not None:
            customer_id = self.customer_id
            self.send(WHAT, lambda session: session.delete_note(customer_id, note_id), success="Note deleted")
