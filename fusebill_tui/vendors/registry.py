"""The one place that lists the billing systems: kind -> Vendor, and each vendor's built-in sandbox app.

A vendor is one package (with its ``vendor.py``) plus one line in ``_BUILT_IN``. The sandbox apps are linked
here rather than in the vendor packages, which never import the sandbox; they are imported only when an
in-process sandbox is first opened or served.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from fusebill_tui.vendors.chargeover.vendor import VENDOR as CHARGEOVER
from fusebill_tui.vendors.declaration import Vendor
from fusebill_tui.vendors.fusebill.vendor import VENDOR as FUSEBILL

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["DEFAULT_KIND", "SandboxLink", "SandboxOptions", "Vendor", "kinds", "register", "sandbox_app",
           "sandbox_link", "unregister", "vendor", "vendors"]


@dataclass(frozen=True)
class SandboxOptions:
    """What ``fusebill-tui sandbox`` was asked for (None: the vendor's sandbox default)."""

    host: str
    port: int
    customers: int | None = None
    seed: int | None = None
    api_key: str | None = None
    per_minute: int = 1000
    per_day: int = 180000
    latency: float = 0.0  # seconds


@dataclass(frozen=True)
class SandboxLink:
    """A vendor's sandbox: its app for the in-process transport, and how to serve it on a socket."""

    app: Callable[[], Starlette]
    serve: Callable[[SandboxOptions], None] | None = None


def _fusebill_app() -> Starlette:
    from fusebill_tui.sandbox.fusebill import SandboxSettings, create_app

    return create_app(SandboxSettings())


def _serve_fusebill(options: SandboxOptions) -> None:
    from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings
    from fusebill_tui.sandbox.fusebill.server import serve

    settings = SandboxSettings(customers=2000 if options.customers is None else options.customers,
                               seed=7 if options.seed is None else options.seed,
                               api_key=options.api_key or DEFAULT_API_KEY, per_minute=options.per_minute,
                               per_day=options.per_day, latency=options.latency)
    serve(settings, host=options.host, port=options.port)


def _chargeover_app() -> Starlette:
    from fusebill_tui.sandbox.chargeover import ChargeOverSettings, create_chargeover_app

    return create_chargeover_app(ChargeOverSettings())


def _serve_chargeover(options: SandboxOptions) -> None:
    from fusebill_tui.sandbox.chargeover import ChargeOverSettings
    from fusebill_tui.sandbox.chargeover.server import serve

    defaults = ChargeOverSettings()
    settings = ChargeOverSettings(customers=defaults.customers if options.customers is None else options.customers,
                                  seed=defaults.seed if options.seed is None else options.seed,
                                  per_minute=options.per_minute, per_day=options.per_day, latency=options.latency)
    serve(settings, host=options.host, port=options.port)


#: The vendors, the first being the default (an environment without ``kind``), each with its sandbox.
_BUILT_IN: tuple[tuple[Vendor, SandboxLink | None], ...] = (
    (FUSEBILL, SandboxLink(_fusebill_app, _serve_fusebill)),
    (CHARGEOVER, SandboxLink(_chargeover_app, _serve_chargeover)),
)
_VENDORS: dict[str, Vendor] = {v.kind: v for v, _ in _BUILT_IN}
_SANDBOXES: dict[str, SandboxLink] = {v.kind: link for v, link in _BUILT_IN if link is not None}
DEFAULT_KIND = FUSEBILL.kind


def kinds() -> tuple[str, ...]:
    """Every kind an environment can be, the default first."""
    return tuple(_VENDORS)


def vendors() -> tuple[Vendor, ...]:
    """Every vendor, the default first."""
    return tuple(_VENDORS.values())


def vendor(kind: str | None) -> Vendor:
    """The vendor of ``kind`` (the default one for None or ""); KeyError for an unknown kind."""
    return _VENDORS[kind or DEFAULT_KIND]


def sandbox_link(kind: str) -> SandboxLink | None:
    """How the vendor's built-in sandbox runs (None: the vendor has none)."""
    return _SANDBOXES.get(kind)


@cache
def _app(kind: str) -> Starlette:
    return _SANDBOXES[kind].app()


def sandbox_app(kind: str) -> Starlette | None:
    """The process's one embedded sandbox of ``kind`` (shared, so switching environments keeps its state)."""
    return _app(kind) if kind in _SANDBOXES else None


def register(vendor: Vendor, sandbox: SandboxLink | None = None) -> None:
    """Add a vendor (and its sandbox) to the registry; a kind already listed is refused."""
    if vendor.kind in _VENDORS:
        raise ValueError(f"a vendor of kind {vendor.kind!r} is already registered")
    _VENDORS[vendor.kind] = vendor
    if sandbox is not None:
        _SANDBOXES[vendor.kind] = sandbox


def unregister(kind: str) -> None:
    """Remove a vendor added with ``register`` (the built-in ones stay)."""
    if any(v.kind == kind for v, _ in _BUILT_IN):
        raise ValueError(f"{kind!r} is a built-in vendor")
    _VENDORS.pop(kind, None)
    _SANDBOXES.pop(kind, None)
