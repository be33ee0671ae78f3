"""The async Fusebill API client: no Textual and no sandbox imports here.

The names below load on first use, so reading ``vendor.py`` (as the config does at start-up) imports neither
httpx nor pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fusebill_tui.core.lazy import lazy_getattr

if TYPE_CHECKING:
    from fusebill_tui.core import errors
    from fusebill_tui.core.paging import Page
    from fusebill_tui.vendors.fusebill import models
    from fusebill_tui.vendors.fusebill.client import FusebillClient, audit_source
    from fusebill_tui.vendors.fusebill.query import (
        Query,
        SearchPlan,
        parse_query,
        plain_search,
        sort_field,
        validate_query,
    )

_WHERE = {
    "errors": "fusebill_tui.core.errors",
    "Page": "fusebill_tui.core.paging",
    "models": "fusebill_tui.vendors.fusebill.models",
    "FusebillClient": "fusebill_tui.vendors.fusebill.client",
    "audit_source": "fusebill_tui.vendors.fusebill.client",
    **{name: "fusebill_tui.vendors.fusebill.query"
       for name in ("Query", "SearchPlan", "parse_query", "plain_search", "sort_field", "validate_query")},
}

__all__ = [
    "FusebillClient",
    "Page",
    "Query",
    "SearchPlan",
    "audit_source",
    "errors",
    "models",
    "parse_query",
    "plain_search",
    "sort_field",
    "validate_query",
]


__getattr__ = lazy_getattr(__name__, _WHERE)
