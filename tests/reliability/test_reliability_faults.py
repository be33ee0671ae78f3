"""Faults: every change and every read meets every fault the sandbox can throw.

The app stays up, says what happened in plain words, recovers when the server does, and never
sends a POST, PUT or DELETE twice (checked in the sandbox's request log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reliability_support import (
    FAULTS,
    first_with_status,
    mutations,
    requests_to,
    settle,
    toasts,
)
from textual.screen import Screen

from fusebill_tui.tui.screens.customer_list import CustomerListScreen


@dataclass
class Change:
    """One change the app can make: the request it sends and how to put the customer back in shape for it."""

    what: str  # as the app names it in its messages
    method: str
    path: str  # the fault's path pattern (and the end of the logged path)
    prepare: Callable[[Any, int], dict]  # (sandbox, cid) -> arguments for ``run``
    run: Callable[..., Any]  # (session, cid, **arguments) -> awaitable


def _status(status: str) -> Callable[[Any, int], dict]:
    def prepare(sandbox, cid):
        sandbox.store.record(cid)["customer"]["status"] = status
        return {}
    return prepare


def _note(sandbox, cid) -> dict:
    note_id = sandbox.store.next_note_id(cid)
    sandbox.store.notes(cid).append({"userWhoCreatedNote": "API", "note": "to delete", "id": note_id,
                                     "createdTimestamp": "2025-06-01T10:00:00", "uri": None, "customerId": cid})
    return {"note_id": note_id}


async def _save_address(session, cid: int) -> Any:
    """What the address form does: read the address as it opens, then save one changed field."""
    address = await session.backend.client.get_address(cid * 10 + 1)
    return await session.update_address(cid, address.id, {"line2": "Suite 9"}, address)


async def _save_preferences(session, cid: int) -> Any:
    """What the address form does for the preferences: read them as it opens, then save one changed field."""
    prefs = await session.backend.client.get_address_preferences(cid)
    return await session.update_address_preferences(cid, {"contactName": "Pat"}, prefs)


def _no_shipping(sandbox, cid) -> dict:
    sandbox.store.addresses(cid)["Shipping"] = None
    return {}


SHIPPING = {"line1": "1 Dock Rd", "city": "Halifax", "postalZip": "B3H 1A1", "countryId": 124, "stateId": 9}

CHANGES = (
    Change("Adding a note", "POST", "/customerNotes", lambda s, c: {},
           lambda session, cid: session.add_note(cid, "campaign note")),
    Change("Deleting a note", "DELETE", "/customerNotes/*", _note,
           lambda session, cid, note_id: session.delete_note(cid, note_id)),
    Change("Saving the address", "PUT", "/Addresses", lambda s, c: {}, _save_address),
    Change("Saving the preferences", "PUT", "/CustomerAddressPreferences", lambda s, c: {}, _save_preferences),
    Change("Adding the shipping address", "POST", "/Addresses", _no_shipping,
           lambda session, cid: session.create_address(cid, "Shipping", SHIPPING)),
    Change("Activating", "POST", "/customerActivation", _status("Draft"),
           lambda session, cid: session.activate(cid, preview=False)),
    Change("Putting on hold", "POST", "/customerHold/*", _status("Active"), lambda session, cid: session.hold(cid)),
    Change("Taking off hold", "POST", "/customers/unhold", _status("Hold"),
           lambda session, cid: session.unhold(cid, "ChargeForAllMissedPeriods", preview=False)),
    Change("Cancelling", "POST", "/customerCancellation", _status("Active"),
           lambda session, cid: session.cancel(cid, "None")),
    Change("Reinstating", "POST", "/customers/uncancel/*", _status("Cancelled"),
           lambda session, cid: session.uncancel(cid)),
)


def _sent(sandbox, change: Change, start: int) -> list:
    end = change.path.rstrip("*").rstrip("/")
    return [r for r in mutations(sandbox, start)
            if r.method == change.method and end.lower() in r.path.lower()]


async def test_every_change_meets_every_fault_is_sent_once_and_recovers(make_app, sandbox, tally):
    """Protection: a POST / PUT / DELETE is never retried whatever goes wrong; the failure is said in words
    (a lost answer as "may have been done"); the same change goes through once the server is well again."""
    cid = first_with_status(sandbox, "Active")
    app = make_app()
    app._open_customer_list = lambda: app.push_screen(Screen())  # a quiet base screen: only the changes run
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for change in CHANGES:
            for fault in FAULTS:
                arguments = change.prepare(sandbox, cid)
                app.clear_notifications()
                start = len(sandbox.request_log)
                fault.plan(sandbox.faults, change.method, change.path, 1)
                tally["faults_injected"] += 1
                app.perform(change.what, lambda session, a=arguments, c=change: c.run(session, cid, **a),
                            success="done")
                await settle(app, pilot, lambda: bool(app._notifications))
                sent = _sent(sandbox, change, start)
                tally["requests_checked"] += len(sandbox.request_log) - start
                assert len(sent) == 1, (change.what, fault, [(r.method, r.path) for r in sent])
                said = " ".join(toasts(app))
                assert app.is_running, (change.what, fault)
                # a garbled answer to a 204 or to a change the client can still read counts as done
                if "done" not in said.split(": ", 1)[-1]:
                    assert fault.says in said, (change.what, fault, said)
                    if fault.name.startswith(("dropped", "read timeout", "body stalls", "truncated", "200 with")):
                        assert "may have been done" in said, (change.what, fault, said)  # never "not done"
                sandbox.faults.clear()
                tally["faults_survived"] += 1
            arguments = change.prepare(sandbox, cid)  # recovery: the same change, the server well again
            app.clear_notifications()
            start = len(sandbox.request_log)
            app.perform(change.what, lambda session, a=arguments, c=change: c.run(session, cid, **a), success="done")
            await settle(app, pilot, lambda: bool(app._notifications))
            assert toasts(app) == [f"{change.what}: done"], (change.what, toasts(app))
            assert len(_sent(sandbox, change, start)) == 1, change.what
        tally["duplicate_mutations"] += 0  # every case above asserted exactly one request


async def test_reads_ride_out_every_fault_burst_and_the_list_recovers(make_app, sandbox, tally):
    """Protection: GETs are retried on 429 (waiting for Retry-After or the reset), 5xx and network faults,
    within a bound: a burst shorter than the retries never reaches the user; a longer one is said in
    words and r brings the list back; every retry is a GET."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        screen = app.screen
        rows = screen.table.row_count
        for fault in FAULTS:
            for burst in (fault.attempts - 1, fault.attempts):
                if not fault.retried and burst < fault.attempts:
                    continue
                app.clear_notifications()
                app.said_while_waiting.clear()
                start = len(sandbox.request_log)
                fault.plan(sandbox.faults, "GET", "/customers", burst)
                tally["faults_injected"] += 1
                screen.action_refresh()
                await settle(app, pilot, lambda: not screen.fetching)
                reads = requests_to(sandbox, "GET", "/v1/customers", start)
                tally["requests_checked"] += len(reads)
                assert not mutations(sandbox, start)
                survived = fault.retried and burst < fault.attempts
                if survived:
                    assert not screen.error and screen.table.row_count == rows, (fault, burst, screen.status_text)
                    first_page = [r for r in reads if "pageNumber=0" in r.raw_query]  # (the next is prefetched)
                    assert len(first_page) == burst + 1, (fault, burst)
                    # Each wait is said in the list's own line while it lasts.
                    said = app.said_while_waiting
                    assert len(said) == burst and all("retrying at" in t for t in said), (fault, said)
                else:
                    assert fault.read_says in screen.status_text, (fault, screen.status_text)
                    assert screen.table.row_count == rows  # the page shown stays
                    sandbox.faults.clear()
                    screen.action_refresh()
                    await settle(app, pilot, lambda: not screen.fetching)
                    assert not screen.error and screen.table.row_count == rows, fault
                assert app.is_running
                tally["faults_survived"] += 1
