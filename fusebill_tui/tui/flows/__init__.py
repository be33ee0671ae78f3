"""The changes the customer screen's keys start, one flow object each, carried from the key to the request
and back: n (add a note), delete (delete a note), a (edit the address), x (status actions).

Each refuses visibly in a read-only environment before opening anything; each change runs on the app (so
it outlives its dialog), reloads every screen and says what happened (``change.ChangeFlow``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fusebill_tui.tui.flows.address_edit import EditAddressFlow
from fusebill_tui.tui.flows.note_add import AddNoteFlow
from fusebill_tui.tui.flows.note_delete import DeleteNoteFlow, note_quote
from fusebill_tui.tui.flows.status_actions import StatusActionsFlow

if TYPE_CHECKING:
    from fusebill_tui.tui.app import FusebillApp
    from fusebill_tui.vendors.views import AddressPreferences, Customer, Note, StatusCustomer


def open_note_form(app: FusebillApp, customer: Any) -> None:
    """Key ``n``."""
    AddNoteFlow(app).start(customer)


def confirm_delete_note(app: FusebillApp, customer_id: int, note: Note) -> None:
    """Key ``delete``."""
    DeleteNoteFlow(app).start(customer_id, note)


def open_address_form(app: FusebillApp, customer: Customer, preferences: AddressPreferences | None) -> None:
    """Key ``a``."""
    EditAddressFlow(app).start(customer, preferences)


def open_status_actions(app: FusebillApp, customer: StatusCustomer) -> None:
    """Key ``x``."""
    StatusActionsFlow(app).start(customer)


def start_status_action(app: FusebillApp, customer: StatusCustomer, action_id: str) -> None:
    """One status action's dialog, as if chosen in the menu."""
    StatusActionsFlow(app).begin(customer, action_id)


__all__ = ["confirm_delete_note", "note_quote", "open_address_form", "open_note_form", "open_status_actions",
           "start_status_action"]
