"""Status actions and read-only refusals, driven with Pilot against the sandbox."""

from __future__ import annotations

import pytest
from textual.widgets import Button, OptionList, RadioButton
from tui_forms_support import (
    HostScreen,
    customer,
    first_with_status,
    host_app,
    mutations,
    showing,
)

from fusebill_tui.config import builtin_sandbox
from fusebill_tui.tui import flows as actions
from fusebill_tui.tui.dialogs.activate_dialog import ActivateDialog
from fusebill_tui.tui.dialogs.cancel_dialog import CancelDialog
from fusebill_tui.tui.dialogs.confirm import ConfirmDialog
from fusebill_tui.tui.dialogs.invoice_preview import InvoicePreview
from fusebill_tui.tui.dialogs.status_actions import (
    StatusActionsMenu,
    actions_for_status,
)
from fusebill_tui.tui.dialogs.unhold_dialog import UnholdDialog


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("Draft", ["activate", "cancel"]),
        ("Active", ["hold", "cancel"]),
        ("Hold", ["unhold", "cancel"]),
        ("Suspended", ["cancel"]),
        ("Cancelled", ["uncancel"]),
        ("SomethingNew", []),
        (None, []),
    ],
)
def test_actions_for_status(status, expected):
    assert [a.id for a in actions_for_status(status)] == expected


async def open_menu(app, sandbox, pilot, wait_until, cid):
    actions.open_status_actions(app, customer(sandbox, cid))
    await wait_until(pilot, showing(app, StatusActionsMenu, "OptionList"))
    return app.screen


async def choose(app, pilot, wait_until, action_id, screen_type, selector="#cancel"):
    menu = app.screen
    option_list = menu.query_one(OptionList)
    option_list.highlighted = option_list.get_option_index(action_id)
    await pilot.press("enter")
    await wait_until(pilot, showing(app, screen_type, selector))
    return app.screen


@pytest.mark.parametrize("status", ["Draft", "Active", "Hold", "Suspended", "Cancelled"])
async def test_menu_shows_exactly_the_valid_actions(make_app, sandbox, wait_until, status):
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        menu = await open_menu(app, sandbox, pilot, wait_until, first_with_status(sandbox, status))
        ids = [menu.query_one(OptionList).get_option_at_index(i).id
               for i in range(menu.query_one(OptionList).option_count)]
        assert ids == [a.id for a in actions_for_status(status)]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    assert mutations(sandbox) == []


async def test_hold_suspends_subscriptions_after_confirmation(make_app, sandbox, wait_until):
    cid = first_with_status(sandbox, "Active")
    active_subs = [s["id"] for s in sandbox.store.subscriptions(cid) if s["status"] == "Active"]
    assert active_subs
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        dialog = await choose(app, pilot, wait_until, "hold", ConfirmDialog)
        assert "suspended" in str(dialog.query_one("#confirm-message").content)
        assert dialog.focused.id == "cancel"
        await pilot.press("enter")  # Enter on the default button: nothing happens
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await app.workers.wait_for_complete()
        assert mutations(sandbox) == []
        await open_menu(app, sandbox, pilot, wait_until, cid)
        await choose(app, pilot, wait_until, "hold", ConfirmDialog)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any(f"Customer {cid}" in t and "on hold" in t for t in toasts(app)))
    assert [(r.method, r.path) for r in mutations(sandbox)] == [("POST", f"/v1/customerHold/{cid}")]
    assert sandbox.store.customer(cid)["status"] == "Hold"
    subs = {s["id"]: s["status"] for s in sandbox.store.subscriptions(cid)}
    assert all(subs[i] == "Suspended" for i in active_subs)


async def test_unhold_previews_then_sends_the_chosen_option(make_app, sandbox, wait_until):
    cid = first_with_status(sandbox, "Hold")
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        dialog = await choose(app, pilot, wait_until, "unhold", UnholdDialog)
        assert dialog.focused.id == "cancel"
        preview = dialog.query_one(InvoicePreview)
        await wait_until(pilot, lambda: preview.loaded)
        assert "No invoice would be created" in _rendered_text(app, preview)  # no missed period to bill
        await pilot.click("#ChargeForCurrentFullPeriod")
        await wait_until(pilot, lambda: preview.loaded and dialog.result() == "ChargeForCurrentFullPeriod")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = _rendered_text(app, preview)
        # A previewed invoice has no number yet (Fusebill.ApiWrapper's InvoicePreview carries none): its date,
        # the charges of the suspended subscriptions and the total.
        assert "Invoice · " in shown and "Total" in shown
        suspended = [s["planName"] for s in sandbox.store.subscriptions(cid) if s["status"] == "Suspended"]
        assert suspended and all(name in shown for name in suspended)
        # Previews change nothing.
        assert sandbox.store.customer(cid)["status"] == "Hold"
        previews = [r.json() for r in mutations(sandbox)]
        assert previews and all(p["preview"] is True for p in previews)
        assert previews[-1]["serviceStartOption"] == "ChargeForCurrentFullPeriod"
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: any("active again" in t for t in toasts(app)))
    final = mutations(sandbox)[-1].json()
    assert final["serviceStartOption"] == "ChargeForCurrentFullPeriod" and final["preview"] is False
    assert sandbox.store.customer(cid)["status"] == "Active"


async def test_activate_preview_sends_preview_true_and_changes_nothing(make_app, sandbox, wait_until):
    cid = first_with_status(sandbox, "Draft")
    invoices_before = len(sandbox.store.invoices(cid))
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        dialog = await choose(app, pilot, wait_until, "activate", ActivateDialog)
        preview = dialog.query_one(InvoicePreview)
        await wait_until(pilot, lambda: preview.loaded)
        assert "Total" in _rendered_text(app, preview)
        sent = mutations(sandbox)
        assert len(sent) == 1 and "preview=true" in sent[0].raw_query
        assert sandbox.store.customer(cid)["status"] == "Draft"
        assert len(sandbox.store.invoices(cid)) == invoices_before
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        dialog = await choose(app, pilot, wait_until, "activate", ActivateDialog)
        await wait_until(pilot, lambda: dialog.query_one(InvoicePreview).loaded)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("is now active" in t for t in toasts(app)))
    last = mutations(sandbox)[-1]
    assert "preview=false" in last.raw_query
    assert last.json() == {"customerId": cid, "activateAllSubscriptions": True, "activateAllDraftPurchases": True,
                           "temporarilyDisableAutoPost": False}
    assert sandbox.store.customer(cid)["status"] == "Active"


def _rendered_text(app, widget) -> str:
    """What a widget shows, as plain text."""
    from rich.console import Console

    console = Console(width=100, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


@pytest.mark.parametrize("option", ["None", "Unearned", "Full"])
async def test_cancel_sends_the_chosen_option(make_app, sandbox, wait_until, option):
    cid = first_with_status(sandbox, "Active")
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        dialog = await choose(app, pilot, wait_until, "cancel", CancelDialog)
        assert dialog.focused.id == "cancel"
        await pilot.click(f"#option-{option}")
        await wait_until(pilot, lambda: dialog.result() == option)
        dialog.query_one("#cancel", Button).focus()
        await pilot.press("enter")  # the default button only closes
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        assert mutations(sandbox) == []
        await open_menu(app, sandbox, pilot, wait_until, cid)
        dialog = await choose(app, pilot, wait_until, "cancel", CancelDialog)
        await pilot.click(f"#option-{option}")
        await wait_until(pilot, lambda: dialog.result() == option)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: any("is now cancelled" in t for t in toasts(app)))
    assert [r.json() for r in mutations(sandbox)] == [{"customerId": cid, "cancellationOption": option}]
    assert sandbox.store.customer(cid)["status"] == "Cancelled"


async def test_uncancel_after_confirmation(make_app, sandbox, wait_until):
    cid = first_with_status(sandbox, "Cancelled")
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        await choose(app, pilot, wait_until, "uncancel", ConfirmDialog)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: any("is active again" in t for t in toasts(app)))
    assert [(r.method, r.path) for r in mutations(sandbox)] == [("POST", f"/v1/customers/uncancel/{cid}")]
    assert sandbox.store.customer(cid)["status"] == "Active"


async def test_a_409_shows_the_server_message_and_the_app_stays_usable(make_app, sandbox, wait_until):
    cid = first_with_status(sandbox, "Active")
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        sandbox.store.customer(cid)  # the app still believes the customer is Active...
        stale = customer(sandbox, cid)
        sandbox.store.record(cid)["customer"]["status"] = "Cancelled"  # ...but it was cancelled meanwhile
        actions.open_status_actions(app, stale)
        await wait_until(pilot, showing(app, StatusActionsMenu, "OptionList"))
        await choose(app, pilot, wait_until, "hold", ConfirmDialog)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("service status is Cancelled" in t for t in toasts(app)))
        assert isinstance(app.screen, HostScreen)
        # Still usable: an injected 409 on the next action is reported the same way.
        sandbox.faults.fail_next(409, method="POST", body={"ErrorId": 0, "HttpStatusCode": 409, "Errors": [
            {"Key": "Api Error", "Value": "Customer is locked by another process"}]})
        actions.open_status_actions(app, customer(sandbox, cid))
        await wait_until(pilot, showing(app, StatusActionsMenu, "OptionList"))
        await choose(app, pilot, wait_until, "uncancel", ConfirmDialog)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("locked by another process" in t for t in toasts(app)))
        assert isinstance(app.screen, HostScreen)
    assert sandbox.store.customer(cid)["status"] == "Cancelled"


async def test_read_only_refuses_every_change_before_sending(make_app, sandbox, wait_until):
    app = host_app(make_app, environment=builtin_sandbox(read_only=True, timezone="UTC"))
    cid = 100001
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        from fusebill_tui.vendors.fusebill.models import Note

        c = customer(sandbox, cid)
        actions.open_note_form(app, c)
        actions.open_address_form(app, c, None)
        actions.open_status_actions(app, c)
        actions.confirm_delete_note(app, cid, Note(id=1000011, note="x"))
        await pilot.pause()
        assert isinstance(app.screen, HostScreen)
        shown = toasts(app)
        for what in ("Adding a note", "Editing the address", "Changing the customer's status", "Deleting a note"):
            assert any(t.startswith(what) and "read-only" in t for t in shown), what
    assert {r.method for r in sandbox.request_log} <= {"GET"}


# Through the customer screen's own keys ---------------------------------------------------


async def open_customer(app, pilot, wait_until, cid):
    from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen

    await pilot.pause()
    screen = CustomerDetailScreen(cid)
    app.push_screen(screen)
    await wait_until(pilot, lambda: app.screen is screen and screen.customer is not None)
    return screen


async def test_keys_n_and_x_on_the_customer_screen(make_app, sandbox, wait_until):
    from textual.widgets import TextArea

    from fusebill_tui.tui.dialogs.note_form import NoteForm

    cid = first_with_status(sandbox, "Active")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, cid)
        await pilot.press("n")
        await wait_until(pilot, showing(app, NoteForm, "TextArea"))
        await pilot.press("H", "i", "space", "o", "k")
        assert app.screen.query_one(TextArea).text == "Hi ok"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("x")
        await wait_until(pilot, showing(app, StatusActionsMenu, "OptionList"))
        await choose(app, pilot, wait_until, "hold", ConfirmDialog)
        await pilot.press("ctrl+s")
        # the customer screen reloads from the server after the change
        await wait_until(pilot, lambda: screen.customer is not None and screen.customer.status == "Hold")
    assert sandbox.store.notes(cid)[-1]["note"] == "Hi ok"
    assert sandbox.store.customer(cid)["status"] == "Hold"


async def test_read_only_keys_on_the_customer_screen_send_nothing(make_app, sandbox, wait_until):
    from fusebill_tui.tui.screens.customer_detail import TABS

    app = make_app(builtin_sandbox(read_only=True, timezone="UTC"))
    cid = 100001
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, cid)
        await wait_until(pilot, lambda: screen.check_action("edit_address", ()) is True)
        for key in ("n", "a", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        notes_key = str([tab for tab, _label in TABS].index("tab-notes") + 1)
        await pilot.press(notes_key)
        await wait_until(pilot, lambda: screen.check_action("delete_note", ()) is True)
        await pilot.press("delete")
        await pilot.pause()
        assert app.screen is screen
        shown = toasts(app)
        for what in ("Adding a note", "Editing the address", "Changing the customer's status", "Deleting a note"):
            assert any(t.startswith(what) and "read-only" in t for t in shown), what
    assert {r.method for r in sandbox.request_log} == {"GET"}


# A success answered with a null or empty body (Skrumble/fusebill-node, CHANGELOG 1.0.3: "Handle success
# response with 'null' body") is done: the app says so and reads the customer again.
@pytest.mark.parametrize("kind", ["null", "empty"])
@pytest.mark.parametrize(("status", "action_id", "done", "after"), [
    ("Active", "hold", "is now on hold", "Hold"),
    ("Cancelled", "uncancel", "is active again", "Active"),
])
async def test_a_status_action_answered_without_a_body_says_done(
    make_app, sandbox, wait_until, kind, status, action_id, done, after
):
    cid = first_with_status(sandbox, status)
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        await choose(app, pilot, wait_until, action_id, ConfirmDialog)
        sandbox.faults.malformed_next(kind, method="POST")
        start = len(sandbox.request_log)
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: any(f"Customer {cid}" in t and done in t for t in toasts(app)))
        await app.workers.wait_for_complete()
        shown = toasts(app)
        assert not any("may have been done" in t or "could not be read" in t for t in shown), shown
    sent = [(r.method, r.path.lower(), r.status) for r in sandbox.request_log[start:]]
    assert sent[0][0] == "POST" and sent[0][2] == 200
    assert ("GET", f"/v1/customers/{cid}", 200) in sent[1:]  # read again after the action
    assert sandbox.store.customer(cid)["status"] == after


async def test_the_unhold_preview_shows_charge_tiers_and_the_total(make_app, sandbox, wait_until):
    cid = next(c["id"] for c in sandbox.store.iter_customers() if c["status"] == "Hold"
               and any(s["planCode"] == "SEAT" for s in sandbox.store.subscriptions(c["id"])))
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        await open_menu(app, sandbox, pilot, wait_until, cid)
        dialog = await choose(app, pilot, wait_until, "unhold", UnholdDialog)
        preview = dialog.query_one(InvoicePreview)
        await wait_until(pilot, lambda: preview.loaded)
        dialog.query_one("#ChargeForCurrentFullPeriod", RadioButton).value = True
        await wait_until(pilot, lambda: dialog.result() == "ChargeForCurrentFullPeriod")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: preview.loaded)
        shown = _rendered_text(app, preview)
    # What the sandbox bills for the current period, as the dialog should show it.
    seats = next(s for s in sandbox.store.subscriptions(cid) if s["planCode"] == "SEAT")
    from fusebill_tui.sandbox.fusebill.plans import PLAN_COMBOS, tier_charges
    tiers = tier_charges(PLAN_COMBOS[sandbox.store.record(cid)["finance"]["_combo"]][1])
    assert seats["planName"] in shown and tiers
    for label, quantity, price in tiers:
        assert any(line.split()[:3] == ["tier", label, str(quantity)] and f"{price:.2f}" in line
                   for line in shown.splitlines()), (label, shown)
    total = sum((s["amount"] for s in sandbox.store.subscriptions(cid) if s["status"] == "Suspended"
                 and s["planCode"] != "SEAT"), sum((q * p for _l, q, p in tiers), 0))
    total_line = next(line for line in shown.splitlines() if line.startswith("Total"))
    assert f"{total:,.2f}" in total_line, (total, total_line)
