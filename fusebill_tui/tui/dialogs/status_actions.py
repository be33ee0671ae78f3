"""Which status actions a customer's status allows, and the menu that offers exactly those."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from fusebill_tui.tui.text import clean


@dataclass(frozen=True)
class StatusAction:
    """One status action: its id, menu label and a one-line explanation."""

    id: str
    label: str
    explanation: str


ACTIVATE = StatusAction("activate", "Activate", "Make this draft customer active and bill its first invoice.")
HOLD = StatusAction("hold", "Put on hold", "Stop billing; the customer's subscriptions are suspended.")
UNHOLD = StatusAction("unhold", "Take off hold", "Resume billing; choose how the time on hold is charged.")
CANCEL = StatusAction("cancel", "Cancel customer", "Cancel the customer and all of its subscriptions.")
UNCANCEL = StatusAction("uncancel", "Reinstate (uncancel)", "Reverse the cancellation; the customer becomes active.")

# The reference: activate needs Draft, hold needs Active, un-hold needs Hold, cancel works in
# "any non-cancelled status", uncancel needs Cancelled. Suspended has no action of its own.
_BY_STATUS: dict[str, tuple[StatusAction, ...]] = {
    "Draft": (ACTIVATE, CANCEL),
    "Active": (HOLD, CANCEL),
    "Hold": (UNHOLD, CANCEL),
    "Suspended": (CANCEL,),
    "Cancelled": (UNCANCEL,),
}


def actions_for_status(status: str | None) -> tuple[StatusAction, ...]:
    """The actions valid for a customer in ``status`` (none for an unknown status)."""
    return _BY_STATUS.get(status or "", ())


class StatusActionsMenu(ModalScreen[str | None]):
    """Pick one of the actions valid for the customer's status; returns its id (None: cancelled)."""

    CSS_PATH = "status_actions.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", id="dialog.cancel", tooltip="Close without doing anything"),
    ]

    def __init__(self, customer_name: str, customer_id: int | None, status: str | None) -> None:
        super().__init__()
        self.customer_name = customer_name
        self.customer_id = customer_id
        self.status = status
        self.actions = actions_for_status(status)

    def compose(self) -> ComposeResult:
        """Title, current status, and one option per valid action."""
        with Vertical(id="status-box"):
            yield Static(Text(f"Status actions · {clean(self.customer_name)} (#{self.customer_id})"),
                         id="status-title")
            yield Static(Text(f"Current status: {clean(self.status) or 'unknown'}"), id="status-current")
            if self.actions:
                options = []
                for action in self.actions:
                    prompt = Text(action.label, style="bold")
                    prompt.append("\n")
                    prompt.append(action.explanation, style="dim")
                    options.append(Option(prompt, id=action.id))
                yield OptionList(*options, id="status-options")
            else:
                yield Static(Text("No status action is available for this status."), id="status-none")
            yield Static("enter choose · esc close", classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the list (choosing still needs Enter on an action, then a confirmation)."""
        if self.actions:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the chosen action's id."""
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
