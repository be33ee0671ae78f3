"""What a search box entry means, in any vendor's filter language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchPlan:
    """What a search box entry means: a filter to send, or a customer to open directly by id."""

    query: str | None = None
    customer_id: int | None = None


def describe_search(text: str, plain_field: str, *, wildcards: str = "") -> str:
    """What an applied filter means, in words: a ``field:...`` filter as written, else what plain text searches.

    ``plain_field`` names what plain text searches (an ``@`` makes it the email); ``wildcards`` are
    characters the user may have typed around it that the words leave out.
    """
    stripped = text.strip()
    if ":" in stripped:
        return f"filter: {stripped}"
    field = "email" if "@" in stripped else plain_field
    return f"{field} contains “{stripped.strip(wildcards)}”"
