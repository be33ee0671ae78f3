"""ChargeOver's `customers --format csv`: the same spreadsheet-safe cells as Fusebill's (one writer for all)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from fusebill_tui import headless
from fusebill_tui.core import jsonutil
from fusebill_tui.core.output import FORMULA_LEADS

#: Text columns of ChargeOver's CSV -> the sandbox's customer field behind each.
TEXT_COLUMNS = {"company": "company", "superuser_name": "superuser_name", "superuser_email": "superuser_email",
                "customer_status_str": "customer_status_str", "currency_iso4217": "currency_iso4217"}
AMOUNTS = ("balance", "total", "paid", "mrr", "arr")


async def _export(co_client, cid: int) -> tuple[dict[str, str], dict]:
    out, err = io.StringIO(), io.StringIO()
    await headless.customers(co_client, all_pages=True, page_size=500, fmt="csv", out=out, err=err)
    row = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["customer_id"] == str(cid))
    out = io.StringIO()
    await headless.customers(co_client, all_pages=True, page_size=500, fmt="json", out=out, err=err)
    exact = next(o for o in jsonutil.loads(out.getvalue()) if str(o["customer_id"]) == str(cid))
    return row, exact


@pytest.mark.parametrize("lead", FORMULA_LEADS, ids=["equals", "plus", "minus", "at", "tab", "cr"])
async def test_every_text_column_is_marked_and_negative_amounts_stay_numbers(co_client, co_sandbox, lead) -> None:
    customer = co_sandbox.store.customers[0]
    for column, field in TEXT_COLUMNS.items():
        customer[field] = f"{lead}cmd|' /C calc'!A0 {column}"
    for field in AMOUNTS:
        customer[field] = -12.5
    row, exact = await _export(co_client, customer["customer_id"])
    for column, field in TEXT_COLUMNS.items():
        assert exact[field] == f"{lead}cmd|' /C calc'!A0 {column}", column  # JSON stays exact
        if column == "superuser_name" and lead in "\t\r":
            assert row[column] == f"cmd|' /C calc'!A0 {column}"  # the contact's name is read stripped
        else:
            assert row[column] == f"'{lead}cmd|' /C calc'!A0 {column}", column
    for field in AMOUNTS:
        assert Decimal(row[field]) == Decimal("-12.5") and row[field].startswith("-"), field
