"""The app with the guided tour running: space moves to the next step, escape leaves the tour."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding

from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen
from fusebill_tui.tui.tour.card import TourCard
from fusebill_tui.tui.tour.steps import STEPS, Step

if TYPE_CHECKING:
    from fusebill_tui.config import Config, Environment
    from fusebill_tui.tui.session import Session

TARGET = "-tour-target"


class TourApp(FusebillApp):
    """FusebillApp on the built-in sandbox, walked through its main points one highlighted step at a time."""

    CSS_PATH = ["../app.tcss", "tour.tcss"]

    BINDINGS = [
        Binding("space", "tour_next", "Next step", priority=True, id="tour_next",
                tooltip="The next step of the tour"),
        Binding("escape", "tour_leave", "Leave tour", priority=True, id="tour_leave",
                tooltip="Leave the tour; the app stays open"),
    ]

    def __init__(self, config: Config, environment: Environment, **options: Any) -> None:
        super().__init__(config, environment, **options)
        self.tour_step = -1  # index into STEPS of the step shown
        self.tour_running = True
        self.tour_busy = False  # a step is being walked to: space waits for it

    def on_mount(self) -> None:
        """Start at the first step once the customer list is up."""
        self.call_after_refresh(self.action_tour_next)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The tour's keys work only while the tour runs (then space and escape do their usual jobs)."""
        if action in ("tour_next", "tour_leave"):
            return self.tour_running
        return super().check_action(action, parameters)

    @property
    def current_step(self) -> Step | None:
        """The step shown, or None before the first and after leaving."""
        return STEPS[self.tour_step] if self.tour_running and 0 <= self.tour_step < len(STEPS) else None

    def action_tour_next(self) -> None:
        """Walk to the next step (or finish after the last)."""
        if self.tour_busy:
            return
        if self.tour_step + 1 >= len(STEPS):
            self.run_worker(self.action_tour_leave(finished=True), group="tour")
            return
        self.tour_busy = True
        self._walk(self.tour_step + 1)

    @work(group="tour", exit_on_error=False)
    async def _walk(self, index: int) -> None:
        step = STEPS[index]
        self.clear_notifications()  # the card is the thing to read; toasts would cover it
        try:
            await self._clear_tour_marks()
            await step.go(self)
            self.tour_step = index
            await self._show_card(index, step)
        except Exception as error:  # the presenter can go on by hand
            self.report_error(error, title=f"Tour: {step.title}")
        finally:
            self.tour_busy = False

    async def _show_card(self, index: int, step: Step) -> None:
        screen = self.screen
        for widget in screen.query(step.target):
            widget.add_class(TARGET)
        await screen.mount(TourCard(index + 1, len(STEPS), step.title, step.say, step.by_hand))

    async def _clear_tour_marks(self) -> None:
        for screen in self.screen_stack:
            for widget in screen.query(f".{TARGET}"):
                widget.remove_class(TARGET)
            await screen.query(TourCard).remove()

    async def action_tour_leave(self, finished: bool = False) -> None:
        """Leave the tour where it stands; everything on screen keeps working."""
        self.tour_running = False
        await self._clear_tour_marks()
        self.refresh_bindings()
        self.notify("That was the tour: the app is yours now." if finished else
                    "Tour left: the app is yours; press q to quit.", title="Tour", timeout=5)

    # Where the steps take the app ----------------------------------------------

    async def tour_list_screen(self) -> CustomerListScreen:
        """Back to the customer list."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, CustomerListScreen):
            await self.pop_screen()
        assert isinstance(self.screen, CustomerListScreen)
        return self.screen

    async def tour_customer_screen(self, customer_id: int, tab: str = "tab-overview") -> CustomerDetailScreen:
        """The customer's screen, opened from the list if need be, showing ``tab``."""
        if isinstance(self.screen, InvoiceDetailScreen):
            await self.pop_screen()
        current = self.screen
        if isinstance(current, CustomerDetailScreen) and current.customer_id == customer_id:
            screen = current
        else:
            await self.tour_list_screen()
            screen = CustomerDetailScreen(customer_id)
            await self.push_screen(screen)
        screen.action_show_tab(tab)
        return screen

    async def tour_latest_invoice(self, customer_id: int) -> None:
        """The customer's latest invoice, with its charges and tiers."""
        screen = await self.tour_customer_screen(customer_id, "tab-invoices")
        page = await self.session.invoices(customer_id)
        if not page.items:
            raise LookupError(f"customer #{customer_id} has no invoices")
        customer = screen.customer or await self.session.customer(customer_id)
        currency = self.session.backend.identity(customer).currency
        await self.push_screen(InvoiceDetailScreen(page.items[0], currency, screen.location,
                                                   customer_id=customer_id))

    async def tour_change(self, what: str, action: Callable[[Session], Awaitable[Any]], customer_id: int,
                          tab: str) -> None:
        """Make a change through the session, as the app's own forms do, then show ``tab``."""
        await self.tour_customer_screen(customer_id, tab)
        if self.refuse_if_read_only(what):
            return
        await action(self.session)
        self.notify(f"{what}: done.", title="Tour")
        self.refresh_screens()


def run_tour(config: Config, environment: Environment) -> None:
    """Run the app with the tour until the user quits."""
    TourApp(config, environment).run()
