"""Hostile servers and hostile data: the app stays up, says what happened, keeps what the user typed.

Every fault the sandbox can produce is thrown at the customer list, each customer panel and
every form or action dialog; awkward data is planted in the store and rendered; the filter is
fed characters that mean something on the wire. Each check says what protection it tests.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from textual.widgets import Button, Input, RadioButton, RadioSet, TextArea
from tui_forms_support import HostScreen, customer, first_with_status, host_app, showing

from fusebill_tui.sandbox.fusebill.queryparse import parse_filter, split_params
from fusebill_tui.tui import flows as actions
from fusebill_tui.tui.dialogs.address_form import AddressForm
from fusebill_tui.tui.dialogs.cancel_dialog import CancelDialog
from fusebill_tui.tui.dialogs.confirm import ConfirmDialog
from fusebill_tui.tui.dialogs.fields import FieldError
from fusebill_tui.tui.dialogs.invoice_preview import InvoicePreview
from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.dialogs.unhold_dialog import UnholdDialog
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen
from fusebill_tui.tui.widgets.panels.base import PanelState
from fusebill_tui.tui.widgets.panels.invoice_detail import ChargesTable
from fusebill_tui.vendors.fusebill.models import Note

# --- the faults -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FaultCase:
    """One way a server can fail, how to plan it, and words the user must then see."""

    name: str
    plan: Callable[..., None]  # (faults, path, method, count) -> None
    says: str  # a fragment of the plain-words message
    retried: bool = True  # a GET meets it again on every retry
    answer_lost: bool = False  # a change may have been made although no readable answer came back
    read_says: str | None = None  # the fragment when a read meets it, if not ``says``

    @property
    def says_on_read(self) -> str:
        """The fragment a failed read must show."""
        return self.read_says or self.says


def _fail(status: int, retry_after: int | None = None) -> Callable[..., None]:
    def plan(faults, path, method, count):
        faults.fail_next(status, count, path=path, method=method, retry_after=retry_after)

    return plan


def _malformed(kind: str) -> Callable[..., None]:
    def plan(faults, path, method, count):
        faults.malformed_next(kind, count, path=path, method=method)

    return plan


FAULTS = (
    FaultCase("truncated JSON", _malformed("json"), "could not be read", answer_lost=True),
    FaultCase("200 with an HTML page", _malformed("html"), "could not be read", answer_lost=True),
    FaultCase("a list where an object was expected", _malformed("list"), "The server sent", answer_lost=True),
    FaultCase("a stalled body", _malformed("stall"), "did not answer in time", answer_lost=True),
    FaultCase("a read timeout", lambda f, p, m, c: f.timeout_next(c, path=p, method=m), "did not answer in time",
              answer_lost=True),
    FaultCase("a burst of 503s", _fail(503), "server had an error (503)"),
    FaultCase("a burst of 500s", _fail(500), "server had an error (500)"),
    FaultCase("dropped connections", lambda f, p, m, c: f.drop_next(c, path=p, method=m), "Could not reach",
              answer_lost=True),
    FaultCase("401", _fail(401), "check the API key", retried=False),
    FaultCase("404", _fail(404), "Not found", retried=False),
    FaultCase("409", _fail(409), "not valid", retried=False, read_says="The server reported a conflict"),
    FaultCase("429 with a distant Retry-After", _fail(429, retry_after=3600), "Rate limited", retried=False),
    FaultCase("429 without Retry-After", _fail(429), "Rate limited"),
)
# As many as the client's first try plus its retries (six after 429s, four after other failures): the
# failure reaches the screen.
READ_ATTEMPTS = 5
RATE_LIMITED_READ_ATTEMPTS = 7


def plan_read_fault(sandbox, case: FaultCase, path: str) -> None:
    """Make every attempt of the next GET of ``path`` fail the way ``case`` says."""
    attempts = RATE_LIMITED_READ_ATTEMPTS if case.name.startswith("429") else READ_ATTEMPTS
    case.plan(sandbox.faults, path, "GET", attempts if case.retried else 1)


def screen_text(app) -> str:
    """Everything the terminal would show for the current screen, as plain text (raw characters kept)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def assert_nothing_raw_reaches_the_terminal(app) -> None:
    """No escape character, BEL or other C0 control in what is drawn (in text or in the SVG export)."""
    drawn = screen_text(app)
    svg = app.export_screenshot()
    for char in ("\x1b", "\x07", "\x00", "\x08", "\x9b", "\u202e"):
        assert char not in drawn, f"{char!r} reached the screen"
        assert char not in svg, f"{char!r} reached the screenshot"


def toasts(app) -> list[str]:
    """The text of every notification shown so far."""
    return [f"{n.title}: {n.message}" for n in app._notifications]


def requests_to(sandbox, method: str, path_end: str, start: int = 0) -> list:
    """Logged requests with ``method`` whose path ends with ``path_end`` (case-insensitive)."""
    return [r for r in sandbox.request_log[start:]
            if r.method == method and r.path.lower().rstrip("/").endswith(path_end.lower())]


# --- the customer list ----------------------------------------------------------------------


async def test_the_list_survives_every_fault_says_what_happened_and_r_recovers(make_app, sandbox, wait_until):
    """Protection: list read failures land in the status line (not a crash), the shown page stays, r re-reads."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, CustomerListScreen)
        await wait_until(pilot, lambda: screen.page is not None and not screen.fetching)
        first_ids = [row.key.value for row in screen.table.ordered_rows]
        for case in FAULTS:
            plan_read_fault(sandbox, case, "/customers")
            app.clear_notifications()
            await pilot.press("r")
            await wait_until(pilot, lambda: bool(screen.error) and not screen.fetching)
            assert case.says_on_read in screen.status_text, (case.name, screen.status_text)
            assert app.is_running and app.screen is screen, case.name
            assert [row.key.value for row in screen.table.ordered_rows] == first_ids, case.name  # page kept
            sandbox.faults.clear()
            await pilot.press("r")
            await wait_until(pilot, lambda: not screen.error and not screen.fetching)
            assert screen.page is not None and len(screen.page.items) == len(first_ids), case.name
        await pilot.press("pagedown")  # still fully usable after all of it
        await wait_until(pilot, lambda: screen.request.page_number == 1 and not screen.fetching)
        assert_nothing_raw_reaches_the_terminal(app)


# --- the customer screen, panel by panel ----------------------------------------------------

DETAIL_CID = 100003
PANELS = {  # panel id -> the path its data comes from
    "overview-panel": f"/customers/{DETAIL_CID}/overview",
    "subscriptions-panel": f"/customers/{DETAIL_CID}/subscriptions",
    "invoices-panel": f"/customers/{DETAIL_CID}/invoices",
    "notes-panel": f"/customers/{DETAIL_CID}/customernotes",
    "addresses-panel": f"/customeraddresspreferences/{DETAIL_CID}",
}


def plain_of(static) -> str:
    """The plain text a Static holds (tables rendered as the terminal would show them)."""
    content = static.content
    if hasattr(content, "plain"):
        return content.plain
    console = Console(width=400, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def panel_message(screen, panel_id: str) -> str:
    """The loading / error line of one panel."""
    return plain_of(screen.query_one(f"#{panel_id} > PanelState", PanelState))


async def refresh_detail(pilot, wait_until, screen, *, key: bool = False) -> None:
    """Refresh (the r key, or its action directly: a simulated key press costs a fifth of a second)
    and wait until the customer and every panel show data or an error."""
    screen.app.clear_notifications()  # hundreds of toasts would only slow the test down
    if key:
        await pilot.press("r")
    else:
        screen.action_refresh()
    await screen.app.workers.wait_for_complete()
    await wait_until(pilot, lambda: screen.loaded)


async def open_customer(app, pilot, wait_until, customer_id: int) -> CustomerDetailScreen:
    """Open a customer from the list's filter (digits open it) and wait until everything has answered."""
    list_screen = app.screen
    await wait_until(pilot, lambda: list_screen.page is not None and not list_screen.fetching)
    list_screen.open_by_id(customer_id)
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
    return app.screen


def target_state(screen, target: str) -> tuple[bool, str]:
    """(failed, message shown) for a panel id, or for "customer" (the header's full-customer read)."""
    if target == "customer":
        return screen.customer_error is not None, screen.query_one("#customer-header").problem or ""
    panel = next(p for p in screen._all_panels() if p.id == target)
    if target == "notes-panel" and panel.data is not None and not panel.data.complete:
        return True, plain_of(screen.query_one("#notes-summary"))  # a 404 here means "no notes listing"
    return panel.error is not None, panel_message(screen, target)


async def test_every_panel_meets_every_fault_fails_alone_and_r_recovers(make_app, sandbox, wait_until):
    """Protection: a failed read stays in its own panel (or the header), in plain words with the retry
    key; panels whose reads succeed still show their data; after the faults clear, r brings everything back.

    Round k gives target i fault (i + k) mod 14, the 14th "fault" being none: over 14 rounds every
    target meets every fault once and is healthy once while the others fail around it.
    """
    # On a 404 from the notes listing the client reads the customer to tell "no listing" from "no
    # customer"; this order leaves the customer's read healthy in that round.
    targets = ["notes-panel", "overview-panel", "subscriptions-panel", "invoices-panel", "customer",
               "addresses-panel"]
    paths = {"customer": f"/customers/{DETAIL_CID}", **PANELS}
    cases: list[FaultCase | None] = [*FAULTS, None]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, DETAIL_CID)
        for round_number in range(len(cases)):
            planned = {t: cases[(i + round_number) % len(cases)] for i, t in enumerate(targets)}
            for target, case in planned.items():
                if case is not None:
                    plan_read_fault(sandbox, case, paths[target])
            await refresh_detail(pilot, wait_until, screen, key=round_number == 0)
            assert app.is_running and app.screen is screen
            for target, case in planned.items():
                failed, message = target_state(screen, target)
                if case is None:
                    assert not failed, (target, "should show its data", message)
                    continue
                label = f"{target}: {case.name}"
                assert failed, label
                if target == "notes-panel" and case.name == "404":
                    assert "cannot list notes" in message, (label, message)  # and adding notes still works
                else:
                    assert case.says_on_read in message and "Press r to retry" in message, (label, message)
            sandbox.faults.clear()
            await refresh_detail(pilot, wait_until, screen, key=round_number == 0)
            for target in targets:
                assert not target_state(screen, target)[0], (round_number, target, "did not recover")
        assert_nothing_raw_reaches_the_terminal(app)


# --- forms and action dialogs: a failed change is sent once and loses nothing ----------------

UNKNOWN_OUTCOME = "may have"  # the words that must replace "not added / not saved" when the answer was lost


def assert_says_what_happened(message: str, case: FaultCase, not_done: str) -> None:
    """The failure is explained; a lost answer is never reported as "not done" (it may well have been done)."""
    assert case.says in message, (case.name, message)
    if case.answer_lost:
        assert UNKNOWN_OUTCOME in message and not_done not in message, (case.name, message)
    else:
        assert message.startswith(not_done), (case.name, message)


def plant_note(sandbox, cid: int, text: str = "a note to delete"):
    """A fresh note stored for ``cid``, as the app would have read it."""
    note = {"userWhoCreatedNote": "API", "note": text, "createdTimestamp": "2025-06-01T10:00:00",
            "id": sandbox.store.next_note_id(cid), "uri": None, "customerId": cid}
    sandbox.store.notes(cid).append(note)
    return Note.from_api({k: v for k, v in note.items() if k != "customerId"})


async def test_the_note_form_meets_every_fault_sends_once_and_keeps_the_text(make_app, sandbox, wait_until):
    """Protection: a failed POST is never retried; the form stays open with the text and says what happened
    (a lost answer says the note may have been added, never "not added")."""
    cid = DETAIL_CID
    text = "keep me: [bold]x[/] 山田 👩‍💻\nsecond line"
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        actions.open_note_form(app, customer(sandbox, cid))
        await wait_until(pilot, showing(app, NoteForm, "TextArea"))
        form = app.screen
        form.query_one(TextArea).text = text
        for number, case in enumerate(FAULTS):
            start = len(sandbox.request_log)
            case.plan(sandbox.faults, "/customerNotes", "POST", 1)
            if number == 0:
                await pilot.press("ctrl+s")
            else:
                form.action_submit()  # what ctrl+s does (a simulated key costs a fifth of a second)
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: not form.saving)
            assert len(requests_to(sandbox, "POST", "/customernotes", start)) == 1, case.name
            assert app.is_running and app.screen is form, case.name
            assert form.query_one(TextArea).text == text, case.name
            assert not form.query_one("#submit", Button).disabled, case.name
            assert_says_what_happened(form.query_one("#note-error", FieldError).message, case, "Not added")
            sandbox.faults.clear()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    assert sandbox.store.notes(cid)[-1]["note"] == text


async def test_deleting_a_note_meets_every_fault_sends_once_and_says_what_happened(make_app, sandbox, wait_until):
    """Protection: a failed DELETE is sent once, reported in words, and what is said matches the server."""
    cid = DETAIL_CID
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        for case in FAULTS:
            note = plant_note(sandbox, cid)
            app.clear_notifications()
            actions.confirm_delete_note(app, cid, note)
            await wait_until(pilot, showing(app, ConfirmDialog, "#confirm"))
            start = len(sandbox.request_log)
            case.plan(sandbox.faults, f"/customerNotes/{note.id}", "DELETE", 1)
            app.screen.action_confirm()
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: bool(app._notifications) and isinstance(app.screen, HostScreen))
            assert len(requests_to(sandbox, "DELETE", f"/customernotes/{note.id}", start)) == 1, case.name
            said = " ".join(toasts(app))
            still_there = any(n["id"] == note.id for n in sandbox.store.notes(cid))
            if "Note deleted" in said:
                assert not still_there, case.name  # never "deleted" when it was not
            elif case.answer_lost:
                assert case.says in said and UNKNOWN_OUTCOME in said and "failed" not in said, (case.name, said)
            else:
                assert case.says in said and "Deleting a note failed" in said, (case.name, said)
                assert still_there, case.name
            sandbox.faults.clear()


async def test_the_address_form_meets_every_fault_sends_once_and_keeps_the_input(make_app, sandbox, wait_until):
    """Protection: a failed PUT is sent once; the form stays open with every field as typed and says why."""
    cid = DETAIL_CID
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        actions.open_address_form(app, customer(sandbox, cid), None)
        await wait_until(pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
        form = app.screen
        for number, case in enumerate(FAULTS):
            form.action_reload()  # start from the server's latest (a lost answer may have saved the last try)
            await app.workers.wait_for_complete()
            await pilot.pause()
            line1 = f"{number} Fault Street [b]x[/b]"
            form.query_one("#f-line1", Input).value = line1
            form.query_one("#f-city", Input).value = "Zürich 山"
            await pilot.pause()
            start = len(sandbox.request_log)
            case.plan(sandbox.faults, "/Addresses", "PUT", 1)
            form.action_save()
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: not form.saving)
            assert len(requests_to(sandbox, "PUT", "/addresses", start)) == 1, case.name
            assert app.is_running and app.screen is form, case.name
            assert form.query_one("#f-line1", Input).value == line1, case.name
            assert form.query_one("#f-city", Input).value == "Zürich 山", case.name
            assert_says_what_happened(form.query_one("#form-error", FieldError).message, case, "Not saved")
            sandbox.faults.clear()
        form.action_reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        form.query_one("#f-line1", Input).value = "1 Final Street"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    assert sandbox.store.addresses(cid)["Billing"]["line1"] == "1 Final Street"


async def test_the_address_form_says_when_it_cannot_load_and_ctrl_r_recovers(make_app, sandbox, wait_until):
    """Protection: the form's own reads failing leave it open, saying why, with nothing sendable; ctrl+r retries."""
    cid = DETAIL_CID
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        form = None
        for case in FAULTS:
            plan_read_fault(sandbox, case, f"/customerAddressPreferences/{cid}")
            if form is None:
                actions.open_address_form(app, customer(sandbox, cid), None)
                await wait_until(pilot, showing(app, AddressForm, "#form-error"))
                form = app.screen
            else:
                form.action_reload()  # ctrl+r
            error = form.query_one("#form-error", FieldError)
            await wait_until(pilot, lambda: bool(error.message))
            assert case.says_on_read in error.message, (case.name, error.message)
            assert app.screen is form and not form.ready and form.query_one("#save", Button).disabled, case.name
            sandbox.faults.clear()
        form.action_reload()
        await wait_until(pilot, lambda: form.ready)
        assert form.query_one("#f-line1", Input).value == sandbox.store.addresses(cid)["Billing"]["line1"]
        assert not form.query_one("#save", Button).disabled


# --- awkward data ---------------------------------------------------------------------------

AWKWARD_CID = 100001  # on the list's first page; EUR, notes, invoices, two subscriptions
OSC52 = "\x1b]52;c;SGVsbG8gd29ybGQ=\x07"  # would write "Hello world" to the user's clipboard
FIRST = "[bold]x[/] \x1b[31mred\x1b[0m"
LAST = "a [/] b [link=https://x.invalid]l[/link] [@click=app.quit]q"
COMPANY = ("Co" + OSC52 + " \u202egnp.exe مرحبا e\u0301\u0301 山田 👩‍💻 \x00\x08\x7f ") * 30
COMPANY = COMPANY[:1000]
NOTE = ("[red]not red[/red] \x1b[2J \x1b]52;c;ZXZpbA==\x07 line\n" * 300)[:10_000]


def plant_awkward_customer(sandbox, cid: int = AWKWARD_CID) -> None:
    """Markup, escape sequences, controls, bidi, combining marks, CJK, emoji, huge values, unknown enums,
    numbers for strings and nulls, in the customer, its overview, subscriptions, invoices, notes and addresses."""
    store = sandbox.store
    for build in (store.subscriptions, store.invoices, store.notes, store.addresses, store.address_preferences):
        build(cid)  # generated from the real record first; the planted values replace parts of them below
    record = store.record(cid)
    record["customer"].update({
        "firstName": FIRST, "lastName": LAST, "companyName": COMPANY, "middleName": 42, "title": None,
        "suffix": None, "primaryEmail": None, "primaryPhone": 9934643454, "secondaryEmail": None,
        "reference": 12345, "status": "Frozen", "customerAccountStatus": "Wobbly", "salesforceId": None,
        "monthlyRecurringRevenue": None, "netMonthlyRecurringRevenue": None, "parentId": None,
        "salesforceSynchStatus": "\x1b[5mblink", "modifiedTimestamp": None,
    })
    finance = record["finance"]
    for key in ("pendingCharges", "unallocatedPayments", "unallocatedCredits", "lifetimeValue", "nextBillingDate",
                "statusTimestamp", "customerAccountStatusTimestamp", "parentName"):
        finance[key] = None
    finance["daysUntilSuspension"] = None
    finance["daysUntilCancellation"] = None
    subscriptions = store.subscriptions(cid)
    subscriptions[0].update({"planName": "[b]Plan[/b] \x1b[1mX", "status": "Paused-ish", "amount": None,
                             "monthlyRecurringRevenue": None, "nextRechargeDate": None, "planCode": 77})
    tiers = [{"label": f"[{t}]-\x1b[0m{t + 1}", "quantity": t, "unitPrice": "1.5", "amount": "1.50"} for t in range(3)]
    invoice = dict(store.invoices(cid)[-1])
    invoice.update({
        "invoiceNumber": "98765", "terms": "[/]\x1b[2J", "poNumber": OSC52,
        "charges": [{"name": f"Charge {n} [i]{n}[/i] \x1b[7m", "quantity": n, "unitPrice": "0.10", "amount": "0.10",
                     "description": None, "startServiceDate": None, "endServiceDate": None, "discounts": [],
                     "chargeTiers": tiers} for n in range(200)],
        "paymentSchedules": [{"dueDateTimestamp": None, "status": "Frobbed", "amount": None,
                              "outstandingBalance": None}],
        "taxes": [{"name": "[/]", "percentage": None, "amount": None}],
    })
    store.related["invoices"][cid] = [invoice]
    # (a null createdTimestamp would break the sandbox's own notes listing, which sorts by it)
    store.notes(cid).append({"userWhoCreatedNote": "[red]evil[/red]\x1b[5m", "note": NOTE,
                             "createdTimestamp": "2025-06-01T00:00:00", "id": store.next_note_id(cid), "uri": None,
                             "customerId": cid})
    billing = store.addresses(cid)["Billing"]
    billing.update({"line1": "1 Main St" + OSC52, "line2": "[/]", "city": "Zürich\u202e", "state": None,
                    "companyName": None, "postalZip": 12345})


async def test_awkward_data_renders_literally_everywhere_and_nothing_raw_reaches_the_terminal(
        make_app, sandbox, wait_until):
    """Protection: every API value goes through the plain-text path (no markup parsed, no escape sequence,
    control or bidi override drawn); unknown enums show as their text; nulls and numbers do not crash."""
    plant_awkward_customer(sandbox)
    app = make_app()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:  # toasts drawn too
        list_screen = app.screen
        await wait_until(pilot, lambda: list_screen.page is not None and not list_screen.fetching)
        shown = screen_text(app)
        assert "a [/] b [link=https://x.invalid]" in shown and "Frozen" in shown and "Wobbly" in shown
        assert_nothing_raw_reaches_the_terminal(app)

        screen = await open_customer(app, pilot, wait_until, AWKWARD_CID)
        assert all(p.error is None for p in screen._all_panels()), [str(p.error) for p in screen._all_panels()]
        for key in "2345":
            await pilot.press(key)
            await pilot.pause()
            shown = screen_text(app)
            assert "[bold]x[/]" in shown and "a [/] b [link=https://x.invalid]l[/link]" in shown, key
            assert_nothing_raw_reaches_the_terminal(app)
            if key == "2":
                assert "[b]Plan[/b]" in shown and "Paused-ish" in shown
            if key == "4":
                assert "[red]not red[/red]" in shown and "[red]evil[/red]" in shown
            if key == "5":
                assert "1 Main St" in shown and "[/]" in shown
        await pilot.press("6")  # the status history is in the details
        await pilot.pause()
        shown = screen_text(app)
        assert "Frozen" in shown and "Wobbly" in shown
        assert "9934643454" in plain_of(screen.query_one("#overview-contacts"))
        assert "12345" in plain_of(screen.query_one("#overview-contacts"))

        await pilot.press("3")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InvoiceDetailScreen))
        await pilot.pause()
        charges = app.screen.query_one(ChargesTable)
        assert charges.row_count == 200 * 4  # each charge and its three tiers
        shown = screen_text(app)
        assert "Invoice 98765" in shown and "terms [/]" in shown and "Charge 0 [i]0[/i]" in shown and "[0]-1" in shown
        assert_nothing_raw_reaches_the_terminal(app)
        await pilot.press("G")  # the last tier of the last charge
        await pilot.pause()
        assert "[2]-3" in screen_text(app)
        assert_nothing_raw_reaches_the_terminal(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)

        await pilot.press("x")  # an unknown status has no actions: said so, in words
        await pilot.pause()
        assert any("Frozen" in t for t in toasts(app))
        await pilot.press("n")
        await wait_until(pilot, showing(app, NoteForm, "TextArea"))
        assert "[bold]x[/]" in screen_text(app)
        assert_nothing_raw_reaches_the_terminal(app)
        app.screen.query_one(TextArea).text = "ok"
        await pilot.press("ctrl+s")  # the success toast names the customer: literally, never as markup
        await wait_until(pilot, lambda: app.screen is screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("a [/] b" in t for t in toasts(app))
        assert_nothing_raw_reaches_the_terminal(app)

        await pilot.press("5")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AddressForm) and app.screen.ready)
        await pilot.pause()
        assert_nothing_raw_reaches_the_terminal(app)
        assert app.is_running


async def test_the_cancel_dialog_meets_every_fault_sends_once_and_keeps_the_choice(make_app, sandbox, wait_until):
    """Protection: the dialog stays open while the cancellation runs; a failure is said inside it, the chosen
    option kept, the POST sent once; only success closes it."""
    cid = first_with_status(sandbox, "Active")
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        dialog = None
        for number, case in enumerate(FAULTS):
            sandbox.store.record(cid)["customer"]["status"] = "Active"  # a lost answer may have cancelled it
            if dialog is None or app.screen is not dialog:
                actions.start_status_action(app, customer(sandbox, cid), "cancel")
                await wait_until(pilot, showing(app, CancelDialog, "#option-Full"))
                dialog = app.screen
                dialog.query_one("#option-Full", RadioButton).value = True
                await pilot.pause()
            app.clear_notifications()
            start = len(sandbox.request_log)
            case.plan(sandbox.faults, "/customerCancellation", "POST", 1)
            if number == 0:
                await pilot.press("ctrl+s")
            else:
                dialog.action_confirm()
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: not dialog.saving or app.screen is not dialog)
            assert len(requests_to(sandbox, "POST", "/customercancellation", start)) == 1, case.name
            assert app.is_running, case.name
            if app.screen is not dialog:
                # The body does not matter to a 204 call: a garbled one after the server acted is a success.
                assert sandbox.store.customer(cid)["status"] == "Cancelled", case.name
                assert any("is now cancelled" in t for t in toasts(app)), case.name
            else:
                assert dialog.query_one(RadioSet).pressed_button.id == "option-Full", case.name
                assert_says_what_happened(dialog.query_one("#action-error", FieldError).message, case, "Not done")
            sandbox.faults.clear()
        if app.screen is not dialog:
            actions.start_status_action(app, customer(sandbox, cid), "cancel")
            await wait_until(pilot, showing(app, CancelDialog, "#option-Full"))
            app.screen.query_one("#option-Full", RadioButton).value = True
            await pilot.pause()
        sandbox.store.record(cid)["customer"]["status"] = "Active"
        start = len(sandbox.request_log)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    sent = requests_to(sandbox, "POST", "/customercancellation", start)
    assert len(sent) == 1 and b'"Full"' in sent[0].body
    assert sandbox.store.customer(cid)["status"] == "Cancelled"


async def test_a_failed_preview_is_said_in_the_dialog_and_the_unhold_keeps_its_option(make_app, sandbox, wait_until):
    """Protection: the unhold preview (a POST, never retried) fails inside the dialog, which stays usable; a
    failed unhold keeps the chosen option; both are sent once."""
    cid = first_with_status(sandbox, "Hold")
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        actions.start_status_action(app, customer(sandbox, cid), "unhold")
        await wait_until(pilot, showing(app, UnholdDialog, "#preview"))
        dialog = app.screen
        await wait_until(pilot, dialog.preview_ready)
        dialog.query_one("#ChargeForAllMissedPeriods", RadioButton).value = True  # previews again
        await pilot.pause()
        await wait_until(pilot, dialog.preview_ready)
        # (A list is a documented answer shape here: the client reads it as the invoices, so the "list"
        # fault does not count as a failure for this call.)
        for case in [c for c in FAULTS if c.name != "a list where an object was expected"]:
            start = len(sandbox.request_log)
            case.plan(sandbox.faults, "/customers/unhold", "POST", 1)
            dialog._preview()  # what choosing another option does
            await wait_until(pilot, dialog.preview_ready)
            preview = dialog.query_one(InvoicePreview)
            assert len(requests_to(sandbox, "POST", "/customers/unhold", start)) == 1, case.name
            assert preview.failed and case.says in plain_of(preview), (case.name, plain_of(preview))
            assert app.screen is dialog and not dialog.query_one("#confirm", Button).disabled, case.name
            sandbox.faults.clear()
        for case in (FAULTS[5], FAULTS[7]):  # a 503 and a dropped connection on the unhold itself
            start = len(sandbox.request_log)
            case.plan(sandbox.faults, "/customers/unhold", "POST", 1)
            dialog.action_confirm()
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: not dialog.saving)
            assert len(requests_to(sandbox, "POST", "/customers/unhold", start)) == 1, case.name
            assert app.screen is dialog and dialog.query_one(RadioSet).pressed_button.id == "ChargeForAllMissedPeriods"
            assert_says_what_happened(dialog.query_one("#action-error", FieldError).message, case, "Not done")
            sandbox.faults.clear()
        sandbox.store.record(cid)["customer"]["status"] = "Hold"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
    assert sandbox.store.customer(cid)["status"] == "Active"


async def test_hold_meets_every_fault_sends_once_and_says_what_happened(make_app, sandbox, wait_until):
    """Protection: a confirmed hold that fails is sent once and reported in words (a lost answer as
    "may have been done"); the app carries on."""
    cid = first_with_status(sandbox, "Active")
    app = host_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        for case in FAULTS:
            sandbox.store.record(cid)["customer"]["status"] = "Active"
            app.clear_notifications()
            actions.start_status_action(app, customer(sandbox, cid), "hold")
            await wait_until(pilot, showing(app, ConfirmDialog, "#confirm"))
            start = len(sandbox.request_log)
            case.plan(sandbox.faults, f"/customerHold/{cid}", "POST", 1)
            app.screen.action_confirm()
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: bool(app._notifications) and isinstance(app.screen, HostScreen))
            assert len(requests_to(sandbox, "POST", f"/customerhold/{cid}", start)) == 1, case.name
            said = " ".join(toasts(app))
            assert case.says in said, (case.name, said)
            if case.answer_lost:
                assert UNKNOWN_OUTCOME in said and "failed" not in said, (case.name, said)
                assert said.count("may have been done") == 1, (case.name, said)  # said once, not twice
            else:
                assert "Putting on hold failed" in said and sandbox.store.customer(cid)["status"] == "Active"
            sandbox.faults.clear()


async def test_a_server_error_message_with_markup_is_shown_literally(make_app, sandbox, wait_until):
    """Protection: the server's own error text reaches toasts and panels as data, never as markup."""
    cid = first_with_status(sandbox, "Active")
    body = {"ErrorId": 0, "HttpStatusCode": 409,
            "Errors": [{"Key": "Api Error", "Value": "locked [/] by [@click=app.quit]x"}]}
    app = host_app(make_app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HostScreen))
        actions.start_status_action(app, customer(sandbox, cid), "hold")
        await wait_until(pilot, showing(app, ConfirmDialog, "#confirm"))
        sandbox.faults.fail_next(409, method="POST", body=body)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("locked [/] by [@click=app.quit]x" in t for t in toasts(app)))
        await pilot.pause()
        assert "locked [/] by" in screen_text(app)
        assert app.is_running


# --- the filter input -----------------------------------------------------------------------

# Typed text -> (field, terms) the server must read from the raw query; None: refused with a message.
# A term is a tuple of the pieces between unescaped wildcards, "[empty]", or ("range", low, high).
PLAIN = ["a&b", "a;b", "a,b", "a|b", "50%", "100% off", "O'Brien \"x\"", "it's", "a+b c", "#?=/", "[empty]",
         "[bold]x[/]", "山田", "مرحبا", "👩‍💻", "e\u0301", "x" * 1800, "; DROP TABLE customers; --"]
FIELD_QUERIES: dict[str, tuple[str, list] | None] = {
    "companyName:a\\,b": ("companyName", [("a,b",)]),
    "companyName:[empty]": ("companyName", ["[empty]"]),
    "companyName:*corp*": ("companyName", [("", "corp", "")]),
    "reference:a&b": ("reference", [("a&b",)]),
    "companyName:50%": ("companyName", [("50%",)]),
    "companyName:\"quoted\" 'single'": ("companyName", [("\"quoted\" 'single'",)]),
    "companyName:a\\|b\\;c\\*d": ("companyName", [("a|b;c*d",)]),
    "companyName:山田": ("companyName", [("山田",)]),
    "createdTimestamp:2024-01-01|2025-01-01": ("createdTimestamp", [("range", "2024-01-01", "2025-01-01")]),
    "status:Active,Hold": ("status", [("Active",), ("Hold",)]),
    "companyName:a;;": ("companyName", [("a",)]),
    "status:Bogus": None,
    "companyName:": None,
    "::": None,
    "nosuchfield:x": None,
    "createdTimestamp:yesterday|today": None,
    "x" * 5000: None,  # over the filter's length limit once encoded
    "companyName:" + "é" * 900: None,
}


def sent_filter(entry) -> tuple[str, list]:
    """How the sandbox reads the ``query`` of a logged request: (field, terms)."""
    raw = split_params(entry.raw_query)["query"]
    [condition] = parse_filter(raw)
    terms = []
    for term in condition.terms:
        if term.empty:
            terms.append("[empty]")
        elif term.is_range:
            terms.append(("range", term.low, term.high))
        else:
            terms.append(tuple(term.pieces))
    return condition.field, terms


async def test_the_filter_sends_every_character_escaped_or_refuses_it_in_words(make_app, sandbox, wait_until):
    """Protection: characters that mean something in a URL or in the filter language (& ; , | * % + quotes,
    [empty]) reach the server as the literal text the user typed, or are refused beside the input with
    nothing sent; nothing crashes, nothing malformed is sent (the sandbox would answer 400)."""
    app = make_app()
    tried = 0
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.page is not None and not screen.fetching)
        cases = [(text, ("primaryEmail" if "@" in text else "lastName", [("", text, "")])) for text in PLAIN]
        cases += list(FIELD_QUERIES.items())
        for number, (text, expected) in enumerate(cases):
            tried += 1
            start = len(sandbox.request_log)
            if number == 0:  # the real keys once: / focuses the filter, Enter applies it
                await pilot.press("slash")
                screen.filter_bar.set_text(text)
                await pilot.press("enter")
            else:
                screen.apply_filter(text)  # what Enter in the filter does
            await app.workers.wait_for_complete()
            await wait_until(pilot, lambda: not screen.fetching)
            lists = requests_to(sandbox, "GET", "/v1/customers", start)
            bar = screen.filter_bar
            assert app.is_running and app.screen is screen, text[:40]
            if expected is None:
                assert not lists, (text, "sent although refused")
                assert bar.message and bar.query_one("#filter-message").has_class("-error"), text
                continue
            assert lists, (text, bar.message)
            assert all(entry.status == 200 for entry in lists), (text[:40], [e.status for e in lists])
            assert sent_filter(lists[0]) == expected, text[:40]
            assert not screen.error, text[:40]
        # digits open a customer by id: an id no customer has (or too large for the server) is said in words
        start = len(sandbox.request_log)
        screen.apply_filter("99999999999999999999999")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: bool(screen.filter_bar.message))
        assert "99999999999999999999999" in screen.filter_bar.message and app.screen is screen
        assert_nothing_raw_reaches_the_terminal(app)
    assert tried == len(PLAIN) + len(FIELD_QUERIES)
