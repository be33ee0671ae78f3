"""What every change flow shares: refuse in a read-only environment, run the change on the app, report.

A change runs as a worker of the app, not of its dialog, so it outlives the dialog that asked for it. On
failure the still-open form (if any) shows why with the user's input kept, and a notification says it; on
success the notification names what was done, ``then`` runs (usually closing the form), and every screen
reloads.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.screen import Screen

from fusebill_tui.tui.errors import answer_lost, change_failure

if TYPE_CHECKING:
    from fusebill_tui.tui.app import FusebillApp
    from fusebill_tui.tui.session import Session

T = TypeVar("T")
Action = Callable[["Session"], Awaitable[T]]


class ReportsFailure(Protocol):
    """A form that stays open while its change runs and shows the failure itself."""

    def save_failed(self, error: BaseException) -> None: ...


class ChangeFlow:
    """One change carried from its key to the request and back."""

    def __init__(self, app: FusebillApp) -> None:
        self.app = app

    def refused(self, what: str) -> bool:
        """Say so and return True when ``what`` may not be done in this environment."""
        return self.app.refuse_if_read_only(what)

    def send(
        self,
        what: str,
        action: Action[T],
        *,
        success: str | Callable[[T], str],
        form: ReportsFailure | None = None,
        then: Callable[[T], Any] | None = None,
    ) -> None:
        """Run ``action`` on the app's session (refused first when read-only), then report and refresh."""
        if self.refused(what):
            return
        self.app.run_worker(self._send(what, action, success, form, then), name="change", group="changes",
                            exit_on_error=False)

    async def _send(
        self,
        what: str,
        action: Action[T],
        success: str | Callable[[T], str],
        form: ReportsFailure | None,
        then: Callable[[T], Any] | None,
    ) -> None:
        app = self.app
        session = app.session
        try:
            result = await action(session)
        except Exception as error:  # every failure is shown, none kills the app
            if form is not None:
                form.save_failed(error)  # shown inside the still-open form, input kept
            if answer_lost(error):  # never say "failed" when it may have been done
                app.notify(change_failure(what, error, secret=app.secrets()), title=f"{what}: result unknown",
                           severity="error", timeout=10)
            else:
                app.report_error(error, title=f"{what} failed")
            app.refresh_screens()
            return
        if session is not app.session:
            return
        message = success(result) if callable(success) else success
        app.notify(message, title=what)
        if then is not None:
            then(result)
        app.refresh_screens()

    def close(self, screen: Screen[Any], result: Any = None) -> None:
        """Dismiss ``screen`` if it is still the one on top (the user may have closed it meanwhile)."""
        if screen is self.app.screen:
            screen.dismiss(result)
