"""An invoice listed without its lines (ChargeOver's lists) reads them when opened, once, through the cache.

ChargeOver's "Query for invoices" page: "By default, only the overview invoice details are returned
(i.e. no individual line items). If you get a specific invoice by invoice id value (e.g.
GET /api/v3/invoice/1234) you'll get back the invoice line items."
"""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urlsplit

from test_tui_chargeover import SUMMIT, open_detail, rendered, row_texts
from textual.widgets import Static

from fusebill_tui.config import builtin_sandbox
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen
from fusebill_tui.tui.session import CustomerListRequest, Session
from fusebill_tui.tui.widgets.panels.base import PanelState
from fusebill_tui.tui.widgets.panels.invoice_detail import ChargesTable
from fusebill_tui.tui.widgets.panels.invoices import InvoicesTable
from fusebill_tui.vendors.chargeover import ChargeOverClient
from fusebill_tui.vendors.fusebill import FusebillClient

ONE_INVOICE = re.compile(r"/api/v3/invoice/\d+$")


def invoice_reads(sandbox) -> list[str]:
    """The paths of every ``GET /invoice/{id}`` sent so far."""
    return [urlsplit(e.path).path for e in sandbox.request_log if e.method == "GET" and ONE_INVOICE.search(e.path)]


def summit_invoices(sandbox) -> list[dict]:
    return sorted((i for i in sandbox.store.invoices if i["customer_id"] == SUMMIT),
                  key=lambda i: i["invoice_id"], reverse=True)


async def open_invoice(app, pilot, wait_until, screen: CustomerDetailScreen, row: int) -> InvoiceDetailScreen:
    """From the customer's invoices tab, open the invoice on ``row``."""
    await pilot.press("3")
    await app.workers.wait_for_complete()
    await pilot.pause()
    table = screen.query_one(InvoicesTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, InvoiceDetailScreen))
    return app.screen


def state_text(detail: InvoiceDetailScreen) -> str:
    state = detail.query_one("#invoice-lines-state", PanelState)
    return rendered(state).strip() if state.display else ""


async def test_opening_an_invoice_reads_its_lines_once_and_a_second_open_sends_nothing(
        make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    invoices = summit_invoices(co_sandbox)
    chosen = max(invoices, key=lambda i: len(i["line_items"]))
    row = invoices.index(chosen)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        detail = await open_invoice(app, pilot, wait_until, screen, row)
        await wait_until(pilot, lambda: detail.lines_shown)
        lines = row_texts(detail.query_one(ChargesTable))
        assert [line[0] for line in lines] == [item["item_name"] for item in chosen["line_items"]]
        assert lines[0][3] == f"{chosen['line_items'][0]['line_total']:,.2f} {chosen['currency_iso4217']}"
        assert state_text(detail) == ""
        assert invoice_reads(co_sandbox) == [f"/api/v3/invoice/{chosen['invoice_id']}"]

        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        again = await open_invoice(app, pilot, wait_until, screen, row)
        assert again.lines_shown  # at once, from the cache
        assert [line[0] for line in row_texts(again.query_one(ChargesTable))] == [line[0] for line in lines]
        await app.workers.wait_for_complete()
        assert len(invoice_reads(co_sandbox)) == 1  # the second open sent no request

        await pilot.press("r")  # refresh re-reads the lines
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: again.lines_shown)
        assert len(invoice_reads(co_sandbox)) == 2
        assert [line[0] for line in row_texts(again.query_one(ChargesTable))] == [line[0] for line in lines]


async def test_a_refresh_of_the_customer_reads_the_lines_again(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        detail = await open_invoice(app, pilot, wait_until, screen, 0)
        await wait_until(pilot, lambda: detail.lines_shown)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("r")  # the customer's refresh forgets everything about it
        await app.workers.wait_for_complete()
        again = await open_invoice(app, pilot, wait_until, screen, 0)
        await wait_until(pilot, lambda: again.lines_shown)
        assert len(invoice_reads(co_sandbox)) == 2


async def test_a_failed_read_says_why_keeps_the_overview_and_r_retries(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    invoices = summit_invoices(co_sandbox)
    overdue = next(i for i in invoices if i["is_overdue"])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        co_sandbox.faults.fail_next(503, count=50, path="/invoice/*")
        detail = await open_invoice(app, pilot, wait_until, screen, invoices.index(overdue))
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: "Could not load" in state_text(detail))
        message = state_text(detail)
        assert message.startswith("Could not load the invoice's lines:") and "503" in message
        assert message.endswith("Press r to retry.")
        assert "No charges" not in message and not detail.query_one(ChargesTable).display
        heading = rendered(detail.query_one("#invoice-heading", Static))
        assert f"Invoice {overdue['refnumber']}" in heading and f"overdue {overdue['days_overdue']} days" in heading
        totals = rendered(detail.query_one("#invoice-totals", Static))
        assert f"Balance due  {overdue['balance']:,.2f} {overdue['currency_iso4217']}" in totals

        co_sandbox.faults.clear()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: detail.lines_shown)
        assert state_text(detail) == "" and detail.query_one(ChargesTable).display
        lines = row_texts(detail.query_one(ChargesTable))
        assert [line[0] for line in lines] == [item["item_name"] for item in overdue["line_items"]]


class Gate:
    """An ASGI wrapper holding every ``GET /invoice/{id}`` until ``opened`` is set."""

    def __init__(self, app) -> None:
        self.app = app
        self.opened = asyncio.Event()
        self.waiting = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and ONE_INVOICE.search(scope.get("path", "")):
            self.waiting += 1
            await self.opened.wait()
        await self.app(scope, receive, send)


async def test_the_screen_says_it_is_loading_the_lines_while_they_are_read(
        co_sandbox_app, co_sandbox, tui_config, wait_until):
    gate = Gate(co_sandbox_app)

    async def no_sleep(_seconds: float) -> None:
        await asyncio.sleep(0)

    def client_factory(env):
        return ChargeOverClient(env.base_url, env.public_key, env.private_key, transport=SandboxTransport(gate),
                                sleep=no_sleep)

    app = FusebillApp(tui_config, builtin_sandbox(timezone="UTC", kind="chargeover"), client_factory=client_factory)
    invoices = summit_invoices(co_sandbox)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        detail = await open_invoice(app, pilot, wait_until, screen, 0)
        await wait_until(pilot, lambda: gate.waiting == 1)
        await pilot.pause()
        assert state_text(detail) == "Loading the invoice's lines…"
        assert not detail.query_one(ChargesTable).display  # no "No charges" while they are read
        heading = rendered(detail.query_one("#invoice-heading", Static))
        assert f"Invoice {invoices[0]['refnumber']}" in heading
        gate.opened.set()
        await wait_until(pilot, lambda: detail.lines_shown)
        await pilot.pause()
        assert state_text(detail) == ""
        assert len(row_texts(detail.query_one(ChargesTable))) >= len(invoices[0]["line_items"])


async def test_a_fusebill_invoice_is_complete_and_reads_nothing_more(sandbox_app, sandbox):
    env = builtin_sandbox(timezone="UTC")
    async with FusebillClient(env.base_url, env.api_key, transport=SandboxTransport(sandbox_app)) as client:
        session = Session(env, client)
        for customer in (await session.customers(CustomerListRequest())).items:
            customer_id = customer.id
            page = await session.invoices(customer_id)
            if page.items:
                break
        before = len(sandbox.request_log)
        invoice = page.items[0]
        assert invoice.charges  # Fusebill lists an invoice with its charges
        assert await session.invoice_detail(customer_id, invoice) is invoice
        assert await session.backend.invoice_detail(invoice) is invoice
        assert session.cached_invoice_detail(customer_id, invoice) is invoice
        assert len(sandbox.request_log) == before
