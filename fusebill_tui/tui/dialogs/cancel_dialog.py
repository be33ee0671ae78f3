"""Cancel a customer: the cancellation option with its documented meaning, Cancel focused."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import RadioButton, RadioSet, Static

from fusebill_tui.tui.dialogs.action_dialog import ActionDialog
from fusebill_tui.vendors.views import CANCELLATION_OPTIONS

# Meanings in the reference's words, short enough to sit beside each option at 80 columns.
CANCELLATION_HELP = {
    "None": "earn all charges: nothing is reversed",
    "Unearned": "reverse the unearned amounts (usually partial)",
    "Full": "reverse all charges of the period fully",
}
DEFAULT_CANCELLATION = "None"


class CancelDialog(ActionDialog[str]):
    """Choose how the subscriptions' charges are reversed, then confirm; returns the option."""

    TITLE_TEXT = "Cancel customer"
    CONFIRM_LABEL = "Cancel customer"
    DISMISS_LABEL = "Don't cancel"
    DESTRUCTIVE = True

    def compose_body(self) -> ComposeResult:
        """Explanation and the three options, each with its meaning."""
        yield Static(Text("The customer and all of its subscriptions are cancelled; the same option applies "
                          "to every subscription. It can be reversed later with uncancel."),
                     classes="explanation")
        with RadioSet(id="cancellation-option", compact=True):
            for option in CANCELLATION_OPTIONS:
                # Each option says what it means beside it, as the unhold dialog's do.
                label = Text(option, style="bold")
                label.append(f" — {CANCELLATION_HELP[option]}", style="not bold")
                yield RadioButton(label, value=option == DEFAULT_CANCELLATION, id=f"option-{option}")

    def result(self) -> str:
        """The chosen cancellationOption."""
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None or not pressed.id:
            return DEFAULT_CANCELLATION
        return pressed.id.removeprefix("option-")
