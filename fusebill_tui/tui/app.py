"""The Textual application: environment, session, global keys, and error reporting."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.notifications import SeverityLevel

from fusebill_tui.core.daily_budget import pause_note
from fusebill_tui.tui.collector import release_all
from fusebill_tui.tui.errors import WorkerErrorsToNotifications, describe, secrets_of
from fusebill_tui.tui.first_read import open_session
from fusebill_tui.tui.monochrome import use_readable_monochrome
from fusebill_tui.tui.perf.textual_private import line_filters
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.session import Session
from fusebill_tui.tui.typeahead import TypeAhead, Typed
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar, budget_text
from fusebill_tui.tui.widgets.key_footer import KeyFooter
from fusebill_tui.vendors import Backend, open_backend

if TYPE_CHECKING:
    from textual.command import Provider

    from fusebill_tui.config import Config, Environment
    from fusebill_tui.tui.first_read import FirstRead
    from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen

T = TypeVar("T")
ClientFactory = Callable[["Environment"], "Backend | object"]
"""Opens an environment: a backend, or a vendor's bare client (wrapped by the session)."""


# The palette's providers, the dialogs, the flows and the help screen are imported when first used (in the
# functions below): none of them is needed for the first frame, and importing them all took longer than
# importing Textual (tests/tui/test_launch_imports.py keeps them off the launch path).


def _customer_commands() -> type[Provider]:
    from fusebill_tui.tui.commands import CustomerCommands

    return CustomerCommands


def _environment_commands() -> type[Provider]:
    from fusebill_tui.tui.commands import EnvironmentCommands

    return EnvironmentCommands


def _filter_commands() -> type[Provider]:
    from fusebill_tui.tui.commands import FilterCommands

    return FilterCommands


#: Imported by ``warm_up`` after the first page: what Enter, the dialogs and ctrl+p need first.
WARM_UP_MODULES = ("fusebill_tui.tui.screens.customer_detail", "fusebill_tui.tui.commands",
                   "fusebill_tui.tui.dialogs.filter_menus", "fusebill_tui.tui.flows.change",
                   "fusebill_tui.tui.screens.help")


def _warm_up_imports() -> None:
    for name in WARM_UP_MODULES:
        importlib.import_module(name)


def default_client_factory(environment: Environment) -> Backend:
    """Connect to an environment the way the command line does (built-in sandboxes included)."""
    return open_backend(environment)


class FusebillApp(WorkerErrorsToNotifications, App[None]):
    """Browse and service the customer accounts of one billing environment (Fusebill or ChargeOver) at a time."""

    CSS_PATH: ClassVar[str | PurePath | list[str | PurePath] | None] = "app.tcss"  # as App declares it
    TITLE = "fusebill-tui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_customer_commands, _environment_commands, _filter_commands}

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit, cancelling requests in flight"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("e", "switch_environment", "Environment", id="switch_environment",
                tooltip="Switch to another environment"),
    ]

    def __init__(
        self,
        config: Config,
        environment: Environment,
        *,
        client_factory: ClientFactory = default_client_factory,
        first_read: FirstRead | None = None,
    ) -> None:
        super().__init__()
        use_readable_monochrome(line_filters(self))  # NO_COLOR: greys that keep red statuses readable
        self.config = config
        self.client_factory = client_factory
        self.environment = environment
        #: Now, aware: "today" for days past due is its date in the environment's zone (tests use the sandbox's).
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        #: The list's first page, requested before the app was built (``tui.launch``); the list takes it over.
        self.first_read = first_read
        self._warmed_up = False
        self.session = self._open_session(environment) if first_read is None else self._adopt(first_read.session)
        self.used_kinds: set[str] = {self.session.backend.kind}  # billing systems browsed in this run
        keymap = getattr(config, "keymap", None)
        if keymap:
            self.set_keymap(keymap)
        #: Keys typed while a screen opens, held for it (tui/typeahead.py).
        self.typeahead = TypeAhead(self, self._route_key, self._key_came_back)
        #: The customer screen last left, kept to be refilled with the next customer (``customer_screen``).
        self.kept_customer_screen: CustomerDetailScreen | None = None

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes go through the type-ahead first, so none typed while a screen opens is lost."""
        if isinstance(event, (events.Key, events.Paste)):
            if not event.is_forwarded:
                if self.typeahead.arrived(event):
                    return
            else:
                await self.typeahead.came_back(event)
                return
        await super().on_event(event)

    async def _key_came_back(self, event: Typed) -> None:
        """Textual's own handling of a key back at the app unhandled (its bindings)."""
        await super().on_event(event)

    async def _route_key(self, event: Typed) -> None:
        """Textual's own handling of a key just read (the type-ahead replays held keys through it)."""
        event.set_sender(self)
        await super().on_event(event)

    def _open_session(self, environment: Environment) -> Session:
        return self._adopt(open_session(environment, self.client_factory))

    def _adopt(self, session: Session) -> Session:
        session.backend.on_retry = self._announce_retry
        return session

    #: Import what the first keys will open (the customer screen, dialogs, the palette) in the background once the
    #: first page is painted, so the first Enter does not pay for importing them; the launch-imports test turns it off.
    WARM_UP_IMPORTS = True
    WARM_UP_DELAY = 0.3  # seconds after the first page is painted

    def warm_up(self) -> None:
        """Start importing, in a thread, the screens kept off the launch path (once; after the first page)."""
        if self.WARM_UP_IMPORTS and not self._warmed_up:
            self._warmed_up = True
            # A moment later, not at once: the import must not hold the interpreter lock while the first
            # frames are still being written to the terminal.
            self.set_timer(self.WARM_UP_DELAY, self._start_warm_up)

    def _start_warm_up(self) -> None:
        threading.Thread(target=_warm_up_imports, name="warm-up-imports", daemon=True).start()

    def take_first_read(self) -> FirstRead | None:
        """The read started at launch, once (the first customer list takes it over)."""
        first, self.first_read = self.first_read, None
        return first

    @property
    def backend(self) -> Backend:
        """The billing system behind the current environment (what it can do, its filter language)."""
        return self.session.backend

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Show a toast, always as plain text (``markup`` is ignored).

        Messages carry API values (customer names, server error text): read as markup, a name
        like ``a [/] b`` raised and closed the app, and ``[@click=app.quit]`` made a live link.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _announce_retry(self, message: str) -> None:
        """Say why a read is taking longer (429, server error, dropped connection) and when it retries."""
        self.notify(message, title="Retrying", severity="warning", timeout=5)

    def compose(self) -> ComposeResult:
        """The environment bar and the footer; screens fill the middle."""
        yield EnvironmentBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the customer list and keep the request budget up to date."""
        self._show_environment()
        self.set_interval(1.0, self.refresh_budget)
        self._open_customer_list()
        if self.environment.is_sandbox:
            why = "" if self.config.environments else "No environment is configured. "
            self.notify(
                f"{why}This is the built-in sandbox: demo data, nothing leaves this machine. "
                "Press e to switch or add an environment.",
                title="Built-in sandbox",
                timeout=6,
            )

    def _open_customer_list(self) -> None:
        self.push_screen(CustomerListScreen())

    def _bars(self) -> list[EnvironmentBar]:
        """The environment bar of every screen in the stack (each full screen composes its own)."""
        return [bar for screen in self.screen_stack for bar in screen.query(EnvironmentBar)]

    def sync_environment_bar(self, bar: EnvironmentBar) -> None:
        """Show the current environment and budget in ``bar`` (called when a bar mounts)."""
        bar.environment_name = self.environment.name
        bar.production = self.environment.is_production
        bar.sandbox = self.environment.is_sandbox
        bar.read_only = self.session.read_only
        backend = self.session.backend
        bar.vendor = "" if backend.kind == "fusebill" else backend.label
        rate_limit = self.session.backend.rate_limit
        bar.budget = budget_text(rate_limit)
        bar.budget_note = pause_note(rate_limit)

    def _show_environment(self) -> None:
        for bar in self._bars():
            self.sync_environment_bar(bar)
        self.sub_title = self.environment.name

    def refresh_budget(self) -> None:
        """Show the latest request budget in every title bar (also called every second)."""
        rate_limit = self.session.backend.rate_limit
        text, note = budget_text(rate_limit), pause_note(rate_limit)
        for bar in self._bars():
            bar.budget = text
            bar.budget_note = note

    def set_location(self, text: str) -> None:
        """Say in the current screen's title bar where the user is (e.g. the open customer)."""
        for bar in self.screen.query(EnvironmentBar):
            bar.location = text

    # Errors ----------------------------------------------------------------

    def report_error(self, error: BaseException, *, title: str = "Something went wrong") -> None:
        """Show a failure as a notification; the app always stays up."""
        self.notify(describe(error, secret=self.secrets()), title=title, severity="error", timeout=10)

    def secrets(self) -> tuple[str, ...]:
        """What no message may show in this environment (its API key)."""
        return secrets_of(self.environment)

    # Changes ---------------------------------------------------------------

    def refuse_if_read_only(self, what: str) -> bool:
        """Say so and return True when ``what`` may not be done in this environment."""
        if not self.session.read_only:
            return False
        self.notify(
            f"{what} was not sent: {self.environment.name} is read-only.",
            title="Read-only environment",
            severity="warning",
        )
        return True

    def perform(
        self,
        what: str,
        action: Callable[[Session], Awaitable[T]],
        *,
        success: str | Callable[[T], str],
        then: Callable[[T], Any] | None = None,
    ) -> None:
        """Run a change that no dialog waits for on the app, then refresh and say so (see ``flows.change``)."""
        from fusebill_tui.tui.flows.change import ChangeFlow

        ChangeFlow(self).send(what, action, success=success, then=then)

    def refresh_screens(self) -> None:
        """Ask every screen in the stack to reload what it shows (from the cache when still valid)."""
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if reload is not None:
                reload()

    # Actions ---------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        from fusebill_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_switch_environment(self) -> None:
        """Choose another environment."""
        from fusebill_tui.tui.dialogs.environment_picker import EnvironmentPicker

        def chosen(environment: Environment | None) -> None:
            if environment is not None:
                self.switch_environment(environment)

        self.push_screen(EnvironmentPicker(self.config, self.environment, self.used_kinds), chosen)

    def switch_environment(self, environment: Environment) -> None:
        """Drop everything from the current environment and open the customer list of another."""
        try:
            session = self._open_session(environment)
        except Exception as error:  # an unusable environment: stay where the user was, say why
            self.notify(f"Could not open {environment.name}: {describe(error, secret=secrets_of(environment))}",
                        title="Environment", severity="error", timeout=10)
            return
        old = self.session
        self.workers.cancel_all()
        self.environment = environment
        self.session = session
        self.used_kinds.add(session.backend.kind)
        kept_on_view = self.kept_customer_screen in self.screen_stack
        while len(self.screen_stack) > 1:
            self.pop_screen()
        # Built for the old backend's tabs and keys. Popped just now, the pop removes it once it is uninstalled.
        self.drop_kept_customer_screen(remove=not kept_on_view)
        self._show_environment()
        self.set_location("")
        self._open_customer_list()
        self._close_session(old)
        self.notify(f"Now browsing {environment.name}.", title="Environment")

    def drop_kept_customer_screen(self, *, remove: bool = True) -> None:
        """Forget the kept customer screen (not on the screen stack); ``remove``: remove it too."""
        kept, self.kept_customer_screen = self.kept_customer_screen, None
        if kept is not None:
            self.uninstall_screen(kept)
            if remove and kept.is_attached:
                kept.remove()

    @work(group="close", exit_on_error=False)
    async def _close_session(self, session: Session) -> None:
        await session.aclose()

    def on_unmount(self) -> None:
        """No hold on the garbage collector outlives the app (a customer screen may still be filling)."""
        release_all()

    async def action_quit(self) -> None:
        """Quit cleanly, cancelling requests in flight."""
        self.workers.cancel_all()
        await self.session.aclose()
        self.exit()


def run(config: Config, environment: Environment) -> None:
    """Run the app in the terminal until the user quits (the command line uses ``tui.launch.run``)."""
    FusebillApp(config, environment).run()
