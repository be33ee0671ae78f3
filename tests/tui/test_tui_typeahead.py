"""Keys that arrive in one burst (a fast typist, a paste, a slow SSH link) land where the user meant."""

from __future__ import annotations

from textual import events

from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen

KEY_NAMES = {"/": "slash"}


def burst(app, text: str) -> None:
    """Queue every key of ``text`` at once, as the terminal driver does when they arrive together."""
    for character in text:
        app.post_message(events.Key(KEY_NAMES.get(character, character), character))


async def test_a_filter_typed_straight_after_the_slash_keeps_every_character(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        screen = app.screen
        burst(app, "/smith")
        await wait_until(pilot, lambda: screen.filter_bar.text == "smith")
        assert screen.filter_bar.input.has_focus


async def test_an_id_typed_in_a_burst_opens_that_customer(make_app, sandbox, wait_until):
    target = sorted(sandbox.store.customer_ids())[7]
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        burst(app, f"/{target}")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen))
        assert app.screen.customer_id == target


async def test_a_slash_typed_in_the_filter_is_text(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        screen = app.screen
        burst(app, "/a/b")
        await wait_until(pilot, lambda: screen.filter_bar.text == "a/b")
