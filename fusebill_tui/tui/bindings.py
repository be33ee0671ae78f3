"""Bindings that depend on the backend: a screen's keys as one billing system has them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from fusebill_tui.tui.perf.textual_private import replace_bindings


def bindings_of(cls: type[DOMNode], backend: object | None) -> list[Binding]:
    """``cls``'s own bindings, as ``backend`` has them when the class says so.

    A class whose keys depend on the billing system defines ``bindings_for(backend)`` (a classmethod)
    returning its bindings on that backend: wording of its own, features it lacks left out.
    """
    bindings_for: Callable[[object], Iterable[Binding]] | None = getattr(cls, "bindings_for", None)
    if backend is not None and bindings_for is not None and "bindings_for" in cls.__dict__:
        return list(bindings_for(backend))
    return list(Binding.make_bindings(cls.__dict__.get("BINDINGS", [])))


def retooltip(bindings: Iterable[BindingType], tooltips: dict[str, str]) -> list[Binding]:
    """``bindings`` with the tooltips of the ones named by id in ``tooltips`` replaced."""
    return [replace(b, tooltip=tooltips[b.id]) if b.id in tooltips else b
            for b in Binding.make_bindings(bindings)]


def adopt(node: DOMNode, bindings: Iterable[Binding]) -> None:
    """Give this one ``node`` these versions of its bindings (matched by id and key).

    Textual builds a node's bindings from its class; a backend's wording (e.g. the filter key's
    tooltip) belongs to the instance, so its copy of the map is rebuilt with new lists (the class's
    lists are shared and never changed).
    """
    by_id: dict[tuple[str | None, str], Binding] = {(b.id, b.key): b for b in bindings if b.id}
    replace_bindings(node, lambda _key, key_bindings: [by_id.get((b.id, b.key), b) for b in key_bindings])
