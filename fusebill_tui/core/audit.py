"""Who is calling: the app, its version and the local user, as every vendor's audit header says it."""

from __future__ import annotations

import getpass

from fusebill_tui import __version__


def _local_user() -> str:
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # getpass raises various errors when no user can be determined
        return "unknown"


def audit_source(user: str | None = None) -> str:
    """The x-audit-source / User-Agent value: app, version and local user, so changes show in the audit log."""
    name = user or _local_user()
    # Header values must be ASCII (and one line): keep a readable, safe form of unusual user names.
    name = "".join(ch if " " <= ch <= "~" and ch not in "()" else "?" for ch in name) or "unknown"
    return f"fusebill-tui/{__version__} ({name})"
