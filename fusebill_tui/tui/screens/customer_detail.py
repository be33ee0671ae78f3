"""One customer: a header, then overview, subscriptions, invoices, notes and addresses, each loading on its own."""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane

from fusebill_tui.tui import flows, text
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.collector import CollectorHold
from fusebill_tui.tui.early_reads import EarlyRead
from fusebill_tui.tui.errors import describe
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen
from fusebill_tui.tui.widgets.customer_header import CustomerHeader
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.key_footer import KeyFooter
from fusebill_tui.tui.widgets.panels.addresses import AddressesPanel
from fusebill_tui.tui.widgets.panels.base import CustomerPanel
from fusebill_tui.tui.widgets.panels.invoices import InvoicesPanel, InvoicesTable
from fusebill_tui.tui.widgets.panels.notes import NotesPanel
from fusebill_tui.tui.widgets.panels.overview import DetailsPanel, OverviewPanel
from fusebill_tui.tui.widgets.panels.subscriptions import SubscriptionsPanel

if TYPE_CHECKING:
    from fusebill_tui.core.waits import RetryWait
    from fusebill_tui.tui.app import FusebillApp
    from fusebill_tui.vendors import Backend, Capabilities

    Customer = Any  # one of the backend's customers

#: The name the kept customer screen is installed under (installed, Textual keeps a screen when it is popped).
KEPT_SCREEN_NAME = "kept-customer"
#: Longest a customer screen waits for its requests to leave before it is shown anyway (seconds).
REQUESTS_OUT_LIMIT = 0.05

#: Tab id -> the panel class it holds, in the order the tabs appear (keys 1-5, the same for every backend).
TABS: tuple[tuple[str, str], ...] = (
    ("tab-overview", "Overview"),
    ("tab-subscriptions", "Subscriptions"),
    ("tab-invoices", "Invoices"),
    ("tab-notes", "Notes"),
    ("tab-addresses", "Addresses"),
    ("tab-details", "Details"),
)

#: Tabs a backend shows only with this capability (the others every backend has).
TAB_NEEDS: dict[str, str] = {"tab-subscriptions": "subscriptions"}

#: Keys a backend offers only with this capability; without it the key is hidden (not greyed out).
ACTION_NEEDS: dict[str, str] = {
    "status_actions": "status_actions",
    "edit_address": "address_edit",
    "delete_note": "note_delete",
}


def tabs_for(capabilities: Capabilities) -> tuple[tuple[str, str], ...]:
    """The tabs a backend with ``capabilities`` shows."""
    return tuple((tab, label) for tab, label in TABS if getattr(capabilities, TAB_NEEDS.get(tab, ""), True))


class CustomerDetailScreen(Screen[None]):
    """Everything about one customer; the panels load at once and concurrently, each showing its own state."""

    CSS_PATH = "customer_detail.tcss"
    #: From this width the overview stays in view beside the tabs (its tab is hidden).
    WIDE = 140
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    #: Longest the garbage collector is held off while the panels fill (seconds): a slow server gets no more.
    COLLECTOR_HOLD_LIMIT: ClassVar[float] = 2.0

    BINDINGS: ClassVar[list[BindingType]] = [
        # Also an app key; repeated here so the footer shows it first, even at 80 columns.
        Binding("question_mark", "app.help", "Help", id="help", tooltip="Show every key"),
        Binding("escape", "back", "Back", id="customer_back", tooltip="Back to the customer list"),
        Binding("r", "refresh", "Refresh", id="customer_refresh",
                tooltip="Re-read this customer from the server (drops what is cached)"),
        Binding("n", "add_note", "Add note", id="customer_add_note", tooltip="Add a note to this customer"),
        Binding("delete", "delete_note", "Delete note", id="customer_delete_note",
                tooltip="Delete the highlighted note (asks first)"),
        Binding("a", "edit_address", "Address", id="customer_edit_address",
                tooltip="Edit the billing and shipping address"),
        Binding("x", "status_actions", "Status", id="customer_status_actions",
                tooltip="Activate, hold, unhold, cancel or uncancel"),
        Binding("y", "copy", "Copy", id="customer_copy",
                tooltip="Copy the customer id (or the highlighted invoice number)"),
        *(
            Binding(str(number), f"show_tab('{tab}')", label, show=False, id=f"customer_{tab.replace('-', '_')}",
                    tooltip=f"Show the {label.lower()}")
            for number, (tab, label) in enumerate(TABS, start=1)
        ),
    ]

    @classmethod
    def bindings_for(cls, backend: Backend) -> list[Binding]:
        """The keys this screen has on ``backend``: none for a feature it lacks (the help lists these)."""
        capabilities = backend.capabilities
        absent = {action for action, need in ACTION_NEEDS.items() if not getattr(capabilities, need)}
        shown_tabs = {tab for tab, _label in tabs_for(capabilities)}
        absent |= {f"show_tab('{tab}')" for tab, _label in TABS if tab not in shown_tabs}
        return [binding for binding in Binding.make_bindings(cls.BINDINGS) if binding.action not in absent]

    def __init__(self, customer_id: int, summary: Customer | None = None) -> None:
        super().__init__()
        #: The session this screen was built for: its backend decides the tabs, so it is kept only within it.
        self.session = fusebill_app(self).session
        self.backend: Backend = self.session.backend
        self.tabs = tabs_for(self.backend.capabilities)
        with_subscriptions = self.backend.capabilities.subscriptions
        panels: dict[str, CustomerPanel] = {
            "tab-overview": OverviewPanel(customer_id, subscriptions=with_subscriptions, id="overview-panel"),
            "tab-subscriptions": SubscriptionsPanel(customer_id, id="subscriptions-panel"),
            "tab-invoices": InvoicesPanel(customer_id, id="invoices-panel"),
            "tab-notes": NotesPanel(customer_id, id="notes-panel"),
            "tab-addresses": AddressesPanel(customer_id, id="addresses-panel"),
            "tab-details": DetailsPanel(customer_id, id="details-panel"),
        }
        self._panels = {tab: panels[tab] for tab, _label in self.tabs}
        # On wide terminals a second overview sits beside the tabs; both share one cached request.
        self._side_overview = OverviewPanel(customer_id, subscriptions=with_subscriptions, id="overview-side")
        self._present_due = False  # a refill makes it due: the screen is redrawn before it is shown again
        self._open(customer_id, summary)

    def _open(self, customer_id: int, summary: Customer | None) -> None:
        """Take ``customer_id`` as the customer shown and send its reads (the panels show ``customer_id``)."""
        self.customer_id = customer_id
        self.customer: Customer | None = summary
        self.customer_error: BaseException | None = None
        self._short: Any = None
        self._customer_done = False
        if summary is not None:
            for overview in self._overviews():
                overview.set_customer(summary)
            self._set_currency(self.backend.identity(summary).currency)
        #: The reads sent as the customer was opened (each panel takes over its own).
        self.early_reads = self._start_reads()
        self._collector = CollectorHold()  # a hold of its own: an earlier open's timer cannot end this one
        self._collector.hold(self.app, self.COLLECTOR_HOLD_LIMIT)  # until every panel is filled and painted

    def refill(self, customer_id: int, summary: Customer | None = None) -> None:
        """Take another customer on this screen, kept from the last one (call it while the screen is not
        shown), and send its reads; ``present`` then redraws it, once they are out (``open_customer``).
        Building and styling a customer screen is most of what opening one costs; refilling skips both."""
        self._stop_reads()
        for panel in self._every_panel():
            panel.switch_to(customer_id)  # what the reads read: the customer, page 1, no filter
        self._open(customer_id, summary)
        self._present_due = True

    def present(self) -> None:
        """Before a refilled screen is shown: nothing of the last customer on view or in reach of a key.
        Every panel forgets its cursor and scroll and says it is loading; the first tab and no focus, as
        when new; then the panels take their reads over. Nothing to do for a new screen."""
        if not self._present_due:
            return
        self._present_due = False
        for panel in self._every_panel():
            panel.blank()
        self.query_one(CustomerHeader).switch_to(self.customer_id, self.customer)
        self.query_one(TabbedContent).active = "tab-overview"
        self._fit_tabs()
        self.set_focus(None)  # focus goes where a new screen's would, when it is shown
        self.reload()

    def _stop_reads(self) -> None:
        """Stop the reads and workers of the customer shown (nobody will see their answers here)."""
        for read in self.early_reads:
            read.cancel()
        for node in (self, *self._every_panel()):
            self.app.workers.cancel_node(node)
        self._collector.release()

    def _start_reads(self) -> list[EarlyRead]:
        """Send every read now, as the customer is opened: the round trip overlaps building the screen."""
        session = fusebill_app(self).session
        self._early_customer: EarlyRead | None = EarlyRead(session, session.customer(self.customer_id))
        overview = EarlyRead(session, self._side_overview.read(session),  # both overviews show this one
                             on_wait=self._overview_waits)
        reads = [self._early_customer, overview]
        by_tab: dict[str, EarlyRead] = {}
        for tab, panel in [*self._panels.items(), ("", self._side_overview)]:
            if isinstance(panel, OverviewPanel):
                panel.take_over(overview)
            else:
                reads.append(EarlyRead(session, panel.read(session), on_wait=panel.show_wait))
                panel.take_over(reads[-1])
                by_tab[tab] = reads[-1]
        for glance in self._overviews():
            for part in glance.parts():  # the glance shows the tabs' own reads: not one request more
                if part.FED_BY in by_tab:
                    part.take_over(by_tab[part.FED_BY])
        return reads

    def _overview_waits(self, wait: RetryWait | None) -> None:
        for panel in self._overviews():
            panel.show_wait(wait)

    def _overviews(self) -> list[OverviewPanel]:
        return [panel for panel in (self._panels["tab-overview"], self._side_overview, self._panels["tab-details"])
                if isinstance(panel, OverviewPanel)]

    def _all_panels(self) -> list[CustomerPanel]:
        return [*self._panels.values(), self._side_overview]

    def _every_panel(self) -> list[CustomerPanel]:
        """The panels and the glances' parts."""
        return [*self._all_panels(), *(part for glance in self._overviews() for part in glance.parts())]

    # Layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title bar, customer header, the tabbed panels, footer."""
        yield EnvironmentBar()
        yield CustomerHeader(self.customer_id, self.customer, id="customer-header")
        with Horizontal(id="detail-body"):
            yield self._side_overview
            with TabbedContent(id="customer-tabs", initial="tab-overview"):
                for tab, label in self.tabs:
                    with TabPane(label, id=tab):
                        yield self._panels[tab]
        yield KeyFooter()

    def on_resize(self) -> None:
        """Wide: the overview beside the tabs (its tab hidden). Narrow: the overview is the first tab."""
        self._fit_tabs()

    def _fit_tabs(self) -> None:
        tabs = self.query_one(TabbedContent)
        if self.size.width >= self.WIDE:
            if tabs.active == "tab-overview":  # the glance is beside: the details complete it, nothing twice
                tabs.active = "tab-details"
            tabs.hide_tab("tab-overview")
        else:
            tabs.show_tab("tab-overview")

    def on_mount(self) -> None:
        """Read the customer itself (the panels start their own reads as they mount)."""
        self.load_customer()

    def on_screen_resume(self) -> None:
        """Say in the title bar which customer is open."""
        fusebill_app(self).set_location(self.location)

    def on_unmount(self) -> None:
        """Stop reads nobody will show, and leave no stale location in the title bar."""
        self._stop_reads()
        set_location = getattr(self.app, "set_location", None)
        stack = self.app.screen_stack  # empty as the app closes (a kept screen is unmounted last)
        if set_location is not None and stack and stack[-1] is not self:
            set_location("")

    @property
    def location(self) -> str:
        """'Name #id' for the title bar."""
        who = self.customer or self._short
        if who is None:
            return f"Customer #{self.customer_id}"
        identity = self.backend.identity(who)
        return f"{identity.name or identity.company or 'Customer'} #{self.customer_id}"

    # Loading ---------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="customer")
    async def load_customer(self) -> None:
        """Read the full customer (the header, the forms and the status actions need it)."""
        session = fusebill_app(self).session
        header = self.query_one(CustomerHeader)
        self._customer_done = False
        early, self._early_customer = self._early_customer, None  # only the first load: a retry reads again
        try:
            if early is not None and early.session is session:
                customer = await early.outcome()
            else:
                customer = await session.customer(self.customer_id)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # shown in the header; the panels say more
            if session is fusebill_app(self).session:
                self.customer_error = error
                self._customer_done = True
                why = describe(error, secret=fusebill_app(self).secrets())
                header.show_problem(f"Could not read this customer: {why}  Press r to retry.")
                self._release_collector_if_loaded()
            return
        if session is not fusebill_app(self).session:
            return
        self.customer_error = None
        self.customer = customer
        self._customer_done = True
        header.show_customer(customer)
        for overview in self._overviews():
            overview.set_customer(customer)
        self._set_currency(self.backend.identity(customer).currency)
        if self.app.screen is self:
            fusebill_app(self).set_location(self.location)
        self.refresh_bindings()
        self._release_collector_if_loaded()

    def _release_collector_if_loaded(self) -> None:
        """Once everything is shown, let the garbage collector run again (after that frame is painted)."""
        if self.loaded:
            self.call_after_refresh(self._collector.release)

    def _set_currency(self, currency: str | None) -> None:
        if currency:
            for tab in ("tab-subscriptions", "tab-invoices"):
                panel = self._panels.get(tab)
                if isinstance(panel, (SubscriptionsPanel, InvoicesPanel)):
                    panel.set_currency(currency)

    def on_customer_panel_loaded(self, event: CustomerPanel.Loaded) -> None:
        """The overview feeds the banner (and the header until the full customer arrives)."""
        self.refresh_bindings()
        self._release_collector_if_loaded()
        if not isinstance(event.panel, OverviewPanel):
            return
        overview = event.data
        self._short = overview
        header = self.query_one(CustomerHeader)
        header.show_alert(overview)
        if self.customer is None:
            header.show_customer(overview)
            if self.app.screen is self:
                fusebill_app(self).set_location(self.location)
        self._set_currency(self.backend.identity(overview).currency)

    def reload(self) -> None:
        """Re-read every panel (through the session cache: fresh after a change invalidated it)."""
        self.load_customer()
        for panel in self._all_panels():
            panel.reload()
        for glance in self._overviews():  # the glance reads what the tabs read: shared, never sent twice
            for part in glance.parts():
                part.reload()

    def panel(self, tab: str) -> CustomerPanel:
        """The panel in a tab (tests and the command palette use it)."""
        return self._panels[tab]

    @property
    def requests_out(self) -> bool:
        """Whether every read sent as the customer was opened has left this process (or is over)."""
        return all(read.is_out for read in self.early_reads)

    @property
    def loaded(self) -> bool:
        """Whether the customer and every panel show data or an error."""
        return (self._customer_done and all(panel.loading_done for panel in self._all_panels())
                and all(part.loading_done for glance in self._overviews() for part in glance.parts()))

    # Bindings --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what the backend lacks or does not apply here; grey out what is not ready yet."""
        needs = ACTION_NEEDS.get(action)
        if needs is not None and not getattr(self.backend.capabilities, needs):
            return False
        if action == "show_tab":
            return bool(parameters and parameters[0] in self._panels)
        if action == "delete_note":
            if self._active_tab() != "tab-notes":
                return False
            return True if self._notes().highlighted is not None else None
        if action in ("add_note", "status_actions"):
            return True if self.customer is not None else None
        if action == "edit_address":
            addresses = self._panels.get("tab-addresses")
            ready = self.customer is not None and addresses is not None and addresses.data is not None
            return True if ready else None
        return True

    def _active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def _notes(self) -> NotesPanel:
        notes = self._panels["tab-notes"]
        assert isinstance(notes, NotesPanel)  # the notes tab always holds the notes panel
        return notes

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        """Which keys apply depends on the tab."""
        self.refresh_bindings()

    def on_list_view_highlighted(self, _event: Any) -> None:
        """The delete key depends on a note being highlighted."""
        self.refresh_bindings()

    # Actions ---------------------------------------------------------------

    def action_back(self) -> None:
        """Back to where the customer was opened from (the screen is kept for the next customer)."""
        self._stop_reads()
        self.app.pop_screen()

    def action_refresh(self) -> None:
        """Forget what is cached about this customer and read everything again."""
        fusebill_app(self).session.cache.invalidate(self.customer_id)
        self.reload()
        self.notify("Reloading this customer.", timeout=2)

    def action_show_tab(self, tab: str) -> None:
        """Switch tab and put the keyboard in its table or list."""
        if tab not in self._panels or (tab == "tab-overview" and self.size.width >= self.WIDE):
            return  # not offered by this backend, or already in view beside the tabs
        self.query_one(TabbedContent).active = tab
        target = self._panels[tab].query("DataTable, ListView")
        if target:
            target.first().focus()

    def _need_customer(self) -> Customer | None:
        if self.customer is None:
            self.notify("The customer is still loading (or could not be read); press r to retry.",
                        severity="warning", timeout=4)
        return self.customer

    def action_add_note(self) -> None:
        """Open the note form."""
        customer = self._need_customer()
        if customer is not None:
            flows.open_note_form(fusebill_app(self), customer)

    def action_delete_note(self) -> None:
        """Ask, then delete the highlighted note."""
        note = self._notes().highlighted
        if note is None:
            self.notify("Highlight a note first.", severity="warning", timeout=3)
            return
        flows.confirm_delete_note(fusebill_app(self), self.customer_id, note)

    def action_edit_address(self) -> None:
        """Open the address form with the preferences shown in the addresses panel."""
        customer = self._need_customer()
        if customer is None:
            return
        preferences = self._panels["tab-addresses"].data
        flows.open_address_form(fusebill_app(self), customer, preferences)

    def action_status_actions(self) -> None:
        """The status actions valid for this customer's status."""
        customer = self._need_customer()
        if customer is not None:
            flows.open_status_actions(fusebill_app(self), customer)

    def action_copy(self) -> None:
        """Copy the highlighted invoice number when the invoices have focus, else the customer id."""
        label, value = "customer id", str(self.customer_id)
        if isinstance(self.focused, InvoicesTable):
            invoices = self._panels["tab-invoices"]
            invoice = invoices.highlighted if isinstance(invoices, InvoicesPanel) else None
            if invoice is not None and invoice.invoice_number is not None:
                label, value = "invoice number", text.clean(invoice.invoice_number)
        self.app.copy_to_clipboard(value)
        self.notify(f"Copied {label} {value} to the clipboard.", title="Copied", timeout=3)

    def on_invoices_panel_opened(self, event: InvoicesPanel.Opened) -> None:
        """Show the chosen invoice's charges and tiers on a screen of its own."""
        self.app.push_screen(InvoiceDetailScreen(event.invoice, event.currency, self.location,
                                                 totals=self.backend.invoice_totals(event.invoice),
                                                 customer_id=self.customer_id))


def customer_screen(app: FusebillApp, customer_id: int, summary: Customer | None = None) -> CustomerDetailScreen:
    """The screen to push for ``customer_id``: the customer screen last left, refilled, when it was built for
    this session and is off the screen stack; else a new one, kept for the next customer in its turn."""
    kept = app.kept_customer_screen
    if kept is not None and kept.session is app.session and kept.is_attached and kept not in app.screen_stack:
        kept.refill(customer_id, summary)
        return kept
    screen = CustomerDetailScreen(customer_id, summary)
    if kept is None or kept not in app.screen_stack:  # one on the stack already (opened from it): not kept
        app.drop_kept_customer_screen()
        app.install_screen(screen, KEPT_SCREEN_NAME)
        app.kept_customer_screen = screen
    return screen


def open_customer(app: FusebillApp, customer_id: int, summary: Customer | None = None) -> None:
    """Show ``customer_id``: its reads are sent at once, and its screen is shown once they have left.

    A request takes several turns of the event loop to reach the socket, and showing the screen (styling,
    layout, the first paint) fills turns of tens of milliseconds: pushed at once, the six requests left one
    by one over 100 ms and more. Until they are out (at most ``REQUESTS_OUT_LIMIT``) the loop runs little
    else. The wait runs in the app's own message queue, so the keys typed behind Enter queue up behind it
    and reach the screen once it is shown (``typeahead``).
    """
    screen = customer_screen(app, customer_id, summary)
    deadline = monotonic() + REQUESTS_OUT_LIMIT

    async def show_once_out() -> None:
        while not screen.requests_out and monotonic() < deadline:
            await asyncio.sleep(0)  # one turn of the loop: each read takes a step towards its socket
        screen.present()
        app.push_screen(screen)

    app.call_later(show_once_out)


__all__ = ["CustomerDetailScreen", "customer_screen", "open_customer"]
