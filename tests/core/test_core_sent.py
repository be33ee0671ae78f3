"""A read's owner hears when its request has left: over a real socket (httpcore's trace), and in-process."""

from __future__ import annotations

import asyncio
import socket

import uvicorn

from fusebill_tui.core.sent import report_sent_to
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY
from fusebill_tui.vendors.fusebill import FusebillClient

CUSTOMER = 100007


LIMIT = 5.0  # seconds: an upper bound, not an expectation


async def test_over_a_socket_the_owner_hears_the_request_leave_before_the_answer(sandbox_app, sandbox) -> None:
    sandbox.faults.latency = 0.5  # the answer is half a second behind the request
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # connections wait in the backlog until uvicorn accepts them
    server = uvicorn.Server(uvicorn.Config(sandbox_app, log_level="warning", lifespan="off"))
    serving = asyncio.ensure_future(server.serve(sockets=[sock]))
    try:
        port = sock.getsockname()[1]
        left = asyncio.Event()
        async with FusebillClient(f"http://127.0.0.1:{port}/v1", DEFAULT_API_KEY, read_only=True) as client:
            with report_sent_to(left.set):
                read = asyncio.ensure_future(client.get_customer(CUSTOMER))
            await asyncio.wait_for(left.wait(), LIMIT)
            assert not read.done()  # heard while the answer is still on its way
            customer = await read
        assert customer.id == CUSTOMER
    finally:
        server.should_exit = True
        await serving
        sock.close()


async def test_in_process_the_sandbox_transport_says_so_too(sandbox_transport, sandbox) -> None:
    left: list[str] = []
    async with FusebillClient("https://sandbox.invalid/v1", DEFAULT_API_KEY, read_only=True,
                              transport=sandbox_transport) as client:
        with report_sent_to(lambda: left.append("out")):
            await client.get_customer(CUSTOMER)
    assert left == ["out"]


async def test_no_listener_no_trace_and_a_read_without_one_is_sent_as_before(sandbox_transport) -> None:
    async with FusebillClient("https://sandbox.invalid/v1", DEFAULT_API_KEY, read_only=True,
                              transport=sandbox_transport) as client:
        assert (await client.get_customer(CUSTOMER)).id == CUSTOMER
