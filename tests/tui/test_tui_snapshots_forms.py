"""Snapshots of the forms and status-action dialogs at 120x40 and 80x24 (seeded sandbox, fixed clock)."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea
from tui_forms_support import HostScreen, customer, first_with_status, host_app, showing

from fusebill_tui.tui import flows as actions
from fusebill_tui.tui.dialogs.address_form import AddressForm
from fusebill_tui.tui.dialogs.cancel_dialog import CancelDialog
from fusebill_tui.tui.dialogs.invoice_preview import InvoicePreview
from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.dialogs.status_actions import StatusActionsMenu
from fusebill_tui.tui.dialogs.unhold_dialog import UnholdDialog

SIZES = [(120, 40), (80, 24)]
CID = 100001


async def _quiet_host(app, pilot, wait_until) -> None:
    """Wait for the stand-in screen and drop the start-up "built-in sandbox" toast (it would show through)."""
    await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    await wait_until(pilot, lambda: bool(app.screen.query("Toast")))
    app.clear_notifications()
    await wait_until(pilot, lambda: not app.screen.query("Toast"))


async def _settle(pilot, wait_until, predicate) -> None:
    await wait_until(pilot, predicate)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_note_form(snap_compare, make_app, sandbox, wait_until, size):
    app = host_app(make_app)

    async def run_before(pilot) -> None:
        await _quiet_host(app, pilot, wait_until)
        actions.open_note_form(app, customer(sandbox, CID))
        await wait_until(pilot, showing(app, NoteForm, "TextArea"))
        app.screen.query_one(TextArea).text = "Called about the March invoice.\nPrefers email [not markup]."
        await _settle(pilot, wait_until, lambda: True)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_address_form(snap_compare, make_app, sandbox, wait_until, size):
    app = host_app(make_app)

    async def run_before(pilot) -> None:
        await _quiet_host(app, pilot, wait_until)
        actions.open_address_form(app, customer(sandbox, CID), None)
        await wait_until(pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
        app.screen.query_one("#f-line1").value = "x" * 61  # shows a limit error beside the field
        await _settle(pilot, wait_until, lambda: True)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_status_actions_menu(snap_compare, make_app, sandbox, wait_until, size):
    app = host_app(make_app)

    async def run_before(pilot) -> None:
        await _quiet_host(app, pilot, wait_until)
        actions.open_status_actions(app, customer(sandbox, first_with_status(sandbox, "Hold")))
        await _settle(pilot, wait_until, showing(app, StatusActionsMenu, "OptionList"))

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_unhold_dialog_with_preview(snap_compare, make_app, sandbox, wait_until, size):
    app = host_app(make_app)
    cid = first_with_status(sandbox, "Hold")

    async def run_before(pilot) -> None:
        await _quiet_host(app, pilot, wait_until)
        c = customer(sandbox, cid)
        actions.start_status_action(app, c, "unhold")
        await wait_until(pilot, showing(app, UnholdDialog, "InvoicePreview"))
        dialog = app.screen
        await wait_until(pilot, lambda: dialog.query_one(InvoicePreview).loaded)
        dialog.query_one("#ChargeForCurrentFullPeriod").value = True
        await wait_until(pilot, lambda: dialog.result() == "ChargeForCurrentFullPeriod")
        await _settle(pilot, wait_until, lambda: dialog.query_one(InvoicePreview).loaded)
        dialog.query_one("#cancel").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def first_tiered_on_hold(sandbox) -> int:
    """A customer on hold whose subscriptions include the tiered seat plan."""
    return next(c["id"] for c in sandbox.store.iter_customers() if c["status"] == "Hold"
                and any(s["planCode"] == "SEAT" for s in sandbox.store.subscriptions(c["id"])))


@pytest.mark.parametrize("size", SIZES)
def test_unhold_dialog_with_several_tiered_invoices(snap_compare, make_app, sandbox, wait_until, size):
    """Every missed period billed: the sum of the invoices first, then each with its charge tiers."""
    app = host_app(make_app)
    cid = first_tiered_on_hold(sandbox)
    sandbox.store.record(cid)["finance"]["statusTimestamp"] = "2025-01-01T00:00:00"  # some months on hold

    async def run_before(pilot) -> None:
        await _quiet_host(app, pilot, wait_until)
        actions.start_status_action(app, customer(sandbox, cid), "unhold")
        await wait_until(pilot, showing(app, UnholdDialog, "InvoicePreview"))
        dialog = app.screen
        await wait_until(pilot, lambda: dialog.query_one(InvoicePreview).loaded)
        dialog.query_one("#ChargeForAllMissedPeriods").value = True
        await wait_until(pilot, lambda: dialog.result() == "ChargeForAllMissedPeriods")
        await _settle(pilot, wait_until, lambda: dialog.query_one(InvoicePreview).loaded)
        dialog.query_one("#cancel").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_cancel_dialog(snap_compare, make_app, sandbox, wait_until, size):
    app = host_app(make_app)

    async def run_before(pilot) -> None:
        await _quiet_host(app, pilot, wait_until)
        actions.start_status_action(app, customer(sandbox, CID), "cancel")
        await _settle(pilot, wait_until, showing(app, CancelDialog, "#cancel"))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
