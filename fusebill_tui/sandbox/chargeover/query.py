"""The server's reading of ``where``, ``order``, ``offset`` and ``limit`` over a list of records.

``where`` is ``field:OP:value`` joined by ``,`` (a ``\\,`` is a comma inside a value); strings compare
case-insensitively (as ChargeOver's database collation does), numbers numerically, and a null matches
only IS:NULL (as in SQL: ``NOTEQUALS`` does not match a null). ``order`` takes ``field:ASC|DESC``
(several joined by ``,``); nulls sort first ascending; ties keep id order. Any unknown field or
operator, or a bad number, is a 400.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from fusebill_tui.sandbox.chargeover.envelope import BAD_PARAMETER, EnvelopeError

Record = dict[str, Any]
VALUE_OPS = ("EQUALS", "NOTEQUALS", "GT", "GTE", "LT", "LTE", "CONTAINS")
NULL_OPS = ("IS:NULL", "ISNOT:NULL")
DEFAULT_LIMIT = 10
MAX_LIMIT = 500


def _bad(reason: str) -> EnvelopeError:
    return EnvelopeError(400, f"{BAD_PARAMETER} ({reason})")


def parse_where(text: str, fields: Sequence[str]) -> list[tuple[str, str, str | None]]:
    """``where`` as (field, OP, value) triples; unknown fields or operators are a 400."""
    conditions: list[tuple[str, str, str | None]] = []
    for term in re.split(r"(?<!\\),", text):
        if not term.strip():
            continue
        field, _, rest = term.partition(":")
        field = field.strip().lower()
        if field not in fields:
            raise _bad(f"unknown field {field!r}")
        if rest.upper() in NULL_OPS:
            conditions.append((field, rest.upper(), None))
            continue
        op, colon, value = rest.partition(":")
        if op.upper() not in VALUE_OPS or not colon:
            raise _bad(f"invalid operator in {term!r}")
        conditions.append((field, op.upper(), value.replace("\\,", ",")))
    return conditions


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "EQUALS": lambda a, b: a == b, "NOTEQUALS": lambda a, b: a != b, "GT": lambda a, b: a > b,
    "GTE": lambda a, b: a >= b, "LT": lambda a, b: a < b, "LTE": lambda a, b: a <= b,
    "CONTAINS": lambda a, b: b in a,
}


def _predicate(field: str, op: str, want: str | None) -> Callable[[Record], bool]:
    """One condition as a test of a record (the wanted value read once, not per record)."""
    if op == "IS:NULL":
        return lambda r: r.get(field) is None
    if op == "ISNOT:NULL":
        return lambda r: r.get(field) is not None
    assert want is not None
    compare = _COMPARE[op]
    text = want.lower()
    number = _number(want)

    def test(record: Record) -> bool:
        have = record.get(field)
        if have is None:
            return False
        if isinstance(have, bool):
            have = "1" if have else "0"
        elif isinstance(have, list):
            have = ",".join(str(item) for item in have)
        if isinstance(have, (int, Decimal)) and op != "CONTAINS":
            if number is None:
                raise _bad(f"{want!r} is not a number")
            return compare(have, number)
        return compare(str(have).lower(), text)

    return test


def filter_records(records: Sequence[Record], where: str | None, fields: Sequence[str]) -> list[Record]:
    """The records every condition of ``where`` matches (all of them for no ``where``)."""
    if not where:
        return list(records)
    tests = [_predicate(*condition) for condition in parse_where(where, fields)]
    return [r for r in records if all(test(r) for test in tests)]


def _sort_key(field: str) -> Callable[[Record], tuple[Any, ...]]:
    def key(record: Record) -> tuple[Any, ...]:
        value = record.get(field)
        if value is None:
            return (0, 0, "")
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return (1, value, "")
        return (1, 0, str(value).lower())

    return key


def sort_records(records: list[Record], order: str | None, fields: Sequence[str], id_field: str) -> list[Record]:
    """``records`` in ``order`` (``field:ASC|DESC``, several joined by ``,``), ties by ``id_field``."""
    result = sorted(records, key=lambda r: r.get(id_field) or 0)
    if not order:
        return result
    keys = []
    for part in order.split(","):
        field, _, direction = part.partition(":")
        field, direction = field.strip().lower(), (direction.strip().upper() or "ASC")
        if field not in fields or direction not in ("ASC", "DESC"):
            raise _bad(f"invalid order {part!r}")
        keys.append((field, direction == "DESC"))
    for field, descending in reversed(keys):  # stable sorts, last key first
        result.sort(key=_sort_key(field), reverse=descending)
    return result


def _whole(text: str | None, name: str, default: int) -> int:
    if text is None or text == "":
        return default
    if not (text.isascii() and text.isdigit()):
        raise _bad(f"{name} must be a whole number")
    return int(text)


def page(records: list[Record], offset: str | None, limit: str | None) -> list[Record]:
    """The ``limit`` records from ``offset`` (limit defaults to 10 and is capped at 500)."""
    start = _whole(offset, "offset", 0)
    size = min(_whole(limit, "limit", DEFAULT_LIMIT), MAX_LIMIT)
    return records[start:start + size]
