"""What every customer panel shares: a loading line, an error line with a retry hint, and a worker runner."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from fusebill_tui.core.aging import today_in
from fusebill_tui.core.waits import RetryWait, report_waits_to
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.css import css_beside
from fusebill_tui.tui.early_reads import EarlyRead
from fusebill_tui.tui.errors import describe

if TYPE_CHECKING:
    from textual.worker import Worker

    from fusebill_tui.tui.session import Session


class PanelState(Static):
    """One line saying the panel is loading, or why it failed (plain words) and how to retry."""

    def show_loading(self, what: str) -> None:
        """Say the panel is loading."""
        self.set_classes("-loading")
        self.update(Text(f"Loading {what}…"))
        self.display = True

    def show_waiting(self, what: str, wait: RetryWait, zone: Any = None) -> None:
        """Say the panel is loading and why it waits: 'Loading the invoices… Rate limited, retrying at 14:02:31'."""
        self.set_classes("-loading -waiting")
        text = Text(f"Loading {what}… ")
        text.append(wait.words(zone), style="bold")
        self.update(text)
        self.display = True

    def show_error(self, what: str, error: BaseException, secret: str | tuple[str, ...] | None,
                   zone: Any = None) -> None:
        """Say what failed, in plain words, with the retry key."""
        self.set_classes("-error")
        text = Text(f"Could not load {what}: ", style="bold")
        text.append(describe(error, secret=secret, zone=zone), style="")
        text.append("  Press r to retry.", style="italic")
        self.update(text)
        self.display = True

    def clear(self) -> None:
        """Hide the line once the data is shown."""
        self.set_classes("")
        self.update("")
        self.display = False


class CustomerPanel(Vertical):
    """A panel showing one kind of data about one customer, loaded by its own worker."""

    DEFAULT_CSS = css_beside(__file__)

    #: What the panel shows, in words ("the invoices").
    WHAT: ClassVar[str] = "the data"

    class Loaded(Message):
        """A panel's data arrived (the screen uses some of it: the header, the address form)."""

        def __init__(self, panel: CustomerPanel, data: Any) -> None:
            super().__init__()
            self.panel = panel
            self.data = data

    def __init__(self, customer_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.customer_id = customer_id
        self.data: Any = None
        self.error: BaseException | None = None
        self._early: EarlyRead | None = None
        self._reading = False  # a read is under way (its retry waits are said in the state line)
        self._waiting: RetryWait | None = None  # the retry that read waits for

    def compose(self) -> ComposeResult:
        """The state line, then the panel's own content."""
        yield PanelState()
        yield from self.compose_content()

    def compose_content(self) -> ComposeResult:
        """The widgets that show the data (subclasses)."""
        yield from ()

    def on_mount(self) -> None:
        """Start loading at once."""
        self.reload()

    def reload(self) -> None:
        """Re-read the data (through the session cache) in this panel's own worker."""
        self.load()

    def load(self) -> Worker[None]:  # pragma: no cover - every panel defines its own worker
        """Start the panel's worker (each panel decorates its own with ``@work``)."""
        raise NotImplementedError

    def read(self, session: Session) -> Awaitable[Any]:  # pragma: no cover - every panel defines its read
        """What the panel shows, read through the session (subclasses)."""
        raise NotImplementedError

    def show_wait(self, wait: RetryWait | None) -> None:
        """Hear this panel's read wait to be sent again (None: sent again) and say so while it waits."""
        self._waiting = wait
        if self.is_mounted and self._reading:
            self._show_reading()

    def _show_reading(self) -> None:
        """The state line while a read is under way: why it waits, else 'Loading…' (nothing over shown data)."""
        state = self.query_one(PanelState)
        if self._waiting is not None:
            state.show_waiting(self.WHAT, self._waiting, display_zone(self.app))
        elif self.data is None:
            state.show_loading(self.WHAT)
        else:
            state.clear()

    def take_over(self, early: EarlyRead) -> None:
        """Show ``early`` (this panel's read, started before the panel mounted) on the first load."""
        self._early = early

    @property
    def loading_done(self) -> bool:
        """Whether the panel shows data or an error (not loading)."""
        return self.data is not None or self.error is not None

    async def run_load(self, fetch: Callable[[Session], Awaitable[Any]]) -> None:
        """Fetch with the app's session, then show the data or the error in this panel."""
        state = self.query_one(PanelState)
        session = fusebill_app(self).session
        early, self._early = self._early, None  # only the first load: a retry reads again
        if early is None:
            self._waiting = None
        self._reading = True
        self._show_reading()  # an early read may already be waiting
        try:
            if early is not None and early.session is session:
                data = await early.outcome()
            else:
                with report_waits_to(self.show_wait):
                    data = await fetch(session)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # shown in the panel; the app and other panels carry on
            if session is not fusebill_app(self).session:
                return
            self.error = error
            self.data = None
            self.clear_content()
            state.show_error(self.WHAT, error, fusebill_app(self).secrets(), display_zone(self.app))
            return
        finally:
            self._reading = False
            self._waiting = None
        if session is not fusebill_app(self).session:
            return
        self.error = None
        self.data = data
        state.clear()
        self.show(data)
        self.post_message(self.Loaded(self, data))

    def show(self, data: Any) -> None:
        """Render the data (subclasses)."""

    def clear_content(self) -> None:
        """Hide what was shown: after a failure, and before another customer is shown (subclasses)."""

    def switch_to(self, customer_id: int) -> None:
        """Read ``customer_id`` from now on (a kept screen refilled): the last customer's data, error and
        reads are forgotten, and nothing is drawn yet (``blank`` does that, once the new reads are out)."""
        self.customer_id = customer_id
        self.data = None
        self.error = None
        self._early = None
        self._reading = False
        self._waiting = None

    def blank(self) -> None:
        """Nothing of the last customer on view or in reach of a key; say loading until the next load shows."""
        self.clear_content()
        for scroll in self.query(ScrollableContainer):
            scroll.scroll_home(animate=False)
        self.query_one(PanelState).show_loading(self.WHAT)


class PanelTable(DataTable[Any]):
    """A row-cursor table with the vi keys (j/k, g/G) the rest of the app uses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="table_down", tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, id="table_up", tooltip="Previous row"),
        Binding("g", "scroll_top", "First", show=False, id="table_first", tooltip="First row"),
        Binding("G", "scroll_bottom", "Last", show=False, id="table_last", tooltip="Last row"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)


def display_zone(app: Any) -> Any:
    """The time zone the environment asks for (config ``timezone``), or None for the local one."""
    name = getattr(getattr(app, "environment", None), "timezone", None)
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def display_today(app: Any) -> date:
    """Today in the environment's zone, by the app's clock (the real one unless a test set another)."""
    clock = getattr(app, "clock", None)
    return today_in(display_zone(app), clock() if callable(clock) else None)
