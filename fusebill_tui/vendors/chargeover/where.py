"""ChargeOver's ``where`` language: ``field:OP:value`` conditions joined by ``,`` (AND), and ``order``.

Operators: EQUALS, NOTEQUALS, GT, GTE, LT, LTE, CONTAINS, IS:NULL and ISNOT:NULL (the last two take no
value: ``bill_state:IS:NULL``). A comma inside a value is written ``\\,``; everything after the operator
is the value, so colons need no escape. Typed text uses the same syntax; field names and operators are
matched case-insensitively, checked against the documented customer fields, and a mistake raises a
QueryError with close suggestions ("did you mean"). Plain text (no ``:``) searches instead: digits
find a customer id, text with ``@`` the main contact's e-mail, anything else the company name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote

from fusebill_tui.core.errors import QueryError
from fusebill_tui.vendors.chargeover.models import CUSTOMER_STATES, CUSTOMER_STATUSES

#: Every operator, in the order completions offer them.
OPERATORS = ("EQUALS", "NOTEQUALS", "CONTAINS", "GT", "GTE", "LT", "LTE", "IS:NULL", "ISNOT:NULL")
#: Operators that take no value.
NULL_OPERATORS = ("IS:NULL", "ISNOT:NULL")
VALUE_OPERATORS = tuple(op for op in OPERATORS if op not in NULL_OPERATORS)
ORDER_DIRECTIONS = ("ASC", "DESC")

#: The longest ``where`` sent, in bytes once percent-encoded, so the whole URL stays well under the
#: 2,048 bytes many servers and proxies accept.
MAX_WHERE_BYTES = 1_900

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?$")


class Kind(Enum):
    """What values a field accepts."""

    STRING = "text"
    INTEGER = "whole number"
    DATETIME = "date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"
    ENUM = "one of the documented values"


@dataclass(frozen=True)
class FieldSpec:
    """One filterable customer field: its name, kind and (for enums) the documented values."""

    name: str
    kind: Kind = Kind.STRING
    values: tuple[str, ...] = ()


def _specs(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in specs}


# "Available query parameter values for filtering" of Query for customers, plus the two status fields
# whose valid values that page lists.
CUSTOMER_FIELDS: dict[str, FieldSpec] = _specs(
    FieldSpec("customer_id", Kind.INTEGER),
    FieldSpec("parent_customer_id", Kind.INTEGER),
    FieldSpec("company"),
    FieldSpec("external_key"),
    FieldSpec("token"),
    FieldSpec("superuser_id", Kind.INTEGER),
    FieldSpec("superuser_email"),
    FieldSpec("bill_state"),
    FieldSpec("ship_state"),
    FieldSpec("bill_country"),
    FieldSpec("ship_country"),
    *(FieldSpec(f"custom_{i}") for i in range(1, 6)),
    FieldSpec("write_datetime", Kind.DATETIME),
    FieldSpec("mod_datetime", Kind.DATETIME),
    FieldSpec("customer_status_str", Kind.ENUM, CUSTOMER_STATUSES),
    FieldSpec("customer_status_state", Kind.ENUM, CUSTOMER_STATES),
)

#: Fields the customer list can be ordered by (``order=field:ASC|DESC``).
SORT_FIELDS = (
    "customer_id", "company", "superuser_name", "superuser_email", "bill_country",
    "customer_status_str", "balance", "total", "mrr", "write_datetime", "mod_datetime",
)


@dataclass(frozen=True)
class Condition:
    """One ``field:OP:value`` condition; ``value`` is None for IS:NULL / ISNOT:NULL."""

    field: str
    op: str
    value: str | None = None

    def __post_init__(self) -> None:
        if self.op not in OPERATORS:
            raise QueryError(f"'{self.op}' is not a ChargeOver operator (use {', '.join(OPERATORS)}).")
        if (self.value is None) != (self.op in NULL_OPERATORS):
            raise QueryError(f"{self.op} " + ("takes no value." if self.value is not None else "needs a value."))
        if self.value is not None and self.value.endswith("\\"):
            # ChargeOver documents no escape for a backslash: "a\\" would escape the comma after it.
            raise QueryError("A value cannot end with a backslash (it would escape the comma after it).")

    def __str__(self) -> str:
        """The condition as sent (commas in the value escaped)."""
        if self.value is None:
            return f"{self.field}:{self.op}"
        return f"{self.field}:{self.op}:{escape_value(self.value)}"


def escape_value(value: str) -> str:
    """A value as written in ``where``: a comma becomes ``\\,``."""
    return value.replace(",", "\\,")


def check_length(where: str) -> str:
    """``where`` if it fits MAX_WHERE_BYTES once encoded, else QueryError saying by how much."""
    size = len(quote(where, safe=""))
    if size > MAX_WHERE_BYTES:
        raise QueryError(f"The filter is too long: {size:,} characters once encoded; the limit is {MAX_WHERE_BYTES:,}.")
    return where


def encode_where(conditions: Iterable[Condition] | str) -> str:
    """The ``where`` parameter for ``conditions`` (an already-encoded string is passed through)."""
    text = conditions if isinstance(conditions, str) else ",".join(str(c) for c in conditions)
    return check_length(text)


def split_unescaped(text: str) -> list[str]:
    """``text`` cut at every comma not preceded by a backslash (the escapes are kept)."""
    parts = re.split(r"(?<!\\),", text)
    return parts


def _unescape(value: str) -> str:
    return value.replace("\\,", ",")


def _close(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> list[str]:
    return difflib.get_close_matches(word, list(candidates), n=3, cutoff=cutoff)


def _did_you_mean(message: str, suggestions: list[str], choices: str = "") -> QueryError:
    """The error with its best suggestion before the list of ``choices`` (a narrow screen keeps the first)."""
    if suggestions:
        message += f" — did you mean '{suggestions[0]}'?"
    if choices:
        message += f" ({choices})"
    return QueryError(message, suggestions)


def lookup_field(name: str) -> FieldSpec:
    """The documented filter field ``name`` (any case), or QueryError with close suggestions."""
    key = name.strip().lower()
    spec = CUSTOMER_FIELDS.get(key)
    if spec is not None:
        return spec
    if not key:
        raise QueryError("A condition needs a field name before ':' (e.g. company:CONTAINS:acme).")
    raise _did_you_mean(f"'{name.strip()}' is not a field ChargeOver can filter customers by",
                        _close(key, CUSTOMER_FIELDS))


def _operator(text: str) -> str:
    op = text.strip().upper()
    if op in VALUE_OPERATORS:
        return op
    raise _did_you_mean(f"'{text.strip()}' is not an operator", _close(op, OPERATORS, cutoff=0.5),
                        f"use field:OP:value with OP one of {', '.join(OPERATORS)}")


def _check_value(spec: FieldSpec, op: str, value: str) -> str:
    if spec.kind is Kind.STRING:
        return value
    if op == "CONTAINS" and spec.kind is not Kind.ENUM:
        raise QueryError(f"CONTAINS works on text; {spec.name} is a {spec.kind.value}.")
    if spec.kind is Kind.INTEGER:
        if not (value.isascii() and value.lstrip("-").isdigit()):
            raise QueryError(f"'{value}' is not a whole number for {spec.name}.")
        return str(int(value))
    if spec.kind is Kind.DATETIME:
        if not _DATETIME.match(value):
            raise QueryError(f"'{value}' is not a date for {spec.name}: write YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.")
        return value
    if op == "CONTAINS":
        return value
    for documented in spec.values:
        if documented.lower() == value.lower():
            return documented
    raise _did_you_mean(f"'{value}' is not a value of {spec.name}", _close(value.lower(), spec.values, cutoff=0.5),
                        f"one of: {', '.join(spec.values)}")


def parse_condition(term: str) -> Condition:
    """One typed ``field:OP:value`` (or ``field:IS:NULL``) as a validated Condition."""
    field, colon, rest = term.partition(":")
    if not colon:
        raise QueryError(f"'{_unescape(term.strip())}' is not a condition: write field:OP:value "
                         "(e.g. company:CONTAINS:acme).")
    spec = lookup_field(field)
    if rest.strip().upper().replace(" ", "") in NULL_OPERATORS:
        return Condition(spec.name, rest.strip().upper().replace(" ", ""))
    op_text, colon, value = rest.partition(":")
    op = _operator(op_text)
    if not colon:
        raise QueryError(f"{spec.name}:{op} needs a value: write {spec.name}:{op}:value.")
    return Condition(spec.name, op, _check_value(spec, op, _unescape(value.strip())))


def parse_where(text: str) -> list[Condition]:
    """Typed ``where`` text as validated conditions ([] for blank text); QueryError says what is wrong."""
    conditions = [parse_condition(term) for term in split_unescaped(text) if term.strip()]
    encode_where(conditions)
    return conditions


def plain_search(text: str) -> Condition | None:
    """The condition plain search-box text means: digits a customer id, ``@`` an e-mail, else the company."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.isascii() and stripped.isdigit():
        return Condition("customer_id", "EQUALS", str(int(stripped)))
    field = "superuser_email" if "@" in stripped else "company"
    condition = Condition(field, "CONTAINS", stripped)
    encode_where([condition])
    return condition


def search_conditions(text: str) -> list[Condition]:
    """What a filter box entry means: the ``where`` language when it has a ``:``, else a plain search."""
    if ":" in text:
        return parse_where(text)
    condition = plain_search(text)
    return [condition] if condition is not None else []


def sort_field(name: str) -> str:
    """The sortable field ``name`` (any case), or QueryError with close suggestions."""
    key = name.strip().lower()
    if key in SORT_FIELDS:
        return key
    raise _did_you_mean(f"'{name.strip()}' is not a field the customer list can be sorted by "
                        f"({', '.join(SORT_FIELDS)})", _close(key, SORT_FIELDS))


def order_param(field: str, descending: bool = False) -> str:
    """The ``order`` parameter: ``field:ASC`` or ``field:DESC`` (the field checked)."""
    return f"{sort_field(field)}:{'DESC' if descending else 'ASC'}"


def completions(text: str) -> list[str]:
    """Ways to finish ``text`` (whole strings, each starting with ``text``): field names, operators, values."""
    start = 0
    for match in re.finditer(r"(?<!\\),", text):
        start = match.end()
    term = text[start:]
    field, colon, rest = term.partition(":")
    typed_field = field.lstrip()
    if not colon:
        if not typed_field:
            return []
        return [text + name[len(typed_field):] + ":" for name in CUSTOMER_FIELDS
                if name.startswith(typed_field.lower())]
    spec = CUSTOMER_FIELDS.get(typed_field.lower())
    if spec is None:
        return []
    upper = rest.upper()
    if upper.count(":") == 0 or any(op.startswith(upper) for op in NULL_OPERATORS):
        found = []
        for op in OPERATORS:
            if op.startswith(upper) and op != upper:
                found.append(text + op[len(rest):] + ("" if op in NULL_OPERATORS else ":"))
        return found
    op, _, value = rest.partition(":")
    if spec.kind is not Kind.ENUM or op.upper() not in ("EQUALS", "NOTEQUALS") or not value.strip():
        return []
    typed = value.lstrip()
    return [text + v[len(typed):] for v in spec.values
            if v.lower().startswith(typed.lower()) and v.lower() != typed.lower()]
