"""Every error status and fault, as the user sees it; retries for GETs only; the key never leaks."""

import logging
import traceback
from datetime import timedelta

import pytest

from fusebill_tui.core import errors
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY

WRONG_KEY = "d3Jvbmc6dG9wLXNlY3JldC1rZXk="


def _server_error_body(message):
    return {"ErrorId": 0, "HttpStatusCode": 0, "Errors": [{"Key": "Api Error", "Value": message}]}


@pytest.fixture
async def customer_id(client, sandbox):
    first = (await client.list_customers(page_size=1)).items[0].id
    sandbox.request_log.clear()
    return first


async def test_401_says_check_key_and_environment(make_client):
    client = make_client(api_key=WRONG_KEY)
    with pytest.raises(errors.AuthError) as info:
        await client.list_customers()
    assert info.value.user_message == (
        "Authentication failed: check the API key and which environment you are using."
    )
    assert info.value.status == 401


async def test_404_not_found(client):
    with pytest.raises(errors.NotFound) as info:
        await client.get_customer(999999999)
    assert info.value.user_message.startswith("Not found")


async def test_400_shows_server_message(client, sandbox):
    sandbox.faults.fail_next(400, body=_server_error_body("Bad request, the query is not valid."))
    with pytest.raises(errors.BadRequest) as info:
        await client.list_customers("status:Active")
    assert info.value.user_message == "The server rejected the request: Bad request, the query is not valid."
    assert info.value.errors == [("Api Error", "Bad request, the query is not valid.")]


async def test_409_explains_status_conflict(client, sandbox, customer_id):
    sandbox.faults.fail_next(409, method="POST", body=_server_error_body("Customer is already on hold."))
    with pytest.raises(errors.Conflict) as info:
        await client.hold_customer(customer_id)
    assert info.value.user_message == (
        "This action is not valid in the customer's current status: Customer is already on hold."
    )


async def test_409_on_a_read_is_a_neutral_conflict_not_a_status_problem(client, sandbox, customer_id):
    sandbox.faults.fail_next(409, method="GET", body=_server_error_body("The record is locked."))
    with pytest.raises(errors.Conflict) as info:
        await client.get_customer(customer_id)
    assert info.value.user_message == "The server reported a conflict: The record is locked."
    assert "status" not in info.value.user_message


async def test_409_on_a_read_without_a_message(client, sandbox, customer_id):
    sandbox.faults.fail_next(409, method="GET", body={"ErrorId": 0, "HttpStatusCode": 409, "Errors": []})
    with pytest.raises(errors.Conflict) as info:
        await client.list_invoices(customer_id)
    assert info.value.user_message == "The server reported a conflict."


async def test_409_on_a_change_other_than_a_status_action_keeps_the_status_wording(client, sandbox, customer_id):
    sandbox.faults.fail_next(409, method="POST", body=_server_error_body("Customer is cancelled."))
    with pytest.raises(errors.Conflict) as info:
        await client.create_note(customer_id, "hello")
    assert info.value.user_message == (
        "This action is not valid in the customer's current status: Customer is cancelled."
    )


async def test_get_retries_429_after_retry_after(client, sandbox, sleep, requests_to):
    sandbox.faults.fail_next(429, count=2, retry_after=3)
    page = await client.list_customers(page_size=5)
    assert len(page.items) == 5
    assert sleep.calls == [3, 3]
    assert len(requests_to("GET", "/v1/customers")) == 3


async def test_get_retries_429_at_reset_time_without_retry_after(client, sandbox, sleep, sandbox_clock):
    sandbox_clock.advance(45)  # 12:00:45 -> the minute resets in 15 s
    sandbox.faults.fail_next(429, exhausted="minute")
    await client.list_customers(page_size=5)
    assert sleep.calls == [15.0]


async def test_429_with_long_wait_is_raised_with_the_reset_time(client, sandbox, sleep, sandbox_clock, requests_to):
    sandbox.faults.fail_next(429, retry_after=600)
    with pytest.raises(errors.RateLimited) as info:
        await client.list_customers()
    expected = sandbox_clock().timestamp() + 600
    assert info.value.reset_at.timestamp() == pytest.approx(expected)
    assert f"{info.value.reset_at.astimezone():%H:%M:%S}" in info.value.user_message
    assert sleep.calls == []
    assert len(requests_to("GET", "/v1/customers")) == 1


async def test_get_retries_5xx_with_bounded_backoff(client, sandbox, sleep, requests_to):
    sandbox.faults.fail_next(503, count=2)
    await client.list_customers(page_size=5)
    assert len(sleep.calls) == 2 and all(0 < s <= 8.5 for s in sleep.calls)
    sandbox.request_log.clear()
    sandbox.faults.fail_next(500, count=50)
    with pytest.raises(errors.ServerError) as info:
        await client.list_customers(page_size=5)
    assert "try again" in info.value.user_message
    assert len(requests_to("GET", "/v1/customers")) == 5  # 1 + max_retries (4)


@pytest.mark.parametrize("fault", ["drop_next", "timeout_next"])
async def test_get_retries_dropped_connections_and_timeouts(client, sandbox, sleep, requests_to, fault):
    getattr(sandbox.faults, fault)(count=2)
    assert len((await client.list_customers(page_size=3)).items) == 3
    assert len(requests_to("GET", "/v1/customers")) == 3
    getattr(sandbox.faults, fault)(count=10)
    with pytest.raises(errors.NetworkError):
        await client.list_customers(page_size=3)


@pytest.mark.parametrize("kind", ["json", "html", "list", "stall"])
async def test_malformed_answers(client, sandbox, customer_id, kind):
    sandbox.faults.malformed_next(kind, count=1)
    expected = errors.NetworkError if kind == "stall" else errors.MalformedResponse
    if kind == "stall":  # a stalled body is a timeout: retried like one, so make it persist
        sandbox.faults.malformed_next(kind, count=10)
    with pytest.raises(expected):
        await client.get_customer(customer_id)
    if kind != "stall":
        assert len(sandbox.request_log) == 1  # a malformed answer is not retried


MAY_HAVE_BEEN_DONE = "It may have been done; check before trying again."


@pytest.mark.parametrize("kind", ["json", "html", "list"])
async def test_an_unreadable_answer_to_a_read_says_try_again(client, sandbox, customer_id, kind):
    sandbox.faults.malformed_next(kind)
    with pytest.raises(errors.MalformedResponse) as info:
        await client.get_customer(customer_id)
    message = info.value.user_message
    if kind == "list":
        assert message == "The server sent something other than the customer that was expected."
    else:
        assert message.endswith("try again.") and "may have been done" not in message


CHANGES_WITH_AN_ANSWER = [  # (status the customer needs, method, call)
    ("Active", "POST", lambda c, cid: c.hold_customer(cid)),
    ("Active", "POST", lambda c, cid: c.create_note(cid, "hello")),
    ("Draft", "POST", lambda c, cid: c.activate_customer(cid, preview=True)),
    ("Hold", "POST", lambda c, cid: c.unhold_customer(cid, "NoChargesForMissedPeriods")),
    ("Cancelled", "POST", lambda c, cid: c.uncancel_customer(cid)),
    ("Active", "PUT", lambda c, cid: c.update_customer(cid, {"firstName": "X"}, expected_modified=None)),
]


@pytest.mark.parametrize(("status", "method", "call"), CHANGES_WITH_AN_ANSWER)
@pytest.mark.parametrize("kind", ["json", "html", "list"])
async def test_an_unreadable_answer_to_a_change_says_it_may_have_been_done(
    client, sandbox, customer_id, status, method, call, kind
):
    sandbox.store.record(customer_id)["customer"]["status"] = status
    sandbox.faults.malformed_next(kind, method=method)
    with pytest.raises(errors.MalformedResponse) as info:
        await call(client, customer_id)
    message = info.value.user_message
    assert message.endswith(MAY_HAVE_BEEN_DONE), message
    assert message.count("may have been done") == 1 and "; try again" not in message, message


@pytest.mark.parametrize("fault", ["drop_next", "timeout_next"])
async def test_a_lost_answer_to_a_change_says_it_may_have_been_done(client, sandbox, customer_id, fault):
    getattr(sandbox.faults, fault)(method="POST")
    with pytest.raises(errors.NetworkError) as info:
        await client.hold_customer(customer_id)
    assert info.value.user_message.endswith(MAY_HAVE_BEEN_DONE)
    assert "try again." not in info.value.user_message.replace(MAY_HAVE_BEEN_DONE, "")


MUTATIONS = [
    ("POST", lambda c, cid: c.hold_customer(cid)),
    ("POST", lambda c, cid: c.cancel_customer(cid, "None")),
    ("POST", lambda c, cid: c.create_note(cid, "hello")),
    ("POST", lambda c, cid: c.activate_customer(cid, preview=True)),
    ("DELETE", lambda c, cid: c.delete_note(123)),
    ("PUT", lambda c, cid: c.update_customer(cid, {"firstName": "X"}, expected_modified=None)),
]


@pytest.mark.parametrize(("method", "call"), MUTATIONS)
@pytest.mark.parametrize("fault", ["fail_next_503", "fail_next_429", "drop_next", "timeout_next"])
async def test_mutations_are_never_retried(client, sandbox, sleep, customer_id, method, call, fault):
    if fault.startswith("fail_next"):
        sandbox.faults.fail_next(int(fault.rsplit("_", 1)[1]), count=5, method=method, retry_after=1)
    else:
        getattr(sandbox.faults, fault)(count=5, method=method)
    with pytest.raises((errors.ServerError, errors.RateLimited, errors.NetworkError)):
        await call(client, customer_id)
    assert [r.method for r in sandbox.request_log if r.method == method] == [method]
    assert sleep.calls == []


READ_ONLY_CALLS = [
    lambda c: c.update_customer(1, {"firstName": "X"}, expected_modified=None),
    lambda c: c.create_note(1, "hi"),
    lambda c: c.delete_note(1),
    lambda c: c.update_address_preferences(1, {"contactName": "X"}),
    lambda c: c.create_address(1, "Billing", {"line1": "x"}),
    lambda c: c.update_address(1, {"line1": "x"}),
    lambda c: c.activate_customer(1, preview=True),
    lambda c: c.hold_customer(1),
    lambda c: c.unhold_customer(1, "NoChargesForMissedPeriods", preview=True),
    lambda c: c.cancel_customer(1, "None"),
    lambda c: c.uncancel_customer(1),
]


@pytest.mark.parametrize("call", READ_ONLY_CALLS)
async def test_read_only_refuses_every_mutation_before_sending(make_client, sandbox, call):
    client = make_client(read_only=True)
    with pytest.raises(errors.ReadOnlyError) as info:
        await call(client)
    assert "read-only" in info.value.user_message
    assert sandbox.request_log == []


def _every_text_of(exc: BaseException) -> str:
    parts = ["".join(traceback.format_exception(exc)), repr(exc), str(exc), getattr(exc, "user_message", "")]
    seen = exc
    while seen is not None:
        parts.append(repr(seen))
        parts.append(repr(getattr(seen, "__dict__", "")))
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


async def test_key_never_appears_in_errors_or_logs(make_client, sandbox, caplog, customer_id):
    caplog.set_level(logging.DEBUG)
    good = make_client()
    bad = make_client(api_key=WRONG_KEY)
    assert DEFAULT_API_KEY not in repr(good) and WRONG_KEY not in repr(bad)
    scenarios = [
        (bad, lambda c: c.list_customers()),
        (good, lambda c: c.get_customer(999999999)),
    ]
    for status in (400, 409, 429, 500, 503):
        scenarios.append((good, lambda c, s=status: _fail_then(sandbox, s, c.list_customers())))
    for fault in ("drop_next", "timeout_next"):
        scenarios.append((good, lambda c, f=fault: _fault_then(sandbox, f, c.list_customers())))
    for kind in ("json", "html", "list", "stall"):
        scenarios.append((good, lambda c, k=kind: _malformed_then(sandbox, k, c.get_customer(customer_id))))
    scenarios.append((make_client(read_only=True), lambda c: c.hold_customer(1)))
    caught = 0
    for client, call in scenarios:
        with pytest.raises(errors.FusebillError) as info:
            await call(client)
        text = _every_text_of(info.value)
        assert DEFAULT_API_KEY not in text and WRONG_KEY not in text, type(info.value)
        caught += 1
    assert caught == len(scenarios)
    assert caplog.records, "the client logs its requests"
    assert DEFAULT_API_KEY not in caplog.text and WRONG_KEY not in caplog.text


async def _fail_then(sandbox, status, coro):
    sandbox.faults.fail_next(status, count=20, retry_after=600 if status == 429 else None)
    try:
        return await coro
    finally:
        sandbox.faults.clear()


async def _fault_then(sandbox, fault, coro):
    getattr(sandbox.faults, fault)(count=20)
    try:
        return await coro
    finally:
        sandbox.faults.clear()


async def _malformed_then(sandbox, kind, coro):
    sandbox.faults.malformed_next(kind, count=20)
    try:
        return await coro
    finally:
        sandbox.faults.clear()


async def test_retry_is_announced_with_the_time(make_client, sandbox, sandbox_clock):
    messages = []
    client = make_client(on_retry=messages.append)
    at = (sandbox_clock() + timedelta(seconds=30)).astimezone()
    sandbox.faults.fail_next(429, retry_after=30)
    await client.list_customers(page_size=1)
    assert messages == [f"Rate limited, retrying at {at:%H:%M:%S}."]


def test_audit_source_is_ascii_whatever_the_user_name():
    from fusebill_tui.vendors.fusebill import audit_source

    assert audit_source("zoë (admin)").endswith("(zo? ?admin?)")


async def test_an_over_long_filter_is_refused_by_the_client_before_sending(client, sandbox):
    with pytest.raises(errors.QueryError, match="The filter is too long: 5,009 characters"):
        await client.list_customers("lastName:" + "x" * 5000)
    assert sandbox.request_log == []


async def test_the_longest_filter_fits_the_server_beside_every_other_parameter(client, sandbox):
    from fusebill_tui.vendors.fusebill.query import MAX_QUERY_BYTES

    longest = "companyName:" + "a" * (MAX_QUERY_BYTES - len("companyName:"))
    page = await client.list_customers(longest, page_number=99999, page_size=1000,
                                       sort_expression="customerReference.salesTrackingCode1.Code",
                                       sort_order="Descending")
    assert page.items == []
    assert [r.status for r in sandbox.request_log] == [200]


async def test_a_414_from_the_server_is_said_in_plain_words(client, sandbox):
    with pytest.raises(errors.RequestTooLong) as info:
        await client.list_customers(sort_expression="x" * 3000)
    assert info.value.status == 414
    assert info.value.user_message == (
        "The request was too long for the server (414 URI Too Long): shorten the filter."
    )
    assert [r.status for r in sandbox.request_log] == [414]  # not retried
