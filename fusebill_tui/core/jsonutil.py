"""JSON with exact decimals: money read from or written to the API never passes through float."""

from __future__ import annotations

from typing import Any

import simplejson  # type: ignore[import-untyped]  # no stubs in the pinned test extra


def loads(data: str | bytes) -> Any:
    """Parse JSON, reading every non-integer number as a ``Decimal``."""
    return simplejson.loads(data, use_decimal=True)


def dumps(value: Any) -> str:
    """Serialise to compact JSON, writing ``Decimal`` values as exact JSON numbers."""
    text: str = simplejson.dumps(value, use_decimal=True, separators=(",", ":"), ensure_ascii=False)
    return text
