"""Read-only: whatever keys are pressed, on every screen and in every dialog, nothing mutating is sent.

The default run presses every active binding once (each action of each widget, whatever key it is
on) on every screen and dialog a key opens: the list, the customer screen on each tab, an invoice,
the help, the palette, the pickers and forms; then, with the screens' own refusal switched off so
the status dialogs open, the status menu and its dialog for one customer of each status. The soak
run presses every key again on every tab of every status, with the refusal on and off. Each time
the sandbox's request log must hold no POST, PUT or DELETE.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from reliability_support import as_read, first_with_status, mutations, settle, toasts
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import WorkerState

from fusebill_tui.tui import flows as actions
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.dialogs.environment_picker import EnvironmentPicker
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen

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


# The default run: every binding once ---------------------------------------------------------

# The order of the presses: first the keys that act in place (a dialog's ctrl+s before its focused
# Cancel button), then the keys that select or submit, then those that change what the other keys do
# (the tab shown, the focus), and escape, which usually closes the screen, last.
CHOOSING_KEYS = ("enter", "space")
CONTEXT_KEYS = ("1", "2", "3", "4", "5", "tab", "shift+tab", "slash")
Reopen = Callable[[], Awaitable[Screen | None]]


def _declaring_class(node_type: type, action: str) -> type:
    """The class (the app's own, or a Textual widget's) whose BINDINGS bind ``action`` for ``node_type``."""
    for cls in node_type.__mro__:
        if any(b.action == action for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))):
            return cls
    return node_type


def _identity(screen, active) -> tuple[str, ...]:
    """What a press exercises: the app's own binding on this kind of widget; a Textual widget's cursor or
    scroll binding once for the whole walk (the same code everywhere); a Textual widget's select or submit
    once per kind of screen (each screen reacts to it in its own way)."""
    node_type, action = type(active.node), active.binding.action
    declared_by = _declaring_class(node_type, action)
    if declared_by.__module__.startswith("fusebill_tui"):
        return (node_type.__name__, action)
    if active.binding.key in CHOOSING_KEYS:
        return (type(screen).__name__, declared_by.__name__, action)
    return (declared_by.__name__, action)


def _order(key: str) -> tuple[int, int]:
    if key in CHOOSING_KEYS:
        return (1, 0)
    if key in CONTEXT_KEYS:
        return (2, CONTEXT_KEYS.index(key))
    return (3, 0) if key == "escape" else (0, 0)


def _bindings(app) -> dict[tuple[str, ...], str]:
    """Each active binding's identity and one key that runs it, in the order to press them."""
    found: dict[tuple[str, ...], str] = {}
    for key, active in app.active_bindings.items():
        if key not in NEVER:
            found.setdefault(_identity(app.screen, active), key)
    return dict(sorted(found.items(), key=lambda item: _order(item[1])))


async def _press(app, pilot, key: str) -> None:
    """Press ``key`` and let the app handle it, without Pilot.press's waits for the CPU to go idle."""
    character = key if len(key) == 1 else {"question_mark": "?", "slash": "/", "space": " "}.get(key)
    event = events.Key(key, character)
    event.set_sender(app)
    app._driver.send_message(event)
    await pilot.pause()


async def _settle_if_busy(app, pilot) -> None:
    """Wait for the app only when the key started work (most keys just move a cursor)."""
    if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
        await settle(app, pilot)


async def _on_top(app, pilot, screen, reopen: Reopen | None):
    """``screen`` on top again (closing what a key opened over it, or reopening it); None if it cannot be."""
    if screen in app.screen_stack:
        await _back_to(app, pilot, screen)
        return screen
    return await reopen() if reopen is not None else None


async def press_each_binding_once(app, pilot, screen, reopen: Reopen | None, seen: set, explored: set[str],
                                  tally, depth: int = 3) -> None:
    """Press one key of every action active on ``screen`` not pressed before; explore each new kind of
    screen or dialog a key opens the same way. The bindings are read again after each key, so a
    tab switch or a focus move brings its own actions in; a screen a key closed is opened again
    only while something is left to press on it."""
    explored.add(type(screen).__name__)
    left = True
    while left or screen in app.screen_stack:
        if (screen := await _on_top(app, pilot, screen, reopen)) is None:
            return
        todo = [(action, key) for action, key in _bindings(app).items() if action not in seen]
        if not todo:
            return
        action, key = todo[0]
        left = len(todo) > 1
        seen.add(action)
        await _press(app, pilot, key)
        await _settle_if_busy(app, pilot)
        tally["keys_pressed"] += 1
        opened = app.screen
        if depth and opened is not screen and type(opened).__name__ not in explored:

            async def again(parent=screen, parent_reopen=reopen, key=key):
                parent = await _on_top(app, pilot, parent, parent_reopen)
                if parent is None:
                    return None
                await _press(app, pilot, key)
                await settle(app, pilot)
                return app.screen if app.screen is not parent else None

            await press_each_binding_once(app, pilot, opened, again, seen, explored, tally, depth - 1)


async def _open_customer(app, pilot, list_screen, cid: int):
    await _back_to(app, pilot, list_screen)
    list_screen.open_by_id(cid)
    await settle(app, pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
    return app.screen


def _forms(app, pilot, base, customer, preferences) -> list[Reopen]:
    """Openers of the note form and the address form (as n and a open them), each holding a change."""
    from textual.widgets import TextArea

    from fusebill_tui.tui.dialogs.address_form import AddressForm
    from fusebill_tui.tui.dialogs.note_form import NoteForm

    async def note_form():
        await _back_to(app, pilot, base)
        actions.open_note_form(app, customer)
        await settle(app, pilot, lambda: isinstance(app.screen, NoteForm))
        app.screen.query_one(TextArea).text = "a note that must not be sent"
        return app.screen

    async def address_form():
        await _back_to(app, pilot, base)
        actions.open_address_form(app, customer, preferences)
        await settle(app, pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
        app.screen.field("line2").set_value("a line that must not be sent")
        return app.screen

    return [note_form, address_form]


async def test_read_only_sends_nothing_mutating_whatever_binding_is_pressed(make_app, sandbox, tally, monkeypatch):
    """Protection: in a read-only environment no binding of any screen or dialog sends a POST, PUT or
    DELETE: every action once on the list, the customer screen's tabs, an invoice, the help, the palette,
    the pickers and forms (the changes refused in words); then, with the screens' refusal off, the status
    menu and its dialog for a customer of each status, and the note and address forms, each submitted
    and refused by the client."""
    app = make_app(read_only=True)
    app.animation_level = "none"  # a scroll key need not wait for an animation
    seen: set = set()
    explored: set[str] = {"CustomerDetailScreen"}  # walked on its own below, on a customer with invoices
    visited: set[str] = set()
    cid = first_with_status(sandbox, "Active")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        list_screen = app.screen
        await press_each_binding_once(app, pilot, list_screen, None, seen, explored, tally)
        detail = await _open_customer(app, pilot, list_screen, cid)
        await press_each_binding_once(app, pilot, detail, lambda: _open_customer(app, pilot, list_screen, cid),
                                      seen, explored, tally)
        refused = [t for t in toasts(app) if "was not sent" in t]
        monkeypatch.setattr(FusebillApp, "refuse_if_read_only", lambda self, what: False)
        for opener in _forms(app, pilot, list_screen, as_read(sandbox, cid),
                             await app.session.backend.client.get_address_preferences(cid)):
            await press_each_binding_once(app, pilot, await opener(), opener, seen, explored, tally, depth=1)
        for status in STATUSES:  # each status offers other actions: enter picks the first, ctrl+s confirms it
            customer = as_read(sandbox, first_with_status(sandbox, status))
            explored -= {"StatusActionsMenu", *ACTION_DIALOGS}
            seen = {identity for identity in seen if identity[-1] not in ("select", "confirm")}

            async def menu(customer=customer):  # what x opens on this customer's screen (over any screen)
                await _back_to(app, pilot, list_screen)
                actions.open_status_actions(app, customer)
                await settle(app, pilot)
                return app.screen if app.screen is not list_screen else None

            await press_each_binding_once(app, pilot, await menu(), menu, seen, explored, tally, depth=1)
            visited |= explored
        await settle(app, pilot)  # whatever a key started has finished before the log is read
        assert app.is_running
    pressed = {f"{identity[0]}:{identity[-1]}" for identity in seen}
    tally["requests_checked"] += len(sandbox.request_log)
    assert not mutations(sandbox), [(r.method, r.path) for r in mutations(sandbox)]
    assert refused and any("read-only: nothing was sent" in t for t in toasts(app)), toasts(app)
    kinds = visited | {name.split(":")[0] for name in pressed}
    expected = {"CustomerListScreen", "CustomerDetailScreen", "InvoiceDetailScreen", "HelpScreen", "CommandPalette",
                "EnvironmentPicker", "QuickFilterMenu", "NoteForm", "AddressForm", "StatusActionsMenu",
                "ActivateDialog", "ConfirmDialog", "UnholdDialog", "CancelDialog"}
    assert expected <= kinds, expected - kinds

