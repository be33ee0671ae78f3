"""What a search box entry means, in any vendor's filter language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchPlan:
    """What a search box entry means: a filter to send, or a customer to open directly by id."""

    query: str | None = None
    customer_id: int | None = None
