"""The filter language (``field:value;field2:a,b``): a builder, a validator for typed text, escaping, sort fields.

Field names come from the reference's tables (List Customers; Customer Invoices; List Subscriptions
By Customer). They are matched
case-insensitively and sent in camelCase, the spelling every example in the reference uses
(``firstName:Jessica``, ``status:Active,Draft``, ``createdTimestamp:2018-01-01|2019-01-01``).

On the wire the structural characters ``:`` ``;`` ``,`` ``|`` ``*`` are sent as they are; inside a value
everything else that could be misread (``%`` ``&`` ``,`` ``;`` ``|`` ``#`` ``+`` ``:`` ``[`` ``]`` ``=``,
spaces, control and non-ASCII characters, and a literal ``*``) is percent-encoded (UTF-8).

Typed text uses the same syntax; a backslash makes the next character literal (``reference:a\\,b``
matches the value ``a,b``; ``\\*`` is a literal star).

A filter longer than MAX_QUERY_BYTES once encoded is refused with a QueryError before it is sent.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from urllib.parse import quote

from fusebill_tui.core.errors import QueryError
from fusebill_tui.core.search import SearchPlan as SearchPlan  # re-exported: the package names it

EMPTY = "[empty]"

# The longest ``query`` parameter sent, in bytes once encoded. IIS, which serves the Fusebill API,
# refuses query strings over 2,048 bytes by default (requestFiltering maxQueryString: a 404.15 or a
# 414, which would read as "not found"); the page, size and sort parameters beside the filter take at
# most about 130 bytes, so the filter gets the rest, rounded down.
MAX_QUERY_BYTES = 1_900


def check_length(wire: str) -> str:
    """``wire`` (an encoded filter) if it fits MAX_QUERY_BYTES, else QueryError saying by how much."""
    size = len(wire.encode("utf-8"))
    if size > MAX_QUERY_BYTES:
        raise QueryError(
            f"The filter is too long: {size:,} characters once encoded; the limit is {MAX_QUERY_BYTES:,}."
        )
    return wire


class Kind(Enum):
    """What values a filter field accepts."""

    STRING = "string"
    ENUM = "enum"
    INTEGER = "integer"
    DATE_RANGE = "date range"
    DECIMAL_RANGE = "decimal range"


@dataclass(frozen=True)
class FieldSpec:
    """One filterable field: its documented name, kind and (for enums) the documented values."""

    name: str
    kind: Kind = Kind.STRING
    values: tuple[str, ...] = ()


def _camel(documented: str) -> str:
    return ".".join(part[:1].lower() + part[1:] for part in documented.split("."))


def _specs(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {spec.name.lower(): spec for spec in specs}


def _s(name: str, kind: Kind = Kind.STRING, values: Sequence[str] = ()) -> FieldSpec:
    return FieldSpec(_camel(name), kind, tuple(values))


_ENABLED = ("Enabled", "Disabled")

# The List Customers table of the reference.
CUSTOMER_FIELDS: dict[str, FieldSpec] = _specs(
    _s("AccountStatus", Kind.ENUM, ("Good", "PoorStanding", "Collection")),
    _s("HubSpotId", Kind.INTEGER),
    _s("CompanyName"),
    _s("LastName"),
    _s("CreatedTimestamp", Kind.DATE_RANGE),
    _s("MiddleName"),
    _s("CurrencyId", Kind.INTEGER),
    _s("ModifiedTimestamp", Kind.DATE_RANGE),
    _s("CustomerAcquisition.AdContent"),
    _s("CustomerAcquisition.Campaign"),
    _s("CustomerAcquisition.LandingPage"),
    _s("CustomerAcquisition.Medium"),
    _s("CustomerAcquisition.Source"),
    _s("NetsuiteEntityType", Kind.INTEGER),
    _s("NetSuiteId"),
    _s("NetSuiteSynchStatusId", Kind.ENUM, _ENABLED),
    _s("ParentId", Kind.INTEGER),
    _s("PrimaryEmail"),
    _s("PrimaryPhone"),
    _s("CustomerReference.Reference1"),
    _s("CustomerReference.Reference2"),
    _s("CustomerReference.Reference3"),
    *(
        _s(f"CustomerReference.SalesTrackingCode{i}.{part}")
        for i in range(1, 6)
        for part in ("Code", "Name")
    ),
    _s("QuickBooksId", Kind.INTEGER),
    _s("QuickBooksLatchTypeId", Kind.ENUM, ("CreateNew", "LatchExisting", "DoNothing")),
    _s("QuickBooksSyncToken", Kind.INTEGER),
    _s("Reference"),
    _s("SalesforceAccountType", Kind.ENUM, ("Company", "Person")),
    _s("SalesforceId"),
    _s("SalesforceSynchStatus", Kind.ENUM, _ENABLED),
    _s("SecondaryEmail"),
    _s("SecondaryPhone"),
    _s("Status", Kind.ENUM, ("Draft", "Active", "Cancelled", "Hold", "Suspended")),
    _s("Suffix"),
    _s("Title", Kind.ENUM, ("Mr", "Mrs", "Ms", "Miss", "Dr")),
    _s("FirstName"),
)

# The Customer Invoices table of the reference.
INVOICE_FIELDS: dict[str, FieldSpec] = _specs(
    _s("createdTimestamp", Kind.DATE_RANGE),
    _s("closingArBalance", Kind.DECIMAL_RANGE),
    _s("effectiveTimestamp", Kind.DATE_RANGE),
    _s("invoiceNumber", Kind.INTEGER),
    _s("netsuiteId"),
    _s("openingArBalance", Kind.DECIMAL_RANGE),
    _s("poNumber"),
    _s("postedTimestamp", Kind.DATE_RANGE),
    _s("salesforceID"),
    _s("totalInstallments", Kind.INTEGER),
    _s("quickBooksId", Kind.INTEGER),
)

# The List Subscriptions By Customer table of the reference. Its status list omits Suspended, but
# Hold Customer puts a customer's subscriptions in that status, so it is accepted here too.
SUBSCRIPTION_FIELDS: dict[str, FieldSpec] = _specs(
    _s("contractEndTimestamp", Kind.DATE_RANGE),
    _s("contractStartTimestamp", Kind.DATE_RANGE),
    _s("createdTimestamp", Kind.DATE_RANGE),
    _s("expiredTimestamp", Kind.DATE_RANGE),
    _s("interval", Kind.ENUM, ("Monthly", "Yearly")),
    _s("invoiceDay", Kind.INTEGER),
    _s("modifiedTimestamp", Kind.DATE_RANGE),
    _s("planCode"),
    _s("planDescription"),
    _s("planName"),
    _s("planReference"),
    _s("provisionedTimestamp", Kind.DATE_RANGE),
    _s("reference"),
    _s("remainingInterval", Kind.INTEGER),
    _s("remainingIntervalPushOut", Kind.INTEGER),
    _s("salesForceId"),
    _s("scheduledActivationTimestamp", Kind.DATE_RANGE),
    _s("status", Kind.ENUM, ("Active", "Draft", "Cancelled", "Provisioning", "Expired", "Suspended")),
)

FIELDS_BY_RESOURCE: dict[str, dict[str, FieldSpec]] = {
    "customers": CUSTOMER_FIELDS,
    "invoices": INVOICE_FIELDS,
    "subscriptions": SUBSCRIPTION_FIELDS,
}

# --- escaping -----------------------------------------------------------------------------

# Left as they are inside a value; everything else is percent-encoded (UTF-8).
_VALUE_SAFE = "-._~@!$'()/"


def encode_value(text: str) -> str:
    """Percent-encode a literal value (a ``*`` in it is a literal star, sent as %2A)."""
    return quote(text, safe=_VALUE_SAFE, encoding="utf-8", errors="strict")


def encode_pattern(pattern: str) -> str:
    """Percent-encode a value in which every ``*`` is a wildcard."""
    return "*".join(encode_value(part) for part in pattern.split("*"))


def _format_bound(bound: date | datetime | str | None) -> str:
    if bound is None:
        return ""
    if isinstance(bound, datetime):
        return encode_value(bound.strftime("%Y-%m-%dT%H:%M:%S"))
    if isinstance(bound, date):
        return bound.isoformat()
    return encode_value(str(bound))


# --- field lookup ---------------------------------------------------------------------------


def _fields(resource: str) -> dict[str, FieldSpec]:
    try:
        return FIELDS_BY_RESOURCE[resource]
    except KeyError:
        raise ValueError(f"unknown resource {resource!r}") from None


def lookup_field(name: str, resource: str = "customers") -> FieldSpec:
    """The documented field matching ``name`` (any case), or QueryError with close suggestions."""
    fields = _fields(resource)
    key = name.strip().lower()
    spec = fields.get(key)
    if spec is not None:
        return spec
    suggestions = [fields[m].name for m in difflib.get_close_matches(key, list(fields), n=3, cutoff=0.6)]
    if not key:
        raise QueryError("A filter is missing its field name before ':'.")
    message = f"Unknown field '{name.strip()}'"
    if suggestions:
        message += f" — did you mean '{suggestions[0]}'?"
    else:
        message += f" — filterable fields are: {', '.join(s.name for s in fields.values())}."
    raise QueryError(message, suggestions)


def sort_field(name: str, resource: str = "customers") -> str:
    """A sortExpression in its documented spelling: any filterable field, or ``id``."""
    if name.strip().lower() == "id":
        return "id"
    return lookup_field(name, resource).name


def _check_enum(spec: FieldSpec, value: str) -> str:
    for allowed in spec.values:
        if allowed.lower() == value.lower():
            return allowed
    matches = difflib.get_close_matches(value.lower(), [v.lower() for v in spec.values], n=3, cutoff=0.5)
    suggestions = [v for m in matches for v in spec.values if v.lower() == m]
    message = f"'{value}' is not a valid {spec.name}"
    if suggestions:
        message += f" — did you mean '{suggestions[0]}'?"
    message += f" (one of: {', '.join(spec.values)})"
    raise QueryError(message, suggestions)


# --- the builder ----------------------------------------------------------------------------


class Query:
    """Builds a filter: ``Query().eq("firstName", "Jo").any_of("status", ["Active", "Draft"])``.

    Every method returns the query (chainable); ``str(query)`` is the wire form, ready to send.
    Field names are validated against the resource's documented fields.
    """

    def __init__(self, resource: str = "customers") -> None:
        self.resource = resource
        _fields(resource)
        self._terms: list[tuple[str, str]] = []

    def _add(self, field: str, wire_value: str) -> Query:
        term = (lookup_field(field, self.resource).name, wire_value)
        check_length(_wire([*self._terms, term]))
        self._terms.append(term)
        return self

    def _literal(self, field: str, value: object) -> str:
        spec = lookup_field(field, self.resource)
        text = str(value)
        if spec.kind is Kind.ENUM:
            text = _check_enum(spec, text)
        return encode_value(text)

    def eq(self, field: str, value: object) -> Query:
        """``field`` equals ``value`` exactly (any ``*`` in it is literal)."""
        return self._add(field, self._literal(field, value))

    def any_of(self, field: str, values: Iterable[object]) -> Query:
        """``field`` equals one of ``values``."""
        wire = [self._literal(field, v) for v in values]
        if not wire:
            raise QueryError(f"No values given for {field}.")
        return self._add(field, ",".join(wire))

    def wildcard(self, field: str, pattern: str) -> Query:
        """``field`` matches ``pattern``, where each ``*`` stands for any run of characters."""
        return self._add(field, encode_pattern(pattern))

    def starts_with(self, field: str, text: str) -> Query:
        """``field`` starts with ``text`` (taken literally)."""
        return self._add(field, encode_value(text) + "*")

    def contains(self, field: str, text: str) -> Query:
        """``field`` contains ``text`` (taken literally)."""
        return self._add(field, "*" + encode_value(text) + "*")

    def empty(self, field: str) -> Query:
        """``field`` has no value (``[empty]``)."""
        return self._add(field, EMPTY)

    def between(
        self, field: str, start: date | datetime | str | None, end: date | datetime | str | None
    ) -> Query:
        """``field`` lies in ``[start, end)``; either bound may be None (open)."""
        if start is None and end is None:
            raise QueryError(f"A range for {field} needs at least one bound.")
        return self._add(field, f"{_format_bound(start)}|{_format_bound(end)}")

    def since(self, field: str, start: date | datetime | str) -> Query:
        """``field`` is on or after ``start``."""
        return self.between(field, start, None)

    def until(self, field: str, end: date | datetime | str) -> Query:
        """``field`` is before ``end``."""
        return self.between(field, None, end)

    @property
    def terms(self) -> list[tuple[str, str]]:
        """(documented field, wire value) pairs, in order."""
        return list(self._terms)

    def __bool__(self) -> bool:
        return bool(self._terms)

    def __str__(self) -> str:
        return _wire(self._terms)

    def __repr__(self) -> str:
        return f"Query({str(self)!r})"


def _wire(terms: Iterable[tuple[str, str]]) -> str:
    return ";".join(f"{field}:{value}" for field, value in terms)


# --- typed text -----------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
_INTEGER = re.compile(r"^-?\d+$")


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split on ``sep`` except where a backslash escapes it (escapes are kept for later stages)."""
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _encode_typed(value: str, *, wildcards: bool) -> str:
    """Encode a typed value: unescaped ``*`` are wildcards, ``\\x`` is a literal x."""
    out, literal, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            literal.append(value[i + 1])
            i += 2
            continue
        if ch == "*" and wildcards:
            out.append(encode_value("".join(literal)))
            out.append("*")
            literal = []
        else:
            literal.append(ch)
        i += 1
    out.append(encode_value("".join(literal)))
    return "".join(out)


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def _validate_date(spec: FieldSpec, bound: str) -> str:
    if bound and not _DATE.match(bound):
        raise QueryError(
            f"'{bound}' is not a date for {spec.name}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS."
        )
    return encode_value(bound)


def _validate_decimal(spec: FieldSpec, bound: str) -> str:
    if bound:
        try:
            Decimal(bound)
        except InvalidOperation:
            raise QueryError(f"'{bound}' is not a number for {spec.name}.") from None
    return encode_value(bound)


def _validate_value(spec: FieldSpec, value: str) -> str:
    """Check one typed value against its field and return its wire form."""
    stripped = value.strip()
    if stripped.lower() == EMPTY:
        return EMPTY
    if stripped == "":
        raise QueryError(f"No value given for {spec.name} (use {spec.name}:{EMPTY} for 'no value').")
    if spec.kind in (Kind.DATE_RANGE, Kind.DECIMAL_RANGE):
        check = _validate_date if spec.kind is Kind.DATE_RANGE else _validate_decimal
        bounds = _split_unescaped(stripped, "|")
        if len(bounds) == 1 and spec.kind is Kind.DECIMAL_RANGE:
            return check(spec, _unescape(bounds[0]).strip())
        if len(bounds) != 2 or not any(b.strip() for b in bounds):
            raise QueryError(
                f"{spec.name} takes a range like 2018-01-01|2019-01-01 (either side may be empty)."
                if spec.kind is Kind.DATE_RANGE
                else f"{spec.name} takes a number or a range like 10|100 (either side may be empty)."
            )
        return "|".join(check(spec, _unescape(b).strip()) for b in bounds)
    alternatives = _split_unescaped(stripped, ",")
    wire = []
    for alternative in alternatives:
        alternative = alternative.strip()
        if not alternative:
            raise QueryError(f"An empty value in the list for {spec.name}.")
        if spec.kind is Kind.ENUM and "*" not in alternative:
            wire.append(encode_value(_check_enum(spec, _unescape(alternative))))
        elif spec.kind is Kind.INTEGER and "*" not in alternative:
            if not _INTEGER.match(_unescape(alternative)):
                raise QueryError(f"'{_unescape(alternative)}' is not a whole number for {spec.name}.")
            wire.append(_unescape(alternative))
        else:
            wire.append(_encode_typed(alternative, wildcards=True))
    return ",".join(wire)


def parse_query(text: str, resource: str = "customers") -> Query:
    """Read a filter the user typed, validating fields and values; raises QueryError with suggestions."""
    query = Query(resource)
    for term in _split_unescaped(text, ";"):
        if not term.strip():
            continue
        pieces = _split_unescaped(term, ":")
        if len(pieces) < 2:
            raise QueryError(f"'{term.strip()}' is not a filter: write field:value (e.g. status:Active).")
        field = _unescape(pieces[0]).strip()
        # Only the first unescaped ':' separates field and value; the rest belong to the value.
        value = term[len(pieces[0]) + 1 :]
        spec = lookup_field(field, resource)
        query._terms.append((spec.name, _validate_value(spec, value)))
    check_length(str(query))
    return query


def validate_query(text: str, resource: str = "customers") -> str:
    """The wire form of a typed filter, after validation (QueryError explains any problem)."""
    return str(parse_query(text, resource))


def plain_search(text: str, resource: str = "customers") -> SearchPlan:
    """Interpret search-box text: ``field:value`` filters are validated; plain text searches by name.

    Plain text becomes ``lastName:*text*``; with an ``@`` it is ``primaryEmail:*text*``; all digits is
    a customer id, which the list filter cannot express (``id`` is not a documented filter field),
    so the plan says to read ``GET /customers/{id}`` instead.
    """
    stripped = text.strip()
    if not stripped:
        return SearchPlan()
    if ":" in stripped:
        return SearchPlan(query=validate_query(stripped, resource))
    if resource == "customers" and stripped.isdigit() and stripped.isascii():
        return SearchPlan(customer_id=int(stripped))
    field = "primaryEmail" if "@" in stripped else "lastName"
    if resource != "customers":
        raise QueryError(f"Plain-text search is for customers; write field:value to filter {resource}.")
    pattern = _encode_typed(stripped.strip("*"), wildcards=True)
    return SearchPlan(query=check_length(f"{field}:*{pattern}*"))
