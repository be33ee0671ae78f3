"""Safe full-object PUTs: only changed keys differ, unknown fields survive, a moved object is refused."""

import copy

import pytest

from fusebill_tui.core import errors
from fusebill_tui.vendors.fusebill import Query


@pytest.fixture
async def customer_id(client, sandbox):
    cid = (await client.list_customers(Query().eq("status", "Active"), page_size=1)).items[0].id
    record = sandbox.store.record(cid)["customer"]
    record["futureField"] = {"nested": [1, 2], "flag": True}  # a field this app has never heard of
    record["customerReference"]["futureRef"] = "keep me"
    sandbox.request_log.clear()
    return cid


async def test_update_customer_sends_everything_back_changing_only_what_was_asked(
    client, sandbox, customer_id, requests_to
):
    opened = await client.get_customer(customer_id)
    before = copy.deepcopy(sandbox.store.customer(customer_id))
    updated = await client.update_customer(
        customer_id,
        {"first_name": "Zed", "customerReference": {"reference1": "R-1"}},
        expected_modified=opened.modified_marker,
    )
    (put,) = requests_to("PUT", "/customers")
    body = put.json()
    expected = copy.deepcopy(before)
    expected["firstName"] = "Zed"
    expected["customerReference"]["reference1"] = "R-1"
    assert body == expected  # every other field, known or not, went back unchanged
    assert body["futureField"] == {"nested": [1, 2], "flag": True}
    assert body["customerReference"]["futureRef"] == "keep me"
    assert updated.first_name == "Zed" and updated.last_name == opened.last_name
    assert [r.method for r in sandbox.request_log] == ["GET", "GET", "PUT"]


async def test_update_customer_refuses_when_modified_since_the_form_opened(
    client, sandbox, sandbox_clock, customer_id, requests_to
):
    opened = await client.get_customer(customer_id)
    sandbox_clock.advance(5)
    sandbox.store.touch(customer_id)  # someone else saved the customer meanwhile
    with pytest.raises(errors.StaleObject) as info:
        await client.update_customer(customer_id, {"firstName": "Zed"}, expected_modified=opened.modified_marker)
    assert "changed by someone else" in info.value.user_message
    assert requests_to("PUT", "/customers") == []
    assert sandbox.store.customer(customer_id)["firstName"] == opened.first_name


async def test_update_customer_equal_timestamp_in_other_spelling_is_not_stale(client, customer_id):
    opened = await client.get_customer(customer_id)
    spelled = opened.modified_timestamp.isoformat()  # "+00:00" instead of the server's naive form
    updated = await client.update_customer(customer_id, {"middleName": "Q"}, expected_modified=spelled)
    assert updated.middle_name == "Q"


async def test_address_preferences_put_keeps_other_fields_and_refuses_moved_object(
    client, sandbox, customer_id, requests_to
):
    opened = await client.get_address_preferences(customer_id)
    updated = await client.update_address_preferences(
        customer_id, {"contact_name": "Frank"}, expected=opened
    )
    assert updated.contact_name == "Frank"
    (put,) = requests_to("PUT", "/CustomerAddressPreferences")
    sent = put.json()
    assert sent == {**opened.raw, "contactName": "Frank"}

    stale_form = await client.get_address_preferences(customer_id)
    sandbox.store.address_preferences(customer_id)["shippingInstructions"] = "Changed elsewhere: gate code 4411"
    with pytest.raises(errors.StaleObject):
        await client.update_address_preferences(customer_id, {"contactName": "Other"}, expected=stale_form)
    assert len(requests_to("PUT", "/CustomerAddressPreferences")) == 1


async def test_address_put_refuses_moved_address(client, sandbox, customer_id, requests_to):
    prefs = await client.get_address_preferences(customer_id)
    address = prefs.billing_address or await client.create_address(customer_id, "Billing", {"line1": "1 Main St"})
    opened = await client.get_address(address.id)
    sandbox.store.addresses(customer_id)["Billing"]["line2"] = "Suite 9"
    with pytest.raises(errors.StaleObject):
        await client.update_address(address.id, {"city": "Ottawa"}, expected=opened)
    assert requests_to("PUT", "/Addresses") == []
    fresh = await client.get_address(address.id)
    result = await client.update_address(address.id, {"city": "Ottawa"}, expected=fresh.raw)
    assert result.city == "Ottawa" and result.line2 == "Suite 9"
    assert requests_to("PUT", "/Addresses")[-1].json() == {**fresh.raw, "city": "Ottawa"}
