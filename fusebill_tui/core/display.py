"""Shared by the headless output and the TUI: API values made safe for a terminal, and money.

API data is untrusted: a name or note may carry escape sequences (which a terminal would
obey), other control characters, or bidirectional overrides that make text read in a
misleading order. Every value shown anywhere passes through ``sanitize`` first.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

# Bidirectional overrides and isolates can make a terminal show text in a misleading order.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# Whole escape sequences (CSI, OSC, other ESC-x): removed so their parameters do not show as junk.
_ESCAPE_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    "|(?:\x1b\\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"  # OSC ... BEL/ST
    "|\x1b[ -/]*[0-~]"  # other ESC sequences (e.g. ESC c, a full terminal reset)
)
_CENT = Decimal("0.01")
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def sanitize(value: Any, *, multiline: bool = False) -> str:
    """``value`` as text a terminal shows literally.

    Escape sequences are removed whole; other control characters and bidirectional
    overrides become U+FFFD. Line breaks and tabs are kept when ``multiline`` is set,
    otherwise they become spaces. None becomes the empty string.
    """
    if value is None:
        return ""
    out = []
    for ch in _ESCAPE_SEQUENCE.sub("", str(value)):
        if ch in "\t\n\r\v\f":
            out.append(ch if multiline and ch in "\n\t" else ("" if multiline and ch == "\r" else " "))
        elif _is_control(ch):
            out.append(_REPLACEMENT)
        else:
            out.append(ch)
    return "".join(out)


def _is_control(ch: str) -> bool:
    """A character a terminal would obey or that reorders text: a C0/C1 control or a bidi override."""
    return ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc"


def strip_controls(text: str, *, multiline: bool = False) -> tuple[str, int]:
    """What a user typed or pasted, cleaned for an input field, and how many things were removed.

    Escape sequences are removed whole (each counts as one), other control characters and
    bidirectional overrides one by one. With ``multiline`` line breaks and tabs are kept
    (``\r\n`` and a lone ``\r`` become ``\n``, not counted as removed).
    """
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, removed = _ESCAPE_SEQUENCE.subn("", text)
    kept = [ch for ch in text if (multiline and ch in "\n\t") or not _is_control(ch)]
    return "".join(kept), removed + len(text) - len(kept)


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` as an input field draws it: each control or bidi character shown as U+FFFD, one for one.

    Unlike ``sanitize`` the length never changes, so a cursor index into the stored value is an
    index into what is drawn (a value from the server is shown safely but kept exactly as read).
    With ``multiline`` line breaks and tabs are kept.
    """
    return "".join(_REPLACEMENT if _is_control(ch) and not (multiline and ch in "\n\t") else ch for ch in text)


def money(amount: Decimal | int | None, currency: str | None, *, missing: str = "-") -> str:
    """An amount with thousands separators, at least two decimals (never rounded), and its currency."""
    if amount is None:
        return missing
    amount = Decimal(amount)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        amount = amount.quantize(_CENT)
    text = f"{amount:,f}"
    return f"{text} {sanitize(currency)}".rstrip() if currency else text
