"""Key ``x``: the status actions valid for the customer's status, then the chosen action's dialog.

Activate, unhold and cancel have option dialogs (activate and unhold with a preview of the invoice the
action would create); these stay open while their action runs, closing on success, so a failure is
shown in the dialog with the user's choices kept. Hold and uncancel ask a plain confirmation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from fusebill_tui.tui.dialogs.activate_dialog import ActivateDialog, ActivateOptions
from fusebill_tui.tui.dialogs.cancel_dialog import CancelDialog
from fusebill_tui.tui.dialogs.confirm import ConfirmDialog
from fusebill_tui.tui.dialogs.status_actions import StatusActionsMenu, actions_for_status
from fusebill_tui.tui.dialogs.unhold_dialog import UnholdDialog
from fusebill_tui.tui.flows.change import ChangeFlow
from fusebill_tui.tui.text import clean

if TYPE_CHECKING:
    from fusebill_tui.vendors.views import StatusCustomer

WHAT = "Changing the customer's status"


class StatusActionsFlow(ChangeFlow):
    """The menu, one action's dialog, its request, and back."""

    def start(self, customer: StatusCustomer) -> None:
        """Offer the actions valid for the customer's status (refused visibly first when read-only)."""
        if self.refused(WHAT):
            return
        if not actions_for_status(customer.status):
            self.app.notify(f"No status action is available for a customer in status "
                            f"{clean(customer.status) or 'unknown'}.", title="Status actions", severity="warning")
            return
        self.customer = customer
        self.app.push_screen(StatusActionsMenu(clean(customer.display_name), customer.id, customer.status),
                             self.chosen)

    def chosen(self, action_id: str | None) -> None:
        """The menu closed: open the chosen action's dialog (nothing when it was dismissed)."""
        if action_id is not None:
            self.begin(self.customer, action_id)

    def begin(self, customer: StatusCustomer, action_id: str) -> None:
        """Open the dialog of one status action."""
        self.customer = customer
        self.cid = customer.id
        self.name = clean(customer.display_name)
        self.label = f"Customer {self.cid} ({self.name})"
        opener = {"activate": self.ask_activate, "hold": self.ask_hold, "unhold": self.ask_unhold,
                  "cancel": self.ask_cancel, "uncancel": self.ask_uncancel}.get(action_id)
        if opener is None:
            self.app.notify(f"Unknown status action: {clean(action_id)}", severity="error")
            return
        opener()

    def _required_id(self) -> int:
        """The customer's id, for a request (a customer without one is refused, inside the change)."""
        if self.cid is None:
            raise ValueError("This customer has no id.")
        return self.cid

    # Activate ------------------------------------------------------------------

    def ask_activate(self) -> None:
        self.app.push_screen(ActivateDialog(self.name, self.cid, self.customer.currency, on_confirm=self.activate))

    def activate(self, dialog: ActivateDialog, options: ActivateOptions) -> None:
        self.send("Activating", lambda s: s.activate(self._required_id(), preview=False, **options.as_kwargs()),
                  form=dialog,
                  success=f"{self.label} is now active", then=lambda _r: self.close(dialog, options))

    # Hold / unhold -------------------------------------------------------------

    def ask_hold(self) -> None:
        message = Text(f"Put {self.name} on hold?\n\n"
                       "Billing stops and every active subscription of this customer is suspended "
                       "until the customer is taken off hold.")
        self.app.push_screen(ConfirmDialog("Put on hold", message, confirm_label="Put on hold"), self.hold)

    def hold(self, confirmed: bool | None) -> None:
        if confirmed:
            self.send("Putting on hold", lambda s: s.hold(self._required_id()), success=f"{self.label} is now on hold")

    def ask_unhold(self) -> None:
        self.app.push_screen(UnholdDialog(self.name, self.cid, self.customer.currency, on_confirm=self.unhold))

    def unhold(self, dialog: UnholdDialog, option: str) -> None:
        self.send("Taking off hold", lambda s: s.unhold(self._required_id(), option, preview=False), form=dialog,
                  success=f"{self.label} is active again ({option})", then=lambda _r: self.close(dialog, option))

    # Cancel / uncancel ---------------------------------------------------------

    def ask_cancel(self) -> None:
        self.app.push_screen(CancelDialog(self.name, self.cid, on_confirm=self.cancel))

    def cancel(self, dialog: CancelDialog, option: str) -> None:
        self.send("Cancelling", lambda s: s.cancel(self._required_id(), option), form=dialog,
                  success=f"{self.label} is now cancelled (option {option})",
                  then=lambda _r: self.close(dialog, option))

    def ask_uncancel(self) -> None:
        message = Text(f"Reinstate {self.name}?\n\nThe cancellation is reversed and the customer becomes Active "
                       "again, with its cancelled subscriptions reactivated.")
        self.app.push_screen(ConfirmDialog("Uncancel customer", message, confirm_label="Uncancel", destructive=False),
                             self.uncancel)

    def uncancel(self, confirmed: bool | None) -> None:
        if confirmed:
            self.send("Uncancelling", lambda s: s.uncancel(self._required_id()),
                      success=f"{self.label} is active again")
