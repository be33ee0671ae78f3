"""Cancel a customer: the cancellation option with its documented meaning, Cancel focused."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import RadioButton, RadioSet, Static

from fusebill_tui.api.models import CANCELLATION_OPTIONS
from fusebill_tui.tui.dialogs.action_dialog import ActionDialog, option_help

# Meanings as the reference's Cancel Customer section gives them.
CANCELLATION_HELP = {
    "None": "No reversal: the charges are fully earned.",
    "Unearned": "Reverse the unearned revenue (usually partial, per the plan's earning rules).",
    "Full": "Fully reverse all charges for the current period, however much is earned.",
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
                yield RadioButton(option, value=option == DEFAULT_CANCELLATION, id=f"option-{option}")
        yield Static(option_help(CANCELLATION_HELP), classes="option-help")

    def result(self) -> str:
        """The chosen cancellationOption."""
        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None or not pressed.id:
            return DEFAULT_CANCELLATION
        return pressed.id.removeprefix("option-")
