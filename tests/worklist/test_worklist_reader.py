"""The worklist reader against the sandbox: which customers, in which order, with which figures, and how it
keeps to the rate-limit budget (checked on the sandbox's request log)."""

from __future__ import annotations

import asyncio
import itertools
import re
from decimal import Decimal

import pytest

from fusebill_tui.core.background import minute_reserve
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings
from fusebill_tui.vendors.worklist import (
    SORTS,
    WorklistEntry,
    WorklistFilter,
    WorklistProgress,
    WorklistReader,
    sort_entries,
)


def candidates(sandbox) -> list[int]:
    """The sandbox's customers in poor standing or collection, active or on hold, by id."""
    return sorted(
        cid for cid in sandbox.store.customer_ids()
        if sandbox.store.customer(cid)["customerAccountStatus"] in ("PoorStanding", "Collection")
        and sandbox.store.customer(cid)["status"] in ("Active", "Hold")
    )


def overview_requests(sandbox) -> list:
    return [r for r in sandbox.request_log if r.path.lower().endswith("/overview")]


def reader(backend, sleep, clock, **options) -> WorklistReader:
    return WorklistReader(backend, read_overview=lambda cid: backend.overview(cid, backend.customer),
                          sleep=sleep, clock=clock, **options)


async def test_it_lists_the_candidates_then_fills_every_row_with_its_overview_figures(
        backend, sandbox, sleep, clock) -> None:
    updates: list[tuple[list[WorklistEntry], WorklistProgress]] = []
    entries, progress = await reader(backend, sleep, clock).run(lambda e, p: updates.append((e, p)))
    expected = candidates(sandbox)
    assert len(expected) >= 24  # the sandbox gives the worklist dozens of rows
    assert sorted(e.customer_id for e in entries) == expected
    assert progress.done and progress.read == progress.total == len(expected) and not progress.stopped
    # one list request with the documented query, then one Overview per candidate
    lists = [r for r in sandbox.request_log if r.path.endswith("/customers")]
    assert len(lists) == 1
    assert "query=AccountStatus:PoorStanding,Collection;Status:Active,Hold" in lists[0].raw_query
    assert sorted(int(r.path.split("/")[-2]) for r in overview_requests(sandbox)) == expected
    # the rows appeared first with empty figures, then filled in one by one
    first_entries, first_progress = updates[0]
    assert first_entries and not any(e.figures_read for e in first_entries)
    assert first_progress.read == 0
    assert [p.read for _, p in updates if not p.listing] == sorted(p.read for _, p in updates if not p.listing)
    for entry in entries:
        overview = sandbox.store.overview(entry.customer_id)
        assert entry.figures_read
        assert entry.balance == Decimal(str(overview["arBalance"]))
        assert entry.days_until_suspension == overview["daysUntilSuspension"]
        assert entry.days_until_cancellation == overview["daysUntilCancellation"]
        assert entry.mrr == Decimal(str(overview["monthlyRecurringRevenue"]))
        assert entry.currency == overview["currency"]
        assert entry.account_status == overview["customerAccountStatus"]
    assert len({e.currency for e in entries}) > 1


async def test_the_default_order_is_soonest_suspension_then_highest_balance(backend, sleep, clock) -> None:
    entries, _ = await reader(backend, sleep, clock).run(lambda e, p: None)
    ordered = sort_entries(entries)
    assert next(iter(SORTS)) == "suspension"
    days = [e.days_until_suspension for e in ordered]
    known = [d for d in days if d is not None]
    assert known == sorted(known) and days[len(known):] == [None] * (len(days) - len(known))
    assert len(set(known)) > 5  # a spread of days
    for a, b in itertools.pairwise(ordered):
        if a.days_until_suspension == b.days_until_suspension:
            assert (a.balance or 0) >= (b.balance or 0)
    by_balance = sort_entries(entries, "balance")
    assert [e.balance for e in by_balance] == sorted((e.balance for e in entries), reverse=True)


def test_unread_rows_sort_last_and_filters_keep_only_what_was_read() -> None:
    def entry(cid, days, balance, read=True, currency="CAD"):
        return WorklistEntry(cid, f"N{cid}", "", "Active", "PoorStanding", currency,
                             balance if read else None, days if read else None, None, None, read)

    rows = [entry(1, None, Decimal(5)), entry(2, 3, Decimal(10)), entry(3, 3, Decimal(20)),
            entry(4, 0, Decimal(1), read=False), entry(5, 1, Decimal(1), currency="USD")]
    assert [e.customer_id for e in sort_entries(rows)] == [5, 3, 2, 1, 4]
    narrowing = WorklistFilter(currency="cad", min_balance=Decimal(10), within_days=3)
    assert [e.customer_id for e in narrowing.apply(sort_entries(rows))] == [3, 2]
    assert narrowing.describe() == ("CAD \N{MIDDLE DOT} balance at least 10 \N{MIDDLE DOT} suspends within 3 days"
                                    " (of the customers read so far)")
    assert narrowing.describe(complete=True) == "CAD \N{MIDDLE DOT} balance at least 10 \N{MIDDLE DOT} suspends within 3 days"
    assert WorklistFilter().apply(rows) == rows and WorklistFilter().describe() == ""


def test_the_progress_line_says_how_many_and_how_long() -> None:
    assert WorklistProgress(read=34, total=120, eta_seconds=40).line() == \
        "34 of 120 read \N{MIDDLE DOT} about 40 s left at this rate limit"
    stopped = WorklistProgress(read=34, total=120, stopped="daily budget 91 % used: background reads stopped")
    assert stopped.line() == "34 of 120 read \N{MIDDLE DOT} daily budget 91 % used: background reads stopped"
    assert WorklistProgress(read=120, total=120, eta_seconds=3, done=True).line() == "120 of 120 read"


# --- the budget ------------------------------------------------------------------------------------------


@pytest.fixture
def sandbox_settings(sandbox_clock, request):
    """300 customers (seed 7) at the limits the test asks for (default: a Fusebill sandbox's 50 a minute)."""
    per_minute, per_day = getattr(request, "param", (50, 180_000))
    return SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY, clock=sandbox_clock,
                           per_minute=per_minute, per_day=per_day)


async def test_at_50_a_minute_the_whole_list_is_read_without_a_429_and_the_users_read_goes_through(
        backend, sandbox, sleep, clock) -> None:
    total = len(candidates(sandbox))
    assert total > 50 - minute_reserve(50)  # more than one minute's background budget
    user: list[asyncio.Task] = []
    seen_waiting: list[str] = []

    lines: list[str] = []

    def on_update(entries: list[WorklistEntry], progress: WorklistProgress) -> None:
        lines.append(progress.line())
        if progress.waiting:
            seen_waiting.append(progress.waiting)
        if progress.read == 20 and not user:  # the user opens a customer while the list fills
            user.append(asyncio.ensure_future(backend.customer(sandbox.store.customer_ids()[0])))

    async def read_overview(cid: int) -> object:
        await asyncio.sleep(0)  # the in-process transport never yields; a network read would
        return await backend.overview(cid, backend.customer)

    _entries, progress = await WorklistReader(backend, read_overview=read_overview, sleep=sleep,
                                             clock=clock).run(on_update)
    customer = await user[0]
    assert customer.id == sandbox.store.customer_ids()[0]
    assert progress.read == total and not progress.stopped
    assert [r for r in sandbox.request_log if r.status == 429] == []
    # the reads waited for the minute's reset (the reserve was kept), and said so
    assert sleep.calls and seen_waiting and "kept for you" in seen_waiting[0]
    # while it waits, the line says how long the rest takes at this limit (a minute's wait and a bit)
    waiting_line = next(line for line in lines if "kept for you" in line)
    assert re.fullmatch(rf"\d+ of {total} read \N{{MIDDLE DOT}} about 1 min left at this rate limit "
                        r"\N{MIDDLE DOT} 10 requests left this minute, kept for you: resuming in 1 min", waiting_line)
    # the user's request went out while the worklist was filling, not after it
    log = sandbox.request_log
    user_at = next(i for i, r in enumerate(log) if r.path.endswith(f"/customers/{customer.id}"))
    last_overview = max(i for i, r in enumerate(log) if r.path.lower().endswith("/overview"))
    assert user_at < last_overview


@pytest.mark.parametrize("sandbox_settings", [(1000, 40)], indirect=True)
async def test_past_90_percent_of_the_day_background_reads_stop_and_say_so(
        backend, sandbox, sleep, clock) -> None:
    total = len(candidates(sandbox))
    entries, progress = await reader(backend, sleep, clock).run(lambda e, p: None)
    used = len(sandbox.request_log)
    assert used <= 37  # 90 % of 40 is 36: one more takes it past, and nothing goes after that
    assert len(overview_requests(sandbox)) == used - 1 < total
    assert progress.stopped == "daily budget 93 % used: background reads stopped"
    assert progress.read == used - 1 and progress.total == total
    assert "background reads stopped" in progress.line()
    assert sum(e.figures_read for e in entries) == progress.read
    # what the user asks for still goes
    assert (await backend.customer(entries[0].customer_id)).id == entries[0].customer_id


async def test_an_overview_that_cannot_be_read_leaves_its_row_empty_and_the_rest_are_read(
        backend, sandbox, sleep, clock) -> None:
    gone = candidates(sandbox)[3]
    sandbox.faults.fail_next(404, path=f"/customers/{gone}/overview")
    entries, progress = await reader(backend, sleep, clock).run(lambda e, p: None)
    assert progress.failed == 1 and progress.read == progress.total - 1 and not progress.stopped
    assert [e.customer_id for e in entries if not e.figures_read] == [gone]
    assert progress.line() == f"{progress.read} of {progress.total} read \N{MIDDLE DOT} 1 could not be read"


async def test_a_server_failing_every_read_stops_the_worklist_and_says_why(backend, sandbox, sleep, clock) -> None:
    sandbox.faults.fail_next(404, count=1000, path="/customers/*/overview")
    _entries, progress = await reader(backend, sleep, clock).run(lambda e, p: None)
    assert progress.stopped.startswith("stopped after 3 failed reads: ")
    assert progress.read == 0 and len(overview_requests(sandbox)) <= 4  # three in a row, and one in flight


async def test_a_local_clock_ahead_of_the_servers_still_keeps_the_reserve(
        sandbox_transport, sandbox, sandbox_clock, sleep) -> None:
    from fusebill_tui.vendors import backend_for_client
    from fusebill_tui.vendors.fusebill import FusebillClient

    def ahead() -> float:  # this machine's clock runs 30 s ahead of the server's
        return sandbox_clock().timestamp() + 30

    async with FusebillClient("https://sandbox.invalid/v1", DEFAULT_API_KEY, transport=sandbox_transport,
                              sleep=sleep, clock=ahead) as client:
        backend = backend_for_client(client)
        _entries, progress = await reader(backend, sleep, ahead).run(lambda e, p: None)
    assert progress.read == progress.total == len(candidates(sandbox))
    assert [r for r in sandbox.request_log if r.status == 429] == []
