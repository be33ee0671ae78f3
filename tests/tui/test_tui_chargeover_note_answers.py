"""A ChargeOver note POST whose 2xx answer names no note: never "failed"; the notes are read again."""

from __future__ import annotations

from test_tui_chargeover import SUMMIT, open_detail, requests_to

from fusebill_tui.core.errors import MAY_HAVE_BEEN_DONE
from fusebill_tui.tui.dialogs.fields import FieldError
from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.widgets.panels.notes import NoteItem


def messages(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def write_note(app, pilot, wait_until, text: str) -> NoteForm:
    await pilot.press("4")
    await pilot.pause()
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(app.screen, NoteForm))
    form = app.screen
    form.query_one("TextArea").text = text
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return form


async def test_a_note_answered_without_an_id_is_found_and_shown_as_added(make_co_app, co_sandbox, wait_until):
    co_sandbox.settings.created_note_answer = "no-id"
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        before = len(list(screen.query(NoteItem)))
        await write_note(app, pilot, wait_until, "Answered without an id")
        await wait_until(pilot, lambda: app.screen is screen)
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: len(list(screen.query(NoteItem))) == before + 1)
        assert next(iter(screen.query(NoteItem))).note.note == "Answered without an id"
        assert any(m.startswith("Adding a note: Note added") for m in messages(app))
        assert not any("failed" in m.lower() or "result unknown" in m for m in messages(app))
        assert len([r for r in requests_to(co_sandbox, "/note") if r.method == "POST"]) == 1


async def test_a_note_answered_null_and_not_listed_may_have_been_added(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, wait_until, SUMMIT)
        co_sandbox.faults.fail_next(201, method="POST", path="/note", body="null")
        start = len(co_sandbox.request_log)
        form = await write_note(app, pilot, wait_until, "Maybe added")
        await wait_until(pilot, lambda: form.query_one("#note-error", FieldError).message != "")
        said = form.query_one("#note-error", FieldError).message
        assert said.startswith("The server accepted the note") and said.endswith(MAY_HAVE_BEEN_DONE)
        assert not said.startswith("Not added")
        assert any(m.startswith("Adding a note: result unknown") for m in messages(app))
        sent = [(r.method, r.status) for r in requests_to(co_sandbox, "/note", start)]
        assert sent[0] == ("POST", 201) and ("GET", 200) in sent[1:]  # one POST, then the notes read again
        assert [method for method, _ in sent].count("POST") == 1
