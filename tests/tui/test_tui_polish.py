"""What a keyboard user meets on every screen: footer keys, escape, empty states, focus, layout, NO_COLOR."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from rich.style import Style
from textual.color import Color
from textual.widgets import OptionList, RadioSet

from fusebill_tui.config import load_config
from fusebill_tui.tui.dialogs.address_form import AddressForm
from fusebill_tui.tui.dialogs.environment_picker import EnvironmentPicker
from fusebill_tui.tui.dialogs.filter_menus import SavedFilterMenu
from fusebill_tui.tui.monochrome import (
    MIN_CONTRAST,
    ReadableMonochrome,
    readable_monochrome_style,
)
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.widgets.panels.invoices import InvoicesPanel
from fusebill_tui.vendors.fusebill.filters import HELP as FILTER_LANGUAGE
from fusebill_tui.vendors.fusebill.query import plain_search

NEAR_SUSPENSION = 100007  # six invoices: a single page
WITH_ADDRESSES = 100023  # a billing and a shipping address
MANY_INVOICES = 100029  # 24 invoices


async def list_loaded(pilot, wait_until) -> CustomerListScreen:
    """Wait for the list's first page (and its prefetch) and return the screen."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None
                     and not app.screen.fetching)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def detail_loaded(pilot, wait_until, customer_id: int) -> CustomerDetailScreen:
    """Open a customer from the list and wait for every panel."""
    app = pilot.app
    await list_loaded(pilot, wait_until)
    screen = CustomerDetailScreen(customer_id)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.loaded)
    await pilot.pause()
    return screen


def footer_actions(screen) -> dict[str, tuple[str, bool]]:
    """Key -> (action, enabled) for the bindings the footer shows."""
    return {key: (active.binding.action, active.enabled)
            for key, active in screen.active_bindings.items() if active.binding.show}


def customer_queries(sandbox, start: int) -> list[str | None]:
    """The ``query`` of each page of GET /customers sent since ``start`` (counts left out)."""
    queries = []
    for entry in sandbox.request_log[start:]:
        if entry.method == "GET" and entry.path.lower() == "/v1/customers":
            params = dict(parse_qsl(entry.raw_query, keep_blank_values=True))
            if params.get("pageSize") != "1":
                queries.append(params.get("query"))
    return queries


# --- the customer list ---------------------------------------------------------------------


async def test_the_list_footer_offers_open_and_next_page_while_the_table_has_focus(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await list_loaded(pilot, wait_until)
        assert app.focused is screen.table
        shown = footer_actions(screen)
        # the table's own hidden enter / pagedown used to shadow the screen's bindings
        assert shown["enter"] == ("open_customer", True)
        assert shown["pagedown"] == ("next_page", True)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: screen.request.page_number == 1 and not screen.fetching)
        await pilot.press("home")
        await wait_until(pilot, lambda: screen.request.page_number == 0 and not screen.fetching)


async def test_escape_on_the_list_clears_the_applied_filter(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_loaded(pilot, wait_until)
        assert "escape" not in footer_actions(screen)  # nothing to clear yet
        screen.apply_filter("status:Hold")
        await wait_until(pilot, lambda: screen.filter_text == "status:Hold" and not screen.fetching)
        assert footer_actions(screen)["escape"] == ("clear_filter", True)
        start = len(sandbox.request_log)
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.filter_text == "" and not screen.fetching)
        assert screen.filter_bar.text == ""
        assert "status:Hold" not in screen.status_text
        assert screen.request.query is None and screen.page.count == len(sandbox.store.customer_ids())
        assert all(query is None for query in customer_queries(sandbox, start))  # nothing filtered was sent
        assert app.screen is screen


async def test_an_empty_page_says_why_and_how_to_get_back(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_loaded(pilot, wait_until)
        assert screen.empty_text == ""
        screen.apply_filter("zzzzqq")
        await wait_until(pilot, lambda: screen.filter_text == "zzzzqq" and not screen.fetching)
        assert "No customers found: last name contains “zzzzqq”." in screen.empty_text
        assert "escape shows every customer" in screen.empty_text
        assert screen.query_one("#list-empty").region.height > 0
        screen.apply_filter("status:Hold;lastName:zzzzqq")
        await wait_until(pilot, lambda: screen.filter_text.startswith("status:Hold") and not screen.fetching)
        assert "No customers match status:Hold;lastName:zzzzqq." in screen.empty_text
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.page is not None and screen.page.items and not screen.fetching)
        assert screen.empty_text == ""


async def test_delete_in_the_saved_filters_menu_removes_one(make_app, tui_config, wait_until):
    tui_config.save_filter("on hold", "status:Hold")
    tui_config.save_filter("poor", "accountStatus:PoorStanding")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await list_loaded(pilot, wait_until)
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(app.screen, SavedFilterMenu))
        menu = app.screen
        options = menu.query_one(OptionList)
        assert options.highlighted == 0  # "on hold" (sorted by name)
        await pilot.press("delete")
        await pilot.pause()
        assert "on hold" not in tui_config.saved_filters
        assert "on hold" not in load_config(tui_config.path).saved_filters  # gone from the file too
        assert "poor" in load_config(tui_config.path).saved_filters
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == ["saved:poor"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen)
                         and app.screen.filter_text == "accountStatus:PoorStanding")


def test_every_example_in_the_filter_help_is_a_valid_query():
    examples = re.findall(r"\(([A-Za-z]+:[^)\s]+)\)", FILTER_LANGUAGE)
    assert len(examples) >= 4
    for example in examples:
        assert plain_search(example).query, example  # raises QueryError for an unknown field or value


# --- the customer -------------------------------------------------------------------------------


async def test_on_a_wide_terminal_the_tabs_fit_beside_the_overview(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await detail_loaded(pilot, wait_until, WITH_ADDRESSES)
        await pilot.press("5")
        await pilot.pause()
        tabs = screen.query_one("#customer-tabs")
        assert tabs.region.right <= 160
        shipping = screen.query_one("#address-shipping")
        assert shipping.region.width > 0 and shipping.region.right <= 160  # it used to start at column 160


async def test_invoice_keys_follow_the_pages_there_are(make_app, wait_until, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await detail_loaded(pilot, wait_until, NEAR_SUSPENSION)
        await pilot.press("3")
        await pilot.pause()
        shown = footer_actions(screen)
        assert shown["enter"] == ("select_cursor", True)  # "Charges"
        assert "pagedown" not in shown and "pageup" not in shown  # a single page


async def test_invoice_page_keys_grey_out_at_the_ends(make_app, wait_until, monkeypatch):
    monkeypatch.setattr(InvoicesPanel, "PAGE_SIZE", 10)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await detail_loaded(pilot, wait_until, MANY_INVOICES)
        await pilot.press("3")
        await pilot.pause()
        shown = footer_actions(screen)
        assert shown["pagedown"] == ("next_page", True)
        assert shown["pageup"] == ("previous_page", False)


async def test_the_address_form_starts_on_its_first_choice(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await detail_loaded(pilot, wait_until, WITH_ADDRESSES)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
        form = app.screen
        assert app.focused is form.query_one("#address-type", RadioSet)
        await pilot.press("down", "enter")  # the keys a user tries first now reach the form
        await wait_until(pilot, lambda: form.address_type == "Shipping")
        assert form.field("line1").value == "7714 Pine Cres"


# --- environments -------------------------------------------------------------------------------


async def test_choosing_the_current_environment_keeps_the_list_as_it_was(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_loaded(pilot, wait_until)
        screen.apply_filter("status:Hold")
        await wait_until(pilot, lambda: screen.filter_text == "status:Hold" and not screen.fetching)
        session = app.session
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EnvironmentPicker))
        await pilot.press("enter")  # the current environment is highlighted
        await wait_until(pilot, lambda: app.screen is screen)
        assert app.session is session and screen.filter_text == "status:Hold"
        assert not any("Now browsing" in str(n.message) for n in app._notifications)


# --- NO_COLOR -------------------------------------------------------------------------------------


def test_no_color_keeps_red_text_readable_on_a_dark_background():
    background = Color.parse("#121212")
    for colour in ("#ff0000", "#cc0044", "#0000aa", "#ffa62b"):
        style = readable_monochrome_style(Style(color=colour, bold=True), background)
        fore = Color.from_rich_color(style.color)
        assert fore.r == fore.g == fore.b  # a grey
        assert abs(fore.brightness - background.brightness) >= MIN_CONTRAST, colour
        assert style.bold


async def test_no_color_uses_the_readable_filter(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    assert any(isinstance(f, ReadableMonochrome) for f in app._filters)
