"""The layering rules and the no-cycle rule, read from the source with ``ast`` (nothing is imported to check).

Imports under ``if TYPE_CHECKING:`` are left out: they never run, so they can neither break a layer at run
time nor close a cycle. Every other import counts, in-function ones included, so a cycle cannot hide behind
an import moved into a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "fusebill_tui"
P = "fusebill_tui"
VENDOR_PACKAGES = (f"{P}.vendors.fusebill", f"{P}.vendors.chargeover")
NO_TEXTUAL = ["core/**/*.py", "vendors/**/*.py", "sandbox/**/*.py", "config.py", "headless.py", "connect.py",
              "sandbox_defaults.py", "web/**/*.py"]

# (files the rule covers, forbidden module prefixes, why)
RULES = [
    (NO_TEXTUAL, ("textual", f"{P}.tui"), "must work without Textual"),
    (["core/**/*.py"], (f"{P}.vendors", f"{P}.sandbox", f"{P}.config", f"{P}.connect", f"{P}.cli"),
     "core knows no vendor, no sandbox and no config"),
    (["vendors/fusebill/**/*.py", "vendors/chargeover/**/*.py", "vendors/base.py", "vendors/views.py"],
     (f"{P}.sandbox",), "a vendor never imports the sandbox"),
    (["vendors/fusebill/**/*.py"], (f"{P}.vendors.chargeover",), "vendors are peers"),
    (["vendors/chargeover/**/*.py"], (f"{P}.vendors.fusebill",), "vendors are peers"),
    (["vendors/base.py", "vendors/views.py"], VENDOR_PACKAGES, "the seam names no vendor"),
    (["sandbox/**/*.py"], (f"{P}.vendors", f"{P}.core.http_policy", f"{P}.connect", f"{P}.config"),
     "the sandbox never imports a client"),
    (["sandbox/core/**/*.py"], (f"{P}.sandbox.fusebill", f"{P}.sandbox.chargeover"),
     "the sandbox core knows no vendor"),
    (["tui/**/*.py"], (*VENDOR_PACKAGES, f"{P}.sandbox"), "the screens see only the seam and its views"),
    (["config.py", "cli.py", "connect.py", "headless.py", "web/**/*.py"], VENDOR_PACKAGES,
     "only the registry names the vendors"),
    (["web/**/*.py"], ("textual", f"{P}.tui", f"{P}.vendors", f"{P}.sandbox"),
     "the web server only runs the app as a command in each tab"),
]


def module_name(path: Path) -> str:
    """``fusebill_tui/core/errors.py`` -> ``fusebill_tui.core.errors``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module a source imports at run time, relative imports resolved against ``module``."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    tree = ast.parse(source)
    skipped = _type_checking_only(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
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


@pytest.mark.parametrize("patterns, forbidden, why", RULES, ids=[f"{r[2]} ({r[0][0]})" for r in RULES])
def test_layering(patterns, forbidden, why) -> None:
    problems = []
    for path in covered(patterns):
        bad = violations(path.read_text(encoding="utf-8"), module_name(path), forbidden,
                         is_package=path.name == "__init__.py")
        if bad:
            problems.append(f"{path.relative_to(PACKAGE.parent)} imports {', '.join(bad)}")
    assert not problems, f"{why}:\n" + "\n".join(problems)


def test_rules_cover_real_files() -> None:
    for patterns, _, why in RULES:
        assert covered(patterns), f"the rule '{why}' covers no file: {patterns}"
    assert PACKAGE / "config.py" in covered(["config.py"])
    assert PACKAGE / "vendors" / "chargeover" / "client.py" in covered(["vendors/chargeover/**/*.py"])
    assert PACKAGE / "sandbox" / "chargeover" / "app.py" in covered(["sandbox/**/*.py"])


def test_core_names_no_vendor_even_in_text() -> None:
    """A logger name or a message in core/ that names a vendor package is vendor knowledge in core."""
    problems = [f"{path.relative_to(PACKAGE.parent)}:{n}" for path in covered(["core/**/*.py"])
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if any(v in line for v in VENDOR_PACKAGES)]
    assert not problems, "core/ names a vendor package:\n" + "\n".join(problems)


# --- cycles -------------------------------------------------------------------------------------------------

def import_graph() -> dict[str, set[str]]:
    """module -> the package's modules it imports at run time (a name imported from a package that is a
    submodule counts as that submodule; a package's ``__init__`` counts as the package)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        names = imported_modules(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")
        edges = set()
        for name in names:
            # the longest prefix that is one of our modules
            parts = name.split(".")
            for i in range(len(parts), 0, -1):
                head = ".".join(parts[:i])
                if head in files:
                    if head != module:
                        edges.add(head)
                    break
        graph[module] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _is_package_parent(a: str, b: str) -> bool:
    return b.startswith(a + ".") or a.startswith(b + ".")


def test_no_import_cycles() -> None:
    graph = import_graph()
    # a package's __init__ re-exporting its own submodules is not a cycle a reader has to untangle
    graph = {m: {e for e in edges if not _is_package_parent(m, e)} for m, edges in graph.items()}
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_cycle_finder_finds_a_cycle_through_an_in_function_import() -> None:
    sources = {"fusebill_tui.a": "import fusebill_tui.b\n",
               "fusebill_tui.b": "def f():\n    from fusebill_tui import a\n",
               "fusebill_tui.c": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import fusebill_tui.a\n"}
    graph = {m: {n for n in imported_modules(s, m) if n in sources and n != m} for m, s in sources.items()}
    assert cycles(graph) == [["fusebill_tui.a", "fusebill_tui.b"]]


# --- the checker itself -------------------------------------------------------------------------------------

@pytest.mark.parametrize("source, module", [
    ("import textual\n", "fusebill_tui.vendors.fusebill.client"),
    ("from textual.widgets import DataTable\n", "fusebill_tui.headless"),
    ("def f():\n    from textual.app import App\n", "fusebill_tui.config"),
    ("__import__('textual')\n", "fusebill_tui.core.jsonutil"),
])
def test_checker_catches_textual(source, module) -> None:
    assert violations(source, module, ("textual",))


@pytest.mark.parametrize("source, module, forbidden", [
    ("from fusebill_tui.vendors.fusebill.client import FusebillClient\n", "fusebill_tui.sandbox.fusebill.app",
     ("fusebill_tui.vendors",)),
    ("from ...vendors.fusebill import errors\n", "fusebill_tui.sandbox.fusebill.routes_customers",
     ("fusebill_tui.vendors",)),
    ("from ... import sandbox\n", "fusebill_tui.vendors.fusebill.client", ("fusebill_tui.sandbox",)),
    ("import fusebill_tui.sandbox.core.transport\n", "fusebill_tui.vendors.fusebill.client", ("fusebill_tui.sandbox",)),
    ("from ..fusebill.models import Customer\n", "fusebill_tui.vendors.chargeover.backend",
     ("fusebill_tui.vendors.fusebill",)),
    ("from fusebill_tui.vendors.fusebill.models import Note\n", "fusebill_tui.tui.actions",
     ("fusebill_tui.vendors.fusebill",)),
])
def test_checker_catches_cross_layer_imports(source, module, forbidden) -> None:
    assert violations(source, module, forbidden)


def test_checker_skips_type_checking_imports() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from fusebill_tui.sandbox import x\n"
    assert violations(source, "fusebill_tui.vendors.fusebill.client", ("fusebill_tui.sandbox",)) == []


def test_checker_allows_lookalikes() -> None:
    source = "import textualize_helpers\nfrom fusebill_tui.sandbox_defaults import DEFAULT_API_KEY\n"
    assert violations(source, "fusebill_tui.config", ("textual", "fusebill_tui.sandbox")) == []
