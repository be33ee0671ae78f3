"""Lenient field types: the API sends numbers for strings, nulls anywhere and odd timestamps."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator

_TIMESTAMP = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)


def to_str(value: Any) -> str | None:
    """A string, or a number written as text; anything else (objects, lists) -> None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else None
    if isinstance(value, float):
        return repr(value)
    return None


def to_decimal(value: Any) -> Decimal | None:
    """An exact Decimal from a JSON number or numeric string; anything else -> None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(repr(value))
        elif isinstance(value, str):
            result = Decimal(value.strip().replace(",", ""))
        else:
            return None
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def to_int(value: Any) -> int | None:
    """An int from a JSON integer, an integral decimal or digits in a string; else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    number = to_decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    if abs(number) > Decimal(10) ** 30:
        return None
    return int(number)


def to_int_or_text(value: Any) -> int | str | None:
    """A documented integer, or what the server sent instead as text (kept for display); else None.

    ``290``, ``"290"`` and ``290.0`` give 290; ``"INV-12"`` stays ``"INV-12"`` and ``12.5`` becomes
    ``"12.5"``; null, blank text, objects, lists and booleans give None.
    """
    number = to_int(value)
    if number is not None:
        return number
    if isinstance(value, bool):
        return None
    text = to_str(value)
    return text if text is not None and text.strip() else None


def to_bool(value: Any) -> bool | None:
    """A bool from JSON true/false or the strings "true"/"false" (the reference documents both)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
    return None


def parse_timestamp(value: Any) -> datetime | None:
    """An aware UTC datetime from an API timestamp (naive means UTC; 7 fractional digits ok); else None."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if not isinstance(value, str):
        return None
    match = _TIMESTAMP.match(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tz: timezone = UTC
    if zone and zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        try:
            tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
        except ValueError:
            return None
    try:
        stamp = datetime(
            int(year), int(month), int(day),
            int(hour or 0), int(minute or 0), int(second or 0), micro, tzinfo=tz,
        )
        return stamp.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def to_dict_or_none(value: Any) -> Any:
    """Pass a nested object through; anything that is not an object becomes None."""
    return value if isinstance(value, (dict, BaseModel)) else None


def to_list_of_dicts(value: Any) -> list[Any]:
    """A list of nested objects; null or non-list -> [], non-object items dropped."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, (dict, BaseModel))]


Str = Annotated[str | None, BeforeValidator(to_str)]
Money = Annotated[Decimal | None, BeforeValidator(to_decimal)]
Number = Annotated[Decimal | None, BeforeValidator(to_decimal)]
Int = Annotated[int | None, BeforeValidator(to_int)]
IntOrText = Annotated[int | str | None, BeforeValidator(to_int_or_text)]
Bool = Annotated[bool | None, BeforeValidator(to_bool)]
Timestamp = Annotated[datetime | None, BeforeValidator(parse_timestamp)]
