"""Settings of one ChargeOver sandbox instance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fusebill_tui.sandbox_defaults import CHARGEOVER_PRIVATE_KEY, CHARGEOVER_PUBLIC_KEY


@dataclass
class ChargeOverSettings:
    """How big the generated account is, which key pair it accepts, and its request limits."""

    customers: int = 3000
    seed: int = 11
    public_key: str = CHARGEOVER_PUBLIC_KEY
    private_key: str = CHARGEOVER_PRIVATE_KEY
    #: Requests allowed per UTC minute and per UTC day (the Fusebill sandbox's defaults: a demo never meets them).
    per_minute: int = 1000
    per_day: int = 180000
    latency: float = 0.0
    #: Returns the current UTC time (stamps new notes); tests inject a manual clock.
    clock: Callable[[], datetime] | None = None
    #: Seconds a socket-served "timeout" or "stall" fault holds the connection.
    stall_seconds: float = 120.0
    #: Act as an older server whose notes are keyed ``obj_type`` / ``obj_id`` (ChargeOver's PHP example,
    #: docs/example_find_notes.php) and which refuses ``context_str`` / ``context_id`` with a 400.
    legacy_note_keys: bool = False
    #: Answer every id as a numeric string (``"invoice_id": "2688"``, as in ChargeOver's own invoice
    #: example), the id of a created note included.
    string_ids: bool = False
    #: How ``POST /note`` answers once the note is stored: ``"id"`` (the documented ``{"id": N}``),
    #: ``"null"`` (a 201 whose body is JSON ``null``) or ``"no-id"`` (an envelope whose response is null).
    created_note_answer: str = "id"
