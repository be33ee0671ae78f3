"""Constants of the built-in sandbox that config and the sandbox both need (no imports)."""

from __future__ import annotations

#: The key the built-in sandbox accepts unless told otherwise: base64 of "sandbox:sandbox".
DEFAULT_API_KEY = "c2FuZGJveDpzYW5kYm94"

#: Where the in-process sandbox is addressed; `.invalid` never resolves, so nothing leaves the machine.
SANDBOX_BASE_URL = "https://sandbox.invalid/v1"

#: The name the built-in sandbox environment is shown under.
SANDBOX_ENV_NAME = "sandbox (built-in)"

#: The built-in ChargeOver sandbox: where it is addressed, its name, and the key pair it accepts.
CHARGEOVER_SANDBOX_BASE_URL = "https://chargeover-sandbox.invalid/api/v3"
CHARGEOVER_SANDBOX_ENV_NAME = "ChargeOver sandbox (built-in)"
CHARGEOVER_PUBLIC_KEY = "sandboxPublicKey7Qm2"
CHARGEOVER_PRIVATE_KEY = "sandboxPrivateKey9Xw4"
