"""What a GET waits after a 429: Retry-After, else the exhausted budget's reset, else a short backoff.

Checked on the sandbox's request log (what was sent, what it answered) and on the client's recorded
sleeps, which move the sandbox's clock instead of waiting.
"""

from datetime import UTC, datetime, timedelta

import pytest

from fusebill_tui.core import errors
from fusebill_tui.core.http_policy import retry_at
from fusebill_tui.core.waits import report_waits_to

NOW = datetime(2025, 6, 2, 12, 0, 45, tzinfo=UTC)


def statuses(sandbox, path="/v1/customers"):
    return [r.status for r in sandbox.request_log if r.method == "GET" and r.path == path]


async def test_a_429_with_budget_left_is_retried_after_a_short_backoff(client, sandbox, sleep, sandbox_clock):
    sandbox_clock.advance(45)  # the minute's reset is 15 s away: a 429 with budget left must not wait for it
    sandbox.faults.fail_next(429)
    page = await client.list_customers(page_size=5)
    assert len(page.items) == 5
    assert statuses(sandbox) == [429, 200]
    assert sleep.calls == [0.5]
    assert int(client.rate_limit.remaining_minute) > 0


async def test_a_429_with_the_minute_used_up_waits_until_its_reset(client, sandbox, sleep, sandbox_clock):
    sandbox_clock.advance(45)
    sandbox.faults.fail_next(429, exhausted="minute")
    await client.list_customers(page_size=5)
    assert statuses(sandbox) == [429, 200]
    assert sleep.calls == [15.0]


async def test_a_429_with_the_day_used_up_is_not_waited_for_and_says_when(client, sandbox, sleep, sandbox_clock):
    sandbox.faults.fail_next(429, exhausted="day")  # the day resets at midnight UTC, 12 hours away
    with pytest.raises(errors.RateLimited) as info:
        await client.list_customers(page_size=5)
    assert statuses(sandbox) == [429]
    assert sleep.calls == []
    assert info.value.reset_at == datetime(2025, 6, 3, tzinfo=UTC)
    assert f"try again at {info.value.reset_at.astimezone():%H:%M:%S}" in info.value.user_message


async def test_retry_after_is_honoured_even_with_budget_left(client, sandbox, sleep):
    sandbox.faults.fail_next(429, count=2, retry_after=4)
    await client.list_customers(page_size=5)
    assert statuses(sandbox) == [429, 429, 200]
    assert sleep.calls == [4, 4]


async def test_five_429s_in_a_row_with_budget_left_are_ridden_out_within_ten_seconds(client, sandbox, sleep):
    sandbox.faults.fail_next(429, count=5)
    page = await client.list_customers(page_size=5)
    assert len(page.items) == 5
    assert statuses(sandbox) == [429] * 5 + [200]
    assert sleep.calls == [0.5, 1.0, 2.0, 3.0, 3.0]  # doubling, capped at 3 s
    assert sum(sleep.calls) < 10


async def test_429s_past_the_bound_are_said_with_how_often_and_when(client, sandbox, sleep, sandbox_clock):
    sandbox.faults.fail_next(429, count=50)
    with pytest.raises(errors.RateLimited) as info:
        await client.list_customers(page_size=5)
    assert statuses(sandbox) == [429] * 7  # the first try and six retries
    assert info.value.times == 7
    assert info.value.reset_at is not None
    at = f"{info.value.reset_at.astimezone():%H:%M:%S}"
    assert info.value.user_message == f"Rate limited by the server (7 times in a row): try again at {at}."


async def test_429s_do_not_use_up_the_retries_a_failing_server_gets(client, sandbox, sleep):
    sandbox.faults.fail_next(503, count=3)
    sandbox.faults.fail_next(429, count=5)
    await client.list_customers(page_size=5)
    assert statuses(sandbox) == [503] * 3 + [429] * 5 + [200]


async def test_a_change_refused_with_429_is_never_retried_and_says_when_it_can_be_known(client, sandbox, sleep):
    customer_id = (await client.list_customers(page_size=1)).items[0].id
    sandbox.faults.fail_next(429, method="POST")
    with pytest.raises(errors.RateLimited) as info:
        await client.create_note(customer_id, "hello")
    assert [r.method for r in sandbox.request_log if r.method == "POST"] == ["POST"]
    assert info.value.user_message == "Rate limited by the server: try again in a few seconds."
    assert sleep.calls == []


async def test_the_owner_of_a_read_hears_each_wait_and_each_resend(client, sandbox, sandbox_clock):
    heard = []
    sandbox.faults.fail_next(429, count=2)
    with report_waits_to(heard.append):
        await client.list_customers(page_size=1)
    waits = [w for w in heard if w is not None]
    assert [w.reason for w in waits] == ["rate_limited", "rate_limited"]
    assert [w.attempt for w in waits] == [1, 2]
    assert heard[1] is None and heard[3] is None  # the read was sent again after each wait
    assert waits[0].message(UTC) == f"Rate limited, retrying at {waits[0].until:%H:%M:%S}."


async def test_a_read_with_an_owner_does_not_also_use_the_app_wide_callback(make_client, sandbox):
    said, heard = [], []
    client = make_client(on_retry=said.append)
    sandbox.faults.fail_next(429)
    with report_waits_to(heard.append):
        await client.list_customers(page_size=1)
    assert said == [] and len(heard) == 2


@pytest.mark.parametrize(("headers", "expected"), [
    ({"X-Rate-Limit-Remaining-Minute": "3", "X-Rate-Limit-Reset-Minute": "2025-06-02T12:01:00Z"}, None),
    ({"X-Rate-Limit-Remaining-Minute": "0", "X-Rate-Limit-Reset-Minute": "2025-06-02T12:01:00Z"},
     datetime(2025, 6, 2, 12, 1, tzinfo=UTC)),
    ({"X-Rate-Limit-Remaining-Minute": "0", "X-Rate-Limit-Reset-Minute": "2025-06-02T12:01:00Z",
      "X-Rate-Limit-Remaining-Day": "0", "X-Rate-Limit-Reset-Day": "2025-06-03T00:00:00Z"},
     datetime(2025, 6, 3, tzinfo=UTC)),
    ({"Retry-After": "7", "X-Rate-Limit-Remaining-Minute": "0", "X-Rate-Limit-Reset-Minute": "2025-06-02T12:01:00Z"},
     NOW + timedelta(seconds=7)),
    ({"Retry-After": "Mon, 02 Jun 2025 12:00:50 GMT"}, datetime(2025, 6, 2, 12, 0, 50, tzinfo=UTC)),
    ({}, None),
])
def test_retry_at_reads_retry_after_then_an_exhausted_budget(headers, expected):
    assert retry_at(headers, now=NOW) == expected
