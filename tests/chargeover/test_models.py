"""The ChargeOver models read what a server really sends: odd types, unknown statuses, missing parts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from fusebill_tui.core.errors import MalformedResponse
from fusebill_tui.vendors.chargeover.models import (
    ChargeOverCustomer,
    ChargeOverInvoice,
    ChargeOverNote,
)


def test_the_reference_example_customer() -> None:
    example = {
        "superuser_id": 357, "external_key": None, "company": "CA Test Customer 1", "email": "asgdadg@asdgaggd.com",
        "bill_country": "Canada", "write_datetime": "2013-08-22 08:57:09", "mod_datetime": "2013-08-22 08:57:09",
        "display_as": "CA Test Customer 1", "ship_block": "", "bill_block": "Canada", "customer_id": 7,
    }
    customer = ChargeOverCustomer.from_api(example)
    assert customer.customer_id == customer.id == 7
    assert customer.write_datetime == datetime(2013, 8, 22, 8, 57, 9, tzinfo=UTC)
    assert customer.display_name == "CA Test Customer 1"
    assert customer.address_lines("bill") == ["Canada"] and customer.address_lines("ship") == []
    assert customer.raw is example and customer.raw["email"] == "asgdadg@asdgaggd.com"


def test_lenient_fields() -> None:
    customer = ChargeOverCustomer.from_api({
        "customer_id": "12", "company": 9984242269, "balance": "1,234.50", "total": 10.1, "mrr": None,
        "tags": "vip, beta", "customer_status_str": "paused-trial", "write_datetime": "not a date",
        "model_config": "kept in raw", "superuser_first_name": "Ada", "superuser_last_name": "Lovelace",
    })
    assert customer.customer_id == 12 and customer.company == "9984242269"
    assert customer.balance == Decimal("1234.50") and customer.total == Decimal("10.1")
    assert isinstance(customer.total, Decimal) and customer.mrr is None
    assert customer.tags == ["vip", "beta"]
    assert customer.customer_status_str == "paused-trial" and customer.is_active is None
    assert customer.write_datetime is None
    assert customer.contact_name == "Ada Lovelace"
    assert customer.raw["model_config"] == "kept in raw"


@pytest.mark.parametrize("status, active", [
    ("active-current", True), ("active-overdue", True), ("inactive-manual", False), ("inactive-activity", False),
])
def test_every_documented_status(status, active) -> None:
    assert ChargeOverCustomer.from_api({"customer_status_str": status}).is_active is active


def test_a_customer_with_no_name_at_all_is_named_by_id() -> None:
    assert ChargeOverCustomer.from_api({"customer_id": 5, "company": "  "}).display_name == "#5"


def test_invoice_with_line_items_and_odd_lines() -> None:
    invoice = ChargeOverInvoice.from_api({
        "invoice_id": 101, "date": "2025-05-03", "due_date": "2025-06-02 00:00:00", "is_paid": "1",
        "total": "25.00", "line_items": [{"line_rate": "12.50", "line_quantity": 2, "line_total": 25}, "junk", None],
    })
    assert invoice.date == date(2025, 5, 3) and invoice.due_date == date(2025, 6, 2)
    assert invoice.is_paid is True and invoice.total == Decimal("25.00")
    assert len(invoice.line_items) == 1
    assert invoice.line_items[0].line_rate == Decimal("12.50") and invoice.line_items[0].line_total == Decimal(25)


def test_note() -> None:
    note = ChargeOverNote.from_api({"note_id": 3, "note": None, "note_datetime": "2025-05-31 17:00:00"})
    assert note.id == 3 and note.text == "" and note.note_datetime.tzinfo is UTC


def test_shapes_that_cannot_be_read() -> None:
    with pytest.raises(MalformedResponse, match="customer"):
        ChargeOverCustomer.from_api(["not", "an", "object"])
    with pytest.raises(MalformedResponse, match="list of invoices"):
        ChargeOverInvoice.list_from_api({"invoice_id": 1})
