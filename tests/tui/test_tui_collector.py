"""Full garbage collections are held off while a screen fills, and always allowed again."""

from __future__ import annotations

import gc

import pytest

from fusebill_tui.tui.collector import CollectorHold, holding
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen

NEAR_SUSPENSION = 100007


@pytest.fixture(autouse=True)
def collector_on_after(monkeypatch):
    """No time limit ends a screen's hold during a test; whatever a test does, the collector is back after."""
    monkeypatch.setattr(CustomerDetailScreen, "COLLECTOR_HOLD_LIMIT", 600.0)
    monkeypatch.setattr(CustomerListScreen, "COLLECTOR_HOLD_LIMIT", 600.0)
    thresholds = gc.get_threshold()
    yield
    gc.enable()
    gc.set_threshold(*thresholds)


async def test_the_collector_is_off_while_the_customer_fills_and_on_once_it_is_shown(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not holding()
        screen = CustomerDetailScreen(NEAR_SUSPENSION)
        assert holding()  # from the moment the customer is opened
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        await wait_until(pilot, lambda: not holding())  # after the frame showing it


async def test_closing_the_customer_at_once_switches_the_collector_on_again(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        list_screen = app.screen
        await pilot.press("enter", "escape")
        await wait_until(pilot, lambda: app.screen is list_screen)
        await wait_until(pilot, lambda: not holding())


async def test_holds_end_with_the_last_release_or_the_time_limit(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first, second = CollectorHold(), CollectorHold()
        first.hold(app)
        second.hold(app)
        first.release()
        first.release()  # a second release of the same hold changes nothing
        assert holding()
        second.release()
        assert not holding()
        CollectorHold().hold(app, limit=0.01)  # never released: the time limit ends it
        assert holding()
        await wait_until(pilot, lambda: not holding())


async def test_a_collector_switched_off_elsewhere_is_left_off(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        gc.disable()
        thresholds = gc.get_threshold()
        hold = CollectorHold()
        hold.hold(app)
        assert not holding() and gc.get_threshold() == thresholds
        hold.release()
        assert not gc.isenabled() and gc.get_threshold() == thresholds


async def test_only_full_collections_wait_and_the_thresholds_come_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        before = gc.get_threshold()
        hold = CollectorHold()
        hold.hold(app)
        assert gc.isenabled() and gc.get_threshold()[:2] == before[:2]  # young garbage is still collected
        assert gc.get_threshold()[2] > before[2]
        hold.release()
        assert gc.get_threshold() == before


async def test_quitting_while_a_customer_fills_switches_the_collector_on_again(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        assert holding() or app.screen.loaded
    assert not holding()


async def test_a_customer_screen_never_shown_still_lets_the_collector_run_again(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        CustomerDetailScreen(NEAR_SUSPENSION)  # built, never pushed: quitting switches it back on
        assert holding()
    assert not holding()


async def test_page_turns_do_not_hold_the_collector(make_app, wait_until):
    """Held through back-to-back page turns, full collections never ran and memory grew: turns leave it be."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.page is not None)
        await wait_until(pilot, lambda: not holding())
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen.action_next_page()  # the prefetched page is shown at once
        assert "page 2 of" in screen.status_text and not holding()


async def test_the_collector_waits_for_the_first_page_and_runs_once_it_is_painted(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not holding()
        screen = CustomerListScreen()  # what launching does: the first page is read, the collector held
        assert holding()
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.page is not None)
        await wait_until(pilot, lambda: not holding())
