"""Lenient field types: the API sends numbers for strings, nulls anywhere and odd timestamps."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, PrivateAttr, ValidationError, model_validator

from fusebill_tui.core.errors import MalformedResponse

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


M = TypeVar("M", bound="LenientModel")


class LenientModel(BaseModel):
    """Base of every vendor's API objects: unknown fields kept, the source dict in ``.raw``, and a
    MalformedResponse (never a pydantic error) for what cannot be read. A vendor's base sets its aliases."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        arbitrary_types_allowed=True,
        protected_namespaces=(),
    )
    _raw: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw(cls, data: Any, handler: Any) -> Any:
        source = data
        if isinstance(data, Mapping):
            data = {str(k): v for k, v in data.items() if not _shadows_model_attribute(str(k))}
        obj = handler(data)
        if isinstance(source, dict):
            obj._raw = source
        return obj

    @property
    def raw(self) -> dict[str, Any]:
        """The JSON object this model was read from (what a safe PUT writes back)."""
        return self._raw

    @classmethod
    def from_api(cls: type[M], data: Any) -> M:
        """Parse one JSON object; anything that is not an object raises MalformedResponse."""
        if not isinstance(data, dict):
            raise MalformedResponse(f"The server sent something other than the {cls.noun()} that was expected.")
        try:
            obj = cls.model_validate(data)
        except (ValidationError, TypeError, ValueError, RecursionError) as exc:
            noun = cls.noun()
            article = "an" if noun[0] in "aeiou" else "a"
            raise MalformedResponse(f"The server sent {article} {noun} that could not be read.") from exc
        obj._raw = data
        return obj

    @classmethod
    def list_from_api(cls: type[M], data: Any) -> list[M]:
        """Parse a JSON list of objects; anything else raises MalformedResponse."""
        if not isinstance(data, list):
            raise MalformedResponse(
                f"The server sent something other than the list of {cls.noun(plural=True)} that was expected."
            )
        return [cls.from_api(item) for item in data]

    @classmethod
    def noun(cls, *, plural: bool = False) -> str:
        """What this object is called in messages: 'customer overview', 'countries', ..."""
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
        if not plural or words.endswith("s"):
            return words
        return words[:-1] + "ies" if words.endswith("y") else words + "s"


def _shadows_model_attribute(key: str) -> bool:
    """Keys that would collide with pydantic's own attributes if kept as extras (still in .raw)."""
    return key.startswith(("model_", "_")) or key in _RESERVED


_RESERVED = frozenset(dir(BaseModel)) | {"raw", "from_api", "list_from_api", "noun"}
