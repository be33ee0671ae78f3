"""Read-only: whatever keys are pressed, on every screen and in every dialog, nothing mutating is sent.

Every active binding of every screen is pressed (in the soak run: on every tab of every status), and every binding of each dialog or screen that a
key opens; then the sandbox's request log must hold no POST, PUT or DELETE. The second test turns
the app's own refusal off, so the dialogs open and submit: the client must still refuse.
"""

from __future__ import annotations

import pytest
from textual.screen import Screen

from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.dialogs.environment_picker import EnvironmentPicker
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen

from reliability_support import first_with_status, mutations, settle, toasts

NEVER = {"q", "ctrl+q", "ctrl+c"}  # quitting ends the walk, not a request
STATUSES = ("Draft", "Active", "Hold", "Cancelled", "Suspended")


@pytest.fixture(autouse=True)
def stay_in_this_environment(monkeypatch):
    """The walk must stay in the read-only environment: choosing another one (the picker, the palette) is a no-op."""
    monkeypatch.setattr(FusebillApp, "switch_environment", lambda self, environment: None)


def _keys(app) -> list[str]:
    return [key for key in app.active_bindings if key not in NEVER]


async def _back_to(app, pilot, screen) -> None:
    while app.screen is not screen and screen in app.screen_stack:
        app.pop_screen()
        await pilot.pause()


async def press_everything(app, pilot, screen, tally, explored: set[str], depth: int = 2,
                           only: tuple[str, ...] | None = None) -> set[str]:
    """Press every key bound on ``screen`` (or ``only`` these); in each kind of screen or dialog that opens,
    press its keys too."""
    pressed: set[str] = set()
    explored.add(type(screen).__name__)
    for key in [k for k in _keys(app) if only is None or k in only]:
        await _back_to(app, pilot, screen)
        await pilot.press(key)
        await settle(app, pilot)
        tally["keys_pressed"] += 1
        pressed.add(f"{type(screen).__name__}:{key}")
        opened = app.screen
        # The environment picker switches to another (writable) environment on enter: leave it.
        if (depth and opened is not screen and type(opened).__name__ not in explored
                and not isinstance(opened, EnvironmentPicker)):
            await pilot.press("ctrl+s")  # submit whatever the dialog holds, then try every other key
            await settle(app, pilot)
            tally["keys_pressed"] += 1
            if opened in app.screen_stack:
                await _back_to(app, pilot, opened)
                pressed |= await press_everything(app, pilot, opened, tally, explored, depth - 1)
    await _back_to(app, pilot, screen)
    return pressed


async def _walk(app, pilot, sandbox, tally, *, thorough: bool) -> set[str]:
    """Every key of the list, of the customer screen (each tab when ``thorough``) and of what they open;
    for each other status, the status actions it offers."""
    await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
    list_screen = app.screen
    explored: set[str] = set()
    pressed: set[str] = set()
    if thorough:  # the quick run starts from the customer screen (the list's own keys only read)
        pressed = await press_everything(app, pilot, list_screen, tally, explored)
    for status in STATUSES:
        cid = first_with_status(sandbox, status)
        list_screen.open_by_id(cid)
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        detail = app.screen
        tabs = ("12345" if thorough else "1") if status == "Active" else "1"
        for tab in tabs:
            await pilot.press(tab)
            for name in ("CustomerDetailScreen", *ACTION_DIALOGS):
                explored.discard(name)
            only = None if status == "Active" or thorough else ("x",)
            pressed |= await press_everything(app, pilot, detail, tally, explored, only=only)
        await _back_to(app, pilot, list_screen)
    return pressed


ACTION_DIALOGS = ("StatusActionsMenu", "ConfirmDialog", "CancelDialog", "UnholdDialog", "ActivateDialog")


@pytest.mark.soak
async def test_read_only_sends_nothing_mutating_whatever_is_pressed(make_app, sandbox, tally):
    """Protection: in a read-only environment no key on any screen sends a POST, PUT or DELETE; the
    changes the user asks for are refused in words."""
    app = make_app(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        pressed = await _walk(app, pilot, sandbox, tally, thorough=True)
        assert app.is_running
    tally["requests_checked"] += len(sandbox.request_log)
    assert not mutations(sandbox), [(r.method, r.path) for r in mutations(sandbox)]
    assert {"CustomerListScreen:enter", "CustomerDetailScreen:x"} <= pressed


@pytest.mark.soak
async def test_the_client_refuses_changes_even_when_the_screens_let_them_through(make_app, sandbox, tally,
                                                                                 monkeypatch):
    """Protection: read-only is enforced in the client itself. With the app's own refusal switched off,
    every form and action dialog opens and is submitted; still nothing mutating reaches the server."""
    monkeypatch.setattr(FusebillApp, "refuse_if_read_only", lambda self, what: False)
    said: list[str] = []
    notify = FusebillApp.notify
    monkeypatch.setattr(FusebillApp, "notify", lambda self, message, **kw: (said.append(message),
                                                                             notify(self, message, **kw)))
    app = make_app(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        pressed = await _walk(app, pilot, sandbox, tally, thorough=False)
        assert app.is_running
    refusals = [m for m in said if "read-only: nothing was sent" in m]  # the client's own words
    assert refusals, said
    tally["requests_checked"] += len(sandbox.request_log)
    assert not mutations(sandbox), [(r.method, r.path) for r in mutations(sandbox)]
    opened = {name.split(":")[0] for name in pressed}
    # (n and a are hidden altogether in a read-only environment; x still lists the actions)
    assert {"StatusActionsMenu", "CancelDialog"} <= opened, opened


async def test_every_change_the_app_can_make_is_refused_by_the_client_in_read_only(make_app, sandbox, tally,
                                                                                   monkeypatch):
    """Protection: with the screens' own refusal switched off, each of the app's ten changes (notes, addresses,
    preferences, every status action) is refused by the client before sending, in words."""
    from test_reliability_faults import CHANGES

    monkeypatch.setattr(FusebillApp, "refuse_if_read_only", lambda self, what: False)
    cid = first_with_status(sandbox, "Active")
    app = make_app(read_only=True)
    app._open_customer_list = lambda: app.push_screen(Screen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for change in CHANGES:
            arguments = change.prepare(sandbox, cid)
            app.clear_notifications()
            app.perform(change.what, lambda session, a=arguments, c=change: c.run(session, cid, **a), success="done")
            await settle(app, pilot, lambda: bool(app._notifications))
            assert any("read-only: nothing was sent" in t for t in toasts(app)), (change.what, toasts(app))
            tally["inputs_tried"] += 1
    tally["requests_checked"] += len(sandbox.request_log)
    assert not mutations(sandbox), [(r.method, r.path) for r in mutations(sandbox)]
