"""Snapshots of the customer list, the help screen and the environment picker (seeded sandbox, fixed clock)."""

from __future__ import annotations

import pytest

from fusebill_tui.config import Config, EnvironmentConfig, load_config
from fusebill_tui.tui.dialogs.environment_picker import EnvironmentPicker
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.help import HelpScreen

SIZES = [(120, 40), (80, 24)]


async def _list_shown(pilot, wait_until) -> None:
    """The first page shown, the prefetch done, no toast, the budget up to date."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
    await app.workers.wait_for_complete()
    await wait_until(pilot, lambda: bool(app.screen.query("Toast")))
    app.clear_notifications()
    await wait_until(pilot, lambda: not app.screen.query("Toast"))
    app.refresh_budget()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_customer_list(snap_compare, make_app, wait_until, size):
    async def run_before(pilot) -> None:
        await _list_shown(pilot, wait_until)
        await pilot.press("s", "j", "j")
        await pilot.app.workers.wait_for_complete()
        pilot.app.refresh_budget()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, make_app, wait_until, size):
    async def run_before(pilot) -> None:
        await _list_shown(pilot, wait_until)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_environment_picker(snap_compare, make_app, tmp_path, wait_until, size):
    config = Config(path=tmp_path / "config.toml")
    config.add_environment(EnvironmentConfig("production", "https://secure.fusebill.com/v1",
                                             api_key_env="FUSEBILL_PROD_KEY", read_only=True))
    config.add_environment(EnvironmentConfig("staging", "https://stg-secure.fusebill.com/v1",
                                             api_key_env="FUSEBILL_STAGING_KEY"))
    config = load_config(config.path)

    async def run_before(pilot) -> None:
        await _list_shown(pilot, wait_until)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, EnvironmentPicker))
        await pilot.pause()

    assert snap_compare(make_app(config=config), terminal_size=size, run_before=run_before)
