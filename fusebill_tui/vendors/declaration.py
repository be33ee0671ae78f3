"""What a billing system declares about itself: its keys, its URLs, its sandbox, how it connects.

Each vendor package builds one ``Vendor`` in its ``vendor.py``; ``vendors.registry`` lists them. This module
is read at start-up (the config loader needs the keys), so it imports nothing heavy: a vendor's client and
backend are built by functions that import them when first called.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from fusebill_tui.config import Environment
    from fusebill_tui.vendors.base import Backend


@dataclass(frozen=True)
class CredentialField:
    """One key an environment of the vendor carries, written ``NAME`` (the key), ``NAME_env`` (a variable
    holding it) or ``NAME_cmd`` (a command printing it, e.g. a password manager's) in the config."""

    name: str  # the config key, e.g. "api_key"
    what: str  # how messages call it, e.g. "API key"
    short: str  # how a key pair tells its halves apart in "key: ..." lines, e.g. "public"
    env_var: str  # where --base-url takes it from, e.g. "FUSEBILL_API_KEY"
    var_example: str  # the example variable name in a message about a bad *_env value
    required: bool = True  # False: a missing key is looked up in ``env_var`` when the environment is used

    @property
    def env_key(self) -> str:
        """The config key naming the environment variable that holds it."""
        return f"{self.name}_env"

    @property
    def cmd_key(self) -> str:
        """The config key giving the command (a list of words, run without a shell) that prints it."""
        return f"{self.name}_cmd"

    @property
    def config_keys(self) -> tuple[str, str, str]:
        """Every config key it may be written under."""
        return (self.name, self.env_key, self.cmd_key)


@dataclass(frozen=True)
class BuiltinSandbox:
    """The in-process sandbox environment of a vendor: its name, address and the keys it accepts."""

    name: str
    base_url: str
    credentials: Mapping[str, str]


@dataclass(frozen=True)
class Vendor:
    """A billing system as the config, the command line, the connection and the pickers see it."""

    kind: str  # the config's ``kind = "..."``
    label: str  # how screens and messages name it
    credentials: tuple[CredentialField, ...]
    credential_hint: str  # what "it takes ..." says in a message about another vendor's key
    url_example: str
    #: Connect: (environment, transport or None, client options) -> the client (not yet entered).
    open_client: Callable[..., Any]
    #: The backend the screens use over a client of this vendor.
    backend: Callable[[Any], Backend]
    #: The most records one list request may ask for.
    page_cap: int
    #: The base URL as the vendor's API wants it (raises ValueError saying what is wrong); None: as given.
    normalize_url: Callable[[str], str] | None = None
    production_hosts: frozenset[str] = frozenset()
    sandbox: BuiltinSandbox | None = None
    #: The headless commands' layout for this vendor (loaded when a headless command runs).
    report: Callable[[], Any] | None = None
    #: Options of ``sandbox`` (the socket server) that this vendor's sandbox refuses, with the reason.
    sandbox_refuses: Mapping[str, str] = field(default_factory=dict)

    @property
    def credential_names(self) -> frozenset[str]:
        """Every config key its credentials may be written under."""
        return frozenset(n for c in self.credentials for n in c.config_keys)

    def client_for(self, environment: Environment, transport: httpx.AsyncBaseTransport | None = None,
                   **options: Any) -> Any:
        """A client of this vendor for ``environment`` (use ``async with``)."""
        return self.open_client(environment, transport, **options)


@dataclass(frozen=True)
class Report:
    """How the headless commands read and lay out a vendor's customers (see ``fusebill_tui.headless``)."""

    #: Typed filter text -> the backend's list query (raises QueryError naming the mistake).
    query: Callable[[str], str | None]
    #: A typed sort field -> the backend's sort expression (raises QueryError).
    sort_field: Callable[[str], str]
    #: The sort expression of the record id (used for --desc and --all without --sort).
    id_field: str
    #: (overview, time zone) -> the lines ``balance`` prints.
    balance_lines: Callable[[Any, str | None], list[str]]
    #: zone -> (table columns, customer -> cells).
    table: Callable[[Any], tuple[list[Any], Callable[[Any], list[str]]]]
    #: (CSV column name, customer -> value).
    csv_fields: tuple[tuple[str, Callable[[Any], Any]], ...]
    #: The key a walk over every page drops repeated customers by.
    customer_key: Callable[[Any], Any]
