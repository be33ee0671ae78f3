"""Snapshots of the collections worklist (seeded sandboxes, fixed clocks) at 120x40 and 80x24, taken once every
row has been read so the picture is the same every run."""

from __future__ import annotations

import pytest

from fusebill_tui.tui.dialogs.worklist_filter import WorklistFilterDialog
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.worklist import WorklistScreen

SIZES = [(120, 40), (80, 24)]


def worklist(wait_until, *keys: str):
    """A run_before: open the worklist with w, wait until every row is read, press ``keys``."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        await app.workers.wait_for_complete()
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen) and app.screen.progress is not None
                         and app.screen.progress.done)
        for key in keys:
            await pilot.press(key)
        await app.workers.wait_for_complete()
        app.clear_notifications()
        app.refresh_budget()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_worklist(snap_compare, make_app, wait_until, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=worklist(wait_until, "down", "down"))


def test_worklist_filtered_at_120x40(snap_compare, make_app, wait_until):
    keys = ("f", *"usd", "tab", *"500", "enter")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=worklist(wait_until, *keys))


def test_worklist_filter_dialog_at_80x24(snap_compare, make_app, wait_until):
    async def run_before(pilot) -> None:
        await worklist(wait_until, "f", *"xy", "enter")(pilot)
        assert isinstance(pilot.app.screen, WorklistFilterDialog)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_chargeover_worklist(snap_compare, make_co_app, wait_until, size):
    assert snap_compare(make_co_app(), terminal_size=size, run_before=worklist(wait_until))
