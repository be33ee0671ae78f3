"""The server's reading of the raw query string and of the ``query`` filter language.

The filter is split on its *unencoded* structural characters first (``;`` between
pairs, the first ``:`` between field and value, ``,`` between set members, ``|``
between range bounds, ``*`` as a wildcard) and only then is each piece
percent-decoded, so ``companyName:a%2Cb`` matches the name "a,b" and ``%2A`` is a
literal asterisk. A raw ``+`` is a space (form encoding); a plus is ``%2B``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from fusebill_tui.sandbox.fusebill.errors import BAD_QUERY, ApiError

EMPTY = "[empty]"


def decode(raw: str) -> str:
    """Percent-decode one piece, a raw ``+`` being a space."""
    try:
        return unquote_to_bytes(raw.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, BAD_QUERY) from exc


def split_params(raw_query: str) -> dict[str, str]:
    """Raw query string -> {lower-cased decoded name: RAW value}; the first occurrence wins."""
    params: dict[str, str] = {}
    for part in raw_query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        params.setdefault(decode(name).lower(), value)
    return params


@dataclass
class Term:
    """One member of a value set: text with wildcards, an ``[empty]`` test, or a range."""

    pieces: list[str] = field(default_factory=list)  # decoded text split at unencoded '*'
    empty: bool = False
    low: str | None = None  # decoded range bounds (range when is_range)
    high: str | None = None
    is_range: bool = False

    @property
    def wildcard(self) -> bool:
        """True when the text held an unencoded ``*``."""
        return len(self.pieces) > 1

    @property
    def text(self) -> str:
        """The decoded text (meaningful when there is no wildcard)."""
        return "*".join(self.pieces)


@dataclass
class Condition:
    """``field:value`` — the record matches when its field matches any of the terms."""

    field: str  # decoded, as sent
    terms: list[Term]


def parse_term(raw: str) -> Term:
    """One raw set member -> Term."""
    if raw.lower() == EMPTY:
        return Term(empty=True)
    if "|" in raw:
        low, _sep, high = raw.partition("|")
        if "|" in high:
            raise ApiError(400, BAD_QUERY)
        return Term(is_range=True, low=decode(low) or None, high=decode(high) or None)
    return Term(pieces=[decode(p) for p in raw.split("*")])


def parse_filter(raw: str) -> list[Condition]:
    """The raw ``query`` value -> conditions, all of which must match. Malformed -> 400."""
    conditions: list[Condition] = []
    for pair in raw.split(";"):
        if not pair.strip():
            continue
        name, sep, value = pair.partition(":")
        name = decode(name).strip()
        if not sep or not name:
            raise ApiError(400, BAD_QUERY)
        members = value.split(",")
        terms = [parse_term(m) for m in members]
        conditions.append(Condition(field=name, terms=terms))
    return conditions
