"""Customer reads against the sandbox: auth headers, paging headers, filters as raw bytes, sorting, iteration."""

import pytest

from fusebill_tui import __version__
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY
from fusebill_tui.vendors.fusebill import Query


async def test_headers_carry_key_as_given_content_type_and_audit_source(client, sandbox):
    await client.get_customer((await client.list_customers(page_size=1)).items[0].id)
    for request in sandbox.request_log:
        assert request.headers["authorization"] == f"Basic {DEFAULT_API_KEY}"
        assert request.headers["content-type"] == "application/json"
        assert request.headers["x-audit-source"] == f"fusebill-tui/{__version__} (tester)"


async def test_list_customers_reads_items_and_every_paging_header(client, sandbox, requests_to):
    page = await client.list_customers(page_number=1, page_size=20)
    assert len(page.items) == 20
    assert page.current_page == 1 and page.page_size == 20
    assert page.count == 300 and page.max_count == 300
    assert page.next_page == 2 and page.previous_page == 0
    assert page.max_page_index == 14 and page.page_count == 15
    assert page.has_next and page.has_previous
    assert requests_to("GET", "/v1/customers")[-1].raw_query == "pageSize=20&pageNumber=1"


async def test_last_page_has_no_next(client):
    page = await client.list_customers(page_number=2, page_size=100)
    assert len(page.items) == 100
    assert not page.has_next


async def test_get_customer_and_overview(client):
    first = (await client.list_customers(page_size=1)).items[0]
    customer = await client.get_customer(first.id)
    assert customer.id == first.id and customer.raw == first.raw
    overview = await client.get_customer_overview(first.id)
    assert overview.id == first.id
    assert overview.currency == customer.currency


async def test_sorting_is_sent_and_applied(client, sandbox, requests_to):
    page = await client.list_customers(page_size=50, sort_expression="lastName", sort_order="Descending")
    names = [(c.last_name or "") for c in page.items]
    assert names == sorted(names, key=str.lower, reverse=True) or names == sorted(names, reverse=True)
    assert page.sort_expression.lower() == "lastname" and page.sort_order == "Descending"
    raw = requests_to("GET", "/v1/customers")[-1].raw_query
    assert raw == "pageSize=50&pageNumber=0&sortExpression=lastName&sortOrder=Descending"


async def test_a_sort_order_alone_is_not_sent(client, requests_to):
    """The reference: sortOrder and sortExpression must be provided together."""
    await client.list_customers(page_size=5, sort_order="Descending")
    assert requests_to("GET", "/v1/customers")[-1].raw_query == "pageSize=5&pageNumber=0"


@pytest.mark.parametrize(
    ("query", "wire"),
    [
        (Query().any_of("status", ["Active", "Draft"]), "status:Active,Draft"),
        (Query().eq("status", "Hold").wildcard("lastName", "S*"), "status:Hold;lastName:S*"),
        (Query().empty("reference"), "reference:[empty]"),
        (Query().between("createdTimestamp", "2018-01-01", None), "createdTimestamp:2018-01-01|"),
        (Query().until("createdTimestamp", "2019-01-01"), "createdTimestamp:|2019-01-01"),
        (Query().eq("reference", "am&per&sand"), "reference:am%26per%26sand"),
        (Query().eq("lastName", "Zoë, Jr; x|y #1+2: *"),
         "lastName:Zo%C3%AB%2C%20Jr%3B%20x%7Cy%20%231%2B2%3A%20%2A"),
        ("accountStatus:PoorStanding", "accountStatus:PoorStanding"),
    ],
)
async def test_filters_reach_the_server_byte_for_byte(client, sandbox, query, wire, requests_to):
    await client.list_customers(query, page_size=10)
    assert requests_to("GET", "/v1/customers")[-1].raw_query == f"pageSize=10&pageNumber=0&query={wire}"


async def test_filters_select_matching_customers(client):
    every = [c async for c in client.iter_customers(page_size=100)]
    held = await client.list_customers(Query().eq("status", "Hold"), page_size=100)
    assert held.count == sum(1 for c in every if c.status == "Hold")
    assert all(c.status == "Hold" for c in held.items)
    target = every[5]
    prefix = (target.last_name or "")[:3]
    page = await client.list_customers(Query().wildcard("lastName", f"{prefix}*"), page_size=100)
    assert target.id in [c.id for c in page.items]
    assert all((c.last_name or "").lower().startswith(prefix.lower()) for c in page.items)


async def test_iter_customers_walks_every_page_once_with_stable_sort(client, sandbox, requests_to):
    seen = [c.id async for c in client.iter_customers(page_size=70)]
    assert len(seen) == 300 and len(set(seen)) == 300
    queries = [r.raw_query for r in requests_to("GET", "/v1/customers")]
    assert queries == [
        f"pageSize=70&pageNumber={n}&sortExpression=id&sortOrder=Ascending" for n in range(5)
    ]
