"""Mixin for action dialogs that show a preview (preview=true) of the invoices the action would create."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import work
from textual.widgets import Button

from fusebill_tui.tui.dialogs.invoice_preview import InvoicePreview
from fusebill_tui.tui.errors import describe
from fusebill_tui.tui.session import Session
from fusebill_tui.vendors.views import ActionResult

PreviewCall = Callable[[Session], Awaitable[ActionResult]]


class PreviewingMixin:
    """Loads a preview into the dialog's InvoicePreview; the confirm button waits for it."""

    currency: str | None = None

    def refresh_preview(self, call: PreviewCall) -> None:
        """Ask for a new preview (a newer request replaces an older one)."""
        preview = self.query_one(InvoicePreview)  # type: ignore[attr-defined]
        preview.show_loading()
        self.query_one("#confirm", Button).disabled = True  # type: ignore[attr-defined]
        self._load_preview(call)

    @work(exclusive=True, group="preview", exit_on_error=False)
    async def _load_preview(self, call: PreviewCall) -> None:
        app = self.app  # type: ignore[attr-defined]
        preview = self.query_one(InvoicePreview)  # type: ignore[attr-defined]
        try:
            result = await call(app.session)
        except Exception as error:  # shown in the dialog; the action itself stays possible
            preview.show_error(describe(error, secret=app._secret()))
        else:
            preview.show_result(result, self.currency)
        self.query_one("#confirm", Button).disabled = False  # type: ignore[attr-defined]

    def preview_ready(self) -> bool:
        """True once the preview has answered (shown or failed)."""
        preview = self.query_one(InvoicePreview)  # type: ignore[attr-defined]
        return preview.loaded or preview.failed
