"""Pure helpers of the address form: field values of an address and the minimal set of changes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fusebill_tui.vendors.views import AddressPreferences, Country
from fusebill_tui.vendors.views import EditableAddress as Address

# Text fields of an address as the form shows them (JSON name -> label, limit from models.py).
TEXT_FIELDS = ("companyName", "line1", "line2", "city", "postalZip")
PLACE_FIELDS = ("countryId", "stateId")
PREFERENCE_TEXT_FIELDS = ("contactName", "shippingInstructions")
USE_BILLING = "useBillingAddressAsShippingAddress"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _shown(value: Any) -> str:
    """A server value as the form holds it: exactly as read (the inputs draw any control character safely).

    A field the user leaves alone compares equal, so it is not sent and the server keeps its value;
    an edit changes only what the user typed, never the rest of what was read.
    """
    return _text(value)


def address_values(address: Address | None) -> dict[str, Any]:
    """What the form shows for ``address`` (empty strings and no place when there is none)."""
    if address is None:
        return {**{name: "" for name in TEXT_FIELDS}, "countryId": None, "stateId": None}
    values: dict[str, Any] = {name: _shown(address.raw.get(name)) for name in TEXT_FIELDS}
    values["countryId"] = address.country_id
    values["stateId"] = address.state_id
    return values


def preference_values(preferences: AddressPreferences | None) -> dict[str, Any]:
    """What the form shows for the preferences."""
    if preferences is None:
        return {"contactName": "", "shippingInstructions": "", USE_BILLING: False}
    return {
        "contactName": _shown(preferences.contact_name),
        "shippingInstructions": _shown(preferences.shipping_instructions),
        USE_BILLING: bool(preferences.use_billing_address_as_shipping_address),
    }


def _place_names(countries: list[Country], country_id: int | None, state_id: int | None) -> dict[str, Any]:
    country = next((c for c in countries if c.id == country_id), None)
    state = next((s for s in country.states if s.id == state_id), None) if country else None
    return {"country": country.name if country else None, "state": state.name if state else None}


def address_changes(before: Mapping[str, Any], after: Mapping[str, Any], countries: list[Country]) -> dict[str, Any]:
    """Only the address fields the user changed (a cleared field becomes null).

    A changed country or state sends the whole place (ids and names) so the server
    never combines a new country with an old state name.
    """
    changes: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if _text(after.get(name)) != _text(before.get(name)):
            changes[name] = after.get(name) or None
    if any(after.get(name) != before.get(name) for name in PLACE_FIELDS):
        changes["countryId"] = after.get("countryId")
        changes["stateId"] = after.get("stateId")
        changes.update(_place_names(countries, after.get("countryId"), after.get("stateId")))
    return changes


def new_address_fields(after: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an address to create: everything filled in."""
    fields = {name: after[name] for name in TEXT_FIELDS if after.get(name)}
    for name in PLACE_FIELDS:
        if after.get(name) is not None:
            fields[name] = after[name]
    return fields


def preference_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Only the preference fields the user changed."""
    changes: dict[str, Any] = {}
    for name in PREFERENCE_TEXT_FIELDS:
        if _text(after.get(name)) != _text(before.get(name)):
            changes[name] = after.get(name) or None
    if bool(after.get(USE_BILLING)) != bool(before.get(USE_BILLING)):
        changes[USE_BILLING] = bool(after.get(USE_BILLING))
    return changes


def merge_edits(original: Mapping[str, Any], edited: Mapping[str, Any], fresh: Mapping[str, Any]) -> dict[str, Any]:
    """After a reload: the fields the user edited keep the user's value, the others take the fresh value."""
    return {name: (edited[name] if edited.get(name) != original.get(name) else fresh.get(name)) for name in fresh}
