"""The sandbox's record of every request it received."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fusebill_tui.core import jsonutil


@dataclass
class LoggedRequest:
    """One request as received (path and query undecoded) and the status answered (None: no answer)."""

    method: str
    path: str
    raw_query: str
    headers: dict[str, str]  # lower-cased names
    body: bytes
    status: int | None = None

    def json(self) -> Any:
        """The body parsed as JSON (Decimals for non-integers)."""
        return jsonutil.loads(self.body)
