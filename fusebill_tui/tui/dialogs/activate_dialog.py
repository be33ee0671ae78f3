"""Activate a draft customer: the documented options and a preview of the first invoice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Checkbox, Static

from fusebill_tui.tui.dialogs.action_dialog import ActionDialog
from fusebill_tui.tui.dialogs.invoice_preview import InvoicePreview
from fusebill_tui.tui.dialogs.previewing import PreviewingMixin


@dataclass(frozen=True)
class ActivateOptions:
    """The activation options the reference documents (all required unless previewing)."""

    activate_all_subscriptions: bool = True
    activate_all_draft_purchases: bool = True
    temporarily_disable_auto_post: bool = False

    def as_kwargs(self) -> dict[str, bool]:
        """Keyword arguments for ``Session.activate``."""
        return {
            "activate_all_subscriptions": self.activate_all_subscriptions,
            "activate_all_draft_purchases": self.activate_all_draft_purchases,
            "temporarily_disable_auto_post": self.temporarily_disable_auto_post,
        }


class ActivateDialog(PreviewingMixin, ActionDialog[ActivateOptions]):
    """Choose the activation options, see the resulting invoice, then confirm."""

    TITLE_TEXT = "Activate customer"
    CONFIRM_LABEL = "Activate"
    DESTRUCTIVE = False

    def __init__(self, customer_name: str, customer_id: int | None, currency: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(customer_name, customer_id, **kwargs)
        self.currency = currency

    def compose_body(self) -> ComposeResult:
        """Explanation, the three options, and the preview."""
        yield Static(Text("The customer leaves Draft and becomes Active; an invoice is created as previewed below."),
                      classes="explanation")
        # Compact, one line each, like the address form's checkbox: the preview stays in view at 80x24.
        yield Checkbox("Activate all draft subscriptions", True, id="all-subscriptions", compact=True)
        yield Checkbox("Activate all draft purchases", True, id="all-purchases", compact=True)
        yield Checkbox("Temporarily disable auto-post (the invoice stays a draft)", False, id="no-auto-post",
                       compact=True)
        yield InvoicePreview(id="preview")

    def on_mount(self) -> None:
        """Focus Cancel and load the preview."""
        super().on_mount()
        self._preview()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """The options change the invoice: preview again."""
        event.stop()
        self._preview()

    def _preview(self) -> None:
        options = self.result()
        self.refresh_preview(lambda session: session.activate(self.required_id(), preview=True, **options.as_kwargs()))

    def can_confirm(self) -> bool:
        """Only once the preview has answered."""
        return self.preview_ready()

    def result(self) -> ActivateOptions:
        """The options as ticked."""
        return ActivateOptions(
            self.query_one("#all-subscriptions", Checkbox).value,
            self.query_one("#all-purchases", Checkbox).value,
            self.query_one("#no-auto-post", Checkbox).value,
        )


__all__ = ["ActivateDialog", "ActivateOptions", "InvoicePreview"]
