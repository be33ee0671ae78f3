"""The customer detail screen against the sandbox: what each panel shows, what is sent, and failures."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from rich.console import Console
from textual.widgets import DataTable, Static

from fusebill_tui.config import builtin_sandbox
from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings, create_app
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen
from fusebill_tui.tui.text import money
from fusebill_tui.tui.widgets.customer_header import CustomerHeader
from fusebill_tui.tui.widgets.panels.base import PanelState
from fusebill_tui.tui.widgets.panels.invoice_detail import ChargesTable, InvoiceDetail
from fusebill_tui.tui.widgets.panels.invoices import InvoicesPanel, InvoicesTable
from fusebill_tui.tui.widgets.panels.notes import PARTIAL, NoteItem, NotesList
from fusebill_tui.vendors.fusebill import FusebillClient

BOWEN = 12000750  # the reference's list example: parent, integration ids, MRR 250 / net 220
NEAR_SUSPENSION = 100007  # Active, in collection, suspends in 2 days; has a tiered seat plan
CANADIAN = 100003  # CAD with HST; invoices with the tiered seat plan (3 seats: 0-2 and >2-4)
WITH_NOTES = 100023  # three notes, a billing and a shipping address
MANY_INVOICES = 100029  # 24 invoices: three pages of ten

OPEN_PATHS = {
    "/v1/customers/{id}",
    "/v1/customers/{id}/overview",
    "/v1/customers/{id}/subscriptions",
    "/v1/customers/{id}/invoices",
    "/v1/customers/{id}/customernotes",
    "/v1/customeraddresspreferences/{id}",
}


def rendered(widget: Static, width: int = 400) -> str:
    """The plain text a Static shows (its content rendered as the terminal would, without styles)."""
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


def row_texts(table: DataTable) -> list[list[str]]:
    """Every row of a table as the cell texts the user sees."""
    rows = []
    for index in range(table.row_count):
        rows.append([str(getattr(cell, "plain", cell)).strip() for cell in table.get_row_at(index)])
    return rows


def detail_requests(sandbox, start: int) -> list:
    """Requests sent since ``start``, leaving out the customer list's own pages."""
    return [r for r in sandbox.request_log[start:] if r.path.lower().rstrip("/") != "/v1/customers"]


async def open_detail(app, pilot, wait_until, customer_id: int, summary=None) -> CustomerDetailScreen:
    """Let the list load, then open a customer and wait until every panel shows data or an error."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = CustomerDetailScreen(customer_id, summary)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.loaded)
    return screen


async def settle(app, pilot) -> None:
    """Wait for every worker, then for the screen to catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()


# --- what each panel shows -------------------------------------------------------------------


async def test_overview_shows_every_balance_with_its_currency(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, BOWEN)
        expected = sandbox.store.overview(BOWEN)
        cur = expected["currency"]
        balances = rendered(screen.query_one("#details-panel #overview-balances", Static))  # every one: key 6
        for label, key in (
            ("AR balance", "arBalance"), ("Pending charges", "pendingCharges"),
            ("Unallocated payments", "unallocatedPayments"), ("Unallocated credits", "unallocatedCredits"),
            ("Unallocated opening balance", "unallocatedOpeningBalance"), ("Lifetime value", "lifetimeValue"),
            ("MRR", "monthlyRecurringRevenue"), ("Net MRR", "netMonthlyRecurringRevenue"),
        ):
            line = next(line for line in balances.splitlines() if line.strip().startswith(label + " "))
            assert line.split(label, 1)[1].strip() == money(Decimal(expected[key]), cur), label
        assert "250.00 USD" in balances and "220.00 USD" in balances
        assert "Next billing" in balances and expected["nextBillingDate"][:10] in balances

        status = rendered(screen.query_one("#overview-status", Static))
        assert "Active" in status and "Good" in status
        assert expected["statusTimestamp"][:10] in status

        contacts = rendered(screen.query_one("#overview-contacts", Static))
        assert "adarowe@aclima.com" in contacts and "9454323791" in contacts
        assert "lindsaywhitney@ziore.com" in contacts  # the secondary email, from the full customer

        links = rendered(screen.query_one("#overview-links", Static))
        assert "#12000749 Manglo Holdings" in links
        salesforce = next(line for line in links.splitlines() if "Salesforce" in line)
        netsuite = next(line for line in links.splitlines() if "NetSuite" in line)
        assert "12345678" in salesforce and "12345678" in netsuite

        header = rendered(screen.query_one("#customer-identity", Static))
        assert "Bowen Rosales" in header and "Manglo" in header and "#12000750" in header
        assert not screen.query_one("#customer-banner").display  # nothing pending for this customer


async def test_a_customer_close_to_suspension_gets_a_banner(make_app, sandbox, wait_until):
    assert sandbox.store.overview(NEAR_SUSPENSION)["daysUntilSuspension"] == 2
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(app, pilot, wait_until, NEAR_SUSPENSION)
        banner = screen.query_one("#customer-banner", Static)
        assert banner.display and banner.has_class("-warning")
        assert rendered(banner).strip() == "⚠ Suspends in 2 days"
        assert banner.region.y == screen.query_one(CustomerHeader).region.y + 1  # right under the name
        assert "Suspends in 2 days" in rendered(screen.query_one("#overview-status", Static))


async def test_subscriptions_show_plan_status_amount_mrr_and_interval(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, NEAR_SUSPENSION)
        subs = sandbox.store.subscriptions(NEAR_SUSPENSION)
        cur = sandbox.store.overview(NEAR_SUSPENSION)["currency"]
        rows = row_texts(screen.query_one("#subscriptions-table", DataTable))
        assert [row[:5] for row in rows] == [
            [s["planName"], s["status"], money(s["amount"], cur), money(s["monthlyRecurringRevenue"], cur),
             s["planFrequency"]["interval"]]
            for s in subs
        ]
        assert any(row[0] == "Extra Seats (tiered)" for row in rows)


async def test_invoices_show_the_first_page_newest_first(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, NEAR_SUSPENSION)
        invoices = sorted(sandbox.store.invoices(NEAR_SUSPENSION), key=lambda i: i["postedTimestamp"], reverse=True)
        rows = row_texts(screen.query_one(InvoicesTable))
        assert [row[0] for row in rows] == [str(i["invoiceNumber"]) for i in invoices[:25]]
        first, newest = rows[0], invoices[0]
        assert first[1] == newest["postedTimestamp"][:10]
        assert first[2] == newest["paymentSchedules"][0]["dueDateTimestamp"][:10]
        assert first[3] == money(newest["invoiceAmount"], "USD")
        assert first[4] == money(newest["outstandingBalance"], "USD")
        assert first[5] == newest["paymentSchedules"][0]["status"]
        assert "newest first" in rendered(screen.query_one("#invoices-summary", Static))


async def test_an_invoice_opens_with_its_charges_tiers_taxes_and_totals(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, CANADIAN)
        await pilot.press("3")  # the invoices tab, keyboard in the table
        assert isinstance(screen.focused, InvoicesTable)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InvoiceDetailScreen))
        newest = max(sandbox.store.invoices(CANADIAN), key=lambda i: i["postedTimestamp"])
        rows = row_texts(app.screen.query_one(ChargesTable))
        seats = next(c for c in newest["charges"] if c["chargeTiers"])
        charge_row = next(row for row in rows if row[0] == seats["name"])
        assert charge_row[1] == str(seats["quantity"]) and charge_row[3] == money(seats["amount"], "CAD")
        assert charge_row[4] == f"{seats['startServiceDate'][:10]} – {seats['endServiceDate'][:10]}"
        tier_rows = [row for row in rows if row[0].startswith("↳ tier")]
        assert tier_rows == [
            [f"↳ tier {t['label']}", str(t["quantity"]), money(t["unitPrice"], "CAD"), money(t["amount"], "CAD"), ""]
            for t in seats["chargeTiers"]
        ]
        assert any(row[0] == "↳ tier >2-4" for row in tier_rows)
        detail = app.screen.query_one(InvoiceDetail)
        adjustments = rendered(detail.query_one("#invoice-adjustments", Static))
        assert "HST" in adjustments and money(newest["taxes"][0]["amount"], "CAD") in adjustments
        totals = rendered(detail.query_one("#invoice-totals", Static))
        assert money(newest["invoiceAmount"], "CAD") in totals and money(newest["subtotal"], "CAD") in totals
        schedules = rendered(detail.query_one("#invoice-schedules", Static))
        assert newest["paymentSchedules"][0]["dueDateTimestamp"][:10] in schedules
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)


async def test_page_keys_turn_the_invoice_pages_while_the_table_has_focus(make_app, sandbox, wait_until, monkeypatch):
    monkeypatch.setattr(InvoicesPanel, "PAGE_SIZE", 10)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, MANY_INVOICES)
        invoices = sorted(sandbox.store.invoices(MANY_INVOICES), key=lambda i: i["postedTimestamp"], reverse=True)
        assert len(invoices) > 10
        await pilot.press("3")
        start = len(sandbox.request_log)
        await pilot.press("pagedown")
        table = screen.query_one(InvoicesTable)
        await wait_until(pilot, lambda: row_texts(table) and row_texts(table)[0][0] == str(invoices[10]["invoiceNumber"]))
        sent = detail_requests(sandbox, start)
        assert [(r.method, r.path) for r in sent] == [("GET", f"/v1/Customers/{MANY_INVOICES}/Invoices")]
        assert "pageNumber=1" in sent[0].raw_query and "sortOrder=Descending" in sent[0].raw_query
        assert "page 2 of" in rendered(screen.query_one("#invoices-summary", Static))
        await pilot.press("pageup")
        await wait_until(pilot, lambda: row_texts(table)[0][0] == str(invoices[0]["invoiceNumber"]))
        assert len(detail_requests(sandbox, start)) == 1  # the first page came from the cache


async def test_notes_show_newest_first_with_author_and_time(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        notes = sorted(sandbox.store.notes(WITH_NOTES), key=lambda n: n["createdTimestamp"], reverse=True)
        assert len(notes) == 3
        items = list(screen.query(NoteItem))
        assert [item.note.id for item in items] == [n["id"] for n in notes]
        first = [rendered(s) for s in items[0].query(Static)]
        assert notes[0]["note"] in first[1]
        assert notes[0]["userWhoCreatedNote"] in first[0]
        assert notes[0]["createdTimestamp"][:16].replace("T", " ") in first[0]
        assert "3 notes, newest first" in rendered(screen.query_one("#notes-summary", Static))


async def test_addresses_show_billing_shipping_and_preferences(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        stored = sandbox.store.addresses(WITH_NOTES)
        prefs = sandbox.store.address_preferences(WITH_NOTES)
        for kind, widget_id in (("Billing", "#address-billing"), ("Shipping", "#address-shipping")):
            shown = rendered(screen.query_one(widget_id, Static))
            for key in ("line1", "city", "state", "postalZip", "country"):
                assert str(stored[kind][key]) in shown, (kind, key)
        preferences = rendered(screen.query_one("#address-preferences", Static))
        assert str(prefs["contactName"]) in preferences
        assert "Use billing as shipping  no" in preferences


# --- requests ------------------------------------------------------------------------------


async def test_opening_sends_exactly_six_reads_and_a_revisit_sends_none(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        start = len(sandbox.request_log)
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        sent = detail_requests(sandbox, start)
        assert sorted((r.method, r.path.lower()) for r in sent) == sorted(
            ("GET", path.format(id=WITH_NOTES)) for path in OPEN_PATHS
        )
        invoices = next(r for r in sent if r.path.lower().endswith("/invoices"))
        assert "pageNumber=0" in invoices.raw_query

        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is not screen)
        again = len(sandbox.request_log)
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        assert detail_requests(sandbox, again) == []
        assert screen.query_one(InvoicesTable).row_count > 0


async def test_refresh_reads_everything_again(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        start = len(sandbox.request_log)
        sandbox.store.notes(WITH_NOTES).append({
            "userWhoCreatedNote": "desk@example.com", "note": "Added elsewhere", "createdTimestamp": "2025-06-02T10:00:00",
            "id": 777, "uri": None, "customerId": WITH_NOTES,
        })
        await pilot.press("r")
        await wait_until(pilot, lambda: any(item.note.id == 777 for item in screen.query(NoteItem)))
        await settle(app, pilot)
        assert len(detail_requests(sandbox, start)) == 6
        assert next(iter(screen.query(NoteItem))).note.id == 777  # newest first


# --- failures stay in their panel ------------------------------------------------------------


async def test_an_invoices_failure_shows_in_that_panel_and_retries_with_r(make_app, sandbox, wait_until):
    sandbox.faults.fail_next(503, count=5, path="/customers/*/invoices")  # the first try and every retry
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, NEAR_SUSPENSION)
        panel = screen.panel("tab-invoices")
        assert panel.error is not None
        message = rendered(panel.query_one(PanelState))
        assert "Could not load the invoices" in message and "Press r to retry" in message
        assert not panel.query_one(InvoicesTable).display
        # every other panel still shows its data
        assert "818.38 USD" in rendered(screen.query_one("#overview-balances", Static))
        assert screen.query_one("#subscriptions-table", DataTable).row_count == 2
        assert screen.panel("tab-notes").error is None and screen.panel("tab-addresses").error is None
        await pilot.press("r")
        await wait_until(pilot, lambda: panel.data is not None)
        assert panel.query_one(InvoicesTable).row_count > 0 and not panel.query_one(PanelState).display


async def test_an_unknown_customer_says_not_found_in_every_panel(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, 999)
        for tab in ("tab-overview", "tab-subscriptions", "tab-invoices", "tab-notes", "tab-addresses"):
            text = rendered(screen.panel(tab).query_one(PanelState))
            assert "Not found" in text, tab
        assert "Could not read this customer" in rendered(screen.query_one("#customer-identity", Static))
        assert app.is_running and app.screen is screen
        await pilot.press("x")  # no customer to act on: says so, opens nothing
        assert app.screen is screen


async def test_a_dropped_connection_fails_only_the_overview(make_app, sandbox, wait_until):
    sandbox.faults.drop_next(count=5, path="/customers/*/overview")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, BOWEN)
        overview = screen.panel("tab-overview")
        assert overview.error is not None
        assert "Could not load the overview" in rendered(overview.query_one(PanelState))
        assert not screen.query_one("#overview-grid").display
        assert screen.query_one(InvoicesTable).row_count > 0
        assert "Bowen Rosales" in rendered(screen.query_one("#customer-identity", Static))


async def test_notes_listing_unavailable_says_why_and_shows_notes_added_here(tui_config, wait_until):
    sandbox_app = create_app(SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY,
                                             clock=ManualClock(), notes_listing=False))

    async def no_sleep(_seconds: float) -> None:
        await asyncio.sleep(0)

    def client_factory(env):
        return FusebillClient(env.base_url, env.api_key, transport=SandboxTransport(sandbox_app), sleep=no_sleep)

    app = FusebillApp(tui_config, builtin_sandbox(timezone="UTC"), client_factory=client_factory)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        summary = screen.query_one("#notes-summary", Static)
        assert PARTIAL in rendered(summary)
        assert summary.has_class("-partial")
        assert list(screen.query(NoteItem)) == []
        await app.session.add_note(WITH_NOTES, "Called about the overdue invoice")
        app.refresh_screens()
        await wait_until(pilot, lambda: len(list(screen.query(NoteItem))) == 1)
        assert "Called about the overdue invoice" in rendered(next(iter(screen.query(NoteItem))).query(Static)[1])
        assert PARTIAL in rendered(summary)


# --- keys ----------------------------------------------------------------------------------


async def test_y_copies_the_customer_id_or_the_highlighted_invoice_number(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, NEAR_SUSPENSION)
        await pilot.press("y")
        assert app.clipboard == str(NEAR_SUSPENSION)
        assert any("Copied customer id" in str(n.message) for n in app._notifications)
        await pilot.press("3")
        assert isinstance(screen.focused, InvoicesTable)
        await pilot.press("down", "y")
        newest = sorted(sandbox.store.invoices(NEAR_SUSPENSION), key=lambda i: i["postedTimestamp"], reverse=True)
        assert app.clipboard == str(newest[1]["invoiceNumber"])


@pytest.mark.parametrize(
    ("customer_id", "expected"),
    [(900002, "[bold]x[/] Markup  ·  [red]Red[/red] Ltd."), (900001, "Ada Bracket  ·  ACME [EU]")],
)
async def test_names_that_look_like_markup_show_literally(make_app, wait_until, customer_id, expected):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, customer_id)
        identity = screen.query_one("#customer-identity", Static)
        assert expected in rendered(identity)
        assert screen.location.startswith(expected.split("  ·  ")[0])


async def test_summary_fills_the_header_before_anything_arrives(make_app, sandbox, wait_until):
    from fusebill_tui.vendors.fusebill.models import Customer

    summary = Customer.from_api(sandbox.store.customer(BOWEN))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = CustomerDetailScreen(BOWEN, summary)
        await app.push_screen(screen)
        assert "Bowen Rosales" in rendered(screen.query_one("#customer-identity", Static))
        await wait_until(pilot, lambda: screen.loaded)


async def test_delete_applies_only_to_a_highlighted_note(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        assert screen.check_action("delete_note", ()) is False  # hidden outside the notes tab
        await pilot.press("4")
        assert isinstance(screen.focused, NotesList)
        assert screen.check_action("delete_note", ()) is True
        assert screen.check_action("add_note", ()) is True


async def test_mutations_in_a_read_only_environment_are_refused_visibly(make_app, wait_until):
    app = make_app(builtin_sandbox(read_only=True, timezone="UTC"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, WITH_NOTES)
        for key in ("n", "a", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        assert sum("read-only" in str(n.message) for n in app._notifications) >= 3


async def test_a_wide_terminal_shows_the_overview_beside_the_tabs(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        start = len(sandbox.request_log)
        screen = await open_detail(app, pilot, wait_until, NEAR_SUSPENSION)
        await settle(app, pilot)
        side = screen.query_one("#overview-side")
        assert side.display and side.region.width > 0
        assert "818.38 USD" in rendered(side.query_one("#overview-balances", Static))
        tabs = screen.query_one("#customer-tabs")
        assert tabs.active == "tab-details"  # the glance is beside: the details complete it
        assert side.region.right <= tabs.region.x  # beside, not above
        # the second overview shares the one cached read: still six requests
        assert len(detail_requests(sandbox, start)) == 6
