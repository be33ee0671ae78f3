"""The customer list against the sandbox: paging, prefetch, sort, filter, quick and saved filters, failures."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from textual.widgets import OptionList

from fusebill_tui.config import Environment, load_config
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings
from fusebill_tui.sandbox.fusebill.errors import error_body
from fusebill_tui.tui.dialogs.filter_menus import QuickFilterMenu, SavedFilterMenu
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.widgets.customer_table import CustomerTable
from fusebill_tui.vendors.fusebill.query import CUSTOMER_FIELDS

SANDBOX_URL = "https://sandbox.invalid/v1"
TOTAL = 300  # customers in the test sandbox
PAGE = 50


def list_requests(sandbox) -> list[dict[str, str]]:
    """The query parameters (raw, undecoded) of every GET /customers the sandbox received."""
    return [
        dict(parse_qsl(entry.raw_query, keep_blank_values=True)) | {"_raw": entry.raw_query}
        for entry in sandbox.request_log
        if entry.method == "GET" and entry.path.lower() == "/v1/customers"
    ]


def page_requests(sandbox, page_number: int, **extra: str) -> list[dict[str, str]]:
    """GET /customers requests for one page of 50 (not the pageSize=1 counts)."""
    return [
        r for r in list_requests(sandbox)
        if r.get("pageNumber") == str(page_number) and r.get("pageSize") == str(PAGE)
        and all(r.get(k) == v for k, v in extra.items())
    ]


def row_ids(screen: CustomerListScreen) -> list[int]:
    """The customer ids shown, in order."""
    return [int(row.key.value) for row in screen.table.ordered_rows]


def shown_text(table: CustomerTable) -> list[str]:
    """Every cell of the table as the plain text a user sees."""
    return [str(getattr(cell, "plain", cell)) for row in table.ordered_rows for cell in table.get_row(row.key)]


async def loaded(pilot, wait_until) -> CustomerListScreen:
    """Wait for the list to show a page and return it."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None
                     and not app.screen.fetching)
    return app.screen


async def settled(pilot, wait_until, screen: CustomerListScreen) -> None:
    """Wait until the page and any prefetch have finished."""
    await wait_until(pilot, lambda: not screen.fetching and not any(
        w.group in ("list-page", "list-prefetch") and not w.is_finished for w in pilot.app.workers))


def sorted_ids(sandbox, key=None, reverse=False) -> list[int]:
    """Every customer id, in id order (or by ``key`` of the stored record, ties by id)."""
    ids = sorted(sandbox.store.customer_ids())
    if key is None:
        return ids
    return sorted(ids, key=lambda i: (key(sandbox.store.peek(i)), i), reverse=reverse)


async def test_first_page_shows_the_first_customers_and_the_paging_headers(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        assert row_ids(screen) == sorted_ids(sandbox)[:PAGE]
        assert screen.status_text.startswith(f"page 1 of {TOTAL // PAGE} · {TOTAL} customers")
        first = sandbox.store.peek(row_ids(screen)[0])
        assert f"{first['lastName']}, {first['firstName']}" in shown_text(screen.table)
        assert page_requests(sandbox, 0)[0]["pageSize"] == str(PAGE)


async def test_page_keys_send_the_right_page_number_and_show_its_rows(make_app, sandbox, wait_until):
    ids = sorted_ids(sandbox)
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: row_ids(screen) == ids[PAGE:2 * PAGE])
        assert "page 2 of 6" in screen.status_text
        await pilot.press("end")
        await wait_until(pilot, lambda: row_ids(screen) == ids[5 * PAGE:])
        assert "page 6 of 6" in screen.status_text
        assert len(page_requests(sandbox, 5)) == 1
        await pilot.press("pageup")
        await wait_until(pilot, lambda: row_ids(screen) == ids[4 * PAGE:5 * PAGE])
        assert len(page_requests(sandbox, 4)) == 1
        await pilot.press("home")
        await wait_until(pilot, lambda: row_ids(screen) == ids[:PAGE])
        await settled(pilot, wait_until, screen)
        assert len(page_requests(sandbox, 0)) == 1  # the first page came back from the cache


async def test_the_next_page_is_prefetched_once_and_turning_to_it_sends_nothing(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await wait_until(pilot, lambda: len(page_requests(sandbox, 1)) == 1)
        await settled(pilot, wait_until, screen)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: "page 2 of 6" in screen.status_text)
        await settled(pilot, wait_until, screen)
        assert len(page_requests(sandbox, 1)) == 1
        assert len(page_requests(sandbox, 2)) == 1  # and page 3 is prefetched in turn


class TestLowBudget:
    """With only 6 requests a minute, the app keeps the last few for what the user asks for."""

    @pytest.fixture
    def sandbox_settings(self, sandbox_clock) -> SandboxSettings:
        return SandboxSettings(customers=300, seed=7, api_key=DEFAULT_API_KEY, clock=sandbox_clock, per_minute=6)

    async def test_no_prefetch_when_the_request_budget_is_low(self, make_app, sandbox, wait_until):
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await loaded(pilot, wait_until)
            await settled(pilot, wait_until, screen)
            assert len(page_requests(sandbox, 1)) == 1  # 5 left after the first page: still prefetched
            await pilot.press("pagedown")
            await wait_until(pilot, lambda: "page 2 of 6" in screen.status_text)
            await settled(pilot, wait_until, screen)
            assert app.session.backend.client.rate_limit.remaining_minute == 4
            assert page_requests(sandbox, 2) == []  # 4 left: page 3 is not prefetched


async def test_sort_by_key_and_by_header_click_is_sent_and_shown(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await pilot.press("s")
        await wait_until(pilot, lambda: "sorted by Name ▲" in screen.status_text)
        assert page_requests(sandbox, 0, sortExpression="lastName", sortOrder="Ascending")
        assert str(screen.table.columns["name"].label) == "Name ▲"
        by_last = sorted_ids(sandbox, key=lambda c: c["lastName"] or "")
        assert row_ids(screen) == by_last[:PAGE]
        await pilot.press("S")
        await wait_until(pilot, lambda: "sorted by Name ▼" in screen.status_text)
        assert page_requests(sandbox, 0, sortExpression="lastName", sortOrder="Descending")
        assert str(screen.table.columns["name"].label) == "Name ▼"

        # A click on the Created header sorts by createdTimestamp, a second click flips it.
        table = screen.table
        x = sum(col.get_render_width(table) for col in table.ordered_columns[:table.get_column_index("created")])
        await pilot.click(CustomerTable, offset=(x + 2, 0))
        await wait_until(pilot, lambda: "sorted by Created ▲" in screen.status_text)
        assert page_requests(sandbox, 0, sortExpression="createdTimestamp", sortOrder="Ascending")
        assert str(table.columns["created"].label) == "Created ▲"
        assert str(table.columns["name"].label) == "Name"
        await pilot.click(CustomerTable, offset=(x + 2, 0))
        await wait_until(pilot, lambda: "sorted by Created ▼" in screen.status_text)
        assert page_requests(sandbox, 0, sortExpression="createdTimestamp", sortOrder="Descending")


async def type_filter(pilot, text: str) -> None:
    """Press / , put ``text`` in the input (typing is tested once, in the suggester test) and press Enter."""
    await pilot.press("slash")
    pilot.app.screen.filter_bar.set_text(text)
    await pilot.press("enter")


async def test_plain_text_searches_last_names_with_the_raw_query_on_the_wire(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "smith")
        await wait_until(pilot, lambda: any("query=lastName:*smith*" in r["_raw"] for r in list_requests(sandbox)))
        await settled(pilot, wait_until, screen)
        expected = [i for i in sorted_ids(sandbox) if "smith" in (sandbox.store.peek(i)["lastName"] or "").lower()]
        assert row_ids(screen) == expected[:PAGE]
        assert f"{len(expected)} customers" in screen.status_text
        assert "last name contains “smith”" in screen.status_text


async def test_an_at_sign_searches_the_email(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "adams5@")
        await wait_until(pilot, lambda: any("query=primaryEmail:*adams5@*" in r["_raw"]
                                            for r in list_requests(sandbox)))
        await settled(pilot, wait_until, screen)
        for customer_id in row_ids(screen):
            assert "adams5@" in sandbox.store.peek(customer_id)["primaryEmail"]


async def test_digits_open_that_customer(make_app, sandbox, wait_until):
    from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen

    target = sorted_ids(sandbox)[123]
    async with make_app().run_test(size=(120, 40)) as pilot:
        await loaded(pilot, wait_until)
        await type_filter(pilot, str(target))
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CustomerDetailScreen))
        assert pilot.app.screen.customer_id == target
        assert any(e.path.lower() == f"/v1/customers/{target}" for e in sandbox.request_log)


async def test_an_unknown_id_is_explained(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "99999999")
        await wait_until(pilot, lambda: "no customer #99999999" in screen.filter_bar.message)
        assert pilot.app.screen is screen


async def test_a_typo_in_a_query_is_explained_and_nothing_is_sent(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        before = len(sandbox.request_log)
        await type_filter(pilot, "stauts:Active")
        await wait_until(pilot, lambda: "did you mean 'status'" in screen.filter_bar.message)
        await type_filter(pilot, "status:Actve")
        await wait_until(pilot, lambda: "did you mean 'Active'" in screen.filter_bar.message)
        assert len(sandbox.request_log) == before
        assert row_ids(screen) == sorted_ids(sandbox)[:PAGE]  # the list is untouched


async def test_a_valid_query_is_sent_and_shown(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "status:Hold;accountStatus:Good")
        await wait_until(pilot, lambda: any("query=status:Hold;accountStatus:Good" in r["_raw"]
                                            for r in list_requests(sandbox)))
        await settled(pilot, wait_until, screen)
        expected = [i for i in sorted_ids(sandbox) if sandbox.store.peek(i)["status"] == "Hold"
                    and sandbox.store.peek(i)["customerAccountStatus"] == "Good"]
        assert row_ids(screen) == expected[:PAGE]


async def test_a_400_from_the_server_is_shown_beside_the_filter(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        sandbox.faults.fail_next(400, path="/v1/customers", body=error_body(400, "The query could not be read"))
        await type_filter(pilot, "status:Active")
        await wait_until(pilot, lambda: "The query could not be read" in screen.filter_bar.message)
        assert "The query could not be read" in screen.status_text
        assert row_ids(screen) == sorted_ids(sandbox)[:PAGE]  # the previous page stays


async def test_escape_in_the_filter_clears_it(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "status:Cancelled")
        await wait_until(pilot, lambda: "filter: status:Cancelled" in screen.status_text)
        await pilot.press("slash", "escape")
        await wait_until(pilot, lambda: screen.request.query is None and not screen.fetching
                         and row_ids(screen) == sorted_ids(sandbox)[:PAGE])
        assert screen.filter_bar.text == ""
        assert "filter" not in screen.status_text


async def test_quick_filter_counts_match_the_sandbox_and_apply(make_app, sandbox, wait_until):
    records = [sandbox.store.peek(i) for i in sandbox.store.customer_ids()]
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QuickFilterMenu))
        menu = pilot.app.screen
        await wait_until(pilot, lambda: len(menu.counts) == 8)
        for status in CUSTOMER_FIELDS["status"].values:
            assert menu.counts[f"status:{status}"] == sum(r["status"] == status for r in records)
        for status in CUSTOMER_FIELDS["accountstatus"].values:
            assert menu.counts[f"accountStatus:{status}"] == sum(r["customerAccountStatus"] == status
                                                                 for r in records)
        counts = [r for r in list_requests(sandbox) if r.get("pageSize") == "1"]
        assert len(counts) == 8
        options = menu.query_one(OptionList)
        options.highlighted = options.get_option_index("status:Hold")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.request.query == "status:Hold" and not screen.fetching)
        assert f"{menu.counts['status:Hold']} customers" in screen.status_text
        # Opening the menu again reads the counts from the cache.
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QuickFilterMenu)
                         and len(pilot.app.screen.counts) == 8)
        assert len([r for r in list_requests(sandbox) if r.get("pageSize") == "1"]) == 8


async def test_a_saved_filter_lands_in_the_app_file_and_applies(make_app, tui_config, sandbox, wait_until):
    hand_written = tui_config.path
    hand_written.write_text('# mine\n[filters]\n"mine" = "status:Draft"\n')
    config = load_config(hand_written)
    async with make_app(config=config).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "accountStatus:Collection")
        await wait_until(pilot, lambda: screen.request.query == "accountStatus:Collection" and not screen.fetching)
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, SavedFilterMenu))
        options = pilot.app.screen.query_one(OptionList)
        options.highlighted = options.option_count - 1  # "+ Save the current filter…"
        await pilot.press("enter")
        await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "filter-name")
        await pilot.press(*"in collection")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        assert hand_written.read_text() == '# mine\n[filters]\n"mine" = "status:Draft"\n'
        assert load_config(hand_written).saved_filters["in collection"] == "accountStatus:Collection"
        assert 'accountStatus:Collection' in config.app_path.read_text()

        await pilot.press("slash", "escape")
        await wait_until(pilot, lambda: screen.request.query is None and not screen.fetching)
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, SavedFilterMenu))
        options = pilot.app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("saved:in collection")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.request.query == "accountStatus:Collection" and not screen.fetching)
        assert screen.filter_bar.text == "accountStatus:Collection"


async def test_cursor_filter_sort_and_page_survive_opening_a_customer(make_app, sandbox, wait_until):
    from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen

    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "status:Active")
        await wait_until(pilot, lambda: screen.request.query == "status:Active" and not screen.fetching)
        await pilot.press("s", "pagedown")
        await wait_until(pilot, lambda: "page 2 of" in screen.status_text and not screen.fetching)
        await pilot.press("j", "j", "j")
        chosen = screen.table.highlighted_id()
        request = screen.request
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CustomerDetailScreen))
        assert pilot.app.screen.customer_id == chosen
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        assert screen.request == request
        assert screen.table.highlighted_id() == chosen
        assert screen.filter_bar.text == "status:Active"
        assert "page 2 of" in screen.status_text and "sorted by Name ▲" in screen.status_text


async def test_j_k_g_G_move_the_cursor(make_app, sandbox, wait_until):
    ids = sorted_ids(sandbox)
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await pilot.press("j", "j")
        assert screen.table.highlighted_id() == ids[2]
        await pilot.press("k")
        assert screen.table.highlighted_id() == ids[1]
        await pilot.press("G")
        assert screen.table.highlighted_id() == ids[PAGE - 1]
        await pilot.press("g")
        assert screen.table.highlighted_id() == ids[0]


async def test_refresh_reads_the_page_again(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        await pilot.press("j")
        first = screen.table.highlighted_id()
        sandbox.store.record(first)["customer"]["lastName"] = "Renamed"
        await pilot.press("r")
        await wait_until(pilot, lambda: len(page_requests(sandbox, 0)) == 2 and not screen.fetching)
        assert any(text.startswith("Renamed,") for text in shown_text(screen.table))
        assert screen.table.highlighted_id() == first
        screen.reload()  # from the cache: nothing more is sent
        await settled(pilot, wait_until, screen)
        assert len(page_requests(sandbox, 0)) == 2


async def test_names_with_markup_show_literally(make_app, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await type_filter(pilot, "companyName:ACME*")
        await wait_until(pilot, lambda: screen.request.query is not None and not screen.fetching
                         and screen.page is not None and screen.page.items)
        assert "ACME [EU]" in shown_text(screen.table)
        await type_filter(pilot, "Markup")
        await wait_until(pilot, lambda: screen.request.query == "lastName:*Markup*" and not screen.fetching)
        assert "Markup, [bold]x[/]" in shown_text(screen.table)


async def test_a_wrong_key_says_so_and_the_list_stays_usable(make_app, sandbox, wait_until):
    wrong = Environment(name="wrong-key", base_url=SANDBOX_URL, api_key="bm90OnJpZ2h0", timezone="UTC")
    async with make_app(wrong).run_test(size=(120, 40)) as pilot:
        screen = await loaded_or_failed(pilot, wait_until)
        assert "key" in screen.status_text.lower()
        assert "bm90OnJpZ2h0" not in screen.status_text
        await pilot.press("s", "slash")  # still answers keys
        assert pilot.app.is_running


async def loaded_or_failed(pilot, wait_until) -> CustomerListScreen:
    """Wait for the list to show a page or an error."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and not app.screen.fetching
                     and (app.screen.page is not None or bool(app.screen.error)))
    return app.screen


async def test_a_burst_of_server_errors_then_refresh_recovers(make_app, sandbox, wait_until):
    sandbox.faults.fail_next(503, count=20, path="/v1/customers")
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded_or_failed(pilot, wait_until)
        assert screen.error and screen.page is None
        sandbox.faults.clear()
        await pilot.press("r")
        screen = await loaded(pilot, wait_until)
        assert row_ids(screen) == sorted_ids(sandbox)[:PAGE]
        assert not screen.error


async def test_a_dropped_connection_keeps_the_previous_page(make_app, sandbox, wait_until):
    ids = sorted_ids(sandbox)
    async with make_app().run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, wait_until)
        await settled(pilot, wait_until, screen)
        sandbox.faults.drop_next(count=20, path="/v1/customers")
        await pilot.press("end")
        await wait_until(pilot, lambda: bool(screen.error) and not screen.fetching)
        assert row_ids(screen) == ids[:PAGE]
        assert pilot.app.is_running
        sandbox.faults.clear()
        await pilot.press("end")
        await wait_until(pilot, lambda: row_ids(screen) == ids[5 * PAGE:])
        assert not screen.error


async def test_default_key_reaches_the_sandbox(make_app, sandbox, wait_until):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await loaded(pilot, wait_until)
    assert all(e.status == 200 for e in sandbox.request_log if e.path.lower() == "/v1/customers")
    assert DEFAULT_API_KEY  # the fixture's key, never shown
