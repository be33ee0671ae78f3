"""The query language read from the raw query string: pairs, sets, wildcards, [empty], ranges, escaping; sorting."""

from __future__ import annotations

import pytest

from .helpers import body, error_message

BAD_QUERY = "Bad request, the query is not valid. Please check your request and try again."


async def raw_get(api, path: str, raw: str):
    """GET with the query string sent exactly as written (no client-side encoding)."""
    return await api.get(f"{path}?{raw}")


async def test_simple_match_is_case_insensitive_on_field_and_value(api):
    r = await raw_get(api, "/customers", "query=FIRSTNAME:bowen&pageSize=100")
    assert [c["id"] for c in body(r)] == [12000750]


async def test_two_fields_are_anded(api):
    r = await raw_get(api, "/customers", "query=firstName:Bowen;lastName:Rosales")
    assert [c["id"] for c in body(r)] == [12000750]
    r = await raw_get(api, "/customers", "query=firstName:Bowen;lastName:Smith")
    assert body(r) == [] and r.headers["X-Count"] == "0"


async def test_set_matching_and_count_header(api, sandbox):
    r = await raw_get(api, "/customers", "query=status:Active,Draft&pageSize=1000")
    got = body(r)
    assert got and {c["status"] for c in got} <= {"Active", "Draft"}
    expected = sum(1 for c in sandbox.store.iter_customers() if c["status"] in ("Active", "Draft"))
    assert r.headers["X-Count"] == str(expected) and r.headers["X-MaxCount"] == "300"


async def test_wildcards(api, sandbox):
    r = await raw_get(api, "/customers", "query=lastName:*son*&pageSize=1000")
    names = [c["lastName"] for c in body(r)]
    assert names and all("son" in n.lower() for n in names)
    r = await raw_get(api, "/customers", "query=primaryPhone:945*")
    assert 12000750 in [c["id"] for c in body(r)]  # phone sent as a number still matches


async def test_empty_matches_null(api):
    r = await raw_get(api, "/customers", "query=reference:[empty]&pageSize=1000")
    got = body(r)
    assert got and all(c["reference"] in (None, "") for c in got)


async def test_encoded_ampersand_and_comma_inside_values(api):
    r = await raw_get(api, "/customers", "query=reference:am%26per%26sand")
    assert [c["id"] for c in body(r)] == [900007]
    r = await raw_get(api, "/customers", "query=companyName:a%2Cb")
    assert [c["id"] for c in body(r)] == [900008]
    r = await raw_get(api, "/customers", "query=companyName:a,b")  # unencoded comma: a set of "a" and "b"
    assert body(r) == []


async def test_encoded_structural_characters_are_literal(api):
    # companyName "50% off; a|b*c:d": %25 %3B %7C %2A %3A are literal, not syntax
    r = await raw_get(api, "/customers", "query=companyName:50%25%20off%3B%20a%7Cb%2Ac%3Ad")
    assert [c["id"] for c in body(r)] == [900009]
    r = await raw_get(api, "/customers", "query=companyName:50%25*%2Ac*")  # %2A literal, * wildcard
    assert [c["id"] for c in body(r)] == [900009]
    r = await raw_get(api, "/customers", "query=companyName:*%2A")  # ends with a literal asterisk: no one
    assert body(r) == []


async def test_plus_is_space_unless_encoded(api):
    r = await raw_get(api, "/customers", "query=reference:a%2Bb+c")
    assert [c["id"] for c in body(r)] == [900010]
    r = await raw_get(api, "/customers", "query=reference:a+b+c")  # "a b c": no match
    assert body(r) == []


async def test_unicode_values(api):
    r = await raw_get(api, "/customers", "query=lastName:%E5%B1%B1%E7%94%B0")
    assert [c["id"] for c in body(r)] == [900003]


async def test_bracket_names_are_plain_text(api):
    r = await raw_get(api, "/customers", "query=companyName:ACME%20%5BEU%5D")
    assert [c["id"] for c in body(r)] == [900001]


async def test_date_ranges(api, sandbox):
    all_customers = list(sandbox.store.iter_customers())

    def created(c):
        return c["createdTimestamp"][:10]

    r = await raw_get(api, "/customers", "query=createdTimestamp:2022-01-01|2023-01-01&pageSize=1000")
    expected = {c["id"] for c in all_customers if "2022-01-01" <= created(c) < "2023-01-01"}
    assert {c["id"] for c in body(r)} == expected and expected
    r = await raw_get(api, "/customers", "query=createdTimestamp:2024-01-01|&pageSize=1000")
    assert {c["id"] for c in body(r)} == {c["id"] for c in all_customers if created(c) >= "2024-01-01"}
    r = await raw_get(api, "/customers", "query=createdTimestamp:|2019-11-07&pageSize=1000")
    assert {c["id"] for c in body(r)} == {c["id"] for c in all_customers if created(c) < "2019-11-07"}


@pytest.mark.parametrize("raw", [
    "query=nosuchfield:1",          # unknown field
    "query=firstName",              # no colon
    "query=status:Sleeping",        # bad enum value
    "query=createdTimestamp:soon|",  # not a date
    "query=parentId:abc",           # not an integer
    "query=firstName:a|b",          # range on a string field
    "sortExpression=nosuchfield&sortOrder=Ascending",
    "sortOrder=Sideways",
    "pageSize=abc",
])
async def test_malformed_queries_are_400_with_reference_message(api, raw):
    r = await raw_get(api, "/customers", raw)
    assert r.status_code == 400
    if raw.startswith(("query", "sort")):
        assert error_message(r) == BAD_QUERY


async def test_sort_descending_by_last_name(api):
    r = await raw_get(api, "/customers", "sortExpression=lastName&sortOrder=Descending&pageSize=1000")
    names = [(c["lastName"] or "").casefold() for c in body(r)]
    assert names == sorted(names, reverse=True)
    assert (r.headers["X-SortOrder"], r.headers["X-SortExpression"]) == ("Descending", "lastName")


async def test_sort_nulls_first_ascending(api):
    r = await raw_get(api, "/customers", "sortExpression=reference&sortOrder=Ascending&pageSize=5")
    assert body(r)[0]["reference"] is None


async def test_filter_with_paging(api):
    first = await raw_get(api, "/customers", "query=status:Active&pageSize=10&pageNumber=0")
    second = await raw_get(api, "/customers", "query=status:Active&pageSize=10&pageNumber=1")
    a, b = [c["id"] for c in body(first)], [c["id"] for c in body(second)]
    assert len(a) == len(b) == 10 and not set(a) & set(b) and max(a) < min(b)
    assert first.headers["X-NextPage"] == "1"


async def test_request_log_keeps_raw_query(api, sandbox):
    await raw_get(api, "/customers", "query=reference:am%26per%26sand")
    assert sandbox.request_log[-1].raw_query == "query=reference:am%26per%26sand"
    assert sandbox.request_log[-1].status == 200
