"""The customer at a glance: what its first screen shows, checked against the sandbox's stored records,
and what opening a customer costs (the glance shares the tabs' reads)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from textual.widgets import Static

from fusebill_tui.core.aging import BUCKET_LABELS
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.text import money
from fusebill_tui.tui.widgets.panels.glance import (
    GlanceAging,
    GlanceInvoices,
    GlanceNote,
    GlancePart,
    GlanceSubscriptions,
)
from fusebill_tui.tui.widgets.panels.overview import OverviewPanel

SEVERAL_SUBSCRIPTIONS = 900020
EVERY_BUCKET = 900021  # current 100.00 / 1-30 200.00 / 31-60 300.00 / 61-90 400.00 / over 90 515.00 USD
MORE_THAN_A_PAGE = 900022  # 32 unpaid invoices of 10.00 USD, a page is 25
WITH_CREDIT = 900023  # unallocated credits 150.00, payments 75.00 USD
NOTHING = 900024
NEAR_SUSPENSION = 100007
CO_EVERY_BUCKET = 90012  # ChargeOver: days_overdue in every bucket, balance 1,515.00 USD

OPEN_PATHS = sorted([
    "/v1/customeraddresspreferences/{id}",
    "/v1/customers/{id}",
    "/v1/customers/{id}/customernotes",
    "/v1/customers/{id}/invoices",
    "/v1/customers/{id}/overview",
    "/v1/customers/{id}/subscriptions",
])


def text_of(widget: Static | GlancePart, width: int = 200) -> str:
    """What a Static (or a part's body) shows, as plain text."""
    if isinstance(widget, GlancePart):
        widget = widget.body()
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


def glance(screen: CustomerDetailScreen) -> OverviewPanel:
    """The overview tab's glance (the one shown below 140 columns)."""
    panel = screen.panel("tab-overview")
    assert isinstance(panel, OverviewPanel)
    return panel


def part(screen: CustomerDetailScreen, kind: type[GlancePart]) -> GlancePart:
    return next(p for p in glance(screen).parts() if isinstance(p, kind))


async def open_customer(app, pilot, wait_until, customer_id: int) -> CustomerDetailScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = CustomerDetailScreen(customer_id)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.loaded)
    await pilot.pause()
    return screen


def aging_cells(shown: str, currency: str) -> list[str]:
    """The amounts of the aging row of ``currency`` (buckets, then the unpaid total)."""
    row = next(line for line in shown.splitlines() if line.strip().startswith(currency + " "))
    return row.split()[1:]


def stored_aging(invoices: list[dict], today) -> list[Decimal]:
    """The buckets computed from the sandbox's stored invoices: outstanding by days past their due date."""
    from datetime import date

    buckets = [Decimal("0")] * 5
    for invoice in invoices:
        outstanding = Decimal(str(invoice["outstandingBalance"]))
        if outstanding <= 0:
            continue
        due = date.fromisoformat(invoice["paymentSchedules"][0]["dueDateTimestamp"][:10])
        days = (today - due).days
        index = 0 if days <= 0 else 1 if days <= 30 else 2 if days <= 60 else 3 if days <= 90 else 4
        buckets[index] += outstanding
    return buckets


async def test_several_subscriptions_are_listed_with_amount_interval_and_next_recharge(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, SEVERAL_SUBSCRIPTIONS)
        subs = sandbox.store.subscriptions(SEVERAL_SUBSCRIPTIONS)
        assert len(subs) == 3
        shown = text_of(part(screen, GlanceSubscriptions))
        assert "Subscriptions  3 billing" in shown
        for sub in subs:
            row = next(line for line in shown.splitlines() if line.strip().startswith(sub["planName"]))
            assert money(Decimal(str(sub["amount"])), "USD") in row
            assert sub["planFrequency"]["interval"] in row
            assert sub["nextRechargeDate"][:10] in row and "Active" in row
        assert "more" not in shown


async def test_more_subscriptions_than_shown_end_with_a_count_of_the_rest(make_app, sandbox, wait_until, monkeypatch):
    from fusebill_tui.tui.widgets.panels import glance as glance_module

    monkeypatch.setattr(glance_module, "SHOWN_SUBSCRIPTIONS", 2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, SEVERAL_SUBSCRIPTIONS)
        shown = text_of(part(screen, GlanceSubscriptions))
        assert "+1 more (2: Subscriptions)" in shown
        assert len([line for line in shown.splitlines() if " USD " in line]) == 2


async def test_aging_spreads_the_unpaid_amount_over_every_bucket_and_reconciles(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, EVERY_BUCKET)
        stored = sandbox.store.invoices(EVERY_BUCKET)
        today = app.clock().date()
        expected = stored_aging(stored, today)
        assert all(expected)  # every bucket holds something
        shown = text_of(part(screen, GlanceAging))
        header = next(line for line in shown.splitlines() if line.strip().startswith("Aging"))
        assert " ".join(header.split()) == " ".join(["Aging", *BUCKET_LABELS, "Unpaid"])
        cells = aging_cells(shown, "USD")
        assert cells == [money(amount) for amount in expected] + [money(sum(expected))]
        overview = sandbox.store.overview(EVERY_BUCKET)
        assert sum(expected) == Decimal(str(overview["arBalance"])) == Decimal("1515.00")
        assert "from the latest" not in shown.lower()  # every invoice was read

        invoices = text_of(part(screen, GlanceInvoices))
        newest = sorted(stored, key=lambda i: i["postedTimestamp"], reverse=True)
        unpaid = [i for i in newest if Decimal(str(i["outstandingBalance"])) > 0]
        assert f"{len(unpaid)} unpaid of the latest {len(stored)}" in invoices
        for invoice in newest[:5]:
            row = next(line for line in invoices.splitlines() if line.strip().startswith(str(invoice["invoiceNumber"])))
            due = invoice["paymentSchedules"][0]["dueDateTimestamp"][:10]
            assert invoice["postedTimestamp"][:10] in row and due in row
            assert money(Decimal(str(invoice["invoiceAmount"])), "USD") in row
            from datetime import date

            late = (today - date.fromisoformat(due)).days
            if Decimal(str(invoice["outstandingBalance"])) > 0 and late > 0:
                assert row.rstrip().endswith(f"{late} d")
            else:
                assert not row.rstrip().endswith(" d")


async def test_more_unpaid_invoices_than_a_page_says_what_the_aging_was_read_from(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, MORE_THAN_A_PAGE)
        stored = sandbox.store.invoices(MORE_THAN_A_PAGE)
        assert len(stored) == 32
        shown = text_of(part(screen, GlanceAging))
        cells = aging_cells(shown, "USD")
        newest = sorted(stored, key=lambda i: i["postedTimestamp"], reverse=True)[:25]
        assert cells[-1] == money(sum(Decimal(str(i["outstandingBalance"])) for i in newest)) == "250.00"
        assert cells[:-1] == [money(amount) for amount in stored_aging(newest, app.clock().date())]
        assert "From the latest 25 invoices (of 32)." in shown
        assert "25 unpaid of the latest 25 (32 in all)" in text_of(part(screen, GlanceInvoices))
        assert "+27 more (3: Invoices)" in text_of(part(screen, GlanceInvoices))


async def test_a_credit_is_shown_beside_the_aging_never_in_it(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, WITH_CREDIT)
        overview = sandbox.store.overview(WITH_CREDIT)
        assert Decimal(str(overview["unallocatedCredits"])) == Decimal("150.00")
        balances = text_of(screen.query_one("#overview-panel #overview-balances", Static))
        assert "Unallocated credits 150.00 USD" in " ".join(balances.split())
        assert "Unallocated payments 75.00 USD" in " ".join(balances.split())
        shown = text_of(part(screen, GlanceAging))
        assert "nothing unpaid" in shown
        assert "Not in the aging: unallocated payments 75.00 USD · unallocated credits 150.00 USD" in shown


async def test_a_customer_with_nothing_says_so_in_each_part(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, NOTHING)
        assert sandbox.store.invoices(NOTHING) == [] and sandbox.store.notes(NOTHING) == []
        assert "Subscriptions  none" in text_of(part(screen, GlanceSubscriptions))
        assert "Latest invoices  none" in text_of(part(screen, GlanceInvoices))
        assert text_of(part(screen, GlanceAging)).strip() == "Aging  nothing unpaid"  # no zero credits beside
        assert "Latest note  none" in text_of(part(screen, GlanceNote))
        assert "AR balance 0.00 USD" in " ".join(text_of(screen.query_one("#overview-panel #overview-balances",
                                                                          Static)).split())


async def test_the_latest_note_shows_its_date_author_and_first_line(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        sandbox.store.notes(NEAR_SUSPENSION).append({
            "userWhoCreatedNote": "ada@desk.example", "note": "Promised to pay Friday.\nSecond line, not shown.",
            "createdTimestamp": "2025-06-02T10:00:00", "id": 99, "uri": None, "customerId": NEAR_SUSPENSION})
        screen = await open_customer(app, pilot, wait_until, NEAR_SUSPENSION)
        shown = text_of(part(screen, GlanceNote))
        assert "2025-06-02 10:00" in shown and "ada@desk.example" in shown
        assert "Promised to pay Friday. …" in shown and "Second line" not in shown


async def test_the_four_questions_fit_the_first_screen_at_80x24(make_app, sandbox, wait_until):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_customer(app, pilot, wait_until, NEAR_SUSPENSION)
        bottom = screen.query_one("#overview-panel #overview-scroll").region.bottom
        for selector in ("#overview-panel #overview-balances", "#customer-banner"):
            assert screen.query_one(selector).region.bottom <= bottom, selector
        for kind in (GlanceAging, GlanceSubscriptions):
            widget = part(screen, kind)
            assert widget.region.height > 0 and widget.region.y + 2 <= bottom, kind  # its title and a row


async def test_opening_a_customer_still_sends_six_reads_the_glance_sends_none(make_app, sandbox, wait_until):
    import re

    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:  # both glances (tab and side) mounted
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = len(sandbox.request_log)
        screen = await open_customer(app, pilot, wait_until, EVERY_BUCKET)
        await app.workers.wait_for_complete()
        sent = sorted(re.sub(r"/\d+", "/{id}", r.path.lower().rstrip("/")) for r in sandbox.request_log[start:])
        assert sent == OPEN_PATHS
        assert all(p.data is not None for p in glance(screen).parts())

        start = len(sandbox.request_log)
        await pilot.press("r")  # a refresh reads each once more, the glance included
        await wait_until(pilot, lambda: screen.loaded)
        await app.workers.wait_for_complete()
        sent = sorted(re.sub(r"/\d+", "/{id}", r.path.lower().rstrip("/")) for r in sandbox.request_log[start:])
        assert sent == OPEN_PATHS


async def test_each_part_shows_its_own_error_and_the_rest_fill_in(make_app, sandbox, wait_until):
    sandbox.faults.fail_next(403, path="/customers/*/subscriptions")  # not retried
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_customer(app, pilot, wait_until, EVERY_BUCKET)
        from fusebill_tui.tui.widgets.panels.base import PanelState

        subs = part(screen, GlanceSubscriptions)
        assert "Could not load the subscriptions" in text_of(subs.query_one(PanelState))
        assert "Press r to retry" in text_of(subs.query_one(PanelState))
        assert "1,515.00" in text_of(part(screen, GlanceAging))
        assert part(screen, GlanceInvoices).data is not None and part(screen, GlanceNote).error is None


async def test_a_chargeover_customer_gets_the_same_glance_from_its_fields(make_co_app, co_sandbox, wait_until):
    app = make_co_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = len(co_sandbox.request_log)
        screen = await open_customer(app, pilot, wait_until, CO_EVERY_BUCKET)
        assert not [p for p in glance(screen).parts() if isinstance(p, GlanceSubscriptions)]  # absent, not empty
        assert not screen.query_one("#customer-banner").display  # no days until suspension there
        balances = " ".join(text_of(screen.query_one("#overview-panel #overview-balances", Static)).split())
        assert "Balance due 1,515.00 USD" in balances and "MRR" in balances and "ARR" in balances
        shown = text_of(part(screen, GlanceAging))
        assert aging_cells(shown, "USD") == ["100.00", "200.00", "300.00", "400.00", "515.00", "1,515.00"]
        stored = [i for i in co_sandbox.store.invoices if i["customer_id"] == CO_EVERY_BUCKET]
        assert sum(Decimal(str(i["balance"])) for i in stored) == Decimal("1515.00")
        invoices = text_of(part(screen, GlanceInvoices))
        assert f"5 unpaid of the latest {len(stored)}" in invoices
        for invoice in sorted(stored, key=lambda i: i["invoice_id"], reverse=True)[:5]:
            row = next(line for line in invoices.splitlines() if line.strip().startswith(str(invoice["refnumber"])))
            if invoice["days_overdue"] and not invoice["is_paid"]:
                assert row.rstrip().endswith(f"{invoice['days_overdue']} d")  # the server's own figure
            else:
                assert not row.rstrip().endswith(" d")
        # the customer once (overview, header and addresses share it), the invoices with their count, the notes
        paths = sorted(r.path for r in co_sandbox.request_log[start:])
        assert paths == sorted([f"/api/v3/customer/{CO_EVERY_BUCKET}", "/api/v3/note", "/api/v3/invoice",
                                "/api/v3/invoice/_count"])
