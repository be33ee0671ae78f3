"""A vendor is one package plus one registry line: a third, in-memory billing system (tests/vendors/memory_vendor.py)
registered by a fixture is loaded from the config, listed by ``config list``, served by the headless commands
and shown by the real list and customer screens, with no file of the app naming it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Static

import fusebill_tui.vendors.registry as registry
from fusebill_tui import cli
from fusebill_tui.config import ConfigError, load_config
from fusebill_tui.tui.app import FusebillApp
from fusebill_tui.tui.screens.customer_detail import CustomerDetailScreen
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.vendors import backend_for_client
from tests.vendors import memory_vendor
from tests.vendors.memory_vendor import OPENED, TOKEN, MemoryBackend

PACKAGE = Path(__file__).resolve().parents[2] / "fusebill_tui"


@pytest.fixture
def memory() -> Iterator[None]:
    """The memory vendor in the registry for one test."""
    registry.register(memory_vendor.VENDOR)
    OPENED.clear()
    yield
    registry.unregister(memory_vendor.KIND)


@pytest.fixture
def config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config with one memory environment whose token is in $LEDGER_TOKEN."""
    monkeypatch.setenv("LEDGER_TOKEN", TOKEN)
    path = tmp_path / "config.toml"
    path.write_text('default = "ledger"\n\n[environments.ledger]\nkind = "memory"\n'
                    'base_url = "https://ledger.example.com/api"\ntoken_env = "LEDGER_TOKEN"\n', encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_no_app_file_names_the_third_vendor() -> None:
    named = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if any(word in p.read_text(encoding="utf-8").lower() for word in ("ledgerly", "memory_vendor",
                                                                                "kind = \"memory\""))]
    assert named == []


def test_unknown_until_registered(config_path: Path) -> None:
    with pytest.raises(ConfigError, match="token_env: unknown key"):
        load_config(config_path)


def test_the_config_loads_resolves_and_lists_an_environment_of_its_kind(memory, config_path: Path) -> None:
    config = load_config(config_path)
    environment = config.resolve()
    assert (environment.kind, environment.name, environment.base_url) == ("memory", "ledger",
                                                                           "https://ledger.example.com/api")
    assert environment.credentials == {"token": TOKEN}
    assert TOKEN not in repr(environment) and TOKEN not in str(environment)
    code, out, _ = run("--config", str(config_path), "config", "list")
    assert code == 0
    assert "ledger" in out and "key: from $LEDGER_TOKEN" in out and "memory" in out


def test_the_vendors_declaration_drives_the_config_messages(memory, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[environments.x]\nkind = "memory"\nbase_url = "https://x.example.com/api"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"environments\.x\.token: is missing \(a Ledgerly environment needs "
                                          r"token, token_env or token_cmd\)"):
        load_config(path)
    path.write_text('[environments.x]\nkind = "memory"\nbase_url = "https://x.example.com/api"\n'
                    'token = "t"\napi_key = "k"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"api_key: is not a key of a memory environment \(it takes token or "
                                          r"token_env\)"):
        load_config(path)


def test_headless_customers_and_balance(memory, config_path: Path) -> None:
    code, out, err = run("--config", str(config_path), "customers", "--query", "state=open", "--sort", "holder")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["REF", "HOLDER", "STATE", "OWED"]
    assert [line.split()[0] for line in lines[1:]] == ["101", "102", "104", "105"]  # sorted by holder
    assert err == "4 shown of 4 customers\n"
    asked = OPENED[-1].requests
    assert ("list", ("state=open", 0, 100, "holder", False)) in asked and ("count", "state=open") in asked

    code, out, err = run("--config", str(config_path), "balance", "102")
    assert code == 0, err
    assert out.splitlines() == ["Customer 102: Cy Marlow", "State: open", "Owed:  25.00 GBP"]
    assert ("get", 102) in OPENED[-1].requests


def test_headless_all_pages_and_the_vendors_page_cap(memory, config_path: Path) -> None:
    code, out, err = run("--config", str(config_path), "customers", "--all", "--format", "csv", "--page-size", "3")
    assert code == 0, err
    assert out.splitlines()[0] == "ref,holder,owed"
    assert [row.split(",")[0] for row in out.splitlines()[1:]] == [str(100 + i) for i in range(7)]
    offsets = [args[1] for name, args in OPENED[-1].requests if name == "list"]
    assert offsets == [0, 3, 6]
    code, _, err = run("--config", str(config_path), "customers", "--page-size", "30")
    assert code == cli.EXIT_USAGE
    assert err.strip() == "fusebill-tui: error: --page-size: Ledgerly returns at most 25 records a request"


def _texts(screen) -> str:
    console = Console(width=300, record=True, color_system=None, file=io.StringIO())
    for widget in screen.query(Static):
        console.print(widget.content)
    return console.export_text()


async def _settle(app, pilot, predicate) -> None:
    for _ in range(400):
        if predicate():
            return
        await pilot.pause()
    raise AssertionError("the app never reached the expected state")


async def test_the_list_and_customer_screens_show_it(memory, config_path: Path) -> None:
    config = load_config(config_path)
    app = FusebillApp(config, config.resolve())
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot, lambda: isinstance(app.screen, CustomerListScreen) and app.screen.page is not None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(app.session.backend, MemoryBackend)
        table = screen.query_one(DataTable)
        rows = [[str(getattr(c, "plain", c)).strip() for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][:3] == ["Ada Quill", "Org A Ltd", "closed"]
        assert len(rows) == 7
        assert [str(label.plain) for label in (col.label for col in table.columns.values())][:2] == \
            ["Holder", "Organisation"]

        detail = CustomerDetailScreen(103)
        await app.push_screen(detail)
        await _settle(app, pilot, lambda: detail.loaded)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = _texts(detail)
        assert "Di Okafor" in shown and "Owed" in shown and "103 Memory Lane" in shown
    assert ("get", 103) in OPENED[-1].requests


def test_the_backend_is_found_by_the_clients_kind(memory) -> None:
    client = memory_vendor.MemoryClient(TOKEN)
    assert isinstance(backend_for_client(client), MemoryBackend)


def test_a_vendor_without_a_worklist_says_so_as_a_usage_error(memory, config_path: Path) -> None:
    code, out, err = run("--config", str(config_path), "worklist")
    assert (code, out) == (2, "")
    assert err == "fusebill-tui: error: Ledgerly has no collections worklist\n"
