"""Applying parsed filter conditions and sorts to records, field tables per resource."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from fusebill_tui.sandbox.fusebill.errors import BAD_QUERY, ApiError
from fusebill_tui.sandbox.fusebill.queryparse import Condition, Term

Getter = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class FieldSpec:
    """A filterable / sortable field: how to read it from a record and what kind it is."""

    name: str
    get: Getter
    kind: str = "str"  # str | int | enum | date | decimal
    values: tuple[str, ...] = ()  # enum members


def path_getter(path: str) -> Getter:
    """``a.b`` -> a function reading ``record["a"]["b"]`` (None when absent)."""
    keys = path.split(".")

    def get(record: dict[str, Any]) -> Any:
        value: Any = record
        for key in keys:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return get


def spec(name: str, path: str | Getter | None = None, kind: str = "str",
         values: Iterable[str] = ()) -> FieldSpec:
    """Shorthand for a FieldSpec reading ``path`` (default: the field name)."""
    getter = path if callable(path) else path_getter(path or name)
    return FieldSpec(name, getter, kind, tuple(values))


def table(*specs: FieldSpec) -> dict[str, FieldSpec]:
    """Field specs keyed by lower-cased name (field names are case-insensitive)."""
    return {s.name.lower(): s for s in specs}


def lookup(fields: dict[str, FieldSpec], name: str) -> FieldSpec:
    """The spec for a field name sent by the client; unknown -> 400."""
    found = fields.get(name.strip().lower())
    if found is None:
        raise ApiError(400, BAD_QUERY)
    return found


def parse_when(text: str, *, upper: bool = False) -> datetime:
    """A date / timestamp bound (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``), naive UTC."""
    try:
        ts = datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError as exc:
        raise ApiError(400, BAD_QUERY) from exc
    return ts.replace(tzinfo=None)


def record_when(value: Any) -> datetime | None:
    """A record's timestamp string -> naive UTC datetime."""
    if not value:
        return None
    text = str(value).rstrip("Z")
    if "." in text:  # 7-digit fractions (.NET) do not parse; seconds are enough here
        text = text.split(".")[0]
    return datetime.fromisoformat(text)


def parse_decimal(text: str) -> Decimal:
    """A decimal bound; not a number -> 400."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise ApiError(400, BAD_QUERY) from exc
    if not value.is_finite():
        raise ApiError(400, BAD_QUERY)
    return value


def is_empty(value: Any) -> bool:
    """``[empty]`` matches null and the empty string."""
    return value is None or value == ""


def wildcard_regex(pieces: list[str]) -> re.Pattern[str]:
    """Decoded pieces split at unencoded ``*`` -> a case-insensitive full-match regex."""
    return re.compile(".*".join(re.escape(p) for p in pieces), re.IGNORECASE | re.DOTALL)


def compile_term(fs: FieldSpec, term: Term) -> Callable[[Any], bool]:
    """One term -> predicate on a field value, validating the term against the field's kind."""
    if term.empty:
        return is_empty
    if term.is_range:
        if fs.kind == "date":
            low = parse_when(term.low) if term.low else None
            high = parse_when(term.high) if term.high else None

            def in_dates(value: Any) -> bool:
                when = record_when(value)
                return when is not None and (low is None or when >= low) and (high is None or when < high)

            return in_dates
        if fs.kind in ("decimal", "int"):
            dlow = parse_decimal(term.low) if term.low else None
            dhigh = parse_decimal(term.high) if term.high else None

            def in_numbers(value: Any) -> bool:
                if value is None:
                    return False
                number = Decimal(str(value))
                return (dlow is None or number >= dlow) and (dhigh is None or number <= dhigh)

            return in_numbers
        raise ApiError(400, BAD_QUERY)
    if fs.kind == "date":
        if term.wildcard:
            raise ApiError(400, BAD_QUERY)
        day = parse_when(term.text)
        until = day + timedelta(days=1) if len(term.text.strip()) <= 10 else None

        def on_day(value: Any) -> bool:
            when = record_when(value)
            if when is None:
                return False
            return day <= when < until if until else when == day

        return on_day
    if fs.kind == "enum":
        if term.wildcard:
            raise ApiError(400, BAD_QUERY)
        wanted = term.text.strip().lower()
        if wanted not in {v.lower() for v in fs.values}:
            raise ApiError(400, BAD_QUERY)
        return lambda value: value is not None and str(value).lower() == wanted
    if fs.kind in ("int", "decimal") and not term.wildcard:
        number = parse_decimal(term.text)
        if fs.kind == "int" and number != number.to_integral_value():
            raise ApiError(400, BAD_QUERY)
        return lambda value: value is not None and value != "" and _num_eq(value, number)
    if term.wildcard:
        rx = wildcard_regex(term.pieces)
        return lambda value: value is not None and rx.fullmatch(str(value)) is not None
    wanted_text = term.text.casefold()
    return lambda value: value is not None and str(value).casefold() == wanted_text


def _num_eq(value: Any, number: Decimal) -> bool:
    try:
        return Decimal(str(value)) == number
    except InvalidOperation:
        return False


def compile_filter(fields: dict[str, FieldSpec], conditions: list[Condition]) -> Callable[[dict[str, Any]], bool]:
    """Conditions -> one predicate on a record (all conditions, any term of each)."""
    compiled = []
    for cond in conditions:
        fs = lookup(fields, cond.field)
        compiled.append((fs.get, [compile_term(fs, t) for t in cond.terms]))

    def matches(record: dict[str, Any]) -> bool:
        for get, preds in compiled:
            value = get(record)
            if not any(p(value) for p in preds):
                return False
        return True

    return matches


def sort_key(fs: FieldSpec) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Sort key: nulls first, then by the field's natural order; ties by id."""

    def key(record: dict[str, Any]) -> tuple[Any, ...]:
        value = fs.get(record)
        if value is None or value == "":
            return (0, "", record.get("id") or 0)
        if fs.kind in ("int", "decimal"):
            try:
                return (1, Decimal(str(value)), record.get("id") or 0)
            except InvalidOperation:
                return (1, Decimal(0), record.get("id") or 0)
        if fs.kind == "date":
            return (1, record_when(value), record.get("id") or 0)
        return (1, str(value).casefold(), record.get("id") or 0)

    return key
