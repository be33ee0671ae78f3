"""Every key of every screen, grouped by screen, built from the bindings (so remapped keys show)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Input, Static

import fusebill_tui.tui as tui_package
from fusebill_tui.tui.bindings import bindings_of
from fusebill_tui.tui.perf.textual_private import keymap_of
from fusebill_tui.tui.widgets.safe_text import ControlsRemoved, SafeInput


@dataclass(frozen=True)
class KeyRow:
    """One line of the help: where, keys, what it does, and the binding id to remap it with."""

    section: str
    keys: str
    description: str
    detail: str
    binding_id: str = ""


def _section_of(cls: type) -> str:
    explicit = getattr(cls, "HELP_SECTION", None)
    if explicit:
        return str(explicit)
    if issubclass(cls, App):
        return "Everywhere"
    if issubclass(cls, ModalScreen):
        return "Dialogs"
    words = re.findall(r"[A-Z][a-z]*", cls.__name__.removesuffix("Screen"))
    return " ".join(words).capitalize() or cls.__name__


def _classes_with_bindings() -> list[type[DOMNode]]:
    """Every screen, dialog and widget class of the app that declares its own bindings."""
    found: list[type[DOMNode]] = []
    for package in ("screens", "dialogs", "widgets", "widgets.panels"):
        try:
            module_package = importlib.import_module(f"{tui_package.__name__}.{package}")
        except Exception:
            continue
        for info in pkgutil.iter_modules(module_package.__path__):
            try:
                module = importlib.import_module(f"{module_package.__name__}.{info.name}")
            except Exception:
                continue
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and issubclass(cls, DOMNode) and cls.__dict__.get("BINDINGS"):
                    found.append(cls)
    return found


def key_rows(app: App[Any], classes: Iterable[type[DOMNode]] | None = None) -> list[KeyRow]:
    """The help lines for ``app`` and ``classes`` (default: every class of the app), keymap applied.

    Keys are shown as the current backend has them (``bindings_for``): its wording, and no key for a
    feature it lacks.
    """
    keymap = keymap_of(app)
    backend = getattr(getattr(app, "session", None), "backend", None)
    sources = [type(app), *(classes if classes is not None else _classes_with_bindings())]
    rows: list[KeyRow] = []
    seen: set[tuple[str, str, str]] = set()
    for cls in sources:
        section = _section_of(cls)
        grouped: dict[str, tuple[Binding, list[str]]] = {}
        for binding in bindings_of(cls, backend):
            if binding.id and binding.id in keymap:
                binding = replace(binding, key=keymap[binding.id])
            name = binding.id or binding.action
            keys = [app.get_key_display(replace(binding, key=key.strip())) for key in binding.key.split(",")]
            if name in grouped:
                grouped[name][1].extend(keys)
            else:
                grouped[name] = (binding, keys)
        for binding, keys in grouped.values():
            shown = " / ".join(dict.fromkeys(keys))
            identity = (section, shown, binding.description)
            if identity in seen:
                continue
            seen.add(identity)
            rows.append(KeyRow(section, shown, binding.description or binding.action, binding.tooltip or "",
                               binding.id or ""))
    order = {"Everywhere": 0, "Customer list": 1, "Customer detail": 2, "Worklist": 3, "Dialogs": 99}
    rows.sort(key=lambda row: (order.get(row.section, 50), row.section))
    return rows


class HelpScreen(ModalScreen[None]):
    """Every key, by screen, searchable; Escape (or ?) closes."""

    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape", "close", "Close", id="dialog.cancel", tooltip="Close"),
    ]

    def compose(self) -> ComposeResult:
        """A search box, the keys and the filter language."""
        with VerticalScroll():
            yield SafeInput(placeholder="search keys…", id="help-search")
            yield Static(id="help-keys")
            session = getattr(self.app, "session", None)  # each backend's filter language carries its help
            language = session.backend.filters.help if session is not None else ""
            yield Static(Text(language), id="help-filter-language")

    def on_mount(self) -> None:
        """Build the table."""
        self.rows = key_rows(self.app)
        self._render_keys("")
        self.query_one("#help-search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep only the lines that mention what is typed."""
        self._render_keys(event.value)

    def on_controls_removed(self, event: ControlsRemoved) -> None:
        """Say that control characters were left out of the search (the help has no message line)."""
        event.stop()
        self.notify(event.text, title="Search")

    def _render_keys(self, search: str) -> None:
        wanted = search.strip().lower()
        table = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
        table.add_column("Where", no_wrap=True)
        table.add_column("Keys", no_wrap=True, style="bold")
        table.add_column("Does")
        table.add_column("Details", style="dim")
        shown = []
        for row in self.rows:
            words = (row.section, row.keys, row.description, row.detail, row.binding_id)
            if wanted and wanted not in " ".join(words).lower():
                continue
            shown.append(row)
            detail = Text(row.detail)
            if row.binding_id:
                detail.append(f"  [{row.binding_id}]", style="italic")
            table.add_row(Text(row.section), Text(row.keys), Text(row.description), detail)
        self.shown = shown
        self.query_one("#help-keys", Static).update(table if shown else Text("No key matches."))

    def key_for(self, description: str) -> str | None:
        """The keys shown for an action description (tests and the palette use it)."""
        return next((row.keys for row in self.rows if row.description == description), None)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
