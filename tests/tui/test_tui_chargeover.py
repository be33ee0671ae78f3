"""The app on a ChargeOver environment: the same list and customer screens, through the ChargeOver backend.

Every test drives the real app against the seeded ChargeOver sandbox (400 customers, seed 11) and
checks what the screen shows and what reached the server (the sandbox's request log and store).
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from fusebill_tui.config import builtin_sandbox
from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app
from fusebill_tui.sandbox.core.clock import ManualClock
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.dialogs.environment_picker import EnvironmentPicker
from fusebill_tui.tui.dialogs.filter_menus import QuickFilterMenu
from fusebill_tui.tui.dialogs.note_form import NoteForm
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.help import HelpScreen
from fusebill_tui.tui.screens.invoice_detail import InvoiceDetailScreen
from fusebill_tui.tui.widgets.customer_table import CustomerTable
from fusebill_tui.tui.widgets.environment_bar import EnvironmentBar
from fusebill_tui.tui.widgets.filter_bar import FilterSuggester
from fusebill_tui.tui.widgets.panels.invoice_detail import ChargesTable
from fusebill_tui.tui.widgets.panels.invoices import InvoicesTable
from fusebill_tui.tui.widgets.panels.notes import NoteItem
from fusebill_tui.vendors.chargeover import ChargeOverClient
from fusebill_tui.vendors.chargeover.backend import ChargeOverBackend
from fusebill_tui.vendors.chargeover.filters import ChargeOverFilters
from fusebill_tui.vendors.fusebill.backend import FusebillBackend

SUMMIT = 16  # active-overdue, six invoices (one 28 days overdue), two notes, tags, a shipping address
TOTAL = 400


def rendered(widget: Static, width: int = 400) -> str:
    """The plain text a Static shows."""
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


def row_texts(table: DataTable) -> list[list[str]]:
    """Every row of a table as the cell texts the user sees."""
    return [[str(getattr(cell, "plain", cell)).strip() for cell in table.get_row_at(index)]
            for index in range(table.row_count)]


def params(entry) -> dict[str, str]:
    """The query parameters of a logged request, decoded as the server reads them."""
    return {key: values[0] for key, values in parse_qs(entry.raw_query, keep_blank_values=True).items()}


def requests_to(sandbox, path_end: str, start: int = 0) -> list:
    """Logged requests (since ``start``) whose path ends with ``path_end``."""
    return [entry for entry in sandbox.request_log[start:] if urlsplit(entry.path).path.endswith(path_end)]


async def list_shown(app, pilot, wait_until) -> CustomerListScreen:
    """Wait for the first page of the list."""
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def open_detail(app, pilot, wait_until, customer_id: int) -> CustomerDetailScreen:
    """Open a customer and wait until every panel shows data or an error."""
    await list_shown(app, pilot, wait_until)
    screen = CustomerDetailScreen(customer_id)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.loaded)
    return screen


async def type_filter(pilot, text: str) -> None:
    """Focus the filter, replace what is typed with ``text`` and press Enter."""
    await pilot.press("slash")
    pilot.app.screen.filter_bar.set_text(text)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# --- the list ------------------------------------------------------------------------------------


async def test_the_list_pages_with_a_total_from_count_and_prefetches(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        assert isinstance(app.session.backend, ChargeOverBackend)
        assert screen.status_text.startswith(f"page 1 of 8 · {TOTAL} customers")
        first = requests_to(co_sandbox, "/customer")
        assert [params(r)["offset"] for r in first] == ["0", "50"]  # the page, then the prefetch of the next
        assert all(params(r)["limit"] == "50" and "where" not in params(r) for r in first)
        assert len(requests_to(co_sandbox, "/customer/_count")) == 1
        assert row_texts(screen.table)[0][0] == co_sandbox.store.customers[0]["company"]

        start = len(co_sandbox.request_log)
        await pilot.press("pagedown")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.status_text.startswith(f"page 2 of 8 · {TOTAL} customers")
        turned = co_sandbox.request_log[start:]
        # Page 2 came from the prefetch; only page 3 is read now, and the count is not asked again.
        assert [params(r)["offset"] for r in turned] == ["100"]
        assert row_texts(screen.table)[0][0] == co_sandbox.store.customers[50]["company"]

        await pilot.press("end")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.status_text.startswith(f"page 8 of 8 · {TOTAL} customers")
        assert screen.table.row_count == TOTAL - 7 * 50
        assert screen.check_action("next_page", ()) is None


async def test_sorting_sends_the_order_and_shows_the_servers_order(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert params(requests_to(co_sandbox, "/customer")[-1])["order"] == "company:ASC"
        assert "sorted by Company ▲" in screen.status_text
        shown = [c.customer_id for c in screen.page.items]
        assert [str(key.value) for key in screen.table.rows] == [str(cid) for cid in shown]
        named = [c.company for c in screen.page.items if c.company]  # the server puts a missing company first
        assert named == sorted(named, key=str.lower) and screen.page.items[0].company is None

        await pilot.press("S")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert params(requests_to(co_sandbox, "/customer")[-1])["order"] == "company:DESC"
        assert "sorted by Company ▼" in screen.status_text
        assert str(screen.table.columns["company"].label) == "Company ▼"


async def test_plain_text_searches_company_names(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        await type_filter(pilot, "tyrell")
        sent = params(requests_to(co_sandbox, "/customer")[-1])
        assert sent["where"] == "company:CONTAINS:tyrell"
        expected = [c for c in co_sandbox.store.customers if "tyrell" in (c["company"] or "").lower()]
        assert screen.page.count == len(expected) > 0
        assert all("tyrell" in row[0].lower() for row in row_texts(screen.table))
        assert "company contains “tyrell”" in screen.status_text


async def test_the_where_language_is_validated_escaped_and_sent(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        await type_filter(pilot, r"company:equals:a\,b")
        assert params(requests_to(co_sandbox, "/customer")[-1])["where"] == r"company:EQUALS:a\,b"
        assert [row[0] for row in row_texts(screen.table)] == ["a,b"]
        assert screen.status_text.startswith("page 1 of 1 · 1 customer")

        await type_filter(pilot, "bill_state:IS:NULL,customer_status_str:EQUALS:active-overdue")
        sent = params(requests_to(co_sandbox, "/customer")[-1])["where"]
        assert sent == "bill_state:IS:NULL,customer_status_str:EQUALS:active-overdue"
        expected = [c for c in co_sandbox.store.customers
                    if c["bill_state"] is None and c["customer_status_str"] == "active-overdue"]
        assert screen.page.count == len(expected) > 0
        assert {row[3] for row in row_texts(screen.table)} == {"active-overdue"}


async def test_a_mistyped_field_is_explained_and_nothing_is_sent(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        before = len(co_sandbox.request_log)
        await type_filter(pilot, "compnay:EQUALS:Acme")
        assert "company" in screen.filter_bar.message
        assert screen.query_one("#filter-message", Static).has_class("-error")
        assert len(co_sandbox.request_log) == before
        assert screen.status_text.startswith(f"page 1 of 8 · {TOTAL} customers")


async def test_at_80_columns_a_long_mistake_still_shows_its_suggestion(make_co_app, wait_until):
    app = make_co_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        await type_filter(pilot, "customer_status_str:EQUALS:active-overdu")
        await pilot.pause()
        label = screen.query_one("#filter-message", Static)
        region = label.content_region
        shown = Text(screen.filter_bar.message).wrap(app.console, region.width)[: region.height]
        assert "'active-overdue'?" in " ".join(line.plain for line in shown)  # the lines the user can read
        await type_filter(pilot, "hooli")
        assert not label.has_class("-long") and label.content_region.height == 2  # short: beside the input


async def test_digits_open_that_customer(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await list_shown(app, pilot, wait_until)
        await type_filter(pilot, str(SUMMIT))
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerDetailScreen))
        assert app.screen.customer_id == SUMMIT
        assert requests_to(co_sandbox, f"/customer/{SUMMIT}")


async def test_the_filter_completes_fields_operators_and_statuses(make_co_app, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        suggester = screen.filter_bar.input.suggester
        assert isinstance(suggester, FilterSuggester)
        assert await suggester.get_suggestion("customer_status_s") == "customer_status_str:"
        assert await suggester.get_suggestion("bill_state:IS") == "bill_state:IS:NULL"
        assert await suggester.get_suggestion("customer_status_str:EQUALS:inactive-m") == \
            "customer_status_str:EQUALS:inactive-manual"
        assert screen.filter_bar.input.placeholder == "company, email@, id or where"


async def test_quick_filters_count_every_status_with_count_and_apply(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickFilterMenu))
        menu = app.screen
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: len(menu.counts) == 4)
        for status in ("active-current", "active-overdue", "inactive-manual", "inactive-activity"):
            expected = sum(1 for c in co_sandbox.store.customers if c["customer_status_str"] == status)
            assert menu.counts[f"customer_status_str:EQUALS:{status}"] == expected
        counted = {params(r).get("where") for r in requests_to(co_sandbox, "/customer/_count")}
        assert "customer_status_str:EQUALS:inactive-manual" in counted
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert params(requests_to(co_sandbox, "/customer")[-1])["where"] == "customer_status_str:EQUALS:active-overdue"
        assert {row[3] for row in row_texts(screen.table)} == {"active-overdue"}


def footer_tooltip(screen, action: str) -> str:
    """The tooltip the footer gives the key of ``action`` (what a pointer hovering on it reads)."""
    key = next(key for key in screen.query(FooterKey) if key.action == action)
    return str(key.tooltip)


async def help_rows(app, pilot, wait_until) -> dict[str, str]:
    """Open the help and return {binding id: details} of every key it lists (then close it)."""
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
    rows = {row.binding_id: row.detail for row in app.screen.rows if row.binding_id}
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))
    return rows


async def test_the_keys_speak_chargeovers_language_in_the_footer_and_the_help(make_co_app, wait_until):
    app = make_co_app()
    language = ChargeOverFilters()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        assert footer_tooltip(screen, "focus_filter") == language.tooltip
        assert "where" in language.placeholder and "OPERATOR" in language.tooltip
        assert footer_tooltip(screen, "quick_filters") == language.quick_tooltip == "Filter by status (with counts)"
        rows = await help_rows(app, pilot, wait_until)
        assert rows["filter"] == language.tooltip and rows["quick_filters"] == language.quick_tooltip
        assert "a name" not in rows["filter"] and "account status" not in rows["quick_filters"]
        # The help lists no key for what ChargeOver lacks (the footer already hides them).
        assert not {"customer_status_actions", "customer_edit_address", "customer_delete_note",
                    "customer_tab_subscriptions"} & rows.keys()
        assert {"customer_add_note", "customer_tab_invoices", "customer_tab_notes"} <= rows.keys()


async def test_the_environment_bar_names_chargeover(make_co_app, wait_until):
    from dataclasses import replace

    app = make_co_app(replace(builtin_sandbox(timezone="UTC", kind="chargeover"), name="billing"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        bar = screen.query_one(EnvironmentBar)
        assert bar.vendor == "ChargeOver"
        assert "billing   ChargeOver " in bar.render().plain


@pytest.mark.parametrize("width", [80, 120])
async def test_the_bar_says_chargeover_once_and_keeps_the_customer_and_the_budget(make_co_app, wait_until,
                                                                                 width):
    app = make_co_app()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        app.refresh_budget()
        await pilot.pause()
        line = screen.query_one(EnvironmentBar).render().plain
        assert line.count("ChargeOver") == 1  # the built-in sandbox's name says it: no badge besides
        assert line.rstrip().endswith("day") and "…" not in line.split("›")[0]  # (80: the name may shorten)
        if width >= 110:  # the sandbox note gives way so the customer stays whole
            assert "›  Ella Sanchez #16   " in line and "demo data" not in line


# --- the customer ---------------------------------------------------------------------------------


async def test_the_overview_shows_the_figures_status_and_contact(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    record = co_sandbox.store.customers_by_id[SUMMIT]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        balances = rendered(screen.query_one("#overview-balances", Static))
        cur = record["currency_iso4217"]
        for label, field in (("Balance due", "balance"), ("Total invoiced", "total"), ("Paid", "paid"),
                             ("MRR", "mrr"), ("ARR", "arr")):
            assert f"{label}" in balances
            assert f"{Decimal(record[field]):,.2f} {cur}" in balances
        status = rendered(screen.query_one("#overview-status", Static))
        assert "active-overdue" in status
        contact = rendered(screen.query_one("#overview-contacts", Static))
        assert record["superuser_email"] in contact and record["superuser_phone"] in contact
        account = rendered(screen.query_one("#overview-links", Static))
        assert ", ".join(record["tags"]) in account
        header = rendered(screen.query_one("#customer-identity", Static))
        assert f"{record['superuser_name']}  ·  {record['company']}  ·  #{SUMMIT}" in header
        assert not screen.query_one("#customer-banner", Static).display
        # One read of the customer feeds the header, the overview and the addresses.
        assert len(requests_to(co_sandbox, f"/customer/{SUMMIT}")) == 1


async def test_what_chargeover_lacks_is_absent_not_broken(make_co_app, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        tabs = [pane.id for pane in screen.query("TabPane")]
        assert tabs == ["tab-overview", "tab-invoices", "tab-notes", "tab-addresses", "tab-details"]
        shown = {key for key, active in screen.active_bindings.items() if active.binding.show}
        assert "n" in shown
        assert not {"a", "x", "delete"} & shown
        for action in ("status_actions", "edit_address", "delete_note"):
            assert screen.check_action(action, ()) is False
        assert screen.check_action("show_tab", ("tab-subscriptions",)) is False
        await pilot.press("2")  # the subscriptions key of Fusebill does nothing here
        await pilot.pause()
        assert screen.query_one("TabbedContent").active == "tab-overview"
        await pilot.press("5")
        await pilot.pause()
        addresses = rendered(screen.query_one("#address-billing", Static))
        assert "Line 1" in addresses
        assert "Company" not in addresses  # ChargeOver addresses have no company of their own: no empty row
        assert not screen.query_one("#address-preferences", Static).display


async def test_invoices_list_their_lines_and_totals(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    invoices = sorted((i for i in co_sandbox.store.invoices if i["customer_id"] == SUMMIT),
                      key=lambda i: i["invoice_id"], reverse=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        await pilot.press("3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one(InvoicesTable)
        rows = row_texts(table)
        assert [row[0] for row in rows] == [i["refnumber"] for i in invoices]
        posted = [row[1] for row in rows]  # "newest first", as the summary says
        assert posted == sorted(posted, reverse=True) and posted[0] == max(i["date"] for i in invoices)
        overdue = next(i for i in invoices if i["is_overdue"])
        row = rows[invoices.index(overdue)]
        assert row[5] == "Overdue" and row[4] == f"{overdue['balance']:,.2f} {overdue['currency_iso4217']}"
        summary = rendered(screen.query_one("#invoices-summary", Static))
        assert f"page 1 of 1 · {len(invoices)} invoices" in summary
        sent = params(requests_to(co_sandbox, "/invoice")[-1])
        assert sent["where"] == f"customer_id:EQUALS:{SUMMIT}" and sent["order"] == "invoice_id:DESC"
        assert params(requests_to(co_sandbox, "/invoice/_count")[-1])["where"] == f"customer_id:EQUALS:{SUMMIT}"

        table.focus()
        table.move_cursor(row=invoices.index(overdue))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InvoiceDetailScreen))
        await pilot.pause()
        detail = app.screen
        lines = row_texts(detail.query_one(ChargesTable))
        assert [line[0] for line in lines] == [item["item_name"] for item in overdue["line_items"]]
        assert len(lines[0]) == 4  # no service-period column: ChargeOver lines have none
        heading = rendered(detail.query_one("#invoice-heading", Static))
        assert f"overdue {overdue['days_overdue']} days" in heading
        totals = rendered(detail.query_one("#invoice-totals", Static))
        assert f"Balance due  {overdue['balance']:,.2f} {overdue['currency_iso4217']}" in totals
        assert not detail.query("#invoice-schedules")


async def test_notes_are_listed_and_added_with_n(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_detail(app, pilot, wait_until, SUMMIT)
        await pilot.press("4")
        await pilot.pause()
        stored = [n for n in co_sandbox.store.notes if n["context_id"] == SUMMIT]
        assert len(list(screen.query(NoteItem))) == len(stored) == 2
        summary = rendered(screen.query_one("#notes-summary", Static))
        assert "n: add" in summary and "delete" not in summary

        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteForm))
        app.screen.query_one("TextArea").text = "Called about invoice [1602], 50% paid"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: len(list(screen.query(NoteItem))) == 3)
        posts = [r for r in requests_to(co_sandbox, "/note") if r.method == "POST"]
        assert len(posts) == 1
        added = [n for n in co_sandbox.store.notes if n["context_id"] == SUMMIT and n["note"].startswith("Called")]
        assert added and added[0]["note"] == "Called about invoice [1602], 50% paid"
        newest = next(iter(screen.query(NoteItem)))
        assert newest.note.note == "Called about invoice [1602], 50% paid"


async def test_a_read_only_chargeover_environment_sends_no_note(make_co_app, co_sandbox, wait_until):
    app = make_co_app(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, wait_until, SUMMIT)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, NoteForm)
        assert not [r for r in co_sandbox.request_log if r.method != "GET"]


async def test_a_server_error_is_shown_in_the_panel_and_the_list_stays_usable(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await list_shown(app, pilot, wait_until)
        co_sandbox.faults.fail_next(404, path="/invoice", count=1)
        screen = CustomerDetailScreen(SUMMIT)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.loaded)
        state = screen.panel("tab-invoices").query_one("PanelState", Static)
        assert "Could not load the invoices" in rendered(state) and "Press r to retry" in rendered(state)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: screen.panel("tab-invoices").data is not None)


async def test_wrong_keys_say_so_without_showing_them(make_co_app, co_sandbox, wait_until):
    from dataclasses import replace

    from fusebill_tui.config import builtin_sandbox

    wrong = replace(builtin_sandbox(timezone="UTC", kind="chargeover"), private_key="not-the-private-key")
    app = make_co_app(wrong)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and bool(app.screen.error))
        screen = app.screen
        assert co_sandbox.request_log[-1].status == 401
        assert "not-the-private-key" not in screen.status_text
        assert "key" in screen.status_text.lower() or "authori" in screen.status_text.lower()


async def test_a_rate_limit_is_ridden_out_and_said_in_words(tui_config, wait_until):
    clock = ManualClock()
    limited = create_chargeover_app(ChargeOverSettings(customers=400, seed=11, clock=clock, per_minute=3))
    sandbox = limited.state.chargeover

    said_while_waiting: list[str] = []

    async def sleep(seconds: float) -> None:  # the wait passes on the sandbox's clock, not the test's
        said_while_waiting.append(app.screen.status_text)
        clock.advance(seconds)
        await asyncio.sleep(0)

    def client_factory(env):
        return ChargeOverClient(env.base_url, env.public_key, env.private_key, transport=SandboxTransport(limited),
                                sleep=sleep, clock=lambda: clock().timestamp(), throttle=False)

    app = FusebillApp(tui_config, builtin_sandbox(timezone="UTC", kind="chargeover"), client_factory=client_factory)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await list_shown(app, pilot, wait_until)  # the page and its _count: 1 request left
        app.refresh_budget()
        assert screen.query_one(EnvironmentBar).budget.startswith("requests left 1/3 min")
        await pilot.press("pagedown")  # the last request of the minute (the count is cached)
        await wait_until(pilot, lambda: "page 2 of 8" in screen.status_text and not screen.fetching)
        await pilot.press("pagedown")  # refused with 429, retried after the wait
        await wait_until(pilot, lambda: "page 3 of 8" in screen.status_text and not screen.fetching)
        assert [row[0] for row in row_texts(screen.table)][:1] == [sandbox.store.customers[100]["company"]]
        # The minute was used up: the wait lasts until its reset (12:01:00), said in the list's own line.
        assert len(said_while_waiting) == 1 and "Rate limited, retrying at 12:01:00" in said_while_waiting[0]
        assert [entry.status for entry in requests_to(sandbox, "/customer")] == [200, 200, 429, 200]
        assert not screen.error


# --- switching ------------------------------------------------------------------------------------


async def test_the_picker_switches_between_chargeover_and_fusebill(make_co_app, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await list_shown(app, pilot, wait_until)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EnvironmentPicker))
        options = app.screen.query_one("OptionList")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["\x00sandbox", "\x00sandbox:chargeover"]
        assert options.highlighted == 1  # the ChargeOver sandbox is the current one
        await pilot.press("up", "enter")
        await wait_until(pilot, lambda: isinstance(app.session.backend, FusebillBackend))
        screen = await list_shown(app, pilot, wait_until)
        assert screen.query_one(EnvironmentBar).vendor == ""
        assert screen.table.columns["name"].label.plain.startswith("Name")

        await pilot.press("e")  # and back: the ChargeOver sandbox is still offered
        await wait_until(pilot, lambda: isinstance(app.screen, EnvironmentPicker))
        options = app.screen.query_one("OptionList")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["\x00sandbox", "\x00sandbox:chargeover"] and options.highlighted == 0
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.session.backend, ChargeOverBackend))
        screen = await list_shown(app, pilot, wait_until)
        assert screen.query_one(EnvironmentBar).vendor == "ChargeOver"
        assert screen.table.columns["company"].label.plain.startswith("Company")


@pytest.mark.parametrize("width", [80, 160])
async def test_the_table_fits_narrow_and_wide_terminals(make_co_app, wait_until, width):
    app = make_co_app()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await list_shown(app, pilot, wait_until)
        keys = [str(key.value) for key in screen.query_one(CustomerTable).columns]
        if width < 110:
            assert keys == ["company", "email", "status", "balance"]
        else:
            assert keys == ["company", "contact", "email", "status", "currency", "balance", "mrr", "created"]
