"""The note form, note deletion and the address form, driven with Pilot against the sandbox."""

from __future__ import annotations

import copy

from textual.widgets import Button, Input, Select, TextArea

from fusebill_tui.api.models import NOTE_MAX, Note
from fusebill_tui.tui import actions
from fusebill_tui.tui.dialogs.address_form import AddressForm
from fusebill_tui.tui.dialogs.confirm import ConfirmDialog
from fusebill_tui.tui.dialogs.fields import FieldError
from fusebill_tui.tui.dialogs.note_form import NoteForm
from tui_forms_support import HostScreen, customer, first_with_status, host_app, mutations, showing

CID = 100001  # Active, billing and shipping addresses, preferences set (seed 7)


def toasts(app) -> list[str]:
    """The text of every notification shown so far."""
    return [str(n.message) for n in app._notifications]


async def test_note_added_with_exactly_the_text_typed(make_app, sandbox, wait_until):
    app = host_app(make_app)
    text = "Called Zoë — wants 日本語 invoices.\nSecond line [bold]not markup[/]"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        before = copy.deepcopy(sandbox.store.notes(CID))
        actions.open_note_form(app, customer(sandbox, CID))
        await wait_until(pilot, showing(app, NoteForm, "TextArea"))
        app.screen.query_one(TextArea).text = text
        await pilot.pause()
        assert f"{len(text):,} / {NOTE_MAX:,}" in str(app.screen.query_one("#note-count").content)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: any("Note added to Zoey Hill" in t for t in toasts(app)))
    after = sandbox.store.notes(CID)
    assert after[:-1] == before
    assert after[-1]["note"] == text
    posts = mutations(sandbox)
    assert [(r.method, r.path.lower()) for r in posts] == [("POST", "/v1/customernotes")]
    assert posts[0].json() == {"customerId": CID, "note": text}
