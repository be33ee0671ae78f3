"""Plain-text output for the headless commands: safe text, money, dates, and streaming writers."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from fusebill_tui.core import jsonutil
from fusebill_tui.core.display import BIDI_CONTROLS, sanitize
from fusebill_tui.core.display import money as _money

_C1_OR_DEL = re.compile("[\x7f-\x9f]")
MISSING = "-"


def plain(value: Any) -> str:
    """One line of text with every control character (ESC, newline, bidi overrides) replaced."""
    return sanitize(value)


def csv_safe(value: Any) -> str:
    """A CSV cell: line breaks kept (the csv module quotes them), other control characters replaced."""
    if value is None:
        return ""
    return "".join(
        "\N{REPLACEMENT CHARACTER}" if (ch not in "\t\n\r" and unicodedata.category(ch) == "Cc")
        or ch in BIDI_CONTROLS else ch
        for ch in str(value)
    )


#: What a spreadsheet reads as the start of a formula (OWASP's list for "CSV injection").
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: a text beginning with a formula character gets a ``'``.

    Customer names and companies come from whoever filled in a signup form; ``=HYPERLINK(...)`` or
    ``@SUM(A1)`` written unchanged would run when the export is opened. Numbers (amounts, ids) are
    left alone, so a negative balance stays a number.
    """
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = csv_safe(value)
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def json_text(value: Any) -> str:
    """JSON with exact Decimals; DEL and C1 controls (which JSON may leave raw) written as escapes."""
    return _C1_OR_DEL.sub(lambda m: f"\\u{ord(m.group()):04x}", jsonutil.dumps(value))


def money(amount: Decimal | None, currency: str | None) -> str:
    """An amount with thousands separators, at least two decimals (never rounded), and its currency."""
    return _money(amount, currency, missing=MISSING)


def display_zone(name: str | None) -> tzinfo | None:
    """The zone to show times in: the environment's, else the machine's local zone (None)."""
    return ZoneInfo(name) if name else None


def local_time(moment: datetime | None, zone: tzinfo | None) -> str:
    """A UTC timestamp shown in ``zone`` (the local zone when None), to the minute."""
    if moment is None:
        return MISSING
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z").rstrip()


def local_date(moment: datetime | None, zone: tzinfo | None) -> str:
    """The date of a UTC timestamp in ``zone`` (the local zone when None)."""
    if moment is None:
        return MISSING
    return moment.astimezone(zone).strftime("%Y-%m-%d")


def utc_iso(moment: datetime | None) -> str:
    """A timestamp as ISO 8601 UTC with a ``Z`` (for machine-readable output)."""
    if moment is None:
        return ""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters count 2, combining marks 0."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """Cut text to ``width`` terminal columns, marking the cut with an ellipsis."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "\N{HORIZONTAL ELLIPSIS}"


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Pad to ``width`` terminal columns (left-aligned unless ``right``)."""
    fill = " " * max(width - cell_width(text), 0)
    return fill + text if right else text + fill


class Column:
    """A table / CSV column: its headings, how to read a cell, its width cap and alignment."""

    def __init__(self, title: str, csv_name: str, get: Callable[[Any], Any], *, cap: int = 40,
                 right: bool = False) -> None:
        self.title = title
        self.csv_name = csv_name
        self.get = get
        self.cap = cap
        self.right = right


class TableWriter:
    """Aligned plain-text columns; widths come from the first batch of rows (capped), then stay fixed."""

    def __init__(self, out: TextIO, columns: list[Column], cells: Callable[[Any], list[str]]) -> None:
        self.out = out
        self.columns = columns
        self.cells = cells
        self.widths: list[int] | None = None

    def write_batch(self, items: list[Any]) -> None:
        """Write rows; the first call fixes the column widths and writes the heading."""
        rows = [[plain(cell) for cell in self.cells(item)] for item in items]
        if self.widths is None:
            self.widths = [
                min(col.cap, max([cell_width(col.title), *(cell_width(row[i]) for row in rows)]))
                for i, col in enumerate(self.columns)
            ]
            self._line([col.title for col in self.columns])
        for row in rows:
            self._line(row)

    def _line(self, cells: list[str]) -> None:
        assert self.widths is not None
        parts = []
        for cell, width, col in zip(cells, self.widths, self.columns, strict=False):
            parts.append(pad(clip(cell, width), width, right=col.right))
        self.out.write("  ".join(parts).rstrip() + "\n")

    def close(self) -> None:
        """Finish (a table with no rows still gets its heading)."""
        if self.widths is None:
            self.write_batch([])


class CsvWriter:
    """CSV through the csv module, heading first; cells go through ``csv_cell`` (pass numbers as numbers)."""

    def __init__(self, out: TextIO, columns: list[Column], cells: Callable[[Any], list[Any]]) -> None:
        self.writer = csv.writer(out, lineterminator="\n")
        # The csv module quotes only the characters of its line terminator, so a cell holding a lone
        # carriage return would be written bare and split the row in a spreadsheet: such rows are quoted whole.
        self.quoting_writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        self.writer.writerow([col.csv_name for col in columns])
        self.cells = cells

    def write_batch(self, items: list[Any]) -> None:
        """Write one CSV row per item."""
        for item in items:
            row = [csv_cell(cell) for cell in self.cells(item)]
            (self.quoting_writer if any("\r" in cell for cell in row) else self.writer).writerow(row)

    def close(self) -> None:
        """Nothing to finish."""


class JsonArrayWriter:
    """A JSON array streamed one object per line, so no list is ever held whole in memory."""

    def __init__(self, out: TextIO, to_json: Callable[[Any], Any]) -> None:
        self.out = out
        self.to_json = to_json
        self.first = True
        self.out.write("[")

    def write_batch(self, items: list[Any]) -> None:
        """Append objects to the array."""
        for item in items:
            self.out.write("\n" if self.first else ",\n")
            self.out.write(json_text(self.to_json(item)))
            self.first = False

    def close(self) -> None:
        """Close the array."""
        self.out.write("]\n" if self.first else "\n]\n")
