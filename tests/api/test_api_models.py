"""Model parsing: loose types, kept unknown fields, exact money, UTC timestamps, and fuzzed input."""

import contextlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fusebill_tui.core import jsonutil
from fusebill_tui.core.errors import MalformedResponse
from fusebill_tui.vendors.fusebill import models

REFERENCE_CUSTOMER = {
    "firstName": "Bowen", "middleName": "Laurie", "lastName": "Rosales", "companyName": "Manglo",
    "suffix": "Jr.", "primaryEmail": "adarowe@aclima.com", "primaryPhone": 9454323791,
    "secondaryPhone": 8784522075, "title": "Dr", "reference": 100986, "status": "Active",
    "customerAccountStatus": "Good", "currency": "USD",
    "customerReference": {"reference1": None, "reference2": "customValue", "reference3": None,
                          "salesTrackingCodes": [{"type": "Sales Tracking Code 1", "code": 7, "id": 3}],
                          "id": 12000750, "uri": "https://secure.fusebill.com/v1/customers/12000750"},
    "customerAcquisition": {"adContent": None, "campaign": "spring", "id": 12000750},
    "monthlyRecurringRevenue": 250, "netMonthlyRecurringRevenue": Decimal("220.10"),
    "salesforceId": 12345678, "parentId": 12000749, "hubSpotId": None,
    "modifiedTimestamp": "2019-11-07T15:51:11.1915461Z", "id": 12000750,
    "uri": "https://secure.fusebill.com/v1/customers/12000750",
    "someFutureField": {"nested": [1, 2]},
}


def test_customer_reads_loose_reference_example_and_keeps_everything():
    customer = models.Customer.from_api(REFERENCE_CUSTOMER)
    assert customer.primary_phone == "9454323791"
    assert customer.reference == "100986"
    assert customer.salesforce_id == "12345678"
    assert customer.monthly_recurring_revenue == Decimal("250")
    assert customer.net_monthly_recurring_revenue == Decimal("220.10")
    assert customer.modified_timestamp == datetime(2019, 11, 7, 15, 51, 11, 191546, tzinfo=UTC)
    assert customer.modified_marker == "2019-11-07T15:51:11.1915461Z"
    assert customer.customer_reference.sales_tracking_codes[0].code == "7"
    assert customer.customer_acquisition.campaign == "spring"
    assert customer.raw is REFERENCE_CUSTOMER
    assert customer.someFutureField == {"nested": [1, 2]}


def test_naive_timestamps_are_utc_and_garbage_is_none_but_kept_raw():
    overview = models.CustomerOverview.from_api(
        {"createdTimestamp": "2019-11-06T14:19:01", "nextBillingDate": "not a date",
         "statusTimestamp": "2019-11-06T14:19:01+02:00", "arBalance": "12.50", "pendingCharges": True,
         "daysUntilSuspension": "3", "quickbooksId": 42}
    )
    assert overview.created_timestamp == datetime(2019, 11, 6, 14, 19, 1, tzinfo=UTC)
    assert overview.status_timestamp == datetime(2019, 11, 6, 12, 19, 1, tzinfo=UTC)
    assert overview.next_billing_date is None
    assert overview.raw["nextBillingDate"] == "not a date"
    assert overview.ar_balance == Decimal("12.50")
    assert overview.pending_charges is None
    assert overview.days_until_suspension == 3
    assert overview.quickbooks_id == "42"


def test_money_read_from_json_text_is_exact():
    data = jsonutil.loads('{"invoiceAmount": 0.1, "charges": [{"unitPrice": 37.714285, "quantity": 7,'
                          ' "chargeTiers": [{"label": ">2-4", "quantity": 2, "unitPrice": 33, "amount": 66}]}],'
                          ' "paymentSchedules": [{"dueDateTimestamp": "2017-06-22T19:48:51", "status": "Due"}]}')
    invoice = models.Invoice.from_api(data)
    assert invoice.invoice_amount == Decimal("0.1")
    charge = invoice.charges[0]
    assert charge.unit_price == Decimal("37.714285")
    assert charge.charge_tiers[0].label == ">2-4" and charge.charge_tiers[0].amount == Decimal("66")
    assert invoice.due_status == "Due"
    assert invoice.due_date == datetime(2017, 6, 22, 19, 48, 51, tzinfo=UTC)


def test_subscription_exposes_plan_interval_and_products():
    sub = models.Subscription.from_api({
        "planFrequency": {"interval": "Monthly", "numberOfIntervals": 3}, "planName": "Basic",
        "planCode": "BSC2", "status": "SomethingNew", "amount": Decimal("12.0000"),
        "nextRechargeDate": "2025-07-01T00:00:00",
        "subscriptionProducts": [{"planProduct": {"productName": "Seats"}, "quantity": 4}, "garbage"],
    })
    assert sub.interval == "Monthly" and sub.number_of_intervals == 3
    assert sub.status == "SomethingNew"
    assert [p.name for p in sub.subscription_products] == ["Seats"]
    assert sub.next_recharge_date == datetime(2025, 7, 1, tzinfo=UTC)


def test_email_preference_enabled_accepts_documented_string_form():
    prefs = models.EmailPreference.list_from_api(
        [{"enabled": "true", "accountDefault": False}, {"enabled": None, "accountDefault": True}]
    )
    assert [p.enabled for p in prefs] == [True, None]
    assert [p.effective for p in prefs] == [True, True]


@pytest.mark.parametrize("bad", [[], "text", 3, None])
def test_wrong_shape_is_malformed_response(bad):
    with pytest.raises(MalformedResponse):
        models.Customer.from_api(bad)


def test_list_where_object_expected_and_object_where_list_expected():
    with pytest.raises(MalformedResponse):
        models.Country.list_from_api({"id": 1})
    with pytest.raises(MalformedResponse):
        models.Country.list_from_api([{"id": 1}, "x"])


def test_wrong_shape_messages_are_plain_words_not_python_type_names():
    with pytest.raises(MalformedResponse) as info:
        models.Subscription.list_from_api({"id": 1})
    assert info.value.user_message == (
        "The server sent something other than the list of subscriptions that was expected."
    )
    with pytest.raises(MalformedResponse) as info:
        models.Customer.from_api([{"id": 1}])
    assert info.value.user_message == "The server sent something other than the customer that was expected."
    with pytest.raises(MalformedResponse) as info:
        models.Country.list_from_api("x")
    assert info.value.user_message == "The server sent something other than the list of countries that was expected."
    with pytest.raises(MalformedResponse) as info:
        models.CustomerOverview.from_api(7)
    assert info.value.user_message == (
        "The server sent something other than the customer overview that was expected."
    )


@pytest.mark.parametrize(("sent", "kept"), [
    (290, 290), ("290", 290), (Decimal("290"), 290),  # the documented Integer, however it is written
    ("INV-12", "INV-12"), ("2025/07-0003", "2025/07-0003"), (Decimal("12.5"), "12.5"),  # kept to show
    (None, None), ("", None), ("  ", None), ({"n": 1}, None), ([1], None), (True, None),
])
def test_invoice_number_keeps_what_the_server_sent_in_a_displayable_form(sent, kept):
    invoice = models.Invoice.from_api({"invoiceNumber": sent})
    assert invoice.invoice_number == kept and type(invoice.invoice_number) is type(kept)
    assert invoice.raw["invoiceNumber"] == sent


def test_action_result_reads_bare_customer_and_side_effects():
    bare = models.ActionResult.from_response({"id": 5, "status": "Active"})
    assert bare.customer.id == 5 and bare.invoices == []
    full = models.ActionResult.from_response({"customer": {"id": 5}, "invoices": [{"invoiceNumber": 9}]})
    assert full.customer.id == 5 and full.invoices[0].invoice_number == 9


def test_action_result_reads_every_documented_shape():
    invoice = {"invoiceNumber": 9, "invoiceAmount": 10}
    assert models.ActionResult.from_response([invoice]).invoices[0].invoice_number == 9
    assert models.ActionResult.from_response([]).invoices == []
    single = models.ActionResult.from_response({"customer": None, "invoice": invoice})
    assert single.customer is None and single.invoices[0].invoice_number == 9
    nothing = models.ActionResult.from_response({"customer": {"id": 5}, "invoices": None})
    assert nothing.customer.id == 5 and nothing.invoices == []


@pytest.mark.parametrize("garbled", [
    [1, 2, 3],
    ["INV-1", "INV-2"],
    [{"invoiceNumber": 9}, "x"],
    [{"unknownField": 1}],
    [{"customer": {"id": 5}, "invoices": [{"invoiceNumber": 9}]}],  # an action result wrapped in a list
    {"customer": "Active"},
    {"customer": [{"id": 5}]},
    {"customer": {"id": 5}, "invoices": {"invoiceNumber": 9}},
    {"customer": {"id": 5}, "invoices": [1, 2]},
    {"customer": {"id": 5}, "invoices": [{"nothingKnown": True}]},
    {"invoice": "INV-12"},
    {},
    {"unexpected": [1, 2]},
    "done",
    7,
])
def test_action_result_refuses_shapes_it_does_not_understand(garbled):
    with pytest.raises(MalformedResponse):
        models.ActionResult.from_response(garbled)


async def test_a_preview_wrapped_in_a_list_is_an_error_not_an_empty_invoice(client, sandbox):
    draft = next(c for c in (await client.list_customers("status:Draft", page_size=1)).items)
    sandbox.faults.malformed_next("list", method="POST")
    with pytest.raises(MalformedResponse):
        await client.activate_customer(draft.id, preview=True)


json_leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.decimals(allow_nan=True)
json_value = st.recursive(
    json_leaf,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _keys_of(model):
    return [f.alias or name for name, f in model.model_fields.items()]


ALL_MODELS = [models.Customer, models.CustomerOverview, models.Subscription, models.Invoice, models.Note,
              models.EmailPreference, models.BillingSettings, models.AddressPreferences, models.Address,
              models.Country]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ALL_MODELS), st.data())
def test_fuzzed_objects_parse_or_raise_malformed_only(model, data):
    keys = st.sampled_from([*_keys_of(model), "raw", "model_config", "__class__", "_raw", "x"])
    payload = data.draw(st.dictionaries(keys, json_value, max_size=12) | json_value)
    try:
        parsed = model.from_api(payload)
    except MalformedResponse:
        return
    assert parsed.raw == payload


@settings(max_examples=100, deadline=None)
@given(json_value)
def test_fuzzed_action_results(payload):
    with contextlib.suppress(MalformedResponse):
        models.ActionResult.from_response(payload)
