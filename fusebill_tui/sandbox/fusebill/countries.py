"""GET /Countries data: countries with their states (ids as in the reference's examples)."""

from __future__ import annotations

from typing import Any

_CA = ("Alberta:AB", "British Columbia:BC", "Manitoba:MB", "New Brunswick:NB", "Newfoundland and Labrador:NL",
       "Northwest Territories:NT", "Nova Scotia:NS", "Nunavut:NU", "Ontario:ON", "Prince Edward Island:PE",
       "Quebec:QC", "Saskatchewan:SK", "Yukon:YT")
_US = ("Alaska:AK", "Alabama:AL", "Arizona:AZ", "Arkansas:AR", "California:CA", "Colorado:CO", "Connecticut:CT",
       "Delaware:DE", "District of Columbia:DC", "Florida:FL", "Georgia:GA", "Hawaii:HI", "Idaho:ID", "Illinois:IL",
       "Indiana:IN", "Iowa:IA", "Kansas:KS", "Kentucky:KY", "Louisiana:LA", "Maine:ME", "Maryland:MD",
       "Massachusetts:MA", "Michigan:MI", "Minnesota:MN", "Mississippi:MS", "Missouri:MO", "Montana:MT",
       "Nebraska:NE", "Nevada:NV", "New Hampshire:NH", "New Jersey:NJ", "New Mexico:NM", "New York:NY",
       "North Carolina:NC", "North Dakota:ND", "Ohio:OH", "Oklahoma:OK", "Oregon:OR", "Pennsylvania:PA",
       "Rhode Island:RI", "South Carolina:SC", "South Dakota:SD", "Tennessee:TN", "Texas:TX", "Utah:UT",
       "Vermont:VT", "Virginia:VA", "Washington:WA", "West Virginia:WV", "Wisconsin:WI", "Wyoming:WY",
       "Puerto Rico:PR", "Guam:GU", "U.S. Virgin Islands:VI")
_US_MILITARY = ((100, "AA"), (101, "AE"), (102, "AP"))


def _states(country_iso: str, entries: tuple[str, ...], first_id: int) -> list[dict[str, Any]]:
    out = []
    for offset, entry in enumerate(entries):
        name, code = entry.split(":")
        out.append({"id": first_id + offset, "name": name, "subdivisionIsoCode": code,
                    "combinedIsoCode": f"{country_iso}-{code}"})
    return out


def build_countries() -> list[dict[str, Any]]:
    """Every country the sandbox knows, with states for the US and Canada (Canada 124, US 840)."""
    us_states = [{"id": i, "name": code, "subdivisionIsoCode": code, "combinedIsoCode": f"US-{code}"}
                 for i, code in _US_MILITARY] + _states("US", _US, 14)
    us_states.sort(key=lambda s: s["name"])
    return [
        {"id": 840, "name": "United States", "iso": "US", "iso3": "USA", "states": us_states},
        {"id": 124, "name": "Canada", "iso": "CA", "iso3": "CAN", "states": _states("CA", _CA, 1)},
        {"id": 826, "name": "United Kingdom", "iso": "GB", "iso3": "GBR", "states": []},
        {"id": 276, "name": "Germany", "iso": "DE", "iso3": "DEU", "states": []},
        {"id": 250, "name": "France", "iso": "FR", "iso3": "FRA", "states": []},
        {"id": 36, "name": "Australia", "iso": "AU", "iso3": "AUS", "states": []},
        {"id": 392, "name": "Japan", "iso": "JP", "iso3": "JPN", "states": []},
        {"id": 484, "name": "Mexico", "iso": "MX", "iso3": "MEX", "states": []},
    ]


COUNTRIES = build_countries()
COUNTRY_BY_ID = {c["id"]: c for c in COUNTRIES}


def find_country(value: object) -> dict[str, Any] | None:
    """A country by id, ISO code (2 or 3 letters) or name."""
    text = str(value).strip().lower()
    for country in COUNTRIES:
        if text in (str(country["id"]), country["iso"].lower(), country["iso3"].lower(), country["name"].lower()):
            return country
    return None


def find_state(country: dict[str, Any], value: object) -> dict[str, Any] | None:
    """A state of a country by id, code or name."""
    text = str(value).strip().lower()
    states: list[dict[str, Any]] = country["states"]
    for state in states:
        if text in (str(state["id"]), state["subdivisionIsoCode"].lower(), state["name"].lower(),
                    state["combinedIsoCode"].lower()):
            return state
    return None
