"""Constants of the built-in sandbox that config and the sandbox both need (no imports)."""

from __future__ import annotations

#: The key the built-in sandbox accepts unless told otherwise: base64 of "sandbox:sandbox".
DEFAULT_API_KEY = "c2FuZGJveDpzYW5kYm94"

#: Where the in-process sandbox is addressed; `.invalid` never resolves, so nothing leaves the machine.
SANDBOX_BASE_URL = "https://sandbox.invalid/v1"

#: The name the built-in sandbox environment is shown under.
SANDBOX_ENV_NAME = "sandbox (built-in)"
