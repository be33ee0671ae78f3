"""The note form, note deletion and the address form, driven with Pilot against the sandbox."""

from __future__ import annotations

import copy

from textual.widgets import Button, Input, Select, TextArea
from tui_forms_support import (
    HostScreen,
    customer,
    host_app,
    mutations,
    showing,
)

from fusebill_tui.tui import flows as actions
from fusebill_tui.tui.dialogs.address_form import AddressForm
from fusebill_tui.tui.dialogs.confirm import ConfirmDialog
from fusebill_tui.tui.dialogs.fields import FieldError
from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.vendors.fusebill.models import NOTE_MAX, Note

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


async def test_note_form_refuses_empty_and_over_long_notes(make_app, sandbox, wait_until):
    app = host_app(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        actions.open_note_form(app, customer(sandbox, CID))
        await wait_until(pilot, showing(app, NoteForm, "TextArea"))
        form = app.screen
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert form.query_one("#note-error", FieldError).message == "A note cannot be empty."
        form.query_one(TextArea).text = "x" * (NOTE_MAX + 1)
        await pilot.pause()
        assert "Too long: 2,001 / 2,000" in form.query_one("#note-error", FieldError).message
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Too long" in form.query_one("#note-error", FieldError).message
        # Fixing it clears the error; escape then closes without sending anything.
        form.query_one(TextArea).text = "x" * NOTE_MAX
        await pilot.pause()
        assert form.query_one("#note-error", FieldError).message == ""
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    assert mutations(sandbox) == []


async def test_note_form_keeps_the_text_when_the_server_refuses(make_app, sandbox, wait_until):
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        actions.open_note_form(app, customer(sandbox, CID))
        await wait_until(pilot, showing(app, NoteForm, "TextArea"))
        form = app.screen
        form.query_one(TextArea).text = "keep me"
        sandbox.faults.fail_next(500, method="POST")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Not added" in form.query_one("#note-error", FieldError).message)
        assert app.screen is form
        assert form.query_one(TextArea).text == "keep me"
        assert not form.query_one("#submit", Button).disabled
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    assert sandbox.store.notes(CID)[-1]["note"] == "keep me"
    assert len(mutations(sandbox)) == 2  # the failed POST was not retried automatically


def _a_note(sandbox) -> Note:
    note = sandbox.store.notes(CID)[0]
    return Note.from_api({k: v for k, v in note.items() if k != "customerId"})


async def test_delete_note_asks_first_and_enter_does_not_delete(make_app, sandbox, wait_until):
    app = host_app(make_app)
    note = _a_note(sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        actions.confirm_delete_note(app, CID, note)
        await wait_until(pilot, showing(app, ConfirmDialog, "#cancel"))
        message = str(app.screen.query_one("#confirm-message").content)
        assert (note.note or "")[:20] in message
        assert app.screen.focused.id == "cancel"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
        assert mutations(sandbox) == []
        assert any(n["id"] == note.id for n in sandbox.store.notes(CID))

        actions.confirm_delete_note(app, CID, note)
        await wait_until(pilot, showing(app, ConfirmDialog, "#confirm"))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: "Note deleted" in toasts(app))
    assert [(r.method, r.path) for r in mutations(sandbox)] == [("DELETE", f"/v1/customerNotes/{note.id}")]
    assert all(n["id"] != note.id for n in sandbox.store.notes(CID))


# Address form ---------------------------------------------------------------------------


async def open_address_form(app, sandbox, pilot, wait_until, cid=CID, preferences=None):
    """Open the form for ``cid`` and wait until it is filled from the server."""
    actions.open_address_form(app, customer(sandbox, cid), preferences)
    await wait_until(pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
    await pilot.pause()
    return app.screen


def type_into(form, name: str, value: str) -> None:
    form.query_one(f"#f-{name}", Input).value = value


async def test_over_long_line1_is_shown_beside_the_field_and_nothing_is_sent(make_app, sandbox, wait_until):
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        form = await open_address_form(app, sandbox, pilot, wait_until)
        type_into(form, "line1", "9" * 61)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#f-line1-error", FieldError)
        assert error.message == "Too long: 61 / 60 characters"
        # the error sits right under its own field
        assert error.parent is form.query_one("#f-line1", Input).parent.parent
        assert "nothing was sent" in form.query_one("#form-error", FieldError).message
        assert app.screen is form
    assert mutations(sandbox) == []


async def test_edit_sends_a_put_changing_only_what_was_edited(make_app, sandbox, wait_until):
    app = host_app(make_app)
    before = copy.deepcopy(sandbox.store.addresses(CID)["Billing"])
    prefs_before = copy.deepcopy(sandbox.store.address_preferences(CID))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        form = await open_address_form(app, sandbox, pilot, wait_until)
        assert form.query_one("#f-line1", Input).value == before["line1"]
        type_into(form, "city", "Dallas")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: any("Address saved" in t for t in toasts(app)))
    puts = mutations(sandbox)
    assert [(r.method, r.path) for r in puts] == [("PUT", "/v1/Addresses")]
    sent = puts[0].json()
    assert sent == {**before, "city": "Dallas"}
    assert sandbox.store.addresses(CID)["Billing"] == {**before, "city": "Dallas"}
    assert sandbox.store.address_preferences(CID) == prefs_before


async def test_changing_country_sends_the_new_place_and_states_follow(make_app, sandbox, wait_until):
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        form = await open_address_form(app, sandbox, pilot, wait_until)
        country = form.query_one("#country", Select)
        state = form.query_one("#state", Select)
        # The lists are the sandbox's /Countries.
        from fusebill_tui.sandbox.fusebill.countries import COUNTRIES

        assert [value for _label, value in country._options if value is not Select.NULL] == [c["id"] for c in COUNTRIES]
        assert state.value == sandbox.store.addresses(CID)["Billing"]["stateId"]
        country.value = 124  # Canada
        await pilot.pause()
        assert state.value is Select.NULL
        canada = next(c for c in COUNTRIES if c["id"] == 124)
        assert [v for _l, v in state._options if v is not Select.NULL] == [s["id"] for s in canada["states"]]
        await pilot.press("ctrl+s")  # a country with states needs one
        await pilot.pause()
        assert "Choose a state" in form.query_one("#state-error", FieldError).message
        assert mutations(sandbox) == []
        state.value = canada["states"][8]["id"]  # Ontario
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
    stored = sandbox.store.addresses(CID)["Billing"]
    assert (stored["countryId"], stored["country"], stored["state"]) == (124, "Canada", "Ontario")
    sent = mutations(sandbox)[0].json()
    assert (sent["countryId"], sent["stateId"]) == (124, canada["states"][8]["id"])
    assert [r.path for r in sandbox.request_log if r.path.lower() == "/v1/countries"] == ["/v1/Countries"]


async def test_creating_a_shipping_address_sends_a_post(make_app, sandbox, wait_until):
    cid = 100003  # billing address only
    assert sandbox.store.addresses(cid)["Shipping"] is None
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        form = await open_address_form(app, sandbox, pilot, wait_until, cid=cid)
        await pilot.click("#type-Shipping")
        await wait_until(pilot, lambda: form.address_type == "Shipping")
        assert "no shipping address yet" in str(form.query_one("#address-mode").content)
        assert form.query_one("#f-line1", Input).value == ""
        type_into(form, "line1", "1 Dock Road")
        type_into(form, "city", "Hamburg")
        form.query_one("#country", Select).value = 276
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
    posts = mutations(sandbox)
    assert [(r.method, r.path) for r in posts] == [("POST", "/v1/Addresses")]
    assert posts[0].json() == {"line1": "1 Dock Road", "city": "Hamburg", "countryId": 276,
                               "customerAddressPreferenceId": cid, "addressType": "Shipping"}
    shipping = sandbox.store.addresses(cid)["Shipping"]
    assert (shipping["line1"], shipping["city"], shipping["country"]) == ("1 Dock Road", "Hamburg", "Germany")


async def test_preferences_change_sends_only_the_preferences(make_app, sandbox, wait_until):
    app = host_app(make_app)
    addresses_before = copy.deepcopy(sandbox.store.addresses(CID))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        form = await open_address_form(app, sandbox, pilot, wait_until)
        type_into(form, "contactName", "x" * 51)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.query_one("#f-contactName-error", FieldError).message == "Too long: 51 / 50 characters"
        assert mutations(sandbox) == []
        type_into(form, "contactName", "Ana Lima")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
    puts = mutations(sandbox)
    assert [(r.method, r.path) for r in puts] == [("PUT", "/v1/CustomerAddressPreferences")]
    assert puts[0].json()["contactName"] == "Ana Lima"
    assert puts[0].json()["shippingInstructions"] == "Bring to Loading Bay #7"
    assert sandbox.store.address_preferences(CID)["contactName"] == "Ana Lima"
    assert sandbox.store.addresses(CID) == addresses_before


async def test_a_change_made_meanwhile_is_detected_not_overwritten_and_input_kept(make_app, sandbox, wait_until):
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        form = await open_address_form(app, sandbox, pilot, wait_until)
        type_into(form, "line2", "Suite 9")
        sandbox.store.addresses(CID)["Billing"]["city"] = "Houston"  # someone else's edit
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "changed on the server" in form.query_one("#form-error", FieldError).message)
        assert app.screen is form
        assert form.query_one("#f-line2", Input).value == "Suite 9"
        assert sandbox.store.addresses(CID)["Billing"]["city"] == "Houston"
        assert sandbox.store.addresses(CID)["Billing"]["line2"] is None
        assert mutations(sandbox) == []
        # Reload: the fresh city appears, the user's edit stays; saving now writes both.
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: form.query_one("#f-city", Input).value == "Houston")
        assert form.query_one("#f-line2", Input).value == "Suite 9"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
    stored = sandbox.store.addresses(CID)["Billing"]
    assert (stored["city"], stored["line2"]) == ("Houston", "Suite 9")
