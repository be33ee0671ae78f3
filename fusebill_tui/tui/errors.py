"""Turning any failure into words a user understands, without ever showing the API key."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from textual.worker import Worker, WorkerState

from fusebill_tui.core.errors import (
    MAY_HAVE_BEEN_DONE,
    FusebillError,
    MalformedResponse,
    NetworkError,
    RateLimited,
)

SECRET_FIELDS = ("api_key", "private_key", "public_key")


def secrets_of(environment: Any) -> tuple[str, ...]:
    """Every key an environment holds (Fusebill's API key, ChargeOver's key pair), to scrub from messages."""
    return tuple(value for name in SECRET_FIELDS if (value := getattr(environment, name, None)))


def describe(error: BaseException, *, secret: str | Sequence[str] | None = None, zone: tzinfo | None = None) -> str:
    """A one-paragraph, plain-words description of ``error`` (the secret or secrets scrubbed out).

    A time in it (when to try again after a 429) is shown in ``zone``, the local zone when None.
    """
    if isinstance(error, RateLimited):
        text = error.message_in(zone)
    elif isinstance(error, FusebillError):
        text = error.user_message
    else:
        detail = str(error).strip()
        text = f"Unexpected error ({type(error).__name__})" + (f": {detail}" if detail else "")
    for value in (secret,) if isinstance(secret, str) else (secret or ()):
        if value:
            text = text.replace(value, "••••")
    return text


def answer_lost(error: BaseException) -> bool:
    """Whether a change may have been made although no readable answer came back (dropped, timed out, garbled)."""
    return isinstance(error, (NetworkError, MalformedResponse))


def change_failure(not_done: str, error: BaseException, *, secret: str | Sequence[str] | None = None) -> str:
    """What to say when a change failed: '{not_done}: why', unless the answer was lost and it may have been made."""
    why = describe(error, secret=secret)
    if answer_lost(error):
        if why.endswith(MAY_HAVE_BEEN_DONE):  # the client already says so
            return why
        return f"No readable answer came back, so it may have been done anyway: check before trying again. ({why})"
    return f"{not_done}: {why}"


class WorkerErrorsToNotifications:
    """Mixin for widgets and screens: any worker that fails is reported as a notification."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report a failed worker (unless the worker handled its own error)."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report = getattr(getattr(self, "app", None), "report_error", None)
            if report is not None:
                report(event.worker.error)
