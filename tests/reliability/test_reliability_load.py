"""Load: 100,000 customers, 5,000 invoices, a 10,000-character note, a 1,000-row page, a rate-limited export.

Nothing here is timed (the figures in docs/RELIABILITY.md are measured separately); the tests prove
that big accounts are walked with plain paging (one request per page, never the whole account),
that big objects render and keep every key working, and that an export never meets a 429.
"""

from __future__ import annotations

import copy
import io

import pytest
from reliability_support import raw_controls_drawn, requests_to, screen_text, settle

from fusebill_tui import headless
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings, create_app
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.widgets.customer_table import CustomerTable
from fusebill_tui.vendors.fusebill import FusebillClient

CID = 100003


@pytest.fixture
def sandbox_settings(sandbox_clock) -> SandboxSettings:
    """An account of 100,000 customers (generated on demand, so cheap to make)."""
    return SandboxSettings(customers=100_000, seed=7, api_key=DEFAULT_API_KEY, clock=sandbox_clock)


async def test_a_hundred_thousand_customers_are_paged_not_scanned(make_app, sandbox, tally):
    """Protection: the list asks for one page at a time (plus the next, prefetched), even at the far end."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        screen = app.screen
        assert screen.page.count == 100_000 and "100,000" in screen_text(app)
        for key, page in (("end", 1999), ("pageup", 1998), ("home", 0), ("pagedown", 1)):
            start = len(sandbox.request_log)
            await pilot.press(key)
            await settle(app, pilot, lambda p=page: screen.page.current_page == p and not screen.fetching)
            tally["keys_pressed"] += 1
            lists = requests_to(sandbox, "GET", "/v1/customers", start)
            tally["requests_checked"] += len(lists)
            assert len(lists) <= 2, (key, [r.raw_query for r in lists])  # the page (unless prefetched) + the next
            assert all("pageSize=50" in r.raw_query and "query=" not in r.raw_query for r in lists)
            assert screen.table.row_count == 50
        await pilot.press("j", "j", "G", "g")
        assert app.is_running


async def test_a_thousand_row_page_renders_and_every_row_is_reachable(make_app, sandbox, tally):
    """Protection: the largest page the API serves (1,000 rows) is shown whole; G reaches its last row."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        screen = app.screen
        screen.request = type(screen.request)(page_size=1000)
        screen.action_refresh()
        await settle(app, pilot, lambda: screen.table.row_count == 1000 and not screen.fetching)
        await pilot.press("G")
        table = app.screen.query_one(CustomerTable)
        assert table.cursor_row == 999
        await pilot.press("enter")
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        assert app.screen.customer_id == 101000
        tally["inputs_tried"] += 1


def _plant_invoices(sandbox, cid: int, count: int) -> None:
    template = sandbox.store.invoices(cid)[0]
    invoices = []
    for number in range(count):
        invoice = copy.deepcopy(template)
        invoice["id"] = 50_000_000 + number
        invoice["invoiceNumber"] = 70_000 + number
        invoice["postedTimestamp"] = f"20{10 + number // 365:02d}-01-01T00:00:00"
        invoices.append(invoice)
    sandbox.store.related["invoices"][cid] = invoices


async def test_five_thousand_invoices_and_a_ten_thousand_character_note(make_app, sandbox, tally):
    """Protection: a customer with 5,000 invoices is read a page at a time and paged to its end; a note of
    10,000 characters (five times what the app lets anyone type) renders without breaking the screen."""
    _plant_invoices(sandbox, CID, 5000)
    long_note = ("A very long note. " * 600)[:9990] + "\x1b[2J END"
    sandbox.store.notes(CID).append({"userWhoCreatedNote": "API", "note": long_note, "id": 55_000_001,
                                     "createdTimestamp": "2025-06-01T10:00:00", "uri": None, "customerId": CID})
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        app.screen.open_by_id(CID)
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        detail = app.screen
        await pilot.press("3")
        panel = detail.query_one("InvoicesPanel")
        assert panel.data.count == 5000 and len(panel.data.items) == 25
        panel.query_one("InvoicesTable").focus()
        for expected_page in (1, 2, 3):
            start = len(sandbox.request_log)
            await pilot.press("pagedown")
            await settle(app, pilot, lambda p=expected_page: panel.page_number == p and panel.data.current_page == p)
            tally["keys_pressed"] += 1
            assert len(requests_to(sandbox, "GET", "/invoices", start)) == 1  # one page, never all 5,000
        invoice_reads = requests_to(sandbox, "GET", "/invoices")
        tally["requests_checked"] += len(invoice_reads)
        assert all("pageSize=25" in r.raw_query for r in invoice_reads)
        await pilot.press("4")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "A very long note." in shown
        assert not raw_controls_drawn(app)
        assert app.is_running
        tally["inputs_tried"] += 2


async def test_the_export_respects_a_sandbox_accounts_rate_limit(sandbox_clock, tally):
    """Protection: at Fusebill's sandbox-account limit (50 a minute) an export of every customer spreads its
    requests until the reset instead of meeting a 429."""
    app = create_app(SandboxSettings(customers=300, seed=7, per_minute=50, clock=sandbox_clock))
    sandbox = app.state.sandbox

    async def advance(seconds: float) -> None:  # the client's waits move the sandbox's clock
        sandbox_clock.advance(seconds)

    out, err = io.StringIO(), io.StringIO()
    async with FusebillClient("https://sandbox.invalid/v1", DEFAULT_API_KEY, transport=SandboxTransport(app),
                              sleep=advance, clock=lambda: sandbox_clock().timestamp()) as client:
        written = await headless.customers(client, fmt="csv", all_pages=True, page_size=4, out=out, err=err)
    assert written == sandbox.store.count() and out.getvalue().count("\n") == written + 1
    statuses = [r.status for r in sandbox.request_log]
    tally["requests_checked"] += len(statuses)
    assert 429 not in statuses and len(statuses) > 50  # more requests than one minute allows
