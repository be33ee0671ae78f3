"""ChargeOverClient's errors: envelopes, 401, 404, faults and retries, read-only, and keys kept secret."""

from __future__ import annotations

import pytest

from fusebill_tui.core.errors import (
    AuthError,
    BadRequest,
    MalformedResponse,
    NetworkError,
    NotFound,
    RateLimited,
    ReadOnlyError,
    ServerError,
)
from fusebill_tui.sandbox_defaults import CHARGEOVER_PRIVATE_KEY, CHARGEOVER_PUBLIC_KEY
from fusebill_tui.vendors.chargeover import ChargeOverClient

from .conftest import BASE_URL


async def test_wrong_keys_are_a_401_in_plain_words_without_the_keys(co_transport, co_sandbox) -> None:
    async with ChargeOverClient(BASE_URL, "wrongPublic", "wrongPrivateSecret", transport=co_transport) as client:
        with pytest.raises(AuthError) as info:
            await client.customers()
        assert "wrongPrivateSecret" not in repr(client)
    message = info.value.user_message
    assert "public and private keys" in message and "Invalid or incorrect authorization" in message
    assert "wrongPrivateSecret" not in message and "wrongPublic" not in message
    assert co_sandbox.request_log[-1].status == 401
    assert len(co_sandbox.request_log) == 1  # a 401 is not retried


async def test_the_keys_travel_only_as_basic_auth(co_client, co_sandbox) -> None:
    await co_client.count_customers()
    entry = co_sandbox.request_log[-1]
    assert entry.headers["authorization"].startswith("Basic ")
    assert CHARGEOVER_PRIVATE_KEY not in entry.raw_query and CHARGEOVER_PRIVATE_KEY not in repr(co_client)
    assert CHARGEOVER_PUBLIC_KEY not in repr(co_client)


async def test_a_bad_where_is_the_envelopes_400_message(co_client) -> None:
    with pytest.raises(BadRequest) as info:
        await co_client.customers("nosuchfield:EQUALS:1")
    assert "Missing or invalid parameter." in info.value.user_message


async def test_an_unknown_customer_is_not_found(co_client) -> None:
    with pytest.raises(NotFound, match="could not be found"):
        await co_client.customer(999_999)


async def test_an_error_envelope_under_http_200_is_still_an_error(co_client, co_sandbox) -> None:
    co_sandbox.faults.fail_next(200, body={"code": 400, "status": "Error", "message": "Bad where.", "response": False})
    with pytest.raises(BadRequest, match=r"Bad where\."):
        await co_client.customers()


async def test_a_body_that_is_not_an_envelope_is_malformed(co_client, co_sandbox) -> None:
    co_sandbox.faults.fail_next(200, body=[1, 2, 3])
    with pytest.raises(MalformedResponse, match="envelope"):
        await co_client.customers()


async def test_a_count_that_is_not_a_number_is_malformed(co_client, co_sandbox) -> None:
    co_sandbox.faults.fail_next(200, body={"code": 200, "status": "OK", "message": "", "response": "lots"})
    with pytest.raises(MalformedResponse, match="count"):
        await co_client.count_customers()


@pytest.mark.parametrize("kind", ["json", "html", "list"])
async def test_malformed_bodies(co_client, co_sandbox, kind) -> None:
    co_sandbox.faults.malformed_next(kind, path="/customer")
    with pytest.raises(MalformedResponse):
        await co_client.customers()


async def test_server_errors_on_reads_are_retried(co_client, co_sandbox, sleeps) -> None:
    co_sandbox.faults.fail_next(503, count=2, path="/customer/_count")
    assert await co_client.count_customers() == 400
    statuses = [e.status for e in co_sandbox.request_log]
    assert statuses == [503, 503, 200] and len(sleeps) == 2


async def test_server_errors_that_persist_say_chargeover(co_client, co_sandbox) -> None:
    co_sandbox.faults.fail_next(500, count=10)
    with pytest.raises(ServerError) as info:
        await co_client.customers()
    assert "ChargeOver server had an error (500)" in info.value.user_message
    assert len(co_sandbox.request_log) == 5  # one try and four retries


async def test_a_dropped_read_is_retried_and_a_timeout_reported(co_client, co_sandbox) -> None:
    co_sandbox.faults.drop_next(path="/customer")
    assert len(await co_client.customers(limit=3)) == 3
    co_sandbox.faults.timeout_next(count=5)
    with pytest.raises(NetworkError, match="did not answer in time"):
        await co_client.customers()


async def test_a_post_is_sent_once_and_a_lost_answer_says_it_may_have_been_done(co_client, co_sandbox) -> None:
    co_sandbox.faults.fail_next(503, method="POST")
    with pytest.raises(ServerError):
        await co_client.add_note(1, "once")
    co_sandbox.faults.drop_next(method="POST")
    with pytest.raises(NetworkError, match="may have been done"):
        await co_client.add_note(1, "twice?")
    assert len([e for e in co_sandbox.request_log if e.method == "POST"]) == 2
    assert not [n for n in co_sandbox.store.notes if n["note"] in ("once", "twice?")]


async def test_a_garbled_answer_to_a_new_note_says_it_may_have_been_done(co_client, co_sandbox) -> None:
    co_sandbox.faults.malformed_next("json", method="POST")
    with pytest.raises(MalformedResponse, match="may have been done"):
        await co_client.add_note(1, "garbled")
    assert [n["note"] for n in co_sandbox.store.notes if n["note"] == "garbled"] == ["garbled"]


async def test_a_rate_limit_is_retried_after_retry_after(co_client, co_sandbox, sleeps) -> None:
    co_sandbox.faults.fail_next(429, retry_after=3)
    assert await co_client.count_customers() == 400
    assert sleeps and 2.9 <= sleeps[0] <= 3.1
    co_sandbox.faults.fail_next(429, count=10, retry_after=3600)
    with pytest.raises(RateLimited):
        await co_client.count_customers()


async def test_read_only_refuses_a_note_before_sending(co_transport, co_sandbox) -> None:
    async with ChargeOverClient(BASE_URL, CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY, read_only=True,
                                transport=co_transport) as client:
        assert client.read_only
        with pytest.raises(ReadOnlyError):
            await client.add_note(1, "no")
        assert len(await client.customers(limit=2)) == 2
    assert [e.method for e in co_sandbox.request_log] == ["GET"]


async def test_retries_are_announced(co_transport, co_sandbox) -> None:
    messages: list[str] = []

    async def no_sleep(_seconds: float) -> None:
        return None

    async with ChargeOverClient(BASE_URL, CHARGEOVER_PUBLIC_KEY, CHARGEOVER_PRIVATE_KEY, transport=co_transport,
                                sleep=no_sleep, on_retry=messages.append) as client:
        co_sandbox.faults.fail_next(502)
        await client.customers(limit=1)
    assert len(messages) == 1 and "server had an error (502)" in messages[0]
