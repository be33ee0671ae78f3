"""The async Fusebill API client: no Textual and no sandbox imports here."""

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
