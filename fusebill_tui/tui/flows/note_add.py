"""Key ``n``: type a note; it is added on ctrl+s and the form closes once the server has it."""

from __future__ import annotations

from typing import Any

from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.flows.change import ChangeFlow

WHAT = "Adding a note"


class AddNoteFlow(ChangeFlow):
    """The note form for one customer, the add request, and back (the form closes on success)."""

    def start(self, customer: Any) -> None:
        """Open the note form (refused visibly first in a read-only environment)."""
        if self.refused(WHAT):
            return
        identity = self.app.session.backend.identity(customer)
        self.customer_id, self.name = identity.id, identity.display_name
        self.app.push_screen(NoteForm(self.name, self.submit))

    def submit(self, form: NoteForm, text: str) -> None:
        """ctrl+s in the form: add the note; the form stays open until the server has it."""
        customer_id = self.customer_id
        self.send(WHAT, lambda session: session.add_note(customer_id, text), form=form,
                  success=f"Note added to {self.name}", then=lambda _note: self.close(form, text))
