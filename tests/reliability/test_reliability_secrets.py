"""Secrets: the API key appears on no screen, in no log, error, crash report or exported file.

The sandbox here accepts only a distinctive key, so any place it shows up is a leak. Config files
holding a key with loose permissions, plain http:// to another host and keys that cannot be sent
are refused in words that never repeat the key.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from reliability_support import no_sleep, screen_text, settle, toasts
from rich.console import Console

from fusebill_tui import cli, headless
from fusebill_tui.config import Environment
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings
from fusebill_tui.tui.dialogs.address_form import AddressForm
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.vendors.fusebill import FusebillClient

KEY = "S3cr3tCampaignKey-7f1e9c2b"
CID = 100003


@pytest.fixture
def sandbox_settings(sandbox_clock) -> SandboxSettings:
    """A sandbox that accepts only ``KEY``."""
    return SandboxSettings(customers=300, seed=7, api_key=KEY, clock=sandbox_clock)


def _echo(status: int) -> dict:
    """An error body whose message repeats the key (as a badly configured gateway might)."""
    return {"ErrorId": 0, "HttpStatusCode": status,
            "Errors": [{"Key": "Authorization", "Value": f"Key Basic {KEY} was refused"}]}


def _leaks(places: dict[str, str]) -> list[str]:
    return [name for name, text in places.items() if KEY in text]


async def test_the_key_is_on_no_screen_toast_log_or_error(make_app, sandbox, caplog, tally):
    """Protection: errors the client raises never carry the key, even when the server echoes it; screens,
    screenshots, toasts and every log record (httpx and httpcore included, at DEBUG) are free of it."""
    caplog.set_level(logging.DEBUG)
    places: dict[str, str] = {}
    app = make_app(api_key=KEY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        list_screen = app.screen
        for status in (400, 401, 403, 404, 409, 500):  # the list, with the key echoed back
            sandbox.faults.fail_next(status, 5, method="GET", path="/customers", body=_echo(status))
            list_screen.action_refresh()
            await settle(app, pilot, lambda: bool(list_screen.error))
            places[f"list after {status}"] = screen_text(app) + app.export_screenshot()
            sandbox.faults.clear()
        list_screen.action_refresh()
        await settle(app, pilot, lambda: not list_screen.error and not list_screen.fetching)
        list_screen.open_by_id(CID)
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        detail = app.screen
        sandbox.faults.fail_next(400, 1, method="GET", path=f"/customers/{CID}", body=_echo(400))
        detail.action_refresh()
        await settle(app, pilot, lambda: detail.loaded and detail.customer_error is not None)
        places["customer header after an echoing 400"] = screen_text(app) + app.export_screenshot()
        places["customer header's full message"] = detail.query_one("#customer-header").problem or ""
        assert "was refused" in places["customer header's full message"]
        for tab in "123456":
            await pilot.press(tab)
            places[f"customer tab {tab}"] = screen_text(app)
        sandbox.faults.fail_next(400, 1, method="GET", path="/customerAddressPreferences/*", body=_echo(400))
        await pilot.press("5", "a")
        await settle(app, pilot, lambda: isinstance(app.screen, AddressForm))
        places["address form that could not load"] = screen_text(app) + app.export_screenshot()
        await pilot.press("escape")
        await settle(app, pilot, lambda: app.screen is detail)
        sandbox.faults.fail_next(409, 1, method="POST", body=_echo(409))
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.press("escape")
        app.perform("Putting on hold", lambda session: session.hold(CID), success="done")
        await settle(app, pilot, lambda: any("hold" in t.lower() for t in toasts(app)))
        places["every toast"] = "\n".join(toasts(app))
        places["help screen"] = ""
        await pilot.press("question_mark")
        places["help screen"] = screen_text(app)
    places["log records"] = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    tally["inputs_tried"] += len(places)
    leaks = _leaks(places)
    tally["key_leaks"] += len(leaks)
    assert not leaks, leaks
    assert "was refused" in places["list after 400"]  # the server's message itself is still shown


def _leaky(secret: str):
    """A session method with a bug: it raises an unexpected error whose message carries ``secret``."""

    async def broken(*_args, **_kwargs):
        raise RuntimeError(f"bug while signing with {secret}")

    return broken


async def test_an_unexpected_error_carrying_the_key_is_scrubbed_wherever_it_is_shown(make_app, sandbox, monkeypatch,
                                                                                     tally):
    """Protection: an error that is not the client's own (a bug, a library's exception) may carry the key;
    the customer header, the address form (loading and saving), the note form, an action dialog and the
    environment switch (a ChargeOver key pair) each scrub every key of the environment before showing it."""
    from reliability_support import as_read

    from fusebill_tui.tui import flows as actions
    from fusebill_tui.tui.dialogs.cancel_dialog import CancelDialog
    from fusebill_tui.tui.dialogs.fields import FieldError
    from fusebill_tui.tui.dialogs.note_form import NoteForm
    from fusebill_tui.tui.session import Session

    places: dict[str, str] = {}
    app = make_app(api_key=KEY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        app.screen.open_by_id(CID)
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerDetailScreen) and app.screen.loaded)
        detail = app.screen
        with monkeypatch.context() as patch:
            patch.setattr(Session, "customer", _leaky(KEY))
            detail.action_refresh()
            await settle(app, pilot, lambda: detail.customer_error is not None)
        places["customer header"] = detail.query_one("#customer-header").problem or ""

        async def form_message(open_form, screen_type, selector: str, patched: str, submit: str | None) -> str:
            with monkeypatch.context() as patch:
                if submit is None:
                    patch.setattr(Session, patched, _leaky(KEY))
                open_form()
                await settle(app, pilot, lambda: isinstance(app.screen, screen_type))
                form = app.screen
                if submit is not None:
                    await settle(app, pilot, lambda: getattr(form, "ready", True))
                    patch.setattr(Session, patched, _leaky(KEY))
                    await pilot.press(*submit)
                await settle(app, pilot, lambda: bool(form.query_one(selector, FieldError).message))
                said = form.query_one(selector, FieldError).message + screen_text(app)
                await pilot.press("escape")
                await settle(app, pilot, lambda: app.screen is detail)
                return said

        customer = as_read(sandbox, CID)
        prefs = await app.session.backend.client.get_address_preferences(CID)
        places["address form, loading"] = await form_message(
            lambda: actions.open_address_form(app, customer, prefs), AddressForm, "#form-error", "countries", None)

        def address_form() -> None:
            actions.open_address_form(app, customer, prefs)

        places["address form, saving"] = await form_message(
            address_form, AddressForm, "#form-error", "update_address", ["tab", "tab", "tab", "x", "ctrl+s"])
        places["note form"] = await form_message(
            lambda: actions.open_note_form(app, customer), NoteForm, "#note-error", "add_note", ["h", "i", "ctrl+s"])
        places["cancel dialog"] = await form_message(
            lambda: actions.start_status_action(app, customer, "cancel"), CancelDialog, "#action-error", "cancel",
            ["ctrl+s"])
        public, private = "PublicKey-9d1a", "PrivateKey-4c7e0b"
        with monkeypatch.context() as patch:
            patch.setattr(type(app), "_open_session", lambda self, env: (_ for _ in ()).throw(
                RuntimeError(f"bad pair {public}:{private}")))
            app.switch_environment(Environment(name="co", kind="chargeover", base_url="https://example.invalid/api",
                                               api_key=None, public_key=public, private_key=private))
            await settle(app, pilot, lambda: any("Could not open co" in t for t in toasts(app)))
        places["environment switch (ChargeOver key pair)"] = "\n".join(toasts(app))
        places["every toast"] = places["environment switch (ChargeOver key pair)"]
    for name, text in places.items():
        assert "bug while signing" in text or "bad pair" in text, (name, text)  # the error itself was shown
    tally["inputs_tried"] += len(places)
    leaks = _leaks(places) + [name for name, text in places.items() if private in text or public in text]
    tally["key_leaks"] += len(leaks)
    assert not leaks, (leaks, {name: places[name] for name in leaks})


async def test_a_crash_report_never_prints_the_key(make_app, sandbox, monkeypatch, capsys):
    """Protection: Textual's crash report prints every frame's locals; none may hold the key in plain text."""

    def broken(self) -> None:
        raise RuntimeError("a bug in a key handler")

    monkeypatch.setattr(CustomerListScreen, "action_refresh", broken)
    app = make_app(api_key=KEY)
    with pytest.raises(RuntimeError, match="a bug in a key handler"):  # the test harness re-raises it
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
            await pilot.press("r")
            await pilot.pause()
    report = capsys.readouterr().err + _render(app._exit_renderables)  # printed when the app closed
    assert "a bug in a key handler" in report and "locals" in report  # a real crash report was made
    assert KEY not in report


async def test_switching_to_an_environment_whose_key_cannot_be_sent_is_refused_not_a_crash(make_app, sandbox):
    """Protection: a key with a character no header can carry (a typographic quote, an accent) once
    crashed the app while building the Authorization header, and the crash report printed the key."""
    bad = "Secr\u00e9tKey\u2019"
    app = make_app(api_key=KEY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        app.switch_environment(Environment(name="typo", base_url="https://example.invalid/v1", api_key=bad))
        await settle(app, pilot)
        assert app.is_running and app.environment.name == "campaign"  # stayed where it was
        said = " ".join(toasts(app))
        assert "Could not open typo" in said and "non-ASCII" in said
        shown = said + screen_text(app) + _render(app._exit_renderables)
    assert bad not in shown and "Secr" not in shown


def _render(renderables) -> str:
    console = Console(file=io.StringIO(), width=200, record=True)
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


async def test_exported_files_hold_no_key(sandbox_app, tmp_path: Path):
    """Protection: the headless export (CSV, JSON, table) and the balance carry data only."""
    transport = SandboxTransport(sandbox_app)
    texts = []
    async with FusebillClient("https://sandbox.invalid/v1", KEY, transport=transport, sleep=no_sleep) as client:
        for fmt in ("csv", "json", "table"):
            out, err = io.StringIO(), io.StringIO()
            await headless.customers(client, fmt=fmt, all_pages=True, page_size=100, out=out, err=err)
            texts += [out.getvalue(), err.getvalue()]
        out = io.StringIO()
        await headless.balance(client, CID, as_json=True, out=out)
        texts.append(out.getvalue())
    assert all(KEY not in text for text in texts)
    assert texts[0].count("\n") > 300  # every customer was exported


def _cli(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(argv, out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_a_config_holding_a_key_readable_by_others_is_refused_with_the_fix(tmp_path: Path):
    """Protection: a config file with a literal key must be 0600; the refusal says how, never the key."""
    path = tmp_path / "config.toml"
    path.write_text(f'[environments.prod]\nbase_url = "https://secure.fusebill.com/v1"\napi_key = "{KEY}"\n')
    for mode in (0o644, 0o640, 0o604):
        path.chmod(mode)
        code, said = _cli(["--config", str(path), "balance", "1"])
        assert code == 2 and f"chmod 600 {path}" in said and KEY not in said, (oct(mode), said)


def test_plain_http_to_another_host_is_refused(tmp_path: Path, monkeypatch):
    """Protection: https:// is required except for loopback hosts, from the config and from --base-url."""
    monkeypatch.setenv("FUSEBILL_API_KEY", KEY)
    path = tmp_path / "config.toml"
    path.write_text('[environments.prod]\nbase_url = "http://secure.fusebill.com/v1"\napi_key_env = "FUSEBILL_API_KEY"\n')
    code, said = _cli(["--config", str(path), "balance", "1"])
    assert code == 2 and "https" in said and KEY not in said, said
    for url in ("http://secure.fusebill.com/v1", "http://10.0.0.8/v1", "http://localhost.evil.com/v1"):
        code, said = _cli(["--config", str(tmp_path / "none.toml"), "--base-url", url, "balance", "1"])
        assert code == 2 and "https" in said and KEY not in said, (url, said)


@pytest.mark.parametrize("bad", ["Secr\u00e9tKey", "key with space", "key\u2019", "key\x1b[2J"])
def test_a_key_that_cannot_be_sent_is_refused_without_showing_it(tmp_path: Path, monkeypatch, bad):
    """Protection: a key no HTTP header can carry is a one-line config error, not a traceback with the key."""
    monkeypatch.setenv("FUSEBILL_API_KEY", bad)
    code, said = _cli(["--config", str(tmp_path / "none.toml"), "--base-url", "https://example.invalid/v1",
                       "balance", "1"])
    assert code == 2 and "copy the key again" in said and bad not in said, said
    assert "Traceback" not in said


def test_the_demo_key_stays_out_of_the_command_line_output(tmp_path: Path, monkeypatch):
    """Protection: the built-in sandbox's own key is not printed by the headless commands either."""
    monkeypatch.setenv("FUSEBILL_TUI_CONFIG", str(tmp_path / "none.toml"))
    code, said = _cli(["--demo", "customers", "--format", "json"])
    assert code == 0 and DEFAULT_API_KEY not in said
