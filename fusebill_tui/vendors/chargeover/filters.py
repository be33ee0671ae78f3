"""ChargeOver's ``where`` language for the filter bar: plain search, validation, completions, quick filters."""

from __future__ import annotations

from fusebill_tui.core.search import SearchPlan, describe_search
from fusebill_tui.vendors.chargeover.models import CUSTOMER_STATUSES
from fusebill_tui.vendors.chargeover.where import (
    completions,
    encode_where,
    parse_where,
    plain_search,
)

HELP = (
    "Filter (/): plain text searches company names (company:CONTAINS:text); with an @ it searches the main "
    "contact's email; digits open that customer id. Anything with ':' is a ChargeOver where: "
    "field:OPERATOR:value, several conditions joined by ',' (all must hold: "
    "customer_status_str:EQUALS:active-overdue,bill_country:EQUALS:Canada). Operators: EQUALS, NOTEQUALS, "
    "CONTAINS, GT, GTE, LT, LTE, and IS:NULL / ISNOT:NULL without a value (bill_state:IS:NULL); a comma "
    "inside a value is written \\, (company:CONTAINS:a\\,b). Tab completes field names, operators and "
    "statuses; a typo is explained before anything is sent."
)

QUICK_FILTERS: tuple[tuple[str, str, str], ...] = tuple(
    ("status", f"customer_status_str:EQUALS:{value}", value) for value in CUSTOMER_STATUSES
)
"""(group label, where, value) for every documented ``customer_status_str``."""


class ChargeOverFilters:
    """The documented ``field:OP:value`` conditions of ``GET /api/v3/customer?where=``."""

    placeholder = "company, email@, id or where"
    help = HELP
    tooltip = "Filter: a company, an email (with @), an id, or field:OPERATOR:value"
    quick_tooltip = "Filter by status (with counts)"
    quick_filters = QUICK_FILTERS

    def plan(self, text: str) -> SearchPlan:
        """Digits open that customer; ``field:OP:value`` is validated; other text searches company or email."""
        stripped = text.strip()
        if not stripped:
            return SearchPlan()
        if ":" in stripped:
            return SearchPlan(query=encode_where(parse_where(stripped)))
        if stripped.isascii() and stripped.isdigit():
            return SearchPlan(customer_id=int(stripped))
        condition = plain_search(stripped)
        return SearchPlan(query=encode_where([condition]) if condition is not None else None)

    def describe(self, text: str) -> str:
        """What an applied filter means, in words."""
        return describe_search(text, "company")

    def suggest(self, value: str) -> str | None:
        """The first way to finish the field name, operator or status being typed."""
        found = completions(value)
        return found[0] if found else None
