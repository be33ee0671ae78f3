"""Text typed or pasted into the app's inputs, and values from the server shown in them, never reach the terminal raw.

Each kind of input (an address / preference field, the note area, the filter, the save-filter and
add-environment dialogs, the help search) gets a paste (Textual's ``events.Paste``, as a terminal's
bracketed paste arrives) full of escape sequences, controls and bidirectional overrides, and some
typing: what lands is the text without them, the form says how many were removed, what is sent or
written holds exactly that, and the drawn screen holds no ESC or bidi control. A value from the
server is drawn safely but written back unchanged.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_support import (
    as_read,
    raw_controls_drawn,
    requests_to,
    screen_text,
    settle,
    toasts,
)
from textual import events
from textual.screen import Screen
from textual.widgets import Input, TextArea

from fusebill_tui.core.display import BIDI_CONTROLS, strip_controls, visible
from fusebill_tui.tui import flows as actions
from fusebill_tui.tui.dialogs.add_environment import AddEnvironmentDialog
from fusebill_tui.tui.dialogs.address_form import AddressForm
from fusebill_tui.tui.dialogs.fields import FieldError
from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.dialogs.save_filter import SaveFilterDialog
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.help import HelpScreen

CID = 100003
# A clear screen (CSI), a window-title change (OSC, ended by BEL), a right-to-left override, a bell, a NUL.
PASTED = "12\x1b[2J Main\x1b]0;pwned\x07 St\u202e\x07\x00"
CLEAN = "12 Main St"
REMOVED = "Removed 5 control characters"
# For the note area: line breaks (a Windows one too) and tabs stay; colour codes, an isolate and a backspace go.
PASTED_NOTE = "Called\x1b[31m today\x1b[0m\r\n\tasked for \u2066a refund\u2069\x08\nnext"
CLEAN_NOTE = "Called today\n\tasked for a refund\nnext"
RAW_LINE = "1 Main St\x1b[2J\u202eX"  # an address line as the server stores it


async def _paste(app, pilot, text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal's bracketed paste arrives."""
    app.post_message(events.Paste(text))
    await settle(app, pilot)


async def _type(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def _no_raw(app) -> None:
    drawn = raw_controls_drawn(app)
    assert not drawn, drawn
    assert not BIDI_CONTROLS & set(screen_text(app)), "a bidi control was drawn"


async def _address_form(app, pilot, sandbox) -> AddressForm:
    prefs = await app.session.backend.client.get_address_preferences(CID)
    actions.open_address_form(app, as_read(sandbox, CID), prefs)
    await settle(app, pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
    return app.screen


def _host(make_app):
    app = make_app()
    app._open_customer_list = lambda: app.push_screen(Screen())
    return app


# The pure functions ---------------------------------------------------------------------------


AWKWARD = st.lists(st.one_of(st.sampled_from(["\x1b[2J", "\x1b]0;t\x07", "\x1bc", "\x9b1m", "\r\n", "\t", "\n",
                                              *BIDI_CONTROLS]),
                              st.characters(blacklist_categories=("Cs",))), max_size=40).map("".join)


def test_cleaned_and_drawn_text_holds_no_control(tally):
    """Protection: what ``strip_controls`` keeps and what ``visible`` draws hold no control or bidi
    character (only line breaks and tabs when multi-line); ``visible`` keeps the length, so cursor
    indexes into the value are indexes into what is drawn; cleaning twice changes nothing."""

    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(text=AWKWARD, multiline=st.booleans())
    def check(text, multiline):
        tally["inputs_tried"] += 1
        allowed = "\n\t" if multiline else ""
        cleaned, removed = strip_controls(text, multiline=multiline)
        shown = visible(text, multiline=multiline)
        for out in (cleaned, shown):
            assert not [ch for ch in out if ch not in allowed
                        and (ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc")], (text, out)
        assert len(shown) == len(text)
        assert strip_controls(cleaned, multiline=multiline) == (cleaned, 0)
        assert removed == 0 or cleaned != text

    check()


def test_escape_sequences_go_whole_and_are_counted_once():
    """An escape sequence's parameters do not survive as junk; each sequence counts as one removal."""
    assert strip_controls(PASTED) == (CLEAN, 5)
    assert strip_controls(PASTED_NOTE, multiline=True) == (CLEAN_NOTE, 5)
    assert visible(RAW_LINE) == "1 Main St\ufffd[2J\ufffdX"


# Each kind of input ---------------------------------------------------------------------------


async def test_an_address_field_cleans_a_paste_says_so_and_sends_only_the_clean_text(make_app, sandbox, tally):
    """Protection: a paste into an address field loses its escape sequences and controls, the form
    says how many, nothing raw is drawn, and the PUT carries the clean text plus what was typed."""
    app = _host(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        form = await _address_form(app, pilot, sandbox)
        field = form.query_one("#f-line1", Input)
        field.value = ""
        field.focus()
        await _paste(app, pilot, PASTED)
        await _type(pilot, " Ünit 4")
        assert field.value == CLEAN + " Ünit 4"
        assert REMOVED in form.query_one("#form-error", FieldError).message
        _no_raw(app)
        start = len(sandbox.request_log)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: not isinstance(app.screen, AddressForm))
    [put] = requests_to(sandbox, "PUT", "/addresses", start)
    assert put.json()["line1"] == CLEAN + " Ünit 4"
    tally["inputs_tried"] += 2
    tally["requests_checked"] += 1


async def test_the_note_area_cleans_a_paste_keeping_lines_and_tabs(make_app, sandbox, tally):
    """Protection: a paste into the note area keeps its line breaks and tabs but loses escape sequences,
    bidi isolates and controls; the form says how many; the POST carries exactly the clean note. Text the
    program loads is kept but drawn safely."""
    app = _host(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        actions.open_note_form(app, as_read(sandbox, CID))
        await settle(app, pilot, lambda: isinstance(app.screen, NoteForm))
        form = app.screen
        area = form.query_one(TextArea)
        area.text = RAW_LINE  # loaded by the program, not typed: kept, but drawn safely
        await settle(app, pilot)
        assert area.text == RAW_LINE and "1 Main St\ufffd[2J\ufffdX" in screen_text(app)
        _no_raw(app)
        area.text = ""
        await _paste(app, pilot, PASTED_NOTE)
        await _type(pilot, " ok")
        assert form.query_one(TextArea).text == CLEAN_NOTE + " ok"
        assert REMOVED in form.query_one("#note-error", FieldError).message
        _no_raw(app)
        start = len(sandbox.request_log)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: not isinstance(app.screen, NoteForm))
    [post] = requests_to(sandbox, "POST", "/customerNotes", start)
    assert post.json()["note"] == CLEAN_NOTE + " ok"
    tally["inputs_tried"] += 2
    tally["requests_checked"] += 1


async def test_the_filter_cleans_a_paste_and_searches_for_the_clean_text(make_app, sandbox, tally):
    """Protection: a paste into the filter loses its controls, the filter's message line says so, and the
    search sent holds no control character."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        screen = app.screen
        await pilot.press("slash")
        await _paste(app, pilot, "Mitch\x1b[2J\u202e")
        await _type(pilot, "ell")
        assert screen.filter_bar.text == "Mitchell"
        assert "Removed 2 control characters" in screen.filter_bar.message
        _no_raw(app)
        start = len(sandbox.request_log)
        await pilot.press("enter")
        await settle(app, pilot, lambda: not screen.fetching)
    sent = requests_to(sandbox, "GET", "/customers", start)
    assert sent and all("Mitchell" in r.raw_query and "%1B" not in r.raw_query.upper() for r in sent)
    tally["inputs_tried"] += 2
    tally["requests_checked"] += len(sent)


async def test_the_save_filter_dialog_cleans_pastes_and_saves_the_clean_text(make_app, tally):
    """Protection: pastes into the filter's name and query lose their controls (said beside each field)
    and the config file gets the clean text."""
    app = _host(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(SaveFilterDialog(app.config, ""))
        await settle(app, pilot, lambda: isinstance(app.screen, SaveFilterDialog))
        dialog = app.screen
        await _paste(app, pilot, "poor\x1b[1m standing\u202e")
        assert "Removed 2 control characters" in str(dialog.query_one("#name-error").content)
        dialog.query_one("#filter-query", Input).focus()
        await _paste(app, pilot, "Mitchell\x07")
        assert "Removed 1 control character" in str(dialog.query_one("#query-error").content)
        _no_raw(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: not isinstance(app.screen, SaveFilterDialog))
    written = app.config.app_path.read_text(encoding="utf-8")
    assert "poor standing" in written and "Mitchell" in written and "\\u001b" not in written.lower()
    assert "\x1b" not in written and "\u202e" not in written
    tally["inputs_tried"] += 2


async def test_the_add_environment_dialog_cleans_pastes_and_writes_the_clean_text(make_app, tally):
    """Protection: pastes into the environment's name and base URL lose their controls (said in the
    dialog's message line), typing still works, and the config file gets the clean values."""
    app = _host(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(AddEnvironmentDialog(app.config))
        await settle(app, pilot, lambda: isinstance(app.screen, AddEnvironmentDialog))
        dialog = app.screen
        await _paste(app, pilot, "stag\x1b[2Jing")
        assert "Removed 1 control character" in str(dialog.query_one("#env-error").content)
        dialog.query_one("#env-url", Input).focus()
        await _paste(app, pilot, "\u202ehttps://stg-secure.fusebill.com/v1\x1b]8;;x\x07")
        dialog.query_one("#env-key-var", Input).focus()
        await _type(pilot, "FUSEBILL_STAGING_KEY")
        assert [dialog.query_one(f"#{i}", Input).value for i in ("env-name", "env-url")] == [
            "staging", "https://stg-secure.fusebill.com/v1"]
        _no_raw(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: not isinstance(app.screen, AddEnvironmentDialog))
    written = app.config.app_path.read_text(encoding="utf-8")
    assert "[environments.staging]" in written and '"https://stg-secure.fusebill.com/v1"' in written
    assert "\x1b" not in written and "\u202e" not in written
    tally["inputs_tried"] += 3


async def test_the_help_search_cleans_a_paste_and_says_so(make_app, tally):
    """Protection: a paste into the help's search loses its controls (a notification says so, the help
    has no message line) and the search still finds the keys."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        await pilot.press("question_mark")
        await settle(app, pilot, lambda: isinstance(app.screen, HelpScreen))
        await _paste(app, pilot, "filt\x1b[2J\u202e")
        await _type(pilot, "er")
        help_screen = app.screen
        assert help_screen.query_one(Input).value == "filter"
        assert any("Removed 2 control characters" in t for t in toasts(app)), toasts(app)
        assert help_screen.shown
        _no_raw(app)
    tally["inputs_tried"] += 1


# What the server sent -------------------------------------------------------------------------


async def test_a_server_value_with_an_escape_sequence_is_drawn_safely_and_written_back_unchanged(
        make_app, sandbox, tally):
    """Protection: an address line stored with a clear-screen sequence and a right-to-left override opens
    drawn safely (U+FFFD for each, the cursor where the drawn character is); saved with only another
    field changed, the PUT carries the stored line exactly (the form never rewrites what it read)."""
    billing = sandbox.store.addresses(CID)["Billing"]
    billing["line1"] = RAW_LINE
    app = _host(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        form = await _address_form(app, pilot, sandbox)
        line1 = form.query_one("#f-line1", Input)
        assert line1.value == RAW_LINE
        _no_raw(app)
        assert "1 Main St\ufffd[2J\ufffdX" in screen_text(app)
        line1.focus()
        await settle(app, pilot)
        line1.cursor_position = RAW_LINE.index("X")
        await settle(app, pilot)
        row = screen_text(app).splitlines()[line1.cursor_screen_offset.y]
        assert row[line1.cursor_screen_offset.x] == "X", row  # the cursor is on the drawn X
        city = form.query_one("#f-city", Input)
        city.focus()
        city.action_end()
        await _type(pilot, "ville")
        start = len(sandbox.request_log)
        await pilot.press("ctrl+s")
        await settle(app, pilot, lambda: not isinstance(app.screen, AddressForm))
    [put] = requests_to(sandbox, "PUT", "/addresses", start)
    assert put.json()["line1"] == RAW_LINE
    assert put.json()["city"].endswith("ville")
    assert sandbox.store.addresses(CID)["Billing"]["line1"] == RAW_LINE
    tally["inputs_tried"] += 1
    tally["requests_checked"] += 1


def test_every_input_of_the_app_is_a_safe_one():
    """Protection: no screen, dialog or widget builds a plain Input or TextArea (which would draw and accept
    control characters raw); each uses SafeInput / SafeTextArea."""
    import ast
    from pathlib import Path

    import fusebill_tui.tui as tui

    plain = []
    for path in Path(tui.__file__).parent.rglob("*.py"):
        if path.name == "safe_text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("Input", "TextArea"):
                    plain.append(f"{path.name}:{node.lineno}")
    assert not plain, plain
