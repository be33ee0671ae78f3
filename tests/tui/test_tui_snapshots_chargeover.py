"""Snapshots of the ChargeOver screens (seeded ChargeOver sandbox, fixed clock) at 120x40 and 80x24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen

SIZES = [(120, 40), (80, 24)]
SUMMIT = 16  # active-overdue: six invoices (one 28 days overdue, with a discount line), two notes, tags


async def _quiet(pilot) -> None:
    """No start-up toast in the picture, and the request budget up to date (not left to its timer)."""
    await pilot.app.workers.wait_for_complete()
    pilot.app.clear_notifications()
    pilot.app.refresh_budget()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_chargeover_customer_list(snap_compare, make_co_app, wait_until, size):
    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        await pilot.press("s", "j", "j")
        await _quiet(pilot)

    assert snap_compare(make_co_app(), terminal_size=size, run_before=run_before)


# (snapshot name, keys pressed after the customer loads)
PANELS = [
    ("overview", ()),
    ("invoices", ("3",)),
    ("invoice_lines", ("3", "j", "j", "enter")),  # 1604: four lines, one a discount
    ("notes", ("4",)),
    ("addresses", ("5",)),
    ("note_form", ("4", "n")),
]


def open_customer(customer_id: int, wait_until, *keys: str) -> Callable[..., Awaitable[None]]:
    """Let the list load, open a customer, wait for every panel, then press keys."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        await app.workers.wait_for_complete()
        screen = CustomerDetailScreen(customer_id)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        if "enter" in keys:
            await wait_until(pilot, lambda: isinstance(app.screen, InvoiceDetailScreen))
        if "n" in keys:
            await wait_until(pilot, lambda: isinstance(app.screen, NoteForm))
        await _quiet(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("name", "keys"), PANELS)
def test_chargeover_customer(snap_compare, make_co_app, wait_until, name, keys, size):
    assert snap_compare(make_co_app(), terminal_size=size, run_before=open_customer(SUMMIT, wait_until, *keys))
