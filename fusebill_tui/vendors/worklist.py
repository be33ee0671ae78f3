"""The collections worklist: who to call today, with balances and days until suspension in one list.

A backend lists the candidates (``Backend.worklist_candidates``: customers in poor standing or collection)
and says what each row shows (``Backend.worklist_entry``). Where the list itself carries no figures
(``Capabilities.worklist_overviews``), ``WorklistReader`` reads each candidate's overview in the background,
a few at a time, asking ``core.background.background_verdict`` before every read: it waits while the
minute's reserve (kept for the user's own reads) is reached, and stops past 90 % of the day's budget.

Sorting and filtering work on what has been read so far; rows whose figures have not arrived yet sort last.
No Textual here, and no vendor: the TUI screen and the headless command share all of it.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from fusebill_tui.core.background import background_verdict, minute_reserve

if TYPE_CHECKING:
    from fusebill_tui.vendors.base import Backend
    from fusebill_tui.vendors.views import Customer

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
OverviewReader = Callable[[int], Awaitable[object]]
OnUpdate = Callable[[list["WorklistEntry"], "WorklistProgress"], None]

MAX_FAILURES_IN_A_ROW = 3
"""Overview reads that may fail one after another before the reader gives up (the server is unwell)."""


@dataclass(frozen=True)
class WorklistEntry:
    """One customer on the worklist: who, their statuses, and the figures that rank them.

    ``figures_read`` is False while the figures (balance, days until suspension / cancellation, MRR) are
    still to come from the customer's overview; they are None until then.
    """

    customer_id: int
    name: str
    company: str
    status: str
    account_status: str
    currency: str | None
    balance: Decimal | None
    days_until_suspension: int | None
    days_until_cancellation: int | None
    mrr: Decimal | None
    figures_read: bool


# -- progress ------------------------------------------------------------------------------------


def duration_text(seconds: float) -> str:
    """'40 s', '3 min', '1 h 5 min' (rounded up, so an estimate never promises too little)."""
    whole = max(1, math.ceil(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes = math.ceil(whole / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


@dataclass(frozen=True)
class WorklistProgress:
    """How far the worklist has been read: overviews read of the total, the estimate, any wait or stop."""

    read: int = 0
    total: int = 0
    eta_seconds: float | None = None
    waiting: str = ""  # e.g. "4 requests left this minute, kept for you: resuming in 20 s"
    stopped: str = ""  # e.g. "daily budget 91 % used: background reads stopped"
    done: bool = False
    listing: bool = False  # still listing the candidates (the total may grow)
    failed: int = 0  # overviews that could not be read (their rows keep empty figures)

    def line(self) -> str:
        """'34 of 120 read · about 40 s left at this rate limit' (with the wait or the stop when set)."""
        if self.listing:
            parts = [f"listing customers\N{HORIZONTAL ELLIPSIS} {self.total:,} so far"]
        elif self.total == 0 and self.done:
            parts = ["no customers in poor standing or collection"]
        else:
            parts = [f"{self.read:,} of {self.total:,} read"]
        if self.failed:
            parts.append(f"{self.failed:,} could not be read")
        if self.stopped:
            parts.append(self.stopped)
            return " \N{MIDDLE DOT} ".join(parts)
        if not self.done and not self.listing and self.eta_seconds is not None and self.read < self.total:
            parts.append(f"about {duration_text(self.eta_seconds)} left at this rate limit")
        if self.waiting:
            parts.append(self.waiting)
        return " \N{MIDDLE DOT} ".join(parts)


# -- sorting and filtering -------------------------------------------------------------------------

_LAST = 10**9


def _fold(text: str) -> str:
    return text.casefold()


def _by_suspension(entry: WorklistEntry) -> tuple[Any, ...]:
    days = entry.days_until_suspension
    balance = entry.balance if entry.balance is not None else Decimal("-Infinity")
    return (not entry.figures_read, days is None, days if days is not None else _LAST, -balance,
            _fold(entry.name), entry.customer_id)


def _by_balance(entry: WorklistEntry) -> tuple[Any, ...]:
    balance = entry.balance if entry.balance is not None else Decimal("-Infinity")
    return (not entry.figures_read, entry.balance is None, -balance, _fold(entry.name), entry.customer_id)


def _by_cancellation(entry: WorklistEntry) -> tuple[Any, ...]:
    days = entry.days_until_cancellation
    balance = entry.balance if entry.balance is not None else Decimal("-Infinity")
    return (not entry.figures_read, days is None, days if days is not None else _LAST, -balance,
            _fold(entry.name), entry.customer_id)


def _by_name(entry: WorklistEntry) -> tuple[Any, ...]:
    return (_fold(entry.name) or "\uffff", _fold(entry.company), entry.customer_id)


def _by_mrr(entry: WorklistEntry) -> tuple[Any, ...]:
    mrr = entry.mrr if entry.mrr is not None else Decimal("-Infinity")
    return (not entry.figures_read, entry.mrr is None, -mrr, _fold(entry.name), entry.customer_id)


SortKey = Callable[[WorklistEntry], tuple[Any, ...]]

SORTS: Mapping[str, SortKey] = MappingProxyType({
    "suspension": _by_suspension,
    "balance": _by_balance,
    "cancellation": _by_cancellation,
    "name": _by_name,
    "mrr": _by_mrr,
})
"""Sort name -> key, in the order the screen cycles through them. Unread rows sort last (but by name)."""

SORT_LABELS: Mapping[str, str] = MappingProxyType({
    "suspension": "days until suspension, then balance",
    "balance": "balance, highest first",
    "cancellation": "days until cancellation, then balance",
    "name": "name",
    "mrr": "MRR, highest first",
})

DEFAULT_SORT = "suspension"


def sort_entries(entries: Iterable[WorklistEntry], sort: str = DEFAULT_SORT) -> list[WorklistEntry]:
    """``entries`` in the order of ``SORTS[sort]`` (a KeyError names an unknown sort)."""
    return sorted(entries, key=SORTS[sort])


@dataclass(frozen=True)
class WorklistFilter:
    """Narrowing by currency, minimum balance and "suspends within N days" (of what has been read)."""

    currency: str | None = None
    min_balance: Decimal | None = None
    within_days: int | None = None

    @property
    def active(self) -> bool:
        """Whether anything is narrowed."""
        return self.currency is not None or self.min_balance is not None or self.within_days is not None

    def matches(self, entry: WorklistEntry) -> bool:
        """Whether ``entry`` passes. Rows whose figures are not read yet pass only an empty filter."""
        if not self.active:
            return True
        if self.currency is not None and (entry.currency or "").upper() != self.currency.upper():
            return False
        if (self.min_balance is not None or self.within_days is not None) and not entry.figures_read:
            return False
        if self.min_balance is not None and (entry.balance is None or entry.balance < self.min_balance):
            return False
        days = entry.days_until_suspension
        return self.within_days is None or (days is not None and days <= self.within_days)

    def apply(self, entries: Iterable[WorklistEntry]) -> list[WorklistEntry]:
        """The entries that pass, in their order."""
        return [entry for entry in entries if self.matches(entry)]

    def describe(self, *, complete: bool = False) -> str:
        """'CAD · balance at least 100.00 · suspends within 7 days (of the customers read so far)', or ''.

        ``complete``: every candidate's figures were read, so the filter is no longer partial and says nothing more.
        """
        parts = []
        if self.currency is not None:
            parts.append(self.currency.upper())
        if self.min_balance is not None:
            parts.append(f"balance at least {self.min_balance:,f}")
        if self.within_days is not None:
            parts.append(f"suspends within {self.within_days} day{'s' if self.within_days != 1 else ''}")
        if not parts:
            return ""
        return " \N{MIDDLE DOT} ".join(parts) + ("" if complete else " (of the customers read so far)")


# -- the reader ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Budget:
    """The latest reported budget, less the requests this reader has in flight (not yet counted by it)."""

    limit_minute: int | None
    remaining_minute: int | None
    reset_minute: datetime | None
    limit_day: int | None
    remaining_day: int | None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _budget(rate_limit: object | None, in_flight: int) -> _Budget | None:
    if rate_limit is None:
        return None
    remaining_minute = _int(getattr(rate_limit, "remaining_minute", None))
    remaining_day = _int(getattr(rate_limit, "remaining_day", None))
    reset = getattr(rate_limit, "reset_minute", None)
    return _Budget(
        limit_minute=_int(getattr(rate_limit, "limit_minute", None)),
        remaining_minute=None if remaining_minute is None else remaining_minute - in_flight,
        reset_minute=reset if isinstance(reset, datetime) else None,
        limit_day=_int(getattr(rate_limit, "limit_day", None)),
        remaining_day=None if remaining_day is None else remaining_day - in_flight,
    )


@dataclass
class _State:
    entries: list[WorklistEntry] = field(default_factory=list)
    index: dict[int, int] = field(default_factory=dict)
    customers: dict[int, Customer] = field(default_factory=dict)
    read: int = 0
    failed: int = 0
    failures_in_a_row: int = 0
    waiting: str = ""
    stopped: str = ""
    listing: bool = True
    done: bool = False
    started: float | None = None
    in_flight: int = 0
    probing: bool = False  # a read went past a reset the local clock says is over, to learn the new budget
    probe_pause: float = 1.0  # the pause before the next such read when the last one found no new minute


class WorklistReader:
    """Lists every candidate, then reads the overviews a few at a time under the background budget.

    ``read_overview``: the session's cached overview loader in the TUI (so the customer screen reuses what
    was read here), the backend's own in the headless command. ``on_update`` is called with every entry so
    far (in listing order: sort them with ``SORTS``) and the progress, after each page and each overview.
    """

    def __init__(self, backend: Backend, *, read_overview: OverviewReader, sleep: Sleep = asyncio.sleep,
                 clock: Clock = time.time, page_size: int = 100, concurrency: int = 2) -> None:
        self.backend = backend
        self.read_overview = read_overview
        self.sleep = sleep
        self.clock = clock
        self.page_size = max(1, page_size)
        self.concurrency = max(1, concurrency)
        self._state = _State()

    # -- what the caller sees ----------------------------------------------------------------

    @property
    def entries(self) -> list[WorklistEntry]:
        """Every entry so far, in listing order."""
        return list(self._state.entries)

    def progress(self) -> WorklistProgress:
        """Where the reading stands now."""
        s = self._state
        needs = self.backend.capabilities.worklist_overviews
        read = s.read if needs else len(s.entries)
        return WorklistProgress(read=read, total=len(s.entries), eta_seconds=self._eta(),
                                waiting=s.waiting, stopped=s.stopped, done=s.done, listing=s.listing,
                                failed=s.failed)

    def _eta(self) -> float | None:
        """Seconds left: the observed pace, but never faster than the minute's background budget allows."""
        s = self._state
        left = len(s.entries) - s.read - s.failed
        if left <= 0 or not self.backend.capabilities.worklist_overviews:
            return None
        now = self.clock()
        estimates: list[float] = []
        if s.started is not None and s.read >= 2 and now > s.started:
            estimates.append(left / (s.read / (now - s.started)))
        rate_limit = self.backend.rate_limit
        limit = _int(getattr(rate_limit, "limit_minute", None))
        if limit is not None:
            reserve = minute_reserve(limit)
            per_minute = max(1, limit - reserve)
            remaining = _int(getattr(rate_limit, "remaining_minute", None))
            reset = getattr(rate_limit, "reset_minute", None)
            spend_now = max(0, remaining - reserve) if remaining is not None else per_minute
            if left > spend_now:
                until_reset = 60.0
                if isinstance(reset, datetime):
                    until_reset = max(0.0, reset.timestamp() - now)
                estimates.append(until_reset + 60.0 * ((left - spend_now - 1) // per_minute))
        return max(estimates) if estimates else None

    def _notify(self, on_update: OnUpdate) -> None:
        on_update(list(self._state.entries), self.progress())

    # -- reading -------------------------------------------------------------------------------

    async def run(self, on_update: OnUpdate) -> tuple[list[WorklistEntry], WorklistProgress]:
        """List the candidates, then read their figures; returns the entries (listing order) and the progress."""
        s = self._state
        await self._list(on_update)
        s.listing = False
        self._notify(on_update)
        if self.backend.capabilities.worklist_overviews and not s.stopped:
            queue: asyncio.Queue[int] = asyncio.Queue()
            for entry in s.entries:
                if not entry.figures_read:
                    queue.put_nowait(entry.customer_id)
            s.started = self.clock()
            workers = [asyncio.ensure_future(self._worker(queue, on_update)) for _ in range(self.concurrency)]
            try:
                await asyncio.gather(*workers)
            finally:
                for worker in workers:
                    worker.cancel()
        s.done = True
        s.waiting = ""
        self._notify(on_update)
        return list(s.entries), self.progress()

    async def _list(self, on_update: OnUpdate) -> None:
        """Every candidate page, with a stable order and duplicates dropped by id; pages after the first wait
        for the background budget like the overviews do."""
        s = self._state
        page_number = 0
        while True:
            if page_number > 0 and not await self._may_read(on_update):
                return
            page = await self.backend.worklist_candidates(page_number, self.page_size)
            for customer in page.items:
                entry = self.backend.worklist_entry(customer, None)
                if entry.customer_id in s.index:
                    continue
                s.index[entry.customer_id] = len(s.entries)
                s.customers[entry.customer_id] = customer
                s.entries.append(entry)
            self._notify(on_update)
            if len(page.items) < self.page_size or not page.has_next:
                return
            page_number += 1

    async def _may_read(self, on_update: OnUpdate) -> bool:
        """Wait until a background read may go; False when background reads are stopped (and why is set)."""
        s = self._state
        while True:
            if s.stopped:
                return False
            now = self.clock()
            verdict = background_verdict(_budget(self.backend.rate_limit, s.in_flight),
                                         now=datetime.fromtimestamp(now, UTC))
            if verdict.allowed:
                s.probing, s.probe_pause = False, 1.0
                if s.waiting:
                    s.waiting = ""
                    self._notify(on_update)
                return True
            if verdict.stopped:
                s.stopped = verdict.reason
                self._notify(on_update)
                return False
            wait = verdict.wait_seconds or 0.0
            if wait <= 0 and s.in_flight == 0 and not s.probing:
                # the minute the budget was reported for is over: one read brings the new budget (and if the
                # server's minute is not over yet, a clock apart from the server's, the next try waits)
                s.probing = True
                return True
            if wait > 0:
                s.probing, s.probe_pause = False, 1.0  # a fresh budget with its reset ahead: wait for it
            elif s.in_flight == 0:
                # the probe's answer still says the reserve is reached, with a reset our clock calls past:
                # the clocks disagree. Pause before the next probe, longer each time, so the probes spend
                # only a few of the user's reserve before the server's minute ends
                s.probing = False
                wait = s.probe_pause
                s.probe_pause = min(30.0, s.probe_pause * 2)
            wait = max(wait, 0.25)
            s.waiting = f"{verdict.reason}: resuming in {duration_text(wait)}"
            self._notify(on_update)
            await self.sleep(wait)

    async def _worker(self, queue: asyncio.Queue[int], on_update: OnUpdate) -> None:
        s = self._state
        while not queue.empty() and not s.stopped:
            if not await self._may_read(on_update):
                return
            try:
                customer_id = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            s.in_flight += 1
            try:
                overview = await self.read_overview(customer_id)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one unreadable customer must not end the list
                s.failed += 1
                s.failures_in_a_row += 1
                if s.failures_in_a_row >= MAX_FAILURES_IN_A_ROW and not s.stopped:
                    message = getattr(exc, "user_message", None) or str(exc) or type(exc).__name__
                    s.stopped = f"stopped after {s.failures_in_a_row} failed reads: {message}"
                self._notify(on_update)
                continue
            finally:
                s.in_flight -= 1
            s.failures_in_a_row = 0
            position = s.index[customer_id]
            s.entries[position] = self.backend.worklist_entry(s.customers[customer_id], overview)
            s.read += 1
            self._notify(on_update)
