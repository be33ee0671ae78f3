"""App chrome against the sandbox: environments, help, keymap, palette, filter suggestions, quitting."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Input

from fusebill_tui.config import Config, EnvironmentConfig, load_config
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY
from fusebill_tui.tui.commands import (
    CustomerCommands,
    EnvironmentCommands,
    FilterCommands,
)
from fusebill_tui.tui.dialogs.add_environment import AddEnvironmentDialog
from fusebill_tui.tui.dialogs.environment_picker import EnvironmentPicker
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.help import HelpScreen
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.filter_bar import FilterSuggester
from fusebill_tui.vendors.fusebill.filters import FusebillFilters

SANDBOX_URL = "https://sandbox.invalid/v1"


async def loaded(pilot, wait_until) -> CustomerListScreen:
    """Wait for the list to show a page."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None
                     and not app.screen.fetching)
    return app.screen


def config_with_staging(tmp_path, monkeypatch) -> Config:
    """A config with a read-only 'staging' (the sandbox over its URL) and a 'broken' one without its key."""
    monkeypatch.setenv("STAGING_KEY", DEFAULT_API_KEY)
    monkeypatch.delenv("MISSING_KEY", raising=False)
    config = Config(path=tmp_path / "config.toml")
    config.add_environment(EnvironmentConfig("staging", SANDBOX_URL, api_key_env="STAGING_KEY",
                                             read_only=True, production=True))
    config.add_environment(EnvironmentConfig("broken", SANDBOX_URL, api_key_env="MISSING_KEY"))
    return load_config(config.path)


async def test_the_bar_shows_the_environment_on_every_screen(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        bar = screen.query_one(EnvironmentBar)
        assert bar.environment_name == "sandbox" or bar.environment_name
        assert bar.sandbox and not bar.production and not bar.read_only
        pilot.app.refresh_budget()
        assert bar.budget.startswith("requests left ")
        assert bar.region.y == 0 and bar.region.height == 1  # visible at the top of the list


async def test_switching_environment_keeps_nothing_from_the_previous_one(make_app, tmp_path, monkeypatch,
                                                                          sandbox, wait_until):
    config = config_with_staging(tmp_path, monkeypatch)
    async with make_app(config=config).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        screen.apply_filter("status:Hold")
        await wait_until(pilot, lambda: screen.request.query == "status:Hold" and not screen.fetching)
        old_session = pilot.app.session
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, EnvironmentPicker))
        picker = pilot.app.screen
        picker.choose("env:broken")
        await pilot.pause()
        assert "MISSING_KEY" in picker.error_text and pilot.app.screen is picker
        picker.choose("env:staging")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen) and pilot.app.screen is not screen)
        new = await loaded(pilot, wait_until)
        assert new is not screen and new.request.query is None and new.filter_bar.text == ""
        assert pilot.app.session is not old_session and len(old_session.cache) == 0
        assert pilot.app.environment.name == "staging"
        bar = new.query_one(EnvironmentBar)
        assert bar.environment_name == "staging" and bar.production and bar.read_only
        assert [type(s).__name__ for s in pilot.app.screen_stack] == ["Screen", "CustomerListScreen"]


async def test_add_environment_writes_the_app_file_only(make_app, tui_config, wait_until):
    tui_config.path.write_text("# hand-written\n")
    config = load_config(tui_config.path)
    async with make_app(config=config).run_test(size=(120, 40)) as pilot:
        await loaded(pilot, wait_until)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, EnvironmentPicker))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AddEnvironmentDialog)
                         and getattr(pilot.app.focused, "id", None) == "env-name")
        dialog = pilot.app.screen
        dialog.query_one("#env-name", Input).value = "staging"
        dialog.query_one("#env-url", Input).value = "http://stg.example.com/v1"
        dialog.query_one("#env-key", Input).value = "s3cret"
        assert dialog.query_one("#env-key", Input).password
        await pilot.press("ctrl+s")
        assert "https://" in dialog.errors()["env-url-error"]
        assert not config.app_path.exists()
        dialog.query_one("#env-url", Input).value = "https://stg.example.com/v1"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, EnvironmentPicker))
        assert tui_config.path.read_text() == "# hand-written\n"
        written = load_config(tui_config.path).environments["staging"]
        assert written.base_url == "https://stg.example.com/v1" and written.origin == config.app_path
        assert (config.app_path.stat().st_mode & 0o777) == 0o600


async def test_help_lists_every_screen_and_remapped_keys(make_app, tui_config, wait_until):
    tui_config.keymap = {"next_page": "n", "quick_filters": "ctrl+f"}
    async with make_app(config=tui_config).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await pilot.press("n")  # the remapped key works...
        await wait_until(pilot, lambda: "page 2 of" in screen.status_text)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        help_screen = pilot.app.screen
        assert help_screen.key_for("Next page") == "n"  # ...and the help shows it
        assert help_screen.key_for("Quick") == "^f"
        sections = {row.section for row in help_screen.rows}
        assert {"Everywhere", "Customer list", "Tables", "Dialogs"} <= sections
        assert "Customer detail" in sections
        details = {row.binding_id: row.detail for row in help_screen.rows}
        assert details["filter"] == "Filter: a name, an email (with @), an id, or field:value"  # Fusebill's words
        assert details["quick_filters"] == "Filter by status or account status (with counts)"
        assert {"customer_status_actions", "customer_edit_address", "customer_tab_subscriptions"} <= details.keys()
        help_screen.query_one(Input).value = "sort"
        await pilot.pause()
        assert help_screen.shown
        assert all("sort" in (r.description + r.detail + r.binding_id).lower() for r in help_screen.shown)
        # The binding ids a user needs for [keymap] are on the screen.
        console = Console(width=160, record=True, file=io.StringIO())
        console.print(help_screen.query_one("#help-keys").content)
        assert "[sort_column]" in console.export_text()
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is screen)


async def test_the_keymap_is_read_from_the_config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nnext_page = "n"\n')
    assert load_config(path).keymap == {"next_page": "n"}
    path.write_text("[keymap]\nnext_page = 3\n")
    try:
        load_config(path)
    except Exception as error:
        assert "keymap.next_page" in str(error)
    else:
        raise AssertionError("a keymap value that is not a string must be refused")


async def test_the_suggester_completes_fields_and_values():
    suggester = FilterSuggester(FusebillFilters())
    assert await suggester.get_suggestion("sta") == "status:"
    assert await suggester.get_suggestion("status:Ac") == "status:Active"
    assert await suggester.get_suggestion("status:Active,h") == "status:Active,hold"
    assert await suggester.get_suggestion("lastName:Sm;accountS") == "lastName:Sm;accountStatus:"
    assert await suggester.get_suggestion("lastName:Sm") is None


async def test_typing_in_the_filter_shows_the_completion(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await pilot.press("slash", "a", "c", "c")
        field = screen.filter_bar.input
        await wait_until(pilot, lambda: field._suggestion == "accountStatus:")
        await pilot.press("right", "P", "o")
        await wait_until(pilot, lambda: field._suggestion == "accountStatus:PoorStanding")
        await pilot.press("right", "enter")
        await wait_until(pilot, lambda: screen.request.query == "accountStatus:PoorStanding" and not screen.fetching)


async def palette_titles(app, provider_class) -> list[str]:
    """The titles a provider offers before anything is typed."""
    provider = provider_class(app.screen)
    return [str(hit.text) async for hit in provider.discover()]


async def test_palette_offers_environments_filters_and_copy(make_app, tmp_path, monkeypatch, wait_until):
    config = config_with_staging(tmp_path, monkeypatch)
    config.save_filter("on hold", "status:Hold")
    async with make_app(config=config).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        app = pilot.app
        assert {"environment: switch to staging", "environment: add"} <= set(await palette_titles(app, EnvironmentCommands))
        filters = await palette_titles(app, FilterCommands)
        assert {"filter: status Active", "filter: account status PoorStanding", "filter: saved on hold"} <= set(filters)
        hits = [hit async for hit in FilterCommands(app.screen).search("saved on hold")]
        hits[0].command()
        await wait_until(pilot, lambda: screen.request.query == "status:Hold" and not screen.fetching)

        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        hits = [hit async for hit in CustomerCommands(app.screen).search("copy customer email")]
        hits[0].command()
        customer = screen.highlighted_customer()
        assert copied == [customer.primary_email]

        target = 100042
        hits = [hit async for hit in CustomerCommands(app.screen).search(str(target))]
        assert str(hits[0].text) == f"customer: open #{target}"
        hits[0].command()
        await wait_until(pilot, lambda: getattr(app.screen, "customer_id", None) == target)


async def test_q_quits_cleanly(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, wait_until)
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code in (0, None)
