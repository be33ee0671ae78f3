"""`fusebill-tui serve` on a real loopback socket: only a request carrying the printed token is let in."""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path

import aiohttp
import pytest
from serving import Served, serving

from fusebill_tui import cli
from fusebill_tui.config import builtin_sandbox
from fusebill_tui.web.plan import ServeRefused, plan_serve
from fusebill_tui.web.token import TOKEN_ENV_VAR, cookie_name, serve_token

FORBIDDEN = "open the address fusebill-tui serve printed"


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Served:
    """One server for the module, with its own random token."""
    with serving(tmp_path_factory.mktemp("serve-token"), "--demo") as url:
        yield url


def _session() -> aiohttp.ClientSession:
    # aiohttp keeps no cookies for IP addresses unless told to; a browser does
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def _get(url: str, session: aiohttp.ClientSession | None = None, **options) -> tuple[int, str]:
    own = session is None
    session = session or _session()
    try:
        async with session.get(url, **options) as response:
            return response.status, await response.text()
    finally:
        if own:
            await session.close()


def test_the_printed_address_carries_a_fresh_random_token(served: Served) -> None:
    assert served.printed == f"{served}/?token={served.token}"
    assert served.token and len(served.token) >= 40


@pytest.mark.parametrize("path", ["/", "/ws", "/static/js/textual.js", "/download/x"])
async def test_every_request_without_the_token_is_refused(served: Served, path: str) -> None:
    status, text = await _get(served + path)
    assert status == 403 and FORBIDDEN in text


async def test_a_wrong_token_is_refused(served: Served) -> None:
    assert served.token is not None
    for wrong in ("x", served.token[:-1], served.token + "x", served.token.upper(), ""):
        status, text = await _get(f"{served}/?token={wrong}")
        assert status == 403 and FORBIDDEN in text, wrong
        status, _ = await _get(served + "/", cookies={cookie_name(int(served.rsplit(":", 1)[1])): wrong})
        assert status == 403, wrong


async def test_the_right_token_opens_the_page_and_leaves_it_in_a_strict_http_only_cookie(served: Served) -> None:
    async with _session() as session:
        async with session.get(served.printed, allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/"  # the token leaves the URL
            set_cookie = response.headers["Set-Cookie"]
        assert f"={served.token};" in set_cookie and "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
        status, page = await _get(served.printed, session)  # followed, as a browser does
        assert status == 200 and "<title>fusebill-tui · sandbox (built-in)</title>" in page
        status, page = await _get(served + "/", session)  # a reload: the cookie alone
        assert status == 200 and "fusebill-tui" in page
        status, _ = await _get(served + "/static/css/xterm.css", session)
        assert status != 403


async def _screen_through(session: aiohttp.ClientSession, url: str) -> bytes:
    received = b""
    async with session.ws_connect(url) as socket:
        await socket.send_json(["resize", {"width": 120, "height": 40}])
        async with asyncio.timeout(30):
            async for message in socket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                    if b"Hill, Zoey" in received:
                        break
    return received


async def test_the_websocket_needs_the_token_and_opens_the_app_with_it(served: Served) -> None:
    async with _session() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(served + "/ws")
        assert refused.value.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as wrong:
            await session.ws_connect(served + "/ws?token=not-the-token-at-all")
        assert wrong.value.status == 403
        by_query = await _screen_through(session, f"{served}/ws?token={served.token}")
        await _get(served.printed, session)  # the cookie, as the browser's page holds it
        by_cookie = await _screen_through(session, served + "/ws?width=120&height=40")
    assert b"Hill, Zoey" in by_query and b"Hill, Zoey" in by_cookie


async def test_the_host_and_origin_checks_still_apply_with_the_token(served: Served) -> None:
    port = served.rsplit(":", 1)[1]
    status, text = await _get(served.printed, headers={"Host": f"attacker.example:{port}"})
    assert status == 403 and "answers only to" in text
    async with _session() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{served}/ws?token={served.token}", headers={"Origin": "http://attacker.example"})
    assert refused.value.status == 403


async def test_the_token_is_in_no_log_line_and_no_tab_command(served: Served) -> None:
    await _get(served.printed)
    await _get(f"{served}/download/nothing?token={served.token}")
    assert served.token is not None
    lines = [line for line in served.log().splitlines() if served.token in line]
    assert lines == [f"fusebill-tui: serving sandbox (built-in) on {served.printed}"]
    plan = plan_serve(builtin_sandbox(), host="127.0.0.1", port=8000, public=False, allow_writes=False, demo=True,
                      token=served.token)
    assert served.token not in plan.command and served.token not in repr(plan)


def test_a_token_file_must_be_private(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text("a-token-of-my-own-choosing-1234\n")
    path.chmod(0o644)
    with pytest.raises(ServeRefused, match=f"chmod 600 {path}"):
        serve_token(str(path), {})
    path.chmod(0o600)
    assert serve_token(str(path), {}) == "a-token-of-my-own-choosing-1234"


def test_the_variable_sets_the_token_and_is_dropped_for_the_tabs() -> None:
    environ = {TOKEN_ENV_VAR: "  from-the-environment-0123  ", "HOME": "/x"}
    assert serve_token(None, environ) == "from-the-environment-0123"
    assert environ == {"HOME": "/x"}
    with pytest.raises(ServeRefused, match="at least 16"):
        serve_token(None, {TOKEN_ENV_VAR: "short"})


async def test_a_token_file_is_the_token_of_the_real_server(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text("kiosk-token-read-from-a-file\n")
    os.chmod(path, 0o600)
    with serving(tmp_path, "--demo", "--token-file", str(path)) as served:
        assert served.token == "kiosk-token-read-from-a-file"
        assert (await _get(served.printed))[0] == 200
        assert (await _get(served + "/"))[0] == 403


def test_no_token_is_only_for_a_loopback_demo(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FUSEBILL_TUI_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("FUSEBILL_API_KEY", "k" * 20)
    for argv in (["serve", "--no-token", "--base-url", "http://127.0.0.1:9/v1"],
                 ["serve", "--demo", "--no-token", "--host", "0.0.0.0", "--public"]):
        out, err = io.StringIO(), io.StringIO()
        assert cli.run(argv, out=out, err=err) == 2, argv
        assert "--no-token is only for a demo" in err.getvalue()
