"""Read a key from a password manager: run its command (no shell), take the first line it prints."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

#: Seconds a key command may take (a password manager waiting for a passphrase nobody types must not hang us).
TIMEOUT = 10.0


class KeyCommandFailed(Exception):
    """The command gave no key; the message says why, and never what it printed."""


def run_key_command(argv: Sequence[str]) -> str:
    """The key ``argv`` prints on its first line (``pass show`` prints the password there).

    Run without a shell (the config's words are the program and its arguments, never parsed), with no
    input, its output captured and dropped from memory apart from the key.
    """
    program = argv[0]
    try:
        done = subprocess.run(list(argv), stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT,
                              check=False)
    except FileNotFoundError:
        raise KeyCommandFailed(f"{program} was not found") from None
    except PermissionError:
        raise KeyCommandFailed(f"{program} cannot be run (permission denied)") from None
    except OSError as exc:
        raise KeyCommandFailed(f"{program} could not be started ({exc.strerror})") from None
    except subprocess.TimeoutExpired:
        raise KeyCommandFailed(f"{program} did not finish within {TIMEOUT:g} seconds") from None
    if done.returncode != 0:
        raise KeyCommandFailed(f"{program} failed (exit status {done.returncode})")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    key = lines[0].strip() if lines else ""
    if not key:
        raise KeyCommandFailed(f"{program} printed no key")
    return key
