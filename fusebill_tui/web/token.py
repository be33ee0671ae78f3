"""The served app's token: made fresh each run (or read from a private file or a variable), checked in
constant time, and kept by the browser in a cookie after the first visit."""

from __future__ import annotations

import hmac
import os
import re
import stat
from collections.abc import MutableMapping
from pathlib import Path

from fusebill_tui.web.plan import ServeRefused

TOKEN_ENV_VAR = "FUSEBILL_TUI_SERVE_TOKEN"
QUERY_NAME = "token"
MIN_LENGTH = 16
#: Characters a URL carries unencoded (the token is printed in one).
_TOKEN_RE = re.compile(r"^[A-Za-z0-9._~-]+$")


def cookie_name(port: int) -> str:
    """The cookie holding the token; cookies ignore ports, so two servers on one host need two names."""
    return f"fusebill_tui_token_{port}"


def serve_token(token_file: str | None, environ: MutableMapping[str, str] = os.environ) -> str | None:
    """The token for this run from ``token_file``, else from the variable, else None (make a random one).

    The variable is removed from the environment so the tab processes (which inherit it) never hold it.
    """
    given = environ.pop(TOKEN_ENV_VAR, None)
    if token_file is not None:
        token, source = _read_private(Path(token_file).expanduser()), f"in {token_file}"
    elif given is not None:
        token, source = given.strip(), f"in ${TOKEN_ENV_VAR}"
    else:
        return None
    if len(token) < MIN_LENGTH or not _TOKEN_RE.match(token):
        raise ServeRefused(f"the serve token {source} must be at least {MIN_LENGTH} characters of letters, "
                           "digits, '-', '_', '.' or '~' (make one with: python3 -c "
                           "'import secrets; print(secrets.token_urlsafe(32))')")
    return token


def _read_private(path: Path) -> str:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise ServeRefused(f"cannot read the token file {path} ({reason})") from None
    if os.name == "posix" and mode & 0o077:
        raise ServeRefused(f"the token file {path} can be read by others (mode {mode:04o}); "
                           f"fix it with: chmod 600 {path}")
    return text.strip()


def matches(given: str | None, expected: str) -> bool:
    """Whether ``given`` is the token, compared in constant time (a timing difference would leak it)."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8"))
