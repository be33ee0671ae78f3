"""The layering rule, read from the source with ``ast`` (nothing is imported to check it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "fusebill_tui"

# (files the rule covers, forbidden module prefixes, why)
RULES = [
    (["api/**/*.py", "config.py", "headless.py", "jsonutil.py", "output.py", "display.py", "sandbox_defaults.py",
      "sandbox/**/*.py", "chargeover/**/*.py", "headless_chargeover.py"], ("textual",), "must work without Textual"),
    (["sandbox/**/*.py"], ("fusebill_tui.api", "fusebill_tui.chargeover"), "the sandbox must not depend on the client"),
    (["api/**/*.py", "chargeover/**/*.py"], ("fusebill_tui.sandbox",), "the client must not depend on the sandbox"),
    (["config.py"], ("fusebill_tui.sandbox", "fusebill_tui.api"), "config stays independent"),
    (["backends/**/*.py"], ("textual", "rich", "fusebill_tui.tui", "fusebill_tui.sandbox"),
     "the backends are the screens' data, not their drawing"),
    (["web/**/*.py"], ("textual", "fusebill_tui.tui", "fusebill_tui.api", "fusebill_tui.sandbox"),
     "the web server only runs the app as a command in each tab"),
]


def module_name(path: Path) -> str:
    """``fusebill_tui/api/client.py`` -> ``fusebill_tui.api.client``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module a source imports, relative imports resolved against ``module``."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and \
                node.args and isinstance(node.args[0], ast.Constant):
            found.add(str(node.args[0].value))
    return found


def violations(source: str, module: str, forbidden: tuple[str, ...], is_package: bool = False) -> list[str]:
    """The forbidden modules ``source`` imports."""
    return sorted(name for name in imported_modules(source, module, is_package)
                  if any(name == f or name.startswith(f + ".") for f in forbidden))


def covered(patterns: list[str]) -> list[Path]:
    files: set[Path] = set()
    for pattern in patterns:
        files.update(PACKAGE.glob(pattern))
    return sorted(files)


@pytest.mark.parametrize("patterns, forbidden, why", RULES, ids=[r[2] for r in RULES])
def test_layering(patterns, forbidden, why) -> None:
    problems = []
    for path in covered(patterns):
        bad = violations(path.read_text(encoding="utf-8"), module_name(path), forbidden,
                         is_package=path.name == "__init__.py")
        if bad:
            problems.append(f"{path.relative_to(PACKAGE.parent)} imports {', '.join(bad)}")
    assert not problems, f"{why}:\n" + "\n".join(problems)


def test_rules_cover_real_files() -> None:
    assert PACKAGE / "config.py" in covered(["config.py"])
    assert any(p.name == "__init__.py" for p in covered(["api/**/*.py"]))
    assert PACKAGE / "chargeover" / "client.py" in covered(["chargeover/**/*.py"])
    assert PACKAGE / "sandbox" / "chargeover" / "app.py" in covered(["sandbox/**/*.py"])


@pytest.mark.parametrize("source, module", [
    ("import textual\n", "fusebill_tui.api.client"),
    ("from textual.widgets import DataTable\n", "fusebill_tui.headless"),
    ("def f():\n    from textual.app import App\n", "fusebill_tui.config"),
    ("__import__('textual')\n", "fusebill_tui.jsonutil"),
])
def test_checker_catches_textual(source, module) -> None:
    assert violations(source, module, ("textual",))


@pytest.mark.parametrize("source, module, forbidden", [
    ("from fusebill_tui.api.client import FusebillClient\n", "fusebill_tui.sandbox.app",
     ("fusebill_tui.api",)),
    ("from ..api import errors\n", "fusebill_tui.sandbox.routes_customers", ("fusebill_tui.api",)),
    ("from .. import sandbox\n", "fusebill_tui.api.client", ("fusebill_tui.sandbox",)),
    ("import fusebill_tui.sandbox.transport\n", "fusebill_tui.api.client", ("fusebill_tui.sandbox",)),
    ("from ...chargeover.where import Condition\n", "fusebill_tui.sandbox.chargeover.routes",
     ("fusebill_tui.chargeover",)),
    ("from fusebill_tui.sandbox.chargeover import create_chargeover_app\n", "fusebill_tui.chargeover.client",
     ("fusebill_tui.sandbox",)),
])
def test_checker_catches_cross_layer_imports(source, module, forbidden) -> None:
    assert violations(source, module, forbidden)


def test_checker_allows_lookalikes() -> None:
    source = "import textualize_helpers\nfrom fusebill_tui.sandbox_defaults import DEFAULT_API_KEY\n"
    assert violations(source, "fusebill_tui.config", ("textual", "fusebill_tui.sandbox")) == []
