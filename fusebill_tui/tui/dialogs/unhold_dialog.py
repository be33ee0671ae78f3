"""Take a customer off hold: the service start option (each explained) and a preview of the invoice."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import RadioButton, RadioSet, Static

from fusebill_tui.tui.dialogs.action_dialog import ActionDialog
from fusebill_tui.tui.dialogs.invoice_preview import InvoicePreview
from fusebill_tui.tui.dialogs.previewing import PreviewingMixin
from fusebill_tui.vendors.views import SERVICE_START_OPTIONS

# The reference only says the options decide how "outstanding funds owing" for the time
# on hold are collected; these lines spell out what each name means.
SERVICE_START_HELP = {
    "ChargeForAllMissedPeriods": "bill every period missed while on hold",
    "ChargeForLastMissedPeriods": "bill only the last missed period",
    "NoChargesForMissedPeriods": "bill nothing for the time on hold",
    "ChargeForCurrentFullPeriod": "bill the whole current period now",
}
DEFAULT_SERVICE_START = "NoChargesForMissedPeriods"


class UnholdDialog(PreviewingMixin, ActionDialog[str]):
    """Pick how the hold is charged, see the resulting invoice, then confirm; returns the option."""

    TITLE_TEXT = "Take off hold"
    CONFIRM_LABEL = "Take off hold"
    DESTRUCTIVE = False

    def __init__(self, customer_name: str, customer_id: int | None, currency: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(customer_name, customer_id, **kwargs)
        self.currency = currency

    def compose_body(self) -> ComposeResult:
        """Explanation, the four options each with its meaning, and the preview."""
        yield Static(Text("Back to Active; suspended subscriptions resume. Charge the time on hold:"),
                     classes="explanation")
        with RadioSet(id="service-start", compact=True):
            for option in SERVICE_START_OPTIONS:
                label = Text(option, style="bold")
                label.append(f" — {SERVICE_START_HELP[option]}", style="not bold")
                yield RadioButton(label, value=option == DEFAULT_SERVICE_START, id=option)
        yield InvoicePreview(id="preview")

    def on_mount(self) -> None:
        """Focus Cancel and preview the default option."""
        super().on_mount()
        self._preview()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Another option, another invoice: preview again."""
        event.stop()
        self._preview()

    def _preview(self) -> None:
        option = self.result()
        self.refresh_preview(lambda session: session.unhold(self.required_id(), option, preview=True))

    def can_confirm(self) -> bool:
        """Only once the preview for the chosen option has answered."""
        return self.preview_ready()

    def result(self) -> str:
        """The chosen serviceStartOption."""
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id if pressed is not None and pressed.id else DEFAULT_SERVICE_START
