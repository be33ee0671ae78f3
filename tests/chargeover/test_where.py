"""The where language on its own: parsing with did-you-mean, encoding and escaping, plain search, completions."""

from __future__ import annotations

import pytest

from fusebill_tui.core.errors import QueryError
from fusebill_tui.vendors.chargeover.where import (
    MAX_WHERE_BYTES,
    OPERATORS,
    Condition,
    completions,
    encode_where,
    order_param,
    parse_where,
    plain_search,
    search_conditions,
    sort_field,
)


@pytest.mark.parametrize("text, expected", [
    ("company:EQUALS:Acme", Condition("company", "EQUALS", "Acme")),
    ("Company:equals:Acme", Condition("company", "EQUALS", "Acme")),
    ("company:NOTEQUALS:Acme", Condition("company", "NOTEQUALS", "Acme")),
    ("company:CONTAINS:a\\,b", Condition("company", "CONTAINS", "a,b")),
    ("customer_id:GT:10", Condition("customer_id", "GT", "10")),
    ("customer_id:GTE:010", Condition("customer_id", "GTE", "10")),
    ("customer_id:LT:-3", Condition("customer_id", "LT", "-3")),
    ("write_datetime:LTE:2024-01-01 10:00:00", Condition("write_datetime", "LTE", "2024-01-01 10:00:00")),
    ("bill_state:IS:NULL", Condition("bill_state", "IS:NULL")),
    ("bill_state:isnot:null", Condition("bill_state", "ISNOT:NULL")),
    ("customer_status_str:EQUALS:Active-Overdue", Condition("customer_status_str", "EQUALS", "active-overdue")),
    ("company:EQUALS:a:b:c", Condition("company", "EQUALS", "a:b:c")),
])
def test_each_operator_parses_to_one_condition(text, expected) -> None:
    assert parse_where(text) == [expected]


def test_conditions_join_with_commas_and_escaped_commas_stay_in_the_value() -> None:
    conditions = parse_where("company:CONTAINS:a\\,b, bill_country:EQUALS:Canada ,,")
    assert conditions == [Condition("company", "CONTAINS", "a,b"), Condition("bill_country", "EQUALS", "Canada")]
    assert encode_where(conditions) == "company:CONTAINS:a\\,b,bill_country:EQUALS:Canada"
    assert parse_where(encode_where(conditions)) == conditions


def test_every_operator_round_trips() -> None:
    for op in OPERATORS:
        condition = Condition("company", op) if ":" in op else Condition("company", op, "x,y")
        assert parse_where(encode_where([condition])) == [condition]


@pytest.mark.parametrize("text, fragment, suggestion", [
    ("compny:EQUALS:x", "is not a field", "company"),
    ("company:EQAULS:x", "is not an operator", "EQUALS"),
    ("customer_status_str:EQUALS:active-curent", "is not a value", "active-current"),
    ("company", "write field:OP:value", None),
    ("company:EQUALS", "needs a value", None),
    (":EQUALS:x", "needs a field name", None),
    ("customer_id:EQUALS:ten", "whole number", None),
    ("customer_id:CONTAINS:1", "CONTAINS works on text", None),
    ("write_datetime:GT:yesterday", "YYYY-MM-DD", None),
    ("company:IS:NOTHING", "is not an operator", None),
])
def test_mistakes_say_what_is_wrong_and_suggest(text, fragment, suggestion) -> None:
    with pytest.raises(QueryError) as info:
        parse_where(text)
    assert fragment in info.value.user_message
    if suggestion:
        assert info.value.suggestions[0] == suggestion
        assert f"did you mean '{suggestion}'" in info.value.user_message


def test_a_filter_too_long_for_a_url_is_refused_before_sending() -> None:
    with pytest.raises(QueryError, match="too long"):
        parse_where("company:CONTAINS:" + "é" * MAX_WHERE_BYTES)


def test_a_value_ending_in_a_backslash_is_refused() -> None:
    with pytest.raises(QueryError, match="backslash"):
        Condition("company", "EQUALS", "a\\")


def test_null_operators_take_no_value_and_others_need_one() -> None:
    with pytest.raises(QueryError):
        Condition("company", "IS:NULL", "x")
    with pytest.raises(QueryError):
        Condition("company", "EQUALS")


@pytest.mark.parametrize("text, expected", [
    ("  1234 ", Condition("customer_id", "EQUALS", "1234")),
    ("ada@example.com", Condition("superuser_email", "CONTAINS", "ada@example.com")),
    ("a,b", Condition("company", "CONTAINS", "a,b")),
    ("٣", Condition("company", "CONTAINS", "٣")),  # non-ASCII digits are text, not an id
    ("   ", None),
])
def test_plain_search(text, expected) -> None:
    assert plain_search(text) == expected


def test_search_conditions_reads_the_language_when_there_is_a_colon() -> None:
    assert search_conditions("bill_state:IS:NULL") == [Condition("bill_state", "IS:NULL")]
    assert search_conditions("acme") == [Condition("company", "CONTAINS", "acme")]
    assert search_conditions("") == []


def test_sort_fields_and_order() -> None:
    assert order_param("Company") == "company:ASC"
    assert order_param("balance", descending=True) == "balance:DESC"
    with pytest.raises(QueryError) as info:
        sort_field("compnay")
    assert info.value.suggestions == ["company"]


@pytest.mark.parametrize("text, first, count", [
    ("comp", "company:", 1),
    ("company:", "company:EQUALS:", len(OPERATORS)),
    ("company:IS", "company:IS:NULL", 2),
    ("company:isn", "company:isnOT:NULL", 1),
    ("customer_status_str:EQUALS:inact", "customer_status_str:EQUALS:inactive-manual", 2),
    ("company:EQUALS:a,bill_c", "company:EQUALS:a,bill_country:", 1),
])
def test_completions_finish_the_text_typed(text, first, count) -> None:
    found = completions(text)
    assert found[0] == first and len(found) == count
    assert all(candidate.startswith(text) for candidate in found)


def test_nothing_to_complete() -> None:
    assert completions("") == []
    assert completions("nosuchfield:") == []
    assert completions("company:EQUALS:ac") == []  # free text has no documented values
    assert completions("company") == ["company:"]  # a whole field name still gets its ':'


@pytest.mark.parametrize("text, suggestion, choices", [
    ("customer_status_str:EQUALS:active-overdu", "active-overdue", "one of: active-current, active-overdue"),
    ("company:EQAULS:x", "EQUALS", "use field:OP:value with OP one of EQUALS"),
])
def test_the_suggestion_comes_before_the_list_of_choices(text, suggestion, choices) -> None:
    # The filter bar shows two lines beside the input: the suggestion must not be the part cut off.
    with pytest.raises(QueryError) as info:
        parse_where(text)
    message = info.value.user_message
    assert message.index(f"did you mean '{suggestion}'?") < message.index(choices)
    assert message.index(f"did you mean '{suggestion}'?") < 60
