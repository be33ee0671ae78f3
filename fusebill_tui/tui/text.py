"""Turning API values into safe, plain text for the screen.

Everything the API returns is data, never markup: names such as ``ACME [EU]`` or
``[bold]x[/]`` must show literally, and control characters or escape sequences in
a name or note must never reach the terminal raw.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from rich.text import Text

from fusebill_tui.core.display import money as display_money
from fusebill_tui.core.display import sanitize

EMPTY = "—"


def clean(value: Any, *, multiline: bool = False) -> str:
    """``value`` as literal text: escape sequences removed, control characters made harmless.

    Newlines and tabs survive only when ``multiline`` is set (see ``display.sanitize``).
    """
    return sanitize(value, multiline=multiline)


def plain(value: Any, style: str = "", *, multiline: bool = False, empty: str = EMPTY) -> Text:
    """A ``Text`` holding ``value`` literally (never parsed as markup)."""
    cleaned = clean(value, multiline=multiline)
    return Text(cleaned if cleaned else empty, style=style if cleaned else "dim")


def money(amount: Decimal | int | None, currency: str | None = None) -> str:
    """An amount with thousands separators, at least two decimals (never rounded) and its currency."""
    return display_money(amount, currency, missing=EMPTY)


def count(number: int | None) -> str:
    """A whole number with thousands separators."""
    return EMPTY if number is None else f"{number:,}"


def local_timezone() -> tzinfo:
    """The user's local time zone."""
    return datetime.now().astimezone().tzinfo or UTC


def when(moment: datetime | date | None, *, tz: tzinfo | None = None, with_time: bool = True) -> str:
    """Show a UTC timestamp in the user's (or the given) time zone."""
    if moment is None:
        return EMPTY
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
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
    # ChargeOver's customer_status_str
    "active-current": "bold green",
    "active-overdue": "bold yellow",
    "inactive-manual": "bold bright_black",
    "inactive-activity": "bold bright_black",
}


def status(value: str | None) -> Text:
    """A status or account status coloured by its meaning (unknown values shown plainly)."""
    label = clean(value)
    if not label:
        return Text(EMPTY, style="dim")
    return Text(label, style=STATUS_STYLES.get(label, ""))
