"""Mixin for action dialogs that show a preview (preview=true) of the invoices the action would create."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import ModalScreen
from textual.widgets import Button

from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.dialogs.invoice_preview import InvoicePreview
from fusebill_tui.tui.errors import describe
from fusebill_tui.tui.session import Session
from fusebill_tui.vendors.views import ActionResult

PreviewCall = Callable[[Session], Awaitable[ActionResult]]

# The mixin is only ever mixed into a dialog (a ModalScreen); the checker sees it as one. At run time it
# stays a plain class: as a Screen subclass of its own it would change the dialogs' class hierarchy.
if TYPE_CHECKING:
    _DialogBase = ModalScreen[Any]
else:
    _DialogBase = object


class PreviewingMixin(_DialogBase):
    """Loads a preview into the dialog's InvoicePreview; the confirm button waits for it."""

    currency: str | None = None

    def refresh_preview(self, call: PreviewCall) -> None:
        """Ask for a new preview (a newer request replaces an older one)."""
        preview = self.query_one(InvoicePreview)
        preview.show_loading()
        self.query_one("#confirm", Button).disabled = True
        self._load_preview(call)

    @work(exclusive=True, group="preview", exit_on_error=False)
    async def _load_preview(self, call: PreviewCall) -> None:
        app = fusebill_app(self)
        preview = self.query_one(InvoicePreview)
        try:
            result = await call(app.session)
        except Exception as error:  # shown in the dialog; the action itself stays possible
            preview.show_error(describe(error, secret=app.secrets()))
        else:
            preview.show_result(result, self.currency)
        self.query_one("#confirm", Button).disabled = False

    def preview_ready(self) -> bool:
        """True once the preview has answered (shown or failed)."""
        preview = self.query_one(InvoicePreview)
        return bool(preview.loaded or preview.failed)
