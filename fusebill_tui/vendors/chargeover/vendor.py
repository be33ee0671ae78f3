"""ChargeOver as the config, the command line and the connection see it (imports nothing heavy)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from fusebill_tui.sandbox_defaults import (
    CHARGEOVER_PRIVATE_KEY,
    CHARGEOVER_PUBLIC_KEY,
    CHARGEOVER_SANDBOX_BASE_URL,
    CHARGEOVER_SANDBOX_ENV_NAME,
)
from fusebill_tui.vendors.declaration import BuiltinSandbox, CredentialField, Vendor

if TYPE_CHECKING:
    import httpx

    from fusebill_tui.config import Environment
    from fusebill_tui.vendors.base import Backend

API_PATH = "/api/v3"
#: ChargeOver answers at most 500 records a request.
MAX_PAGE = 500


def api_url(url: str) -> str:
    """A ChargeOver base URL ending in ``/api/v3`` (added to a bare ``https://NAME.chargeover.com``)."""
    path = urlsplit(url).path.rstrip("/")
    if not path:
        return url.rstrip("/") + API_PATH
    if not path.endswith(API_PATH):
        raise ValueError(f"a ChargeOver URL ends in {API_PATH}, e.g. https://example.chargeover.com/api/v3")
    return url.rstrip("/")


def open_client(environment: Environment, transport: httpx.AsyncBaseTransport | None, **options: Any) -> Any:
    """A ChargeOverClient for ``environment`` (HTTP Basic with its key pair; read-only enforced)."""
    from fusebill_tui.vendors.chargeover.client import ChargeOverClient

    keys = environment.credentials
    return ChargeOverClient(environment.base_url, keys["public_key"], keys["private_key"],
                            read_only=environment.read_only, transport=transport, **options)


def backend(client: Any) -> Backend:
    """The screens' backend over a ChargeOverClient."""
    from fusebill_tui.vendors.chargeover.backend import ChargeOverBackend

    return ChargeOverBackend(client)


def report() -> Any:
    """How the headless commands lay out ChargeOver customers."""
    from fusebill_tui.vendors.chargeover.report import REPORT

    return REPORT


VENDOR = Vendor(
    kind="chargeover",
    label="ChargeOver",
    credentials=(
        CredentialField("public_key", "public key", "public", "CHARGEOVER_PUBLIC_KEY", "CHARGEOVER_PRIVATE_KEY"),
        CredentialField("private_key", "private key", "private", "CHARGEOVER_PRIVATE_KEY", "CHARGEOVER_PRIVATE_KEY"),
    ),
    credential_hint="public_key / private_key (or *_env, *_cmd)",
    url_example="https://example.chargeover.com/api/v3",
    open_client=open_client,
    backend=backend,
    page_cap=MAX_PAGE,
    normalize_url=api_url,
    sandbox=BuiltinSandbox(CHARGEOVER_SANDBOX_ENV_NAME, CHARGEOVER_SANDBOX_BASE_URL,
                           {"public_key": CHARGEOVER_PUBLIC_KEY, "private_key": CHARGEOVER_PRIVATE_KEY}),
    report=report,
    sandbox_refuses={"api_key": "--api-key is for the Fusebill sandbox; the ChargeOver sandbox accepts its own "
                                "key pair"},
)
