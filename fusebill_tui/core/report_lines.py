"""The pieces the headless ``balance`` and ``customers`` layouts of every vendor are made of. No Textual."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from fusebill_tui.core.output import Column, money


def labelled(fields: Iterable[tuple[str, Any]], width: int) -> list[str]:
    """``Label:`` padded to ``width``, then the value: one line a field."""
    return [f"{label + ':':<{width}}{value}" for label, value in fields]


def amounts(figures: Sequence[tuple[str, str]], record: Any, currency: str | None, width: int) -> list[str]:
    """One line a ``(label, attribute)`` figure of ``record``, its money right-aligned in one column."""
    shown = [money(getattr(record, attr), currency) for _, attr in figures]
    amount_width = max(len(a) for a in shown)
    return [f"{label + ':':<{width}}{amount:>{amount_width}}"
            for (label, _), amount in zip(figures, shown, strict=True)]


def table(columns: list[Column]) -> tuple[list[Column], Callable[[Any], list[str]]]:
    """The columns and the function that reads a record's cells from them (None: an empty cell)."""

    def cells(record: Any) -> list[str]:
        return ["" if (v := col.get(record)) is None else str(v) for col in columns]

    return columns, cells
