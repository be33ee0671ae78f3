"""ChargeOverClient against the ChargeOver sandbox: the where language on the wire, order, paging and _count."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fusebill_tui.core.errors import InvalidInput, NotFound, QueryError
from fusebill_tui.vendors.chargeover.where import Condition, parse_where

from .conftest import last_request, sent_params


def _ids(customers) -> list[int]:
    return [c.customer_id for c in customers]


def _expected(sandbox, keep) -> list[int]:
    """Ids of the stored customers ``keep`` accepts, in id order (worked out here, not by the server)."""
    return sorted(c["customer_id"] for c in sandbox.store.customers if keep(c))


async def _all(client, where, order="customer_id:ASC") -> list[int]:
    found, offset = [], 0
    while True:
        page = await client.customers(where, order=order, offset=offset, limit=500)
        found += _ids(page)
        if len(page) < 500:
            return found
        offset += 500


@pytest.mark.parametrize("where, keep", [
    ("customer_id:EQUALS:42", lambda c: c["customer_id"] == 42),
    ("bill_country:EQUALS:canada", lambda c: (c["bill_country"] or "").lower() == "canada"),
    ("bill_country:NOTEQUALS:Canada", lambda c: c["bill_country"] is not None and c["bill_country"] != "Canada"),
    ("customer_id:GT:390", lambda c: c["customer_id"] > 390),
    ("customer_id:GTE:390", lambda c: c["customer_id"] >= 390),
    ("customer_id:LT:5", lambda c: c["customer_id"] < 5),
    ("customer_id:LTE:5", lambda c: c["customer_id"] <= 5),
    ("write_datetime:GTE:2024-01-01", lambda c: c["write_datetime"] >= "2024-01-01"),
    ("company:CONTAINS:LABS", lambda c: "labs" in (c["company"] or "").lower()),
    ("bill_state:IS:NULL", lambda c: c["bill_state"] is None),
    ("bill_state:ISNOT:NULL", lambda c: c["bill_state"] is not None),
    ("customer_status_str:EQUALS:inactive-activity", lambda c: c["customer_status_str"] == "inactive-activity"),
    ("customer_status_str:EQUALS:active-overdue,bill_country:EQUALS:Germany",
     lambda c: c["customer_status_str"] == "active-overdue" and c["bill_country"] == "Germany"),
])
async def test_every_operator_selects_what_it_says(co_client, co_sandbox, where, keep) -> None:
    conditions = parse_where(where)
    expected = _expected(co_sandbox, keep)
    assert expected, "the dataset should have matches for every operator"
    assert await _all(co_client, conditions) == expected
    assert await co_client.count_customers(conditions) == len(expected)
    # What went over the wire is the where language as documented (commas between conditions).
    assert sent_params(last_request(co_sandbox, "/customer/_count"))["where"] == ",".join(
        str(c) for c in conditions)


async def test_a_comma_in_a_value_is_sent_escaped(co_client, co_sandbox) -> None:
    found = await co_client.customers([Condition("company", "EQUALS", "a,b")])
    assert [c.company for c in found] == ["a,b"]
    assert sent_params(last_request(co_sandbox, "/customer"))["where"] == "company:EQUALS:a\\,b"


async def test_an_already_encoded_where_string_is_sent_as_is(co_client, co_sandbox) -> None:
    found = await co_client.customers("company:CONTAINS:a\\,b")
    assert _ids(found) == _expected(co_sandbox, lambda c: "a,b" in (c["company"] or ""))
    assert sent_params(last_request(co_sandbox, "/customer"))["where"] == "company:CONTAINS:a\\,b"


async def test_awkward_names_come_back_exactly(co_client) -> None:
    for text in ("ACME [EU]", "株式会社サンプル", "شركة المثال", "Rocket 🚀 Co.", "Cafe\u0301 Ltd.", "50% off; a|b*c:d"):
        found = await co_client.customers([Condition("company", "EQUALS", text)])
        assert [c.company for c in found] == [text]


@pytest.mark.parametrize("field", ["company", "balance", "write_datetime", "customer_id"])
@pytest.mark.parametrize("descending", [False, True])
async def test_ordering(co_client, co_sandbox, field, descending) -> None:
    order = f"{field}:{'DESC' if descending else 'ASC'}"
    found = await co_client.customers(order=order, limit=500)
    assert sent_params(last_request(co_sandbox, "/customer"))["order"] == order
    values = [getattr(c, field) for c in found if getattr(c, field) is not None]
    if field == "company":
        values = [v.lower() for v in values]
    assert values == sorted(values, reverse=descending)
    assert len(found) == 400


async def test_an_order_on_an_unsortable_field_is_refused_before_sending(co_client, co_sandbox) -> None:
    before = len(co_sandbox.request_log)
    with pytest.raises(QueryError, match="did you mean 'company'"):
        await co_client.customers(order="compnay:ASC")
    with pytest.raises(InvalidInput):
        await co_client.customers(order="company:UP")
    assert len(co_sandbox.request_log) == before


async def test_paging_walks_every_customer_once(co_client, co_sandbox) -> None:
    total = await co_client.count_customers()
    assert total == 400 == len(co_sandbox.store.customers)
    seen, offset = [], 0
    while True:
        page = await co_client.customers(order="company:ASC", offset=offset, limit=37)
        params = sent_params(last_request(co_sandbox, "/customer"))
        assert (params["offset"], params["limit"]) == (str(offset), "37")
        seen += _ids(page)
        if len(page) < 37:
            break
        offset += 37
    assert len(seen) == len(set(seen)) == total


async def test_paging_arguments_are_checked(co_client) -> None:
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": True}):
        with pytest.raises(InvalidInput):
            await co_client.customers(**bad)


async def test_one_customer_and_its_money(co_client, co_sandbox) -> None:
    stored = next(c for c in co_sandbox.store.customers if c["balance"] > 0)
    customer = await co_client.customer(stored["customer_id"])
    assert customer.balance == stored["balance"] and isinstance(customer.balance, Decimal)
    assert customer.paid == customer.total - customer.balance
    assert customer.customer_status_str == stored["customer_status_str"]
    assert last_request(co_sandbox, f"/customer/{stored['customer_id']}").method == "GET"


async def test_invoices_newest_first_as_overviews_and_count(co_client, co_sandbox) -> None:
    counts = {}
    for invoice in co_sandbox.store.invoices:
        counts[invoice["customer_id"]] = counts.get(invoice["customer_id"], 0) + 1
    cid = max(counts, key=counts.get)
    invoices = await co_client.invoices(cid, limit=25)
    params = sent_params(last_request(co_sandbox, "/invoice"))
    assert params["where"] == f"customer_id:EQUALS:{cid}" and params["order"] == "invoice_id:DESC"
    assert [i.invoice_id for i in invoices] == sorted((i.invoice_id for i in invoices), reverse=True)
    # "newest first" is about dates: the sandbox numbers invoices upwards as they are issued
    assert [i.date for i in invoices] == sorted((i.date for i in invoices), reverse=True)
    assert len({i.date for i in invoices}) == len(invoices)
    assert len(invoices) == counts[cid] == await co_client.count_invoices(cid)
    for invoice in invoices:  # a list answers the overview only, as ChargeOver's does
        assert invoice.customer_id == cid and invoice.total is not None
        assert invoice.line_items == [] and not invoice.lines_read
    second = await co_client.invoices(cid, offset=1, limit=1)
    assert [i.invoice_id for i in second] == [invoices[1].invoice_id]


async def test_one_invoice_comes_with_its_lines(co_client, co_sandbox) -> None:
    stored = next(i for i in co_sandbox.store.invoices if len(i["line_items"]) > 2)
    invoice = await co_client.invoice(stored["invoice_id"])
    assert last_request(co_sandbox, f"/invoice/{stored['invoice_id']}").method == "GET"
    assert invoice.lines_read and [line.item_name for line in invoice.line_items] == [
        line["item_name"] for line in stored["line_items"]]
    assert invoice.total == sum(line.amount for line in invoice.line_items)


async def test_an_unknown_invoice_is_not_found(co_client) -> None:
    with pytest.raises(NotFound):
        await co_client.invoice(99999999)


async def test_notes_list_and_add(co_client, co_sandbox) -> None:
    cid = next(n["context_id"] for n in co_sandbox.store.notes)
    before = await co_client.notes(cid)
    params = sent_params(last_request(co_sandbox, "/note"))
    assert params["where"] == f"context_str:EQUALS:customer,context_id:EQUALS:{cid}"
    assert before and all(n.attached_id == cid and n.attached_type == "customer" for n in before)
    note = await co_client.add_note(cid, "Called, a, b; [bold]x[/] 🚀")
    post = next(e for e in co_sandbox.request_log if e.method == "POST")
    assert post.json() == {"context_str": "customer", "context_id": cid, "note": "Called, a, b; [bold]x[/] 🚀"}
    assert note.note == "Called, a, b; [bold]x[/] 🚀" and note.context_id == note.attached_id == cid
    assert note.note_datetime is not None and note.admin_id == 1 and note.author == "Admin #1"
    after = await co_client.notes(cid)
    assert after[0].note_id == note.note_id and len(after) == len(before) + 1
    stamps = [n.note_datetime for n in after]
    assert stamps == sorted(stamps, reverse=True)


@pytest.mark.parametrize("text, fragment", [("", "empty"), ("   ", "empty"), ("x" * 2001, "at most 2000")])
async def test_a_bad_note_is_refused_before_sending(co_client, co_sandbox, text, fragment) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        await co_client.add_note(1, text)
    assert not [e for e in co_sandbox.request_log if e.method == "POST"]


async def test_ids_must_be_whole_numbers(co_client, co_sandbox) -> None:
    for bad in ("1/../2", "-1", "1 OR 1"):
        with pytest.raises(InvalidInput):
            await co_client.customer(bad)
    assert co_sandbox.request_log == []
