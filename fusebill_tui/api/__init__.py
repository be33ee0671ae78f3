"""The async Fusebill API client: no Textual and no sandbox imports here."""

from . import errors, models
from .client import FusebillClient, audit_source
from .paging import Page
from .query import Query, SearchPlan, parse_query, plain_search, sort_field, validate_query

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
