"""The collections worklist screen, driven with Pilot against the real sandbox and the real reader: the order
and figures against the sandbox's records, the progress line, the cursor kept while rows arrive, the overview
cache shared with the customer screen, Enter / Escape, filters, and ChargeOver."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import unquote

import pytest

from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings
from fusebill_tui.tui.dialogs.worklist_filter import WorklistFilterDialog, parse_filter
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.worklist import WorklistScreen
from fusebill_tui.tui.text import money

CANDIDATE_STATUSES = ("Active", "Hold")
CANDIDATE_ACCOUNT_STATUSES = ("PoorStanding", "Collection")


def stored_candidates(sandbox) -> dict[int, dict]:
    """The sandbox's own answer: every customer the worklist must list, with its overview."""
    return {c["id"]: sandbox.store.overview(c["id"]) for c in sandbox.store.iter_customers()
            if c["status"] in CANDIDATE_STATUSES and c["customerAccountStatus"] in CANDIDATE_ACCOUNT_STATUSES}


def cells(screen: WorklistScreen, customer_id: int) -> dict[str, str]:
    table = screen.table
    row = table.get_row(str(customer_id))
    return {str(key.value): text.plain for key, text in zip(table.columns, row, strict=True)}


async def open_worklist(pilot, wait_until) -> WorklistScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
    await pilot.press("w")
    await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen))
    screen = app.screen
    assert isinstance(screen, WorklistScreen)
    return screen


def overview_requests(sandbox, customer_id: int, start: int = 0) -> int:
    return sum(1 for r in sandbox.request_log[start:]
               if r.method == "GET" and r.path.lower().rstrip("/").endswith(f"/customers/{customer_id}/overview"))


async def test_order_figures_and_progress_against_the_sandbox(make_app, sandbox, wait_until):
    expected = stored_candidates(sandbox)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        shown = [e.customer_id for e in screen.shown]
        assert sorted(shown) == sorted(expected)
        assert [screen.table.get_row_at(i) for i in range(len(shown))]  # every row is in the table
        # Soonest suspension first, then the largest balance (customers without a date last).
        keys = [(expected[i]["daysUntilSuspension"] is None, expected[i]["daysUntilSuspension"] or 0,
                 -Decimal(str(expected[i]["arBalance"]))) for i in shown]
        assert keys == sorted(keys)
        for customer_id in shown[:10]:
            stored = expected[customer_id]
            row = cells(screen, customer_id)
            assert row["balance"] == money(Decimal(str(stored["arBalance"])), stored["currency"])
            days = stored["daysUntilSuspension"]
            expected_days = "—" if days is None else "today" if days <= 0 else "1 day" if days == 1 else f"{days} days"
            assert row["suspension"] == expected_days
            assert row["account_status"] == stored["customerAccountStatus"]
            assert row["status"] == stored["status"]
        assert screen.progress_text == f"{len(expected)} of {len(expected)} read"
        assert f"{len(expected)} customers · sorted by days until suspension, then balance" in screen.filter_text
        # One overview for each candidate, never two.
        assert all(overview_requests(sandbox, i) == 1 for i in expected)


def record_updates(monkeypatch, also=None) -> list[tuple[str, int | None, int]]:
    """Every (progress line, highlighted id, cursor row) the screen showed, one per update of the reader.

    In-process reads arrive faster than a test can press keys between them; ``also(screen)`` runs after each
    update is shown, where a user's key would land.
    """
    seen: list[tuple[str, int | None, int]] = []
    original = WorklistScreen._arrived

    def arrived(self, entries, progress):
        original(self, entries, progress)
        seen.append((self.progress_text, self.highlighted_id(), self.table.cursor_row))
        if also is not None:
            also(self)

    monkeypatch.setattr(WorklistScreen, "_arrived", arrived)
    return seen


async def test_progress_line_while_filling(make_app, sandbox, sandbox_clock, wait_until, monkeypatch):
    total = len(stored_candidates(sandbox))
    # A second passes with every answer (the sandbox's clock is the app's): the pace gives the estimate.
    seen = record_updates(monkeypatch, lambda _screen: sandbox_clock.advance(1))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
    lines = [line for line, _id, _row in seen]
    assert lines[0] == f"listing customers… {total} so far"
    filling = [line for line in lines if line.startswith(f"10 of {total} read")]
    assert filling and filling[0].startswith(f"10 of {total} read · about ")
    assert filling[0].endswith(" left at this rate limit")
    assert lines[-1] == f"{total} of {total} read"


async def test_cursor_stays_on_its_customer_while_rows_arrive(make_app, wait_until, monkeypatch):
    moved: list[int | None] = []

    def user_moves_once_reads_begin(screen: WorklistScreen) -> None:
        progress = screen.progress
        if not moved and progress is not None and not progress.listing and progress.read >= 1:
            screen.table.move_cursor(row=5, animate=False)  # the user's down key, between two answers
            moved.append(screen.highlighted_id())

    seen = record_updates(monkeypatch, user_moves_once_reads_begin)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        chosen = moved[0]
        assert chosen is not None
        after = [(customer_id, row) for _line, customer_id, row in seen[seen.index(next(
            s for s in seen if s[1] == chosen)):]]
        assert {customer_id for customer_id, _row in after} == {chosen}  # every update kept it
        assert len({row for _id, row in after}) > 1  # while its row moved
        assert screen.highlighted_id() == chosen
        assert [e.customer_id for e in screen.shown].index(chosen) == screen.table.cursor_row


async def test_opening_a_customer_reuses_the_overview_and_escape_keeps_the_row(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        for _ in range(3):
            await pilot.press("down")
        chosen = screen.highlighted_id()
        assert chosen is not None
        start = len(sandbox.request_log)
        before = [e.customer_id for e in screen.shown]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen))
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen) and detail.customer_id == chosen
        await wait_until(pilot, lambda: detail.loaded)
        assert overview_requests(sandbox, chosen, start) == 0  # read by the worklist, shown from the cache
        assert overview_requests(sandbox, chosen) == 1
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert [e.customer_id for e in screen.shown] == before, (before[:12], [e.customer_id for e in screen.shown][:12])
        assert screen.highlighted_id() == chosen and screen.table.cursor_row == 3


async def test_closing_the_worklist_stops_its_reads(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and not screen.progress.listing, attempts=2000)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen))
        await app.workers.wait_for_complete()
        sent = len(sandbox.request_log)
        for _ in range(20):
            await pilot.pause()
        assert len(sandbox.request_log) == sent
        assert not any(w.group == "worklist" and w.is_running for w in app.workers)


async def test_filters_apply_to_what_was_read_and_say_so(make_app, sandbox, wait_until):
    expected = stored_candidates(sandbox)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistFilterDialog))
        await pilot.press("x", "y", "enter")  # not a currency: said beside the field, nothing lost
        dialog = app.screen
        assert isinstance(dialog, WorklistFilterDialog)
        assert "three letters" in str(dialog.query_one("#currency-error").content)
        assert dialog.query_one("#currency").value == "xy"
        await pilot.press("backspace", "backspace", *"cad", "tab", *"100", "tab", *"10", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        wanted = {i for i, o in expected.items() if o["currency"] == "CAD" and Decimal(str(o["arBalance"])) >= 100
                  and o["daysUntilSuspension"] is not None and o["daysUntilSuspension"] <= 10}
        assert {e.customer_id for e in screen.shown} == wanted
        assert screen.filter_text.startswith(f"{len(wanted)} of {len(expected)} read shown · CAD · balance at least 100")
        assert "suspends within 10 days" in screen.filter_text
        await pilot.press("c")
        assert len(screen.shown) == len(expected)


def test_bad_filter_input_is_named_per_field():
    worklist_filter, errors = parse_filter("usd", "-5", "soon")
    assert worklist_filter is None and set(errors) == {"min-balance", "within-days"}
    worklist_filter, errors = parse_filter(" usd ", "1,250.50", "7")
    assert errors == {} and worklist_filter is not None
    assert (worklist_filter.currency, worklist_filter.min_balance, worklist_filter.within_days) == (
        "USD", Decimal("1250.50"), 7)


async def test_sorts_are_one_key_away(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        await pilot.press("2")
        balances = [e.balance for e in screen.shown]
        assert balances == sorted(balances, reverse=True) and "sorted by balance" in screen.filter_text
        await pilot.press("4")
        names = [e.name.casefold() for e in screen.shown]
        assert names == sorted(names)
        await pilot.press("s")  # the next after name
        assert "MRR" in screen.filter_text
        await pilot.press("1")
        assert "days until suspension" in screen.filter_text


async def test_chargeover_worklist_from_its_list(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        await app.workers.wait_for_complete()
        start = len(co_sandbox.request_log)
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        assert screen.shown and all(e.figures_read for e in screen.shown)
        listed = [r for r in co_sandbox.request_log if "active-overdue" in unquote(r.raw_query)]
        assert listed and all("customer_status_str:EQUALS:active-overdue" in unquote(r.raw_query) for r in listed)
        # Its balances come with the list: no read per customer (one list read, nothing else).
        assert len(co_sandbox.request_log) - start == len(listed)
        balances = [e.balance for e in screen.shown]
        assert all(b is not None for b in balances) and balances == sorted(balances, reverse=True)  # type: ignore[type-var]
        assert screen.progress_text == f"{len(balances)} of {len(balances)} read"
        chosen = screen.highlighted_id()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.highlighted_id() == chosen


async def test_chargeover_worklist_shows_and_offers_only_what_chargeover_tells(make_co_app, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        headers = [column.label.plain for column in screen.table.columns.values()]
        assert headers == ["Name", "Company", "Status", "AR balance", "MRR"]  # no columns of dashes
        assert screen.filter_text.endswith("sorted by balance, highest first")
        await pilot.press("s")
        assert screen.filter_text.endswith("sorted by name")
        await pilot.press("s", "s")
        assert screen.filter_text.endswith("sorted by balance, highest first")  # round: balance, name, MRR
        await pilot.press("1")  # the Fusebill key for days until suspension does nothing here
        assert screen.filter_text.endswith("sorted by balance, highest first")
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistFilterDialog))
        assert not app.screen.query("#within-days")  # no field for days ChargeOver does not tell
        await pilot.press(*"usd", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.shown and {e.currency for e in screen.shown} == {"USD"}


async def test_palette_opens_the_worklist(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        from fusebill_tui.tui.commands import open_worklist as palette_command

        palette_command(app)
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen))


async def test_help_documents_the_worklist_keys(make_app, wait_until):
    from fusebill_tui.tui.screens.help import key_rows

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen))
        rows = key_rows(app)
        assert any(r.section == "Customer list" and r.keys == "w" and r.description == "Worklist" for r in rows)
        worklist = {r.description: r.keys for r in rows if r.section == "Worklist"}
        assert worklist["Sort"] == "s" and worklist["Filter"] == "f" and worklist["Clear filter"] == "c"
        assert [worklist[f"Sort by {name}"] for name in ("suspension", "balance", "cancellation", "name", "mrr")] == [
            "1", "2", "3", "4", "5"]


async def test_on_chargeover_the_help_offers_no_sort_or_filter_by_days(make_co_app, wait_until):
    """ChargeOver tells no days until suspension: its worklist keys say nothing of days."""
    from fusebill_tui.tui.screens.help import key_rows

    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen))
        rows = [r for r in key_rows(app) if r.section == "Worklist"]
        assert {r.description: r.keys for r in rows}["Sort"] == "s"
        for row in rows:
            assert "suspen" not in f"{row.description} {row.detail}".lower(), row
            assert "cancellation" not in f"{row.description} {row.detail}".lower(), row
            assert "days" not in row.detail.lower(), row
        sorts = [r.description for r in rows if r.description.startswith("Sort by")]
        assert sorts == ["Sort by balance", "Sort by name", "Sort by mrr"]
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen))
        shown = {binding.binding.id: binding.binding.tooltip for binding in app.screen.active_bindings.values()}
        assert "suspension" not in shown["worklist_sort"] and "suspends" not in shown["worklist_filter"]


@pytest.mark.parametrize("sandbox_settings", [
    SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY, clock=ManualClock(), per_day=60)])
async def test_past_90_percent_of_the_day_the_screen_says_reads_stopped(make_app, sandbox, wait_until):
    total = len(stored_candidates(sandbox))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        await wait_until(pilot, lambda: screen.progress is not None and screen.progress.done)
        assert screen.progress is not None and screen.progress.stopped
        read = screen.progress.read
        assert 0 < read < total
        assert screen.progress_text.startswith(f"{read} of {total} read · daily budget ")
        assert screen.progress_text.endswith("% used: background reads stopped")
        assert len(screen.shown) == total  # every customer listed; the unread ones keep empty figures
        unread = [e for e in screen.shown if not e.figures_read]
        assert len(unread) == total - read and cells(screen, unread[0].customer_id)["balance"] == "…"
        assert all(e.figures_read for e in screen.shown[:read])  # the read ones sort first
        assert len(sandbox.request_log) <= 55  # 90 % of 60, and one more at most


@pytest.mark.parametrize("sandbox_settings", [
    SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY, clock=ManualClock(), per_minute=50)])
async def test_at_50_a_minute_opening_a_customer_goes_through_while_the_worklist_waits(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_worklist(pilot, wait_until)
        # The minute's budget is down to the reserve: the worklist waits, and says for whom it is kept.
        await wait_until(pilot, lambda: "kept for you" in screen.progress_text)
        assert screen.progress is not None and not screen.progress.done
        read = screen.progress.read
        await pilot.press("down")
        chosen = screen.highlighted_id()
        start = len(sandbox.request_log)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen))
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen) and detail.customer_id == chosen
        await wait_until(pilot, lambda: detail.loaded)
        opened = sandbox.request_log[start:]
        assert opened and all(r.status == 200 for r in opened)  # the user's reads went out of the reserve
        assert [r for r in sandbox.request_log if r.status == 429] == []
        assert all(detail.panel(tab).data is not None for tab, _label in detail.tabs)
        assert screen.progress.read == read  # the worklist still waits for the next minute
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert "kept for you" in screen.progress_text
