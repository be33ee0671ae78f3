"""The Invoices tab's days-overdue column and its unpaid-only key, against both sandboxes."""

from __future__ import annotations

from datetime import date, datetime

from test_tui_detail import detail_requests, open_detail, rendered, row_texts
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.help import HelpScreen
from fusebill_tui.tui.widgets.panels.invoices import InvoicesTable

EVERY_BUCKET = 900021  # unpaid invoices due in 10 days and 15 / 45 / 75 / 120 days ago, two paid
MORE_THAN_A_PAGE = 900022  # 32 unpaid invoices
CO_OVERDUE = 90012  # ChargeOver: overdue invoices carrying days_overdue
TODAY = date(2025, 6, 2)  # both test sandboxes' clock
OVERDUE = 6  # the column


def _newest_first(invoices: list[dict]) -> list[dict]:
    return sorted(invoices, key=lambda i: i["postedTimestamp"], reverse=True)


def _days(invoice: dict) -> int:
    return (TODAY - datetime.fromisoformat(invoice["paymentSchedules"][0]["dueDateTimestamp"]).date()).days


def _expected_overdue(invoice: dict) -> str:
    days = _days(invoice)
    return f"{days} days" if invoice["outstandingBalance"] > 0 and days > 0 else ""


async def test_days_overdue_counts_from_the_due_date_on_the_sandboxs_day(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, EVERY_BUCKET)
        invoices = _newest_first(sandbox.store.invoices(EVERY_BUCKET))
        rows = row_texts(screen.query_one(InvoicesTable))
        assert [row[0] for row in rows] == [str(i["invoiceNumber"]) for i in invoices]
        assert [row[OVERDUE] for row in rows] == [_expected_overdue(i) for i in invoices]
        assert [row[OVERDUE] for row in rows] == ["", "15 days", "", "45 days", "75 days", "120 days", ""]


async def test_u_shows_only_the_unpaid_invoices_and_sends_nothing(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, EVERY_BUCKET)
        await pilot.press("3")  # the invoices tab, keyboard in the table
        table = screen.query_one(InvoicesTable)
        assert isinstance(screen.focused, InvoicesTable)
        keys = {key.action: key for key in screen.query(FooterKey)}
        assert "toggle_unpaid" in keys and "Unpaid only" in str(keys["toggle_unpaid"].description)
        invoices = _newest_first(sandbox.store.invoices(EVERY_BUCKET))
        unpaid = [i for i in invoices if i["outstandingBalance"] > 0]
        assert len(unpaid) == 5 < len(invoices)
        start = len(sandbox.request_log)
        await pilot.press("u")
        await wait_until(pilot, lambda: table.row_count == len(unpaid))
        assert [row[0] for row in row_texts(table)] == [str(i["invoiceNumber"]) for i in unpaid]
        summary = rendered(screen.query_one("#invoices-summary", Static))
        assert "unpaid only: 5 of the 7 invoices on page 1" in summary and "u: all invoices" in summary
        await pilot.press("u")
        await wait_until(pilot, lambda: table.row_count == len(invoices))
        assert "newest first" in rendered(screen.query_one("#invoices-summary", Static))
        assert detail_requests(sandbox, start) == []


async def test_unpaid_only_keeps_to_the_page_read_when_there_are_more(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, MORE_THAN_A_PAGE)
        await pilot.press("3", "u")
        table = screen.query_one(InvoicesTable)
        invoices = _newest_first(sandbox.store.invoices(MORE_THAN_A_PAGE))
        await wait_until(pilot, lambda: "unpaid only" in rendered(screen.query_one("#invoices-summary", Static)))
        rows = row_texts(table)
        assert [row[0] for row in rows] == [str(i["invoiceNumber"]) for i in invoices[:25]]
        assert rows[0][OVERDUE] == "" and rows[1][OVERDUE] == "25 days"  # due in 5 days, then monthly
        assert "25 of the 25 invoices on page 1" in rendered(screen.query_one("#invoices-summary", Static))


async def test_the_key_is_in_the_help(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        rows = {row.binding_id: row for row in app.screen.rows if row.binding_id}
        assert rows["invoices_unpaid_only"].keys == "u"
        assert "unpaid" in rows["invoices_unpaid_only"].description.lower()


async def test_chargeovers_own_days_overdue_fill_the_column(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = CustomerDetailScreen(CO_OVERDUE)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        stored = sorted((i for i in co_sandbox.store.invoices if i["customer_id"] == CO_OVERDUE),
                        key=lambda i: i["invoice_id"], reverse=True)
        rows = row_texts(screen.query_one(InvoicesTable))
        assert [row[0] for row in rows] == [i["refnumber"] for i in stored]
        expected = [f"{i['days_overdue']} days" if i["days_overdue"] else "" for i in stored]
        assert [row[OVERDUE] for row in rows] == expected == ["", "15 days", "", "45 days", "75 days", "120 days", ""]
        await pilot.press("3", "u")
        await wait_until(pilot, lambda: len(row_texts(screen.query_one(InvoicesTable))) == 5)
