"""Turning API values into safe, plain text for the screen.

Everything the API returns is data, never markup: names such as ``ACME [EU]`` or
``[bold]x[/]`` must show literally, and control characters or escape sequences in
a name or note must never reach the terminal raw.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timezone, tzinfo
from decimal import Decimal
from typing import Any

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_WITH_NEWLINES = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

EMPTY = "—"


def clean(value: Any, *, multiline: bool = False) -> str:
    """Return ``value`` as a string with control characters made visible and harmless.

    Escape sequences become the visible ``␛`` symbol (and other C0/C1 controls ``�``),
    and bidirectional overrides are removed so right-to-left text cannot reorder the
    line around it. Newlines and tabs survive only when ``multiline`` is set.
    """
    if value is None:
        return ""
    text = str(value)
    pattern = _CONTROL if multiline else _CONTROL_WITH_NEWLINES

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\x1b":
            return "␛"
        if char in "\n\t" and not multiline:
            return " "
        if unicodedata.category(char) == "Cf":
            return ""
        return "\ufffd"

    return pattern.sub(replace, text)


def plain(value: Any, style: str = "", *, multiline: bool = False, empty: str = EMPTY) -> Text:
    """A ``Text`` holding ``value`` literally (never parsed as markup)."""
    cleaned = clean(value, multiline=multiline)
    return Text(cleaned if cleaned else empty, style=style if cleaned else "dim")


def money(amount: Decimal | int | None, currency: str | None = None) -> str:
    """Format an amount with thousands separators, two decimals (more if needed) and its currency."""
    if amount is None:
        return EMPTY
    value = Decimal(amount)
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    text = f"{value:,.{places}f}"
    return f"{text} {clean(currency)}" if currency else text


def count(number: int | None) -> str:
    """A whole number with thousands separators."""
    return EMPTY if number is None else f"{number:,}"


def local_timezone() -> tzinfo:
    """The user's local time zone."""
    return datetime.now().astimezone().tzinfo or timezone.utc


def when(moment: datetime | date | None, *, tz: tzinfo | None = None, with_time: bool = True) -> str:
    """Show a UTC timestamp in the user's (or the given) time zone."""
    if moment is None:
        return EMPTY
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        moment = moment.astimezone(tz or local_timezone())
        return moment.strftime("%Y-%m-%d %H:%M") if with_time else moment.strftime("%Y-%m-%d")
    return moment.isoformat()


def day(moment: datetime | date | None, *, tz: tzinfo | None = None) -> str:
    """Only the date part of a timestamp, in the user's time zone."""
    return when(moment, tz=tz, with_time=False)


STATUS_STYLES = {
    "Active": "bold green",
    "Draft": "bold blue",
    "Hold": "bold yellow",
    "Suspended": "bold red",
    "Cancelled": "bold bright_black",
    "Good": "green",
    "PoorStanding": "bold yellow",
    "Collection": "bold red",
}


def status(value: str | None) -> Text:
    """A status or account status coloured by its meaning (unknown values shown plainly)."""
    label = clean(value)
    if not label:
        return Text(EMPTY, style="dim")
    return Text(label, style=STATUS_STYLES.get(label, ""))
