"""One error hierarchy for everything the client can raise, each with a message a user understands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo


@dataclass(frozen=True)
class ErrorWording:
    """How a vendor's errors name it: its label, what its keys are called, whether a 401 says the server's words.

    Each vendor's client passes its own; the default reads like any billing server.
    """

    label: str = "billing"
    auth_advice: str = "check the API key and which environment you are using."
    auth_shows_server: bool = False


PLAIN_WORDING = ErrorWording()


class FusebillError(Exception):
    """Base of every error the client raises; ``user_message`` is safe to show on screen."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class ApiError(FusebillError):
    """The server answered with an error status; ``errors`` are its (Key, Value) pairs."""

    def __init__(
        self,
        status: int,
        errors: Sequence[tuple[str, str]] = (),
        user_message: str | None = None,
        *,
        wording: ErrorWording = PLAIN_WORDING,
    ) -> None:
        self.status = status
        self.errors: list[tuple[str, str]] = list(errors)
        self.wording = wording
        super().__init__(user_message or self._default_message())

    @property
    def server_message(self) -> str:
        """The server's own error text (the Values of its Errors list), or ''."""
        return "; ".join(value for _key, value in self.errors if value)

    def _default_message(self) -> str:
        detail = self.server_message
        return f"The server answered {self.status}" + (f": {detail}" if detail else ".")


class BadRequest(ApiError):
    """400: the server could not accept the request; its message says why."""

    def _default_message(self) -> str:
        detail = self.server_message
        return f"The server rejected the request: {detail}" if detail else (
            "The server rejected the request as invalid."
        )


class AuthError(ApiError):
    """401: missing or invalid API key."""

    def _default_message(self) -> str:
        detail = self.server_message if self.wording.auth_shows_server else ""
        said = f" {detail.rstrip('.')}." if detail else ""
        return f"Authentication failed:{said} {self.wording.auth_advice}"


class NotFound(ApiError):
    """404: the record (or the endpoint) does not exist."""

    def _default_message(self) -> str:
        detail = self.server_message
        return "Not found: " + (detail if detail else "the record does not exist (it may have been deleted).")


class Conflict(ApiError):
    """409: the request is well formed but breaks a business rule (e.g. the customer's status).

    ``method`` is the HTTP method that met the conflict: for a change (anything but GET, and when
    unknown) the message says the action is not valid in the customer's status; a read changes
    nothing, so its message only reports the server's conflict.
    """

    def __init__(
        self,
        status: int = 409,
        errors: Sequence[tuple[str, str]] = (),
        user_message: str | None = None,
        *,
        method: str | None = None,
        wording: ErrorWording = PLAIN_WORDING,
    ) -> None:
        self.method = method.upper() if method else None
        super().__init__(status, errors, user_message, wording=wording)

    @property
    def during_read(self) -> bool:
        """Whether the conflicting request was a read (GET / HEAD), which cannot have been a status action."""
        return self.method in ("GET", "HEAD")

    def _default_message(self) -> str:
        detail = self.server_message
        if self.during_read:
            return f"The server reported a conflict: {detail}" if detail else "The server reported a conflict."
        return f"This action is not valid in the customer's current status: {detail or 'no reason given'}"


class RequestTooLong(ApiError):
    """414: the request's URL (in practice its filter) is longer than the server accepts."""

    def _default_message(self) -> str:
        return "The request was too long for the server (414 URI Too Long): shorten the filter."


class RateLimited(ApiError):
    """429: the server refused for now; ``reset_at`` says when to try again (if known).

    ``times`` is how many 429s in a row a read met before the client gave up retrying (1 for a
    change, which is never retried).
    """

    def __init__(
        self,
        status: int = 429,
        errors: Sequence[tuple[str, str]] = (),
        user_message: str | None = None,
        *,
        reset_at: datetime | None = None,
        times: int = 1,
        wording: ErrorWording = PLAIN_WORDING,
    ) -> None:
        self.reset_at = reset_at
        self.times = times
        self._own_message = user_message is not None
        super().__init__(status, errors, user_message, wording=wording)

    def message_in(self, zone: tzinfo | None) -> str:
        """The message with its time in ``zone`` (the app's configured zone; the local one when None)."""
        return self.user_message if self._own_message else self._default_message(zone)

    def _default_message(self, zone: tzinfo | None = None) -> str:
        what = "Rate limited by the server" + (f" ({self.times} times in a row)" if self.times > 1 else "")
        if self.reset_at is not None:
            local = self.reset_at.astimezone(zone)
            return f"{what}: try again at {local:%H:%M:%S}."
        # No Retry-After and budget left: burst or concurrency protection, over within seconds.
        return f"{what}: try again in a few seconds."


class ServerError(ApiError):
    """5xx: the server failed; usually temporary."""

    def _default_message(self) -> str:
        detail = self.server_message
        return f"The {self.wording.label} server had an error ({self.status}); try again shortly." + (
            f" ({detail})" if detail else ""
        )


class NetworkError(FusebillError):
    """The server could not be reached, the connection dropped, or it did not answer in time."""


class MalformedResponse(FusebillError):
    """The server's answer was not the JSON shape the reference documents."""


# Said after a change (POST / PUT / DELETE) whose answer was lost or unreadable: the server may have
# made the change, so "try again" could make it twice.
MAY_HAVE_BEEN_DONE = "It may have been done; check before trying again."


def after_change(error: FusebillError) -> FusebillError:
    """The same kind of error, its message ending with MAY_HAVE_BEEN_DONE (once)."""
    if error.user_message.endswith(MAY_HAVE_BEEN_DONE):
        return error
    return type(error)(f"{error.user_message} {MAY_HAVE_BEEN_DONE}")


class ReadOnlyError(FusebillError):
    """A mutating request was refused before sending, because the environment is read-only."""


class StaleObject(FusebillError):
    """The object changed on the server since the form opened; nothing was written."""


class QueryError(FusebillError):
    """A filter the user typed is not valid; ``suggestions`` holds close alternatives."""

    def __init__(self, user_message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(user_message)
        self.suggestions = list(suggestions)


class InvalidInput(FusebillError):
    """A value given to the client breaks a documented rule (length, allowed values); nothing was sent."""


class NotesListingUnavailable(FusebillError):
    """This server has no notes-listing endpoint (it is not in the reference); adding notes still works."""


def error_for_status(
    status: int,
    errors: Sequence[tuple[str, str]],
    *,
    reset_at: datetime | None = None,
    method: str | None = None,
    wording: ErrorWording = PLAIN_WORDING,
) -> ApiError:
    """The ApiError subclass matching an HTTP error status (``method``: the request's, which words a 409;
    ``wording``: the vendor's, which names it in a 401 and a 5xx)."""
    if status == 409:
        return Conflict(status, errors, method=method, wording=wording)
    if status == 429:
        return RateLimited(status, errors, reset_at=reset_at, wording=wording)
    if status >= 500:
        return ServerError(status, errors, wording=wording)
    kind = {400: BadRequest, 401: AuthError, 404: NotFound, 414: RequestTooLong}.get(status, ApiError)
    return kind(status, errors, wording=wording)
