"""The guided tour, end to end: every step's claim is checked on the screen (and changes in the sandbox)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from fusebill_tui.config import Config, builtin_sandbox
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import SandboxSettings
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen
from fusebill_tui.tui.tour.app import TourApp
from fusebill_tui.tui.tour.card import TourCard
from fusebill_tui.tui.tour.steps import CUSTOMER_ID, NOTE, STEPS
from fusebill_tui.vendors.fusebill import FusebillClient


@pytest.fixture
def sandbox_settings(sandbox_clock) -> SandboxSettings:
    """The built-in sandbox's own data (2,000 customers, seed 7): the tour's steps land on its customers."""
    return SandboxSettings(clock=sandbox_clock)


@pytest.fixture
def tour_app(sandbox_app, tmp_path) -> TourApp:
    def client_factory(env):
        return FusebillClient(env.base_url, env.api_key, read_only=env.read_only,
                              transport=SandboxTransport(sandbox_app))

    return TourApp(Config(path=tmp_path / "config.toml"), builtin_sandbox(timezone="UTC"),
                   client_factory=client_factory)


def _export(app) -> str:
    """What the terminal shows for the current screen, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def highlighted(app) -> list[str]:
    """Ids of what the tour highlights on the current screen (the overview is there twice: tab and side)."""
    return sorted({widget.id or "" for widget in app.screen.query(".-tour-target")})


async def settle(pilot, wait_until, predicate=lambda: True) -> None:
    """Let the step finish walking, the data arrive and the screen paint."""
    app = pilot.app
    await wait_until(pilot, lambda: not app.tour_busy and predicate())
    await app.workers.wait_for_complete()
    await pilot.pause()


async def next_step(pilot, wait_until, number: int, predicate=lambda: True) -> str:
    """Press space, wait for step ``number``'s card, and return the screen's text."""
    app = pilot.app
    await pilot.press("space")
    await wait_until(pilot, lambda: app.tour_step == number - 1 and not app.tour_busy
                     and bool(app.screen.query(TourCard)))
    await settle(pilot, wait_until, predicate)
    card = app.screen.query_one(TourCard)
    assert card.border_title == f"Tour · step {number} of {len(STEPS)}"
    assert STEPS[number - 1].title in card.text
    return _export(app)


async def test_the_tour_walks_every_step_and_each_claim_holds(tour_app, sandbox, wait_until) -> None:
    app = tour_app
    async with app.run_test(size=(120, 40)) as pilot:
        # 1. Find a customer: the search by last name finds her.
        await wait_until(pilot, lambda: app.tour_step == 0 and not app.tour_busy)
        await settle(pilot, wait_until, lambda: "Mitchell, Camila" in _export(app))
        shown = _export(app)
        assert isinstance(app.screen, CustomerListScreen)
        assert "Tour · step 1 of 7" in shown and "Find a customer" in shown
        assert "last name contains “Mitchell”" in shown and "Mitchell, Camila" in shown
        assert highlighted(app) == ["customers", "filter-bar"]

        # 2. The balances.
        shown = await next_step(pilot, wait_until, 2, lambda: app.screen.loaded)
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.customer_id == CUSTOMER_ID
        assert "AR balance" in shown and "818.38 USD" in shown
        assert "Aging" in shown and "Subscriptions" in shown and "Latest invoices" in shown
        assert highlighted(app) == ["glance-aging", "overview-balances"]  # the balances and the aging beneath

        # 3. Days until suspension.
        shown = await next_step(pilot, wait_until, 3)
        assert "⚠ Suspends in 2 days" in shown  # the banner
        assert highlighted(app) == ["customer-banner"]

        # 4. The tiers of her latest invoice.
        shown = await next_step(pilot, wait_until, 4)
        assert isinstance(app.screen, InvoiceDetailScreen)
        assert "Extra Seats (tiered)" in shown
        for tier in ("tier 0-2", "tier >2-4", "tier >4-5", "tier >5"):
            assert tier in shown
        assert highlighted(app) == ["invoice-charges"]

        # 5. A note: sent to the sandbox, and listed.
        shown = await next_step(pilot, wait_until, 5, lambda: NOTE[:30] in _export(app))
        assert isinstance(app.screen, CustomerDetailScreen)
        assert [n["note"] for n in sandbox.store.notes(CUSTOMER_ID)] == [NOTE]
        assert highlighted(app) == ["notes-list"]

        # 6. On hold, in the sandbox and on the screen.
        shown = await next_step(pilot, wait_until, 6, lambda: "Hold" in _export(app))
        assert sandbox.store.customer(CUSTOMER_ID)["status"] == "Hold"
        assert "Hold" in shown
        assert highlighted(app) == ["customer-identity", "subscriptions-panel"]

        # 7. Off hold again.
        shown = await next_step(pilot, wait_until, 7, lambda: "Hold" not in _export(app).split("\n")[1])
        assert sandbox.store.customer(CUSTOMER_ID)["status"] == "Active"
        assert "Active" in shown.split("\n")[1]

        # Past the last step the tour ends; space and escape do their usual jobs again.
        await pilot.press("space")
        await pilot.pause()
        assert not app.tour_running and not app.screen.query(TourCard) and highlighted(app) == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen))


async def test_escape_leaves_the_tour_at_once_and_the_app_stays(tour_app, sandbox, wait_until) -> None:
    app = tour_app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.tour_step == 0 and not app.tour_busy)
        await pilot.press("space")
        await wait_until(pilot, lambda: app.tour_step == 1 and not app.tour_busy)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.tour_running and not app.screen.query(TourCard) and highlighted(app) == []
        assert isinstance(app.screen, CustomerDetailScreen)  # left where it stood
        await pilot.press("space")  # no longer the tour's key: nothing moves
        await pilot.pause()
        assert app.tour_step == 1 and isinstance(app.screen, CustomerDetailScreen)
        await pilot.press("escape")  # back to the list, as always
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen))
        assert sandbox.store.customer(CUSTOMER_ID)["status"] == "Active"
