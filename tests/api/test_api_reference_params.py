"""URL parameters the reference documents for the customer's subscriptions and invoices reach the server."""

from __future__ import annotations

import pytest

from fusebill_tui.core import errors
from fusebill_tui.vendors.fusebill import Query
from fusebill_tui.vendors.fusebill.query import sort_field, validate_query

CUSTOMER = 12000750  # the reference's example customer: Active, with subscriptions and invoices


async def test_subscriptions_accept_filter_sort_and_paging(client, requests_to):
    everything = (await client.list_subscriptions(CUSTOMER)).items
    assert len({s.plan_name for s in everything}) > 1, "the example customer has more than one plan"
    page = await client.list_subscriptions(CUSTOMER, sort_expression="planName", sort_order="Descending")
    assert [s.plan_name for s in page.items] == sorted((s.plan_name for s in everything), key=str.lower, reverse=True)
    assert page.sort_expression == "planName" and page.sort_order == "Descending"
    one = everything[-1]
    page = await client.list_subscriptions(CUSTOMER, query=Query("subscriptions").eq("planCode", one.plan_code),
                                           page_size=50, sort_expression="planName", sort_order="Descending")
    assert [s.id for s in page.items] == [one.id]
    assert requests_to("GET", f"/customers/{CUSTOMER}/subscriptions")[-1].raw_query == (
        f"pageSize=50&pageNumber=0&sortExpression=planName&sortOrder=Descending&query=planCode:{one.plan_code}"
    )


async def test_subscriptions_without_options_send_only_paging(client, requests_to):
    await client.list_subscriptions(CUSTOMER, page_size=10)
    assert requests_to("GET", f"/customers/{CUSTOMER}/subscriptions")[-1].raw_query == "pageSize=10&pageNumber=0"


def test_subscription_filter_fields_follow_the_reference_table():
    assert validate_query("status:active,draft;invoiceDay:15", "subscriptions") == "status:Active,Draft;invoiceDay:15"
    assert validate_query("createdTimestamp:2024-01-01|", "subscriptions") == "createdTimestamp:2024-01-01|"
    assert sort_field("PLANNAME", "subscriptions") == "planName"
    with pytest.raises(errors.QueryError):
        validate_query("interval:Weekly", "subscriptions")
    with pytest.raises(errors.QueryError):
        validate_query("firstName:Jo", "subscriptions")


async def test_invoices_send_show_zero_dollar_charges_when_given(client, requests_to):
    await client.list_invoices(CUSTOMER, page_size=5, show_zero_dollar_charges=False)
    raw = requests_to("GET", f"/Customers/{CUSTOMER}/Invoices")[-1].raw_query
    assert raw == "pageSize=5&pageNumber=0&sortExpression=postedTimestamp&sortOrder=Descending&showZeroDollarCharges=false"
    await client.list_invoices(CUSTOMER, page_size=5, show_zero_dollar_charges=True)
    assert requests_to("GET", f"/Customers/{CUSTOMER}/Invoices")[-1].raw_query.endswith("&showZeroDollarCharges=true")
    await client.list_invoices(CUSTOMER, page_size=5)
    assert "showZeroDollarCharges" not in requests_to("GET", f"/Customers/{CUSTOMER}/Invoices")[-1].raw_query


async def test_invoices_hide_zero_dollar_charges_on_request(client, sandbox):
    invoices = sandbox.store.invoices(CUSTOMER)
    charge = invoices[-1]["charges"][0]
    charge["amount"] = charge["amount"] - charge["amount"]  # a zero-dollar charge on the newest invoice
    shown = await client.list_invoices(CUSTOMER, page_size=1)
    hidden = await client.list_invoices(CUSTOMER, page_size=1, show_zero_dollar_charges=False)
    assert len(hidden.items[0].charges) == len(shown.items[0].charges) - 1
