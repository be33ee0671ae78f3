"""What the customer screen's keys do: open a form or dialog, then run the change on the app.

Each entry point refuses visibly in a read-only environment before opening anything, and
every change goes through ``app.perform`` so it outlives the dialog, reloads every screen
and says what happened.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual.screen import Screen

from fusebill_tui.tui.dialogs.confirm import ConfirmDialog
from fusebill_tui.tui.dialogs.status_actions import (
    StatusActionsMenu,
    actions_for_status,
)
from fusebill_tui.tui.text import clean
from fusebill_tui.vendors.views import AddressPreferences, Customer, Note, StatusCustomer

if TYPE_CHECKING:
    from fusebill_tui.tui.app import FusebillApp
    from fusebill_tui.tui.session import Session

T = TypeVar("T")
NOTE_QUOTE_LENGTH = 120


def _name(customer: Customer) -> str:
    return clean(customer.display_name)


def _who(app: FusebillApp, customer: Any) -> tuple[int, str]:
    """The customer's id and display name, as the environment's backend reads them."""
    identity = app.session.backend.identity(customer)
    return identity.id, identity.display_name


def _close(app: FusebillApp, screen: Screen[Any], result: Any = None) -> None:
    """Dismiss ``screen`` if it is still the one on top (the user may have closed it meanwhile)."""
    if screen is app.screen:
        screen.dismiss(result)


def _reporting_to(form: Any, action: Callable[[Session], Awaitable[T]]) -> Callable[[Session], Awaitable[T]]:
    """Wrap a change so a failure is also shown inside the still-open form (input kept)."""

    async def run(session: Session) -> T:
        try:
            return await action(session)
        except Exception as error:
            form.save_failed(error)
            raise

    return run


# Notes -------------------------------------------------------------------------


def open_note_form(app: FusebillApp, customer: Any) -> None:
    """Key ``n``: type a note; it is added on ctrl+s and the form closes once the server has it."""
    from fusebill_tui.tui.dialogs.note_form import NoteForm

    if app.refuse_if_read_only("Adding a note"):
        return
    customer_id, name = _who(app, customer)

    def submit(form: NoteForm, text: str) -> None:
        app.perform(
            "Adding a note",
            _reporting_to(form, lambda session: session.add_note(customer_id, text)),
            success=f"Note added to {name}",
            then=lambda _note: _close(app, form, text),
        )

    app.push_screen(NoteForm(name, submit))


def note_quote(note: Note, length: int = NOTE_QUOTE_LENGTH) -> str:
    """The start of a note on one line, for a confirmation message."""
    text = " ".join(clean(note.note, multiline=True).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def confirm_delete_note(app: FusebillApp, customer_id: int, note: Note) -> None:
    """Key ``delete``: ask first (Cancel focused), then delete the note."""
    if app.refuse_if_read_only("Deleting a note"):
        return
    message = Text("Delete this note? This cannot be undone.\n\n")
    message.append(f"“{note_quote(note)}”", style="italic")

    def decided(confirmed: bool | None) -> None:
        if confirmed and note.id is not None:
            app.perform(
                "Deleting a note",
                lambda session: session.delete_note(customer_id, note.id),
                success="Note deleted",
            )

    app.push_screen(ConfirmDialog("Delete note", message, confirm_label="Delete note"), decided)


# Addresses ---------------------------------------------------------------------


def open_address_form(app: FusebillApp, customer: Customer, preferences: AddressPreferences | None) -> None:
    """Key ``a``: edit the billing or shipping address and the address preferences."""
    from fusebill_tui.tui.dialogs.address_form import AddressForm

    if app.refuse_if_read_only("Editing the address"):
        return
    app.push_screen(AddressForm(customer, preferences))


# Status actions ----------------------------------------------------------------


def open_status_actions(app: FusebillApp, customer: StatusCustomer) -> None:
    """Key ``x``: offer the actions valid for the customer's status, then the chosen action's dialog."""
    if app.refuse_if_read_only("Changing the customer's status"):
        return
    if not actions_for_status(customer.status):
        app.notify(f"No status action is available for a customer in status {clean(customer.status) or 'unknown'}.",
                   title="Status actions", severity="warning")
        return

    def chosen(action_id: str | None) -> None:
        if action_id is not None:
            start_status_action(app, customer, action_id)

    app.push_screen(StatusActionsMenu(_name(customer), customer.id, customer.status), chosen)


def start_status_action(app: FusebillApp, customer: StatusCustomer, action_id: str) -> None:
    """Open the dialog of one status action; on confirmation run it through ``app.perform``."""
    from fusebill_tui.tui.dialogs.activate_dialog import ActivateDialog, ActivateOptions
    from fusebill_tui.tui.dialogs.cancel_dialog import CancelDialog
    from fusebill_tui.tui.dialogs.unhold_dialog import UnholdDialog

    cid = customer.id
    name = _name(customer)
    label = f"Customer {cid}"

    # The option dialogs stay open while their action runs (closing on success), so a failure is
    # shown in the dialog with the user's choices kept.
    if action_id == "activate":
        def activate(dialog: ActivateDialog, options: ActivateOptions) -> None:
            app.perform("Activating",
                        _reporting_to(dialog, lambda s: s.activate(cid, preview=False, **options.as_kwargs())),
                        success=f"{label} ({name}) is now active", then=lambda _r: _close(app, dialog, options))

        app.push_screen(ActivateDialog(name, cid, customer.currency, on_confirm=activate))
    elif action_id == "hold":
        message = Text(f"Put {name} on hold?\n\n"
                       "Billing stops and every active subscription of this customer is suspended "
                       "until the customer is taken off hold.")

        def hold(confirmed: bool | None) -> None:
            if confirmed:
                app.perform("Putting on hold", lambda s: s.hold(cid), success=f"{label} ({name}) is now on hold")

        app.push_screen(ConfirmDialog("Put on hold", message, confirm_label="Put on hold"), hold)
    elif action_id == "unhold":
        def unhold(dialog: UnholdDialog, option: str) -> None:
            app.perform("Taking off hold", _reporting_to(dialog, lambda s: s.unhold(cid, option, preview=False)),
                        success=f"{label} ({name}) is active again ({option})",
                        then=lambda _r: _close(app, dialog, option))

        app.push_screen(UnholdDialog(name, cid, customer.currency, on_confirm=unhold))
    elif action_id == "cancel":
        def cancel(dialog: CancelDialog, option: str) -> None:
            app.perform("Cancelling", _reporting_to(dialog, lambda s: s.cancel(cid, option)),
                        success=f"{label} ({name}) is now cancelled (option {option})",
                        then=lambda _r: _close(app, dialog, option))

        app.push_screen(CancelDialog(name, cid, on_confirm=cancel))
    elif action_id == "uncancel":
        message = Text(f"Reinstate {name}?\n\nThe cancellation is reversed and the customer becomes Active "
                       "again, with its cancelled subscriptions reactivated.")

        def uncancel(confirmed: bool | None) -> None:
            if confirmed:
                app.perform("Uncancelling", lambda s: s.uncancel(cid), success=f"{label} ({name}) is active again")

        app.push_screen(ConfirmDialog("Uncancel customer", message, confirm_label="Uncancel", destructive=False),
                        uncancel)
    else:
        app.notify(f"Unknown status action: {clean(action_id)}", severity="error")
