"""The notes panel: the customer's notes newest first, and why the list is partial when it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import ListItem, ListView, Static

from fusebill_tui.tui import text
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.widgets.panels.base import CustomerPanel, display_zone

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from fusebill_tui.tui.session import NotesResult, Session
    from fusebill_tui.vendors.views import Note

PARTIAL = "This Fusebill account cannot list notes; showing the notes added from this app since it started."


def newest_first(notes: list[Note]) -> list[Note]:
    """Notes by creation time, newest first (undated ones last), ties by id descending."""
    return sorted(
        notes,
        key=lambda note: (note.created_timestamp is not None, note.created_timestamp, note.id or 0),
        reverse=True,
    )


class NoteItem(ListItem):
    """One note: who wrote it and when, then its text on as many lines as it needs."""

    def __init__(self, note: Note, zone: Any) -> None:
        super().__init__()
        self.note = note
        self.zone = zone

    def compose(self) -> ComposeResult:
        """Byline, then the text (plain, newlines kept)."""
        byline = Text(text.when(self.note.created_timestamp, tz=self.zone), style="bold")
        byline.append("  ")
        byline.append(text.clean(self.note.user_who_created_note) or "unknown author", style="italic")
        yield Static(byline, classes="note-byline")
        yield Static(text.plain(self.note.note, multiline=True), classes="note-text")


class NotesList(ListView):
    """The notes, highlighted one at a time (delete acts on the highlighted note)."""


class NotesPanel(CustomerPanel):
    """The customer's notes; `n` adds one, `delete` removes the highlighted one."""

    DEFAULT_CSS = css_beside(__file__)
    WHAT = "the notes"

    def compose_content(self) -> ComposeResult:
        """A line for a partial list or an empty one, then the notes."""
        yield Static(id="notes-summary", classes="panel-summary")
        yield NotesList(id="notes-list")

    @work(exclusive=True, exit_on_error=False, group="notes")
    async def load(self) -> None:
        """Read the notes (cached per customer by the session)."""
        await self.run_load(self.read)

    def read(self, session: Session) -> Awaitable[NotesResult]:
        """The notes."""
        return session.notes(self.customer_id)

    @property
    def highlighted(self) -> Note | None:
        """The note under the cursor, if any."""
        item = self.query_one(NotesList).highlighted_child
        return item.note if isinstance(item, NoteItem) else None

    def show(self, data: NotesResult) -> None:
        """Rebuild the list, keeping the cursor near where it was."""
        listing = self.query_one(NotesList)
        listing.display = True
        previous = listing.index
        listing.clear()
        zone = display_zone(self.app)
        notes = newest_first(data.notes)
        listing.extend(NoteItem(note, zone) for note in notes)
        if notes:
            listing.index = min(previous or 0, len(notes) - 1)
        summary = self.query_one("#notes-summary", Static)
        lines = Text()
        if not data.complete:
            lines.append(PARTIAL, style="bold")
            lines.append("\n")
        if notes:
            deletable = fusebill_app(self).session.backend.capabilities.note_delete
            keys = "n: add · delete: remove the highlighted note" if deletable else "n: add"
            lines.append(f"{len(notes)} note{'s' if len(notes) != 1 else ''}, newest first · {keys}")
        else:
            lines.append("No notes. Press n to add one.", style="italic")
        summary.set_class(not data.complete, "-partial")
        summary.update(lines)

    def clear_content(self) -> None:
        """No stale notes (nor one the delete key could still reach)."""
        listing = self.query_one(NotesList)
        listing.display = False
        listing.clear()
        self.query_one("#notes-summary", Static).update("")
