"""Fusebill as the config, the command line and the connection see it (imports nothing heavy)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fusebill_tui.sandbox_defaults import DEFAULT_API_KEY, SANDBOX_BASE_URL, SANDBOX_ENV_NAME
from fusebill_tui.vendors.declaration import BuiltinSandbox, CredentialField, Vendor

if TYPE_CHECKING:
    import httpx

    from fusebill_tui.config import Environment
    from fusebill_tui.vendors.base import Backend

#: Fusebill answers at most 1000 records a request.
MAX_PAGE = 1000


def open_client(environment: Environment, transport: httpx.AsyncBaseTransport | None, **options: Any) -> Any:
    """A FusebillClient for ``environment`` (read-only enforced)."""
    from fusebill_tui.vendors.fusebill.client import FusebillClient

    return FusebillClient(environment.base_url, environment.credentials["api_key"],
                          read_only=environment.read_only, transport=transport, **options)


def backend(client: Any) -> Backend:
    """The screens' backend over a FusebillClient."""
    from fusebill_tui.vendors.fusebill.backend import FusebillBackend

    return FusebillBackend(client)


def report() -> Any:
    """How the headless commands lay out Fusebill customers."""
    from fusebill_tui.vendors.fusebill.report import REPORT

    return REPORT


VENDOR = Vendor(
    kind="fusebill",
    label="Fusebill",
    credentials=(CredentialField("api_key", "API key", "", "FUSEBILL_API_KEY", "FUSEBILL_PROD_KEY",
                                 required=False),),
    credential_hint="api_key, api_key_env or api_key_cmd",
    url_example="https://secure.fusebill.com/v1",
    open_client=open_client,
    backend=backend,
    page_cap=MAX_PAGE,
    production_hosts=frozenset({"secure.fusebill.com"}),
    sandbox=BuiltinSandbox(SANDBOX_ENV_NAME, SANDBOX_BASE_URL, {"api_key": DEFAULT_API_KEY}),
    report=report,
)
