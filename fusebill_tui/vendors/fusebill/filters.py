"""Fusebill's filter language for the filter bar: plain search, validation, completions, quick filters."""

from __future__ import annotations

from fusebill_tui.core.completion import complete, last_unescaped
from fusebill_tui.core.search import SearchPlan, describe_search
from fusebill_tui.vendors.fusebill.query import (
    CUSTOMER_FIELDS,
    Kind,
    plain_search,
)

HELP = (
    "Filter (/): plain text searches last names (lastName:*text*); with an @ it searches the primary "
    "email; digits open that customer id. Anything with ':' is a query: field:value, several terms "
    "joined by ';' (status:Active;accountStatus:PoorStanding), alternatives by ',' (status:Active,Hold), '*' as a "
    "wildcard (lastName:Sm*), [empty] for no value, date ranges with '|' "
    "(createdTimestamp:2024-01-01|2025-01-01). Tab completes field names and values; a typo is "
    "explained before anything is sent."
)

QUICK_FILTERS: tuple[tuple[str, str, str], ...] = tuple(
    (label, f"{field}:{value}", value)
    for label, field in (("status", "status"), ("account status", "accountStatus"))
    for value in CUSTOMER_FIELDS[field.lower()].values
)
"""(group label, query, value) for every documented status and account status."""


class FusebillFilters:
    """The documented ``field:value;field:a,b`` language of ``GET /customers``."""

    placeholder = "name, email@, id or field:value"
    help = HELP
    tooltip = "Filter: a name, an email (with @), an id, or field:value"
    quick_tooltip = "Filter by status or account status (with counts)"
    quick_filters = QUICK_FILTERS

    def __init__(self) -> None:
        self._names = sorted(spec.name for spec in CUSTOMER_FIELDS.values())

    def plan(self, text: str) -> SearchPlan:
        """Plain text searches last names (an @: emails; digits: open that id); ``field:value`` is validated."""
        return plain_search(text)

    def describe(self, text: str) -> str:
        """What an applied filter means, in words."""
        return describe_search(text, "last name", wildcards="*")

    def suggest(self, value: str) -> str | None:
        """The typed text plus the rest of the field name or enum value it starts."""
        term = value[last_unescaped(value, ";"):]
        if ":" not in term:
            typed = term.lstrip()
            return complete(value, typed, self._names, suffix=":") if typed else None
        field, _, rest = term.partition(":")
        spec = CUSTOMER_FIELDS.get(field.strip().lower())
        if spec is None or spec.kind is not Kind.ENUM:
            return None
        typed = rest[last_unescaped(rest, ","):].lstrip()
        return complete(value, typed, spec.values) if typed else None
