"""A read's owner hears when its request has left: over a real socket (httpcore's trace), and in-process."""

from __future__ import annotations

import asyncio
import socket

import uvicorn

from fusebill_tui.core.sent import report_sent_to
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY
from fusebill_tui.vendors.fusebill import FusebillClient

CUSTOMER = 100007


async def until(predicate, limit: float = 5.0) -> None:
    """Let the loop run until ``predicate()`` holds (bounded)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + limit
    while not predicate():
        assert loop.time() < end, "never happened"
        await asyncio.sleep(0.005)


async def test_over_a_socket_the_owner_hears_the_request_leave_before_the_answer(sandbox_app, sandbox) -> None:
    sandbox.faults.latency = 0.5  # the answer is half a second behind the request
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(sandbox_app, log_level="warning", lifespan="off"))
    serving = asyncio.ensure_future(server.serve(sockets=[sock]))
    try:
        await until(lambda: server.started)
        port = sock.getsockname()[1]
        left: list[int] = []
        async with FusebillClient(f"http://127.0.0.1:{port}/v1", DEFAULT_API_KEY, read_only=True) as client:
            with report_sent_to(lambda: left.append(len(sandbox.request_log))):
                read = asyncio.ensure_future(client.get_customer(CUSTOMER))
            await until(lambda: bool(left))
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
