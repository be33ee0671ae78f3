"""Every private Textual name the app uses is still there (an upgrade that drops one fails here, by name),
and none is used outside ``tui/perf/textual_private.py``."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from textual.app import App
from textual.dom import DOMNode
from textual.widgets import DataTable, Input, Select

from fusebill_tui.tui.perf.textual_private import PRIVATE_API, RENDER_CELL_PARAMETERS

TUI = Path(__file__).resolve().parents[2] / "fusebill_tui" / "tui"
PRIVATE_MODULE = TUI / "perf" / "textual_private.py"
#: Private names of Textual's that this package's own classes also define (our methods, not Textual's).
ALSO_OURS = {"_value", "_options"}


def owner(where: str) -> object:
    """An object to look the attribute up on (an instance: most of these are set in ``__init__``)."""
    if "." in where:
        return importlib.import_module(where)
    return {"App": App, "DOMNode": DOMNode, "Select": lambda: Select([]), "Input": Input,
            "DataTable": DataTable}[where]()


@pytest.mark.parametrize(("where", "attribute"), PRIVATE_API, ids=[f"{w}.{a}" for w, a in PRIVATE_API])
def test_the_private_textual_api_used_is_still_there(where: str, attribute: str) -> None:
    assert hasattr(owner(where), attribute), (
        f"Textual no longer has {where}.{attribute}: fusebill_tui/tui/perf/textual_private.py relies on it"
    )


def test_render_cell_still_takes_what_the_override_takes() -> None:
    parameters = tuple(inspect.signature(DataTable._render_cell).parameters)
    assert parameters == RENDER_CELL_PARAMETERS, (
        f"DataTable._render_cell now takes {parameters}: update PrerenderedTable._render_cell and its cache key"
    )


def test_no_private_textual_name_is_used_outside_the_one_module() -> None:
    private = {attribute for _where, attribute in PRIVATE_API if attribute.startswith("_")} - ALSO_OURS
    problems = []
    for path in sorted(TUI.rglob("*.py")):
        if path == PRIVATE_MODULE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private:
                problems.append(f"{path.relative_to(TUI)}:{node.lineno} uses .{node.attr}")
            elif isinstance(node, (ast.ImportFrom, ast.Import)):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                problems += [f"{path.relative_to(TUI)}:{node.lineno} imports {n}" for n in names
                             if n.startswith("textual.") and any(p.startswith("_") for p in n.split(".")[1:])]
    assert not problems, "private Textual API outside perf/textual_private.py:\n" + "\n".join(problems)
