"""Checks on written objects: documented maximum lengths and enumerations."""

from __future__ import annotations

from typing import Any

from .errors import ApiError

CUSTOMER_LIMITS = {
    "firstName": 50, "middleName": 50, "lastName": 50, "companyName": 50, "suffix": 50,
    "primaryEmail": 255, "primaryPhone": 50, "secondaryEmail": 255, "secondaryPhone": 50, "reference": 255,
    "portalUserName": 50, "geotabId": 255,
}
NESTED_LIMITS = {
    "customerReference": {"reference1": 255, "reference2": 255, "reference3": 255},
    "customerAcquisition": {"adContent": 255, "campaign": 255, "keyword": 255, "landingPage": 255,
                            "medium": 255, "source": 255},
}
ADDRESS_LIMITS = {"companyName": 255, "line1": 60, "line2": 60, "city": 50, "postalZip": 10}
ADDRESS_PREFERENCE_LIMITS = {"contactName": 100, "shippingInstructions": 1000}
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")
SALESFORCE_TYPES = ("Company", "Person")


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def check_lengths(obj: dict[str, Any], limits: dict[str, int], prefix: str) -> None:
    """Every limited field present is a string or number no longer than its limit; else 400."""
    for name, limit in limits.items():
        value = obj.get(name)
        if value is None:
            continue
        if isinstance(value, (dict, list, bool)):
            raise ApiError(400, f"The field {_cap(name)} must be a string.", key=f"{prefix}.{_cap(name)}")
        if len(str(value)) > limit:
            raise ApiError(400, f"The field {_cap(name)} must be a string with a maximum length of {limit}.",
                           key=f"{prefix}.{_cap(name)}")


def check_enum(value: Any, allowed: tuple[str, ...], name: str, prefix: str) -> str | None:
    """A value of an enumeration (case-insensitive; null and "" allowed) in its canonical spelling."""
    if value is None or value == "":
        return value
    for option in allowed:
        if str(value).lower() == option.lower():
            return option
    raise ApiError(400, f"Allowable {name} values are: {', '.join(allowed)}", key=f"{prefix}.{_cap(name)}")


def check_customer(body: dict[str, Any]) -> None:
    """Validate the writable fields of a customer object (create or full-replacement update)."""
    check_lengths(body, CUSTOMER_LIMITS, "customer")
    for nested, limits in NESTED_LIMITS.items():
        value = body.get(nested)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise ApiError(400, f"The field {_cap(nested)} must be an object.", key=f"customer.{_cap(nested)}")
        check_lengths(value, limits, f"customer.{_cap(nested)}")
    if "title" in body:
        body["title"] = check_enum(body.get("title"), TITLES, "title", "customer")
    if "salesforceAccountType" in body:
        body["salesforceAccountType"] = check_enum(body.get("salesforceAccountType"), SALESFORCE_TYPES,
                                                   "salesforceAccountType", "customer")
    for name in ("parentId", "hubSpotId", "quickBooksId"):
        value = body.get(name)
        if value is not None and not (isinstance(value, int) and not isinstance(value, bool)):
            try:
                body[name] = int(str(value))
            except ValueError as exc:
                raise ApiError(400, f"The field {_cap(name)} must be an integer.", key=f"customer.{_cap(name)}") from exc
