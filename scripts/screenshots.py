"""Regenerate the SVG screenshots in screenshots/ from the built-in sandbox.

Run from the project root: ``python scripts/screenshots.py``. The app runs headless
on a fresh seeded sandbox with times shown in UTC, its clock and the app's stopped at the demo data's
day, so the pictures (days past due included) are reproducible.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC
from pathlib import Path

from fusebill_tui.config import Config, builtin_sandbox
from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app
from fusebill_tui.sandbox.fusebill.dataset import DATASET_NOW
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.vendors.fusebill import FusebillClient

OUT = Path(__file__).resolve().parent.parent / "screenshots"
NEAR_SUSPENSION = 100007  # "Suspends in 2 days", tiered seats
CANADIAN = 100003  # CAD invoices with HST and the >2-4 seat tier
WITH_NOTES = 100023  # notes, billing and shipping addresses
EVERY_BUCKET = 900021  # unpaid invoices in every aging bucket

Steps = Callable[["object"], Awaitable[None]]


def new_app(tmp: Path) -> FusebillApp:
    """The app on a fresh built-in sandbox (each screenshot starts from the same data)."""
    clock = ManualClock(DATASET_NOW.replace(tzinfo=UTC))
    sandbox = create_app(SandboxSettings(clock=clock))

    def client_factory(environment):
        return FusebillClient(environment.base_url, environment.api_key,
                              read_only=environment.read_only, transport=SandboxTransport(sandbox))

    app = FusebillApp(Config(path=tmp / "config.toml"), builtin_sandbox(timezone="UTC"),
                      client_factory=client_factory)
    app.clock = clock
    return app


async def settle(pilot) -> None:
    """Wait until every worker is done and the screen has painted."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_customer(pilot, customer_id: int, *keys: str) -> None:
    """Open a customer, wait for every panel, then press keys."""
    screen = CustomerDetailScreen(customer_id)
    await pilot.app.push_screen(screen)
    for _ in range(400):
        if screen.loaded:
            break
        await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def press(pilot, *keys: str) -> None:
    """Press keys, letting the app settle after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


SHOTS: list[tuple[str, tuple[int, int], Callable[..., Awaitable[None]]]] = [
    ("customer-list", (120, 40), lambda pilot: settle(pilot)),
    ("customer-list-80x24", (80, 24), lambda pilot: settle(pilot)),
    ("quick-filters", (120, 40), lambda pilot: press(pilot, "f")),
    ("customer-overview", (120, 40), lambda pilot: open_customer(pilot, NEAR_SUSPENSION)),
    ("customer-overview-wide", (160, 50), lambda pilot: open_customer(pilot, NEAR_SUSPENSION)),
    ("customer-overview-80x24", (80, 24), lambda pilot: open_customer(pilot, NEAR_SUSPENSION)),
    ("customer-aging", (120, 40), lambda pilot: open_customer(pilot, EVERY_BUCKET)),
    ("customer-details", (120, 40), lambda pilot: open_customer(pilot, NEAR_SUSPENSION, "6")),
    ("subscriptions", (120, 40), lambda pilot: open_customer(pilot, NEAR_SUSPENSION, "2")),
    ("invoices", (120, 40), lambda pilot: open_customer(pilot, CANADIAN, "3")),
    ("invoice-tiers", (120, 40), lambda pilot: open_customer(pilot, CANADIAN, "3", "enter")),
    ("notes", (120, 40), lambda pilot: open_customer(pilot, WITH_NOTES, "4")),
    ("addresses", (120, 40), lambda pilot: open_customer(pilot, WITH_NOTES, "5")),
    ("note-form", (120, 40), lambda pilot: open_customer(pilot, WITH_NOTES, "n")),
    ("address-form", (120, 40), lambda pilot: open_customer(pilot, WITH_NOTES, "a")),
    ("status-actions", (120, 40), lambda pilot: open_customer(pilot, NEAR_SUSPENSION, "x")),
    ("help", (120, 40), lambda pilot: press(pilot, "question_mark")),
]


async def take(name: str, size: tuple[int, int], steps: Callable[..., Awaitable[None]], tmp: Path) -> Path:
    """Drive a fresh app into a state and save it as screenshots/NAME.svg."""
    app = new_app(tmp)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await steps(pilot)
        app.clear_notifications()
        app.refresh_budget()
        await pilot.pause()
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(OUT)))


async def main() -> None:
    """Write every screenshot."""
    import tempfile

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, size, steps in SHOTS:
            path = await take(name, size, steps, Path(tmp))
            print(path.relative_to(OUT.parent))


if __name__ == "__main__":
    asyncio.run(main())
