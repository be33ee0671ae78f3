"""Keys typed while a screen or dialog is still opening reach it (a fast typist, a slow SSH link).

Every key goes through the driver back to back, the way a terminal delivers a burst, with no pause
for the app in between.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TabbedContent, TextArea

from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.dialogs.save_filter import SaveFilterDialog
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen

NAMED = {"enter", "ctrl+s", "escape", "end", "tab", "ctrl+a"}
CHARACTER_KEYS = {" ": "space", "?": "question_mark", "/": "slash"}


def burst(app, *keys: str) -> None:
    """Every key through the driver at once: a named key ("enter", "ctrl+s") or a run of text."""
    for key in keys:
        for name in [key] if key in NAMED else list(key):
            character = None if name in NAMED else name
            app._driver.send_message(events.Key(CHARACTER_KEYS.get(name, name), character))


def posts(sandbox, path: str) -> list:
    return [r for r in sandbox.request_log if r.method == "POST" and r.path.lower() == path]


async def open_list(pilot, wait_until):
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
    return app.screen


async def test_a_note_typed_straight_after_n_is_sent_whole(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await open_list(pilot, wait_until)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen)
                         and app.screen.customer is not None)
        await app.workers.wait_for_complete()
        burst(app, "n", "Called about the queue", "ctrl+s")
        await wait_until(pilot, lambda: bool(posts(sandbox, "/v1/customernotes")))
        assert posts(sandbox, "/v1/customernotes")[0].json()["note"] == "Called about the queue"
        assert not isinstance(app.screen, NoteForm)


async def test_the_note_form_shows_every_character_typed_behind_n(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await open_list(pilot, wait_until)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen)
                         and app.screen.customer is not None)
        await app.workers.wait_for_complete()
        burst(app, "n", "queue? ask Eve")  # e and q are app keys: typed here they are text
        await wait_until(pilot, lambda: isinstance(app.screen, NoteForm)
                         and app.screen.query_one(TextArea).text == "queue? ask Eve")
        assert app.is_running


async def test_keys_typed_straight_after_enter_on_the_list_reach_the_customer_screen(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await open_list(pilot, wait_until)
        burst(app, "enter", "4")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen)
                         and app.screen.query_one(TabbedContent).active == "tab-notes")


async def test_a_name_typed_as_the_save_filter_dialog_opens_is_kept(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        screen = await open_list(pilot, wait_until)
        screen.filter_bar.input.value = "status:Active"
        screen.save_current_filter()
        burst(app, "my actives", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, SaveFilterDialog)
                         and "my actives" in app.config.saved_filters)
        assert isinstance(app.screen, CustomerListScreen)


async def test_keys_typed_while_the_first_screen_mounts_are_kept(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        # the app's own screen is up; the list it pushes may still be mounting
        burst(app, "/", "smith")
        screen = await open_list(pilot, wait_until)
        await wait_until(pilot, lambda: screen.filter_bar.text == "smith")
        assert isinstance(app.focused, Input)


async def test_a_filter_saved_through_the_menu_in_one_burst_keeps_its_name(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        screen = await open_list(pilot, wait_until)
        screen.filter_bar.input.value = "status:Active"
        # F opens the menu, End highlights "save the current filter", Enter opens the name dialog
        burst(app, "F", "end", "enter", "my actives", "enter")
        await wait_until(pilot, lambda: "my actives" in app.config.saved_filters)
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen))


async def test_a_status_action_chosen_and_confirmed_in_one_burst_is_sent(make_app, sandbox, wait_until):
    active = next(c["id"] for c in sandbox.store.iter_customers() if c["status"] == "Active")
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        screen = await open_list(pilot, wait_until)
        screen.show_customer(active)
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen)
                         and app.screen.customer is not None)
        await app.workers.wait_for_complete()
        # x opens the menu, Enter picks its first action (put on hold), ctrl+s confirms it
        burst(app, "x", "enter", "ctrl+s")
        await wait_until(pilot, lambda: any(r.method != "GET" for r in sandbox.request_log))
        await app.workers.wait_for_complete()
        sent = [r for r in sandbox.request_log if r.method != "GET"]
        assert len(sent) == 1, sent
        assert "hold" in sent[0].path.lower(), sent[0].path


async def test_an_address_typed_as_the_form_loads_is_not_overwritten_by_the_load(make_app, sandbox, wait_until):
    from fusebill_tui.tui.dialogs.address_form import AddressForm

    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await open_list(pilot, wait_until)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen)
                         and app.screen.customer is not None)
        await app.workers.wait_for_complete()
        # a opens the form on the address type; Tab reaches the first line, where the typing goes
        burst(app, "a", "tab", "ctrl+a", "Suite 9")
        await wait_until(pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert "Suite 9" in app.focused.value
