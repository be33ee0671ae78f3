"""The ChargeOver sandbox's state: the generated records, and notes (the one thing that can be added)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fusebill_tui.sandbox.chargeover.dataset import generate, stamp

FIRST_NEW_NOTE_ID = 10_000_001


class Store:
    """Customers and invoices (read-only) and notes (listed and added) of one sandbox, in the current keys."""

    def __init__(self, customers: int, seed: int, clock: Callable[[], datetime]) -> None:
        data = generate(customers, seed)
        self.clock = clock
        self.customers: list[dict[str, Any]] = list(data.customers)
        self.customers_by_id = {c["customer_id"]: c for c in self.customers}
        self.invoices: list[dict[str, Any]] = list(data.invoices)
        self.invoices_by_id = {i["invoice_id"]: i for i in self.invoices}
        self.notes: list[dict[str, Any]] = [dict(note) for note in data.notes]
        self._next_note_id = FIRST_NEW_NOTE_ID

    def add_note(self, customer_id: int, text: str) -> dict[str, Any]:
        """Store a new note on a customer (written by the API's admin, #1) and return it."""
        note = {"note_id": self._next_note_id, "user_id": None, "admin_id": 1, "note_is_pinned": False,
                "note_datetime": stamp(self.clock().replace(tzinfo=None)), "note": text,
                "context_str": "customer", "context_id": customer_id}
        self._next_note_id += 1
        self.notes.append(note)
        return note
