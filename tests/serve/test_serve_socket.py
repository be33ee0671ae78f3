"""`fusebill-tui serve --demo` on a real socket: the page, the guard, and one app session per tab."""

from __future__ import annotations

import asyncio
import re

import aiohttp
import pytest
from serving import serving


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> str:
    """One server for the module (starting it costs a second); the token has tests of its own."""
    with serving(tmp_path_factory.mktemp("serve"), "--demo", "--no-token") as url:
        yield url


async def _get(url: str, **headers: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status, await response.text()


async def test_the_page_loads_nothing_from_elsewhere(served: str) -> None:
    status, page = await _get(served + "/")
    assert status == 200
    assert "<title>fusebill-tui · sandbox (built-in)</title>" in page
    assert f'data-session-websocket-url="ws://{served.removeprefix("http://")}/ws"' in page
    external = [u for u in re.findall(r'(?:src|href)="([^"]+)"', page) if not u.startswith(served)]
    assert external == []
    assert "googleapis" not in page


async def test_urls_follow_the_name_the_browser_used(served: str) -> None:
    port = served.rsplit(":", 1)[1]
    status, page = await _get(f"http://localhost:{port}/")
    assert status == 200 and f'"ws://localhost:{port}/ws"' in page


async def test_a_rebound_dns_name_is_refused(served: str) -> None:
    port = served.rsplit(":", 1)[1]
    status, text = await _get(served + "/", Host=f"attacker.example:{port}")
    assert status == 403 and "answers only to 127.0.0.1" in text


async def test_a_page_from_another_site_cannot_open_the_app(served: str) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(served + "/ws", headers={"Origin": "http://attacker.example"})
    assert refused.value.status == 403


async def _first_screen(served: str, origin: str | None) -> bytes:
    """Open a tab's socket and collect output until the customer list is drawn."""
    headers = {"Origin": origin} if origin else {}
    received = b""
    async with aiohttp.ClientSession() as session, \
            session.ws_connect(served + "/ws?width=120&height=40", headers=headers) as socket:
        await socket.send_json(["resize", {"width": 120, "height": 40}])
        async with asyncio.timeout(30):
            async for message in socket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                    if b"customers" in received and b"Hill, Zoey" in received:
                        break
    return received


async def test_each_tab_gets_its_own_app_on_the_sandbox(served: str) -> None:
    first, second = await asyncio.gather(_first_screen(served, served), _first_screen(served, None))
    for screen in (first, second):
        assert b"sandbox (built-in)" in screen and b"Hill, Zoey" in screen
