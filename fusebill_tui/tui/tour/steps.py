"""The tour's steps: where each one takes the app, what it highlights, and what the card says."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fusebill_tui.tui.dialogs.unhold_dialog import DEFAULT_SERVICE_START

if TYPE_CHECKING:
    from fusebill_tui.tui.tour.app import TourApp

#: Camila Mitchell of Wayne Industries, in the built-in sandbox's data (seed 7): Active, in
#: collection, 818.38 USD owed, suspended in 2 days, and billed for seats in price tiers.
CUSTOMER_ID = 100007
SEARCH = "Mitchell"
NOTE = "Walkthrough: called about the overdue balance; paying by Friday."


@dataclass(frozen=True)
class Step:
    """One stop of the tour: a title, what to look at, how to do it by hand, and how the tour gets there."""

    title: str
    say: str
    by_hand: str
    go: Callable[[TourApp], Awaitable[None]]
    #: CSS selector of what to highlight on the screen the step leaves the app on.
    target: str


async def find_customer(app: TourApp) -> None:
    """Back to the list and search for the customer by last name."""
    list_screen = await app.tour_list_screen()
    list_screen.apply_filter(SEARCH)


async def open_customer(app: TourApp) -> None:
    """Open the customer (her first screen answers what she owes, pays and was billed)."""
    await app.tour_customer_screen(CUSTOMER_ID)


async def suspension(app: TourApp) -> None:
    """Stay on the customer: the banner under her name."""
    await app.tour_customer_screen(CUSTOMER_ID)


async def invoice_tiers(app: TourApp) -> None:
    """Her latest invoice, with the seats charged tier by tier."""
    await app.tour_latest_invoice(CUSTOMER_ID)


async def add_note(app: TourApp) -> None:
    """Add a note, then show the notes."""
    await app.tour_change("Adding the note", lambda session: session.add_note(CUSTOMER_ID, NOTE), CUSTOMER_ID,
                          "tab-notes")


async def hold(app: TourApp) -> None:
    """Put her on hold."""
    await app.tour_change("Putting on hold", lambda session: session.hold(CUSTOMER_ID), CUSTOMER_ID,
                          "tab-subscriptions")


async def unhold(app: TourApp) -> None:
    """Take her off hold again."""
    await app.tour_change("Taking off hold",
                          lambda session: session.unhold(CUSTOMER_ID, DEFAULT_SERVICE_START, preview=False),
                          CUSTOMER_ID, "tab-subscriptions")


STEPS: tuple[Step, ...] = (
    Step("Find a customer",
         f"Typing a last name searches the whole account on the server: “{SEARCH}” finds Camila Mitchell.",
         "/ then a name, an email@ or an id, and enter", find_customer, "#filter-bar, #customers"),
    Step("The customer at a glance",
         "One screen: what she owes (818.38 USD) and how overdue it is, what she pays for, her latest "
         "invoices and note.",
         "enter on a row opens the customer; 6 shows every detail", open_customer,
         "#overview-balances, #glance-aging"),
    Step("Days until suspension",
         "The banner under her name cannot be missed: suspended in 2 days unless she pays.",
         "the banner shows whenever a suspension or cancellation is near", suspension, "#customer-banner"),
    Step("An invoice's tiers",
         "Her latest invoice: the extra seats are charged by tier (0-2, >2-4, >4-5, >5), each at its own price.",
         "3 for the invoices, enter on one", invoice_tiers, "#invoice-charges"),
    Step("Add a note",
         "A note for the team, sent to Fusebill now and listed with the others.",
         "n, type, ctrl+s", add_note, "#notes-list"),
    Step("Put on hold",
         "On hold: the status says Hold and her subscriptions are suspended.",
         "x, then hold (it asks first)", hold, "#customer-identity, #subscriptions-panel"),
    Step("Take off hold",
         f"Back to Active: unhold restarts the subscriptions ({DEFAULT_SERVICE_START}).",
         "x, then unhold: pick how the hold is charged, with a preview", unhold,
         "#customer-identity, #subscriptions-panel"),
)
