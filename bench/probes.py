"""What the benchmark reads from the app's screens: kept in one place so a UI change is fixed here once."""

from __future__ import annotations

from typing import Any

from textual.coordinate import Coordinate
from textual.widgets import DataTable


def list_table(app: Any) -> DataTable | None:
    """The customer list's table when the list is the current screen."""
    found = app.screen.query("#customers")
    return found.first(DataTable) if found else None


def list_rows(app: Any) -> int:
    """Rows in the customer list on screen (0 when another screen is on top)."""
    table = list_table(app)
    return table.row_count if table is not None else 0


def first_row_key(table: DataTable) -> str | None:
    """The key of the table's first row (a customer or invoice id), None when empty."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(Coordinate(0, 0)).row_key.value


def detail_loaded(app: Any, customer_id: int | None = None) -> bool:
    """Whether the current screen is a customer (``customer_id`` if given) with every panel filled."""
    screen = app.screen
    if type(screen).__name__ != "CustomerDetailScreen":
        return False
    if customer_id is not None and getattr(screen, "customer_id", None) != customer_id:
        return False
    return bool(getattr(screen, "loaded", False))


def invoices_table(app: Any) -> DataTable | None:
    """The invoices table of the customer on screen."""
    found = app.screen.query("#invoices-table")
    return found.first(DataTable) if found else None


async def settle(app: Any, pilot: Any) -> None:
    """Let every worker (requests, prefetches) finish and the screen catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
