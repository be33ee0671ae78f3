"""Filter the collections worklist: a currency, a minimum balance, suspends within N days."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from fusebill_tui.tui.text import clean
from fusebill_tui.tui.widgets.safe_text import ControlsRemoved, SafeInput
from fusebill_tui.vendors.worklist import WorklistFilter


def parse_filter(currency: str, min_balance: str, within_days: str) -> tuple[WorklistFilter | None, dict[str, str]]:
    """The filter typed, or the error of each field that cannot be read."""
    errors: dict[str, str] = {}
    code = currency.strip().upper() or None
    if code is not None and not (len(code) == 3 and code.isalpha() and code.isascii()):
        errors["currency"] = "A currency is three letters, e.g. USD."
    amount: Decimal | None = None
    if min_balance.strip():
        try:
            amount = Decimal(min_balance.strip().replace(",", ""))
        except InvalidOperation:
            errors["min-balance"] = "A minimum balance is a number, e.g. 500 or 1,250.50."
        else:
            if not amount.is_finite() or amount < 0:
                errors["min-balance"] = "A minimum balance is a number of zero or more."
    days: int | None = None
    if within_days.strip():
        text = within_days.strip()
        if not (text.isdigit() and text.isascii()):
            errors["within-days"] = "Days are a whole number of zero or more, e.g. 7."
        else:
            days = int(text)
    if errors:
        return None, errors
    return WorklistFilter(code, amount, days), errors


class WorklistFilterDialog(ModalScreen[WorklistFilter | None]):
    """Currency, minimum balance, suspends within N days; empty fields leave that out."""

    CSS_PATH = "worklist_filter.tcss"

    BINDINGS = [
        Binding("ctrl+s", "submit", "Apply", id="dialog.submit", tooltip="Apply the filter"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without changing the filter"),
    ]

    def __init__(self, current: WorklistFilter, currencies: Sequence[str], *, with_days: bool = True) -> None:
        super().__init__()
        self.current = current
        self.currencies = list(currencies)
        #: False for a billing system that tells no days until suspension: no field for them.
        self.with_days = with_days

    def compose(self) -> ComposeResult:
        """Three fields and the buttons."""
        current = self.current
        with Vertical():
            yield Label(Text("Filter the worklist", style="bold"))
            yield Static(Text("Applies to what has been read; empty fields keep every row.", style="dim"))
            seen = ", ".join(self.currencies) if self.currencies else "none read yet"
            yield Label(f"Currency ({clean(seen)})")
            yield SafeInput(current.currency or "", placeholder="e.g. USD", id="currency", max_length=3)
            yield Static("", id="currency-error", classes="field-error")
            yield Label("Minimum balance")
            yield SafeInput("" if current.min_balance is None else str(current.min_balance),
                            placeholder="e.g. 500", id="min-balance", max_length=20)
            yield Static("", id="min-balance-error", classes="field-error")
            if self.with_days:
                yield Label("Suspends within (days)")
                yield SafeInput("" if current.within_days is None else str(current.within_days),
                                placeholder="e.g. 7", id="within-days", max_length=5)
                yield Static("", id="within-days-error", classes="field-error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Apply", id="apply", variant="primary")

    def on_mount(self) -> None:
        """Start with the currency."""
        self.query_one("#currency", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field applies."""
        event.stop()
        self.action_submit()

    def on_controls_removed(self, event: ControlsRemoved) -> None:
        """Say, beside the field, that control characters were left out."""
        event.stop()
        if event.widget.id:
            self._error(event.widget.id, event.text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Apply or cancel."""
        event.stop()
        if event.button.id == "apply":
            self.action_submit()
        else:
            self.action_cancel()

    def _error(self, field: str, message: str) -> None:
        self.query_one(f"#{field}-error", Static).update(Text(message))

    def action_submit(self) -> None:
        """Check the fields; apply when all can be read, else say what is wrong beside each (nothing lost)."""
        fields = ("currency", "min-balance", "within-days") if self.with_days else ("currency", "min-balance")
        values = {name: self.query_one(f"#{name}", Input).value for name in fields}
        worklist_filter, errors = parse_filter(values["currency"], values["min-balance"], values.get("within-days", ""))
        for name in values:
            self._error(name, errors.get(name, ""))
        if worklist_filter is not None:
            self.dismiss(worklist_filter)

    def action_cancel(self) -> None:
        """Close without changing the filter."""
        self.dismiss(None)
