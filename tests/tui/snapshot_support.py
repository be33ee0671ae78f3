"""What the customer-screen snapshot tests share: opening a customer the same way before each picture."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen


def open_customer(customer_id: int, wait_until, *keys: str) -> Callable[..., Awaitable[None]]:
    """A run_before that lets the list load, opens a customer, waits for every panel (and every part of
    the glance), then presses keys (after ``enter``, until the invoice screen is open)."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = CustomerDetailScreen(customer_id)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        if "enter" in keys:
            await wait_until(pilot, lambda: isinstance(app.screen, InvoiceDetailScreen))
        # Deterministic chrome: no start-up toast, and the request budget as of now (not the last tick).
        app.clear_notifications()
        app.refresh_budget()
        await pilot.pause()

    return run_before
