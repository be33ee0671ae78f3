"""The filter language: builder output, typed-text validation with suggestions, escaping, plain search."""

from datetime import date, datetime

import pytest

from fusebill_tui.core import errors
from fusebill_tui.vendors.fusebill import (
    Query,
    parse_query,
    plain_search,
    sort_field,
    validate_query,
)
from fusebill_tui.vendors.fusebill.query import encode_value


def test_builder_produces_documented_wire_forms():
    query = (
        Query()
        .eq("FIRSTNAME", "Jessica")
        .any_of("status", ["active", "Draft"])
        .wildcard("primaryPhone", "555*")
        .contains("lastName", "mi")
        .starts_with("companyName", "Ac")
        .empty("reference")
        .between("createdTimestamp", date(2018, 1, 1), date(2019, 1, 1))
        .since("modifiedTimestamp", datetime(2018, 1, 1, 8, 30))
        .until("createdTimestamp", "2019-01-01")
    )
    assert str(query) == (
        "firstName:Jessica;status:Active,Draft;primaryPhone:555*;lastName:*mi*;companyName:Ac*;"
        "reference:[empty];createdTimestamp:2018-01-01|2019-01-01;modifiedTimestamp:2018-01-01T08%3A30%3A00|;"
        "createdTimestamp:|2019-01-01"
    )


def test_values_are_percent_encoded_but_structure_is_not():
    assert encode_value("am&per&sand") == "am%26per%26sand"
    assert encode_value("a,b;c|d#e+f:g h*i%j") == "a%2Cb%3Bc%7Cd%23e%2Bf%3Ag%20h%2Ai%25j"
    assert encode_value("Zoë\x07") == "Zo%C3%AB%07"
    assert str(Query().eq("reference", "[empty]")) == "reference:%5Bempty%5D"
    assert str(Query().wildcard("lastName", "o'b*&*")) == "lastName:o'b*%26*"


def test_builder_rejects_unknown_fields_and_enum_values():
    with pytest.raises(errors.QueryError, match="did you mean 'status'"):
        Query().eq("stauts", "Active")
    with pytest.raises(errors.QueryError, match="did you mean 'Active'"):
        Query().eq("status", "Actve")


def test_typo_in_field_gets_suggestion():
    with pytest.raises(errors.QueryError) as info:
        validate_query("stauts:Active")
    assert info.value.user_message == "Unknown field 'stauts' — did you mean 'status'?"
    assert info.value.suggestions == ["status"]


@pytest.mark.parametrize(
    ("typed", "field", "suggestion"),
    [("accountStatus:Poor", "accountStatus", "PoorStanding"), ("title:Mz", "title", "Ms"),
     ("salesforceAccountType:Persn", "salesforceAccountType", "Person")],
)
def test_enum_values_checked_with_suggestions(typed, field, suggestion):
    with pytest.raises(errors.QueryError) as info:
        validate_query(typed)
    assert f"not a valid {field}" in info.value.user_message
    assert info.value.suggestions[0] == suggestion


def test_typed_text_is_normalised_to_documented_spelling():
    assert validate_query(" STATUS:active,hold ; lastname:smi* ;reference:[EMPTY];") == (
        "status:Active,Hold;lastName:smi*;reference:[empty]"
    )
    assert validate_query("customerreference.salestrackingcode3.code:X1") == (
        "customerReference.salesTrackingCode3.code:X1"
    )
    assert validate_query("createdTimestamp:2018-01-01|2019-01-01T10:00") == (
        "createdTimestamp:2018-01-01|2019-01-01T10%3A00"
    )


def test_typed_escapes_make_structural_characters_literal():
    assert validate_query(r"reference:a\,b\;c\*d\:e") == "reference:a%2Cb%3Bc%2Ad%3Ae"
    assert validate_query("reference:a:b & c") == "reference:a%3Ab%20%26%20c"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("lastName", "not a filter"), (":x", "missing its field"), ("status:", "No value"),
     ("createdTimestamp:2018", "range like"), ("createdTimestamp:2018-1-1|", "not a date"),
     ("parentId:abc", "whole number"), ("status:Active,,Draft", "empty value")],
)
def test_invalid_typed_filters_are_explained(typed, message):
    with pytest.raises(errors.QueryError, match=message):
        validate_query(typed)


def test_invoice_fields_and_decimal_ranges():
    assert validate_query("closingArBalance:10|100.5;invoiceNumber:290", "invoices") == (
        "closingArBalance:10|100.5;invoiceNumber:290"
    )
    assert validate_query("salesforceid:X", "invoices") == "salesforceID:X"
    with pytest.raises(errors.QueryError, match="did you mean 'postedTimestamp'"):
        validate_query("postedTimestmp:2018-01-01|", "invoices")


def test_sort_fields():
    assert sort_field("LASTNAME") == "lastName"
    assert sort_field("id") == "id"
    with pytest.raises(errors.QueryError):
        sort_field("nonsense")


def test_plain_search():
    assert plain_search("smith").query == "lastName:*smith*"
    assert plain_search("o'neil & co").query == "lastName:*o'neil%20%26%20co*"
    assert plain_search("jo@example.com").query == "primaryEmail:*jo@example.com*"
    assert plain_search("  12000750 ") .customer_id == 12000750
    assert plain_search("12000750").query is None
    assert plain_search("status:hold").query == "status:Hold"
    assert plain_search("   ").query is None and plain_search("").customer_id is None
    with pytest.raises(errors.QueryError):
        plain_search("stat:hold")


def test_parse_query_exposes_terms():
    assert parse_query("status:Active;lastName:a*").terms == [("status", "Active"), ("lastName", "a*")]


def test_a_filter_too_long_once_encoded_is_refused_before_sending():
    from fusebill_tui.vendors.fusebill.query import MAX_QUERY_BYTES

    typed = "companyName:" + "é" * 900  # 912 characters typed, 5,412 once percent-encoded
    with pytest.raises(errors.QueryError) as info:
        parse_query(typed)
    wire = "companyName:" + "%C3%A9" * 900
    assert info.value.user_message == (
        f"The filter is too long: {len(wire):,} characters once encoded; the limit is {MAX_QUERY_BYTES:,}."
    )
    assert info.value.user_message == (
        "The filter is too long: 5,412 characters once encoded; the limit is 1,900."
    )
    longest = "companyName:" + "a" * (MAX_QUERY_BYTES - len("companyName:"))
    assert validate_query(longest) == longest  # exactly at the limit is fine


def test_the_builder_and_plain_search_refuse_an_over_long_filter():
    with pytest.raises(errors.QueryError, match="The filter is too long"):
        Query().contains("lastName", "x" * 5000)
    query = Query().eq("firstName", "Jo")
    with pytest.raises(errors.QueryError, match="The filter is too long"):
        query.eq("lastName", "&" * 700)  # 2,100 bytes once encoded
    assert str(query) == "firstName:Jo"  # the refused term was not kept
    with pytest.raises(errors.QueryError, match="The filter is too long"):
        plain_search("x" * 5000)
