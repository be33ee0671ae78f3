"""Turning to a prefetched (or the previous) page shows rows prepared ahead, exactly as if drawn on the spot."""

from __future__ import annotations

from textual.geometry import Region

from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.widgets.customer_table import CustomerTable

PAGE = 50


def lines(table: CustomerTable) -> list[list[tuple[str, object]]]:
    """Every line the table paints, as (text, style) segments (styles carry the row / column meta too)."""
    width, height = table.size
    return [[(segment.text, segment.style) for segment in strip]
            for strip in table.render_lines(Region(0, 0, width, height))]


async def settled(app, pilot, wait_until) -> CustomerListScreen:
    """The list on screen with its page shown and every prefetch and preparation finished."""
    await wait_until(pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def painted_on_the_spot(table: CustomerTable, pilot) -> list[list[tuple[str, object]]]:
    """The same rows drawn again with nothing prepared and no cache."""
    table.forget_prepared()
    table._clear_caches()  # Textual's own caches of rendered cells and lines
    table.refresh()
    await pilot.pause()
    return lines(table)


async def test_the_next_page_paints_from_prepared_cells_identical_to_cells_drawn_on_the_spot(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(app, pilot, wait_until)
        table = screen.table
        first_ids = [row.key.value for row in table.ordered_rows]
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: "page 2 of" in screen.status_text)
        await pilot.pause()
        prepared = lines(table)
        assert table.cells_from_prepared > 0  # the page came from prepared cells
        assert [row.key.value for row in table.ordered_rows] != first_ids
        assert prepared == await painted_on_the_spot(table, pilot)


async def test_the_previous_page_is_prepared_too_and_the_cursor_row_is_drawn_right(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(app, pilot, wait_until)
        await pilot.press("pagedown")
        await settled(app, pilot, wait_until)
        table = screen.table
        used = table.cells_from_prepared
        await pilot.press("pageup")
        await wait_until(pilot, lambda: "page 1 of" in screen.status_text)
        await pilot.pause()
        assert table.cells_from_prepared > used
        assert table.cursor_row == 0
        prepared = lines(table)
        assert prepared == await painted_on_the_spot(table, pilot)
        await pilot.press("down")  # the cursor leaves the prepared state: cells drawn on the spot, right
        await pilot.pause()
        assert table.cursor_row == 1
        moved = lines(table)
        assert moved == await painted_on_the_spot(table, pilot)


async def test_a_resize_between_preparing_and_turning_draws_the_page_on_the_spot(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(app, pilot, wait_until)
        table = screen.table
        await pilot.resize_terminal(80, 24)  # fewer columns: the prepared cells no longer fit
        await pilot.pause()
        used = table.cells_from_prepared
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: "page 2 of" in screen.status_text)
        await pilot.pause()
        assert table.cells_from_prepared == used
        assert lines(table) == await painted_on_the_spot(table, pilot)


async def test_back_and_forth_every_turn_paints_from_prepared_cells(make_app, wait_until):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(app, pilot, wait_until)
        table = screen.table
        for key, page in (("pagedown", 2), ("pagedown", 3), ("pageup", 2), ("pagedown", 3), ("pageup", 2)):
            used = table.cells_from_prepared
            await pilot.press(key)
            await wait_until(pilot, lambda page=page: f"page {page} of" in screen.status_text)
            await pilot.pause()
            assert table.cells_from_prepared > used, (key, page)
            await settled(app, pilot, wait_until)
