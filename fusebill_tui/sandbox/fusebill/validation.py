"""What a route does with fields its contract already accepted: enum values in their documented
spelling, integers sent as text read as integers. The checks themselves are in contracts.py."""

from __future__ import annotations

from typing import Any

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")
SALESFORCE_TYPES = ("Company", "Person")


def canonical(value: Any, allowed: tuple[str, ...]) -> Any:
    """An accepted enum value (any case) in its documented spelling; null and "" as sent."""
    if value is None or value == "":
        return value
    return next((option for option in allowed if str(value).lower() == option.lower()), value)


def normalise_customer(body: dict[str, Any]) -> None:
    """The writable fields of an accepted customer object (create or full-replacement update), in place."""
    if "title" in body:
        body["title"] = canonical(body.get("title"), TITLES)
    if "salesforceAccountType" in body:
        body["salesforceAccountType"] = canonical(body.get("salesforceAccountType"), SALESFORCE_TYPES)
    for name in ("parentId", "hubSpotId", "quickBooksId"):
        value = body.get(name)
        if value is not None and not (isinstance(value, int) and not isinstance(value, bool)):
            body[name] = int(str(value).strip())
