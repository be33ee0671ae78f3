"""Environments: load and validate the TOML config, resolve keys, save what the app writes.

Two files live side by side:

- ``config.toml``: written by the user by hand; the app only ever reads it.
- ``config.app.toml``: what the app writes (environments added with ``config add``,
  saved filters added in the app), rewritten atomically with mode 0600.

Both are merged on load. On a name clash the hand-written file wins, and the app refuses
to add a name the hand-written file already uses, so nothing is ever silently shadowed.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
import tomli_w

from fusebill_tui.sandbox_defaults import (
    CHARGEOVER_PRIVATE_KEY,
    CHARGEOVER_PUBLIC_KEY,
    CHARGEOVER_SANDBOX_BASE_URL,
    CHARGEOVER_SANDBOX_ENV_NAME,
    DEFAULT_API_KEY,
    SANDBOX_BASE_URL,
    SANDBOX_ENV_NAME,
)

CONFIG_ENV_VAR = "FUSEBILL_TUI_CONFIG"
API_KEY_ENV_VAR = "FUSEBILL_API_KEY"
#: Where ``--base-url`` with ``--kind chargeover`` takes the key pair from.
CHARGEOVER_PUBLIC_KEY_ENV_VAR = "CHARGEOVER_PUBLIC_KEY"
CHARGEOVER_PRIVATE_KEY_ENV_VAR = "CHARGEOVER_PRIVATE_KEY"
#: The billing systems an environment can be (Fusebill when ``kind`` is not given).
KINDS = ("fusebill", "chargeover")
CHARGEOVER_API_PATH = "/api/v3"
APP_FILE_NAME = "config.app.toml"
PRODUCTION_HOSTS = frozenset({"secure.fusebill.com"})

_TOP_KEYS = {"default", "timezone", "environments", "filters", "keymap"}
_FUSEBILL_KEYS = {"api_key", "api_key_env"}
_CHARGEOVER_KEYS = {"public_key", "public_key_env", "private_key", "private_key_env"}
_ENV_KEYS = {"kind", "base_url", "read_only", "production", "timezone"} | _FUSEBILL_KEYS | _CHARGEOVER_KEYS
_ENV_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_ENV_VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LINE_RE = re.compile(r"line (\d+)")


class ConfigError(Exception):
    """A config problem, with the file, the key and (for syntax errors) the line in its message."""

    def __init__(self, message: str, *, path: Path | None = None, key: str | None = None,
                 line: int | None = None) -> None:
        self.path = path
        self.key = key
        self.line = line
        self.reason = message
        where = [str(path)] if path is not None else []
        if line is not None:
            where.append(f"line {line}")
        if key:
            where.append(key)
        super().__init__(": ".join([*where, message]) if where else message)

    @property
    def user_message(self) -> str:
        """The message in plain words (the same as ``str(error)``)."""
        return str(self)


def default_config_path() -> Path:
    """Return the config path: ``FUSEBILL_TUI_CONFIG`` if set, else the platform's config dir."""
    override = os.environ.get(CONFIG_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir("fusebill-tui")) / "config.toml"


def app_config_path(config_path: Path) -> Path:
    """Return where the app writes its own settings: ``config.app.toml`` beside the config."""
    return config_path.with_name(APP_FILE_NAME)


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_base_url(url: str) -> str:
    """Return the URL without a trailing slash, or raise ``ValueError`` saying what is wrong."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError("must be a URL like https://secure.fusebill.com/v1")
    if parts.username or parts.password:
        raise ValueError("must not contain a user name or password (keys go in api_key or api_key_env)")
    if parts.query or parts.fragment:
        raise ValueError("must not contain a query (?...) or fragment (#...)")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise ValueError(
            "must use https:// (http:// is only allowed for loopback hosts: 127.0.0.1, ::1, localhost)"
        )
    return url.rstrip("/")


def _host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _safe_repr_key(key: str | None) -> str:
    return "<set>" if key else "<none>"


@dataclass(frozen=True)
class EnvironmentConfig:
    """One environment as written in a config file (the key may still be an env var name)."""

    name: str
    base_url: str
    api_key: str | None = field(default=None, repr=False)
    api_key_env: str | None = None
    read_only: bool = False
    production: bool | None = None
    timezone: str | None = None
    origin: Path | None = None
    kind: str = "fusebill"
    public_key: str | None = field(default=None, repr=False)
    public_key_env: str | None = None
    private_key: str | None = field(default=None, repr=False)
    private_key_env: str | None = None

    @property
    def has_literal_key(self) -> bool:
        """Whether the file holds a key itself (it must then be private)."""
        return any(k is not None for k in (self.api_key, self.public_key, self.private_key))

    @property
    def is_production(self) -> bool:
        """True when marked ``production = true`` or when it points at Fusebill's production host."""
        if self.production is not None:
            return self.production
        return _host_of(self.base_url) in PRODUCTION_HOSTS

    @property
    def key_source(self) -> str:
        """Where the key comes from, worded to follow "key: " (never the key itself)."""
        if self.kind == "chargeover":
            return _pair_source((self.public_key, self.public_key_env), (self.private_key, self.private_key_env))
        if self.api_key_env:
            return f"from ${self.api_key_env}"
        if self.api_key:
            return "in the config file"
        return "not set"

    def __repr__(self) -> str:
        keys = (f"public_key={_safe_repr_key(self.public_key)}, public_key_env={self.public_key_env!r}, "
                f"private_key={_safe_repr_key(self.private_key)}, private_key_env={self.private_key_env!r}"
                if self.kind == "chargeover" else
                f"api_key={_safe_repr_key(self.api_key)}, api_key_env={self.api_key_env!r}")
        return (f"EnvironmentConfig(name={self.name!r}, kind={self.kind!r}, base_url={self.base_url!r}, "
                f"{keys}, "
                f"read_only={self.read_only!r}, production={self.production!r}, "
                f"timezone={self.timezone!r})")

    def to_toml(self) -> dict[str, Any]:
        """The table written for this environment (only the keys that are set)."""
        table: dict[str, Any] = {"base_url": self.base_url}
        if self.kind != "fusebill":
            table = {"kind": self.kind, **table}
        for name in ("public_key", "private_key"):
            if getattr(self, f"{name}_env"):
                table[f"{name}_env"] = getattr(self, f"{name}_env")
            elif getattr(self, name):
                table[name] = getattr(self, name)
        if self.api_key_env:
            table["api_key_env"] = self.api_key_env
        elif self.api_key:
            table["api_key"] = self.api_key
        if self.read_only:
            table["read_only"] = True
        if self.production is not None:
            table["production"] = self.production
        if self.timezone:
            table["timezone"] = self.timezone
        return table


@dataclass(frozen=True)
class Environment:
    """A resolved environment ready to connect to; ``repr`` and ``str`` never show the key."""

    name: str
    base_url: str
    api_key: str = field(repr=False)
    read_only: bool = False
    is_sandbox: bool = False
    is_production: bool = False
    timezone: str | None = None
    #: "fusebill" or "chargeover"; ChargeOver environments carry a key pair instead of ``api_key``.
    kind: str = "fusebill"
    public_key: str = field(default="", repr=False)
    private_key: str = field(default="", repr=False)

    def __repr__(self) -> str:
        return (f"Environment(name={self.name!r}, kind={self.kind!r}, base_url={self.base_url!r}, keys=<hidden>, "
                f"read_only={self.read_only!r}, is_sandbox={self.is_sandbox!r}, "
                f"is_production={self.is_production!r}, timezone={self.timezone!r})")

    def __str__(self) -> str:
        marks = [m for m, on in (("production", self.is_production), ("read-only", self.read_only)) if on]
        suffix = f" [{', '.join(marks)}]" if marks else ""
        return f"{self.name} ({self.base_url}){suffix}"


def builtin_sandbox(*, read_only: bool = False, timezone: str | None = None, kind: str = "fusebill") -> Environment:
    """The built-in, in-process sandbox environment (of ``kind``: Fusebill unless told otherwise)."""
    if kind == "chargeover":
        return builtin_chargeover_sandbox(read_only=read_only, timezone=timezone)
    return Environment(name=SANDBOX_ENV_NAME, base_url=SANDBOX_BASE_URL, api_key=DEFAULT_API_KEY,
                       read_only=read_only, is_sandbox=True, timezone=timezone)


def builtin_chargeover_sandbox(*, read_only: bool = False, timezone: str | None = None) -> Environment:
    """The built-in, in-process ChargeOver sandbox environment."""
    return Environment(name=CHARGEOVER_SANDBOX_ENV_NAME, base_url=CHARGEOVER_SANDBOX_BASE_URL, api_key="",
                       read_only=read_only, is_sandbox=True, timezone=timezone, kind="chargeover",
                       public_key=CHARGEOVER_PUBLIC_KEY, private_key=CHARGEOVER_PRIVATE_KEY)


@dataclass
class Config:
    """The merged configuration: environments, the default, saved filters, and where they live."""

    path: Path
    default: str | None = None
    timezone: str | None = None
    environments: dict[str, EnvironmentConfig] = field(default_factory=dict)
    saved_filters: dict[str, str] = field(default_factory=dict)
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. "ctrl+n,n"
    exists: bool = False

    @property
    def app_path(self) -> Path:
        """The file the app writes its own settings to."""
        return app_config_path(self.path)

    # -- resolution ---------------------------------------------------------------------

    def resolve(self, name: str | None = None, base_url: str | None = None, demo: bool = False,
                read_only: bool = False, kind: str | None = None) -> Environment:
        """Pick the environment to use (``--demo``, ``--base-url``, ``--env`` or the default).

        ``kind`` (``--kind``) picks which built-in sandbox ``--demo`` opens and how ``--base-url``
        is reached; a named environment of another kind is refused rather than silently used.
        """
        if kind is not None and kind not in KINDS:
            raise ConfigError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
        if demo:
            return builtin_sandbox(read_only=read_only, timezone=self.timezone, kind=kind or "fusebill")
        if base_url is not None:
            if name is not None:
                raise ConfigError("use either --env or --base-url, not both")
            return self._ad_hoc(base_url, read_only, kind or "fusebill")
        if name is None:
            name = self.default
            if name is None:
                if not self.environments:
                    return builtin_sandbox(read_only=read_only, timezone=self.timezone, kind=kind or "fusebill")
                if len(self.environments) == 1:
                    name = next(iter(self.environments))
                else:
                    known = ", ".join(sorted(self.environments))
                    raise ConfigError(f"several environments ({known}) and no default; "
                                      "set default = \"NAME\" or pass --env NAME", path=self.path)
        spec = self.environments.get(name)
        if spec is None:
            known = ", ".join(sorted(self.environments)) or "none configured"
            raise ConfigError(f"no environment named {name!r} (known: {known})", path=self.path)
        if kind is not None and spec.kind != kind:
            raise ConfigError(f"environment {name!r} is a {spec.kind} environment, not {kind}",
                              path=spec.origin, key=f"environments.{name}.kind")
        common = dict(name=spec.name, base_url=spec.base_url, read_only=spec.read_only or read_only,
                      is_production=spec.is_production, timezone=spec.timezone or self.timezone)
        if spec.kind == "chargeover":
            public, private = _resolve_pair(spec)
            return Environment(**common, api_key="", kind="chargeover", public_key=public, private_key=private)
        return Environment(**common, api_key=_resolve_key(spec))

    def _ad_hoc(self, base_url: str, read_only: bool, kind: str = "fusebill") -> Environment:
        try:
            url = validate_base_url(base_url)
            if kind == "chargeover":
                url = chargeover_api_url(url)
        except ValueError as exc:
            raise ConfigError(f"--base-url {exc}") from None
        if kind == "chargeover":
            keys = [os.environ.get(var, "").strip()
                    for var in (CHARGEOVER_PUBLIC_KEY_ENV_VAR, CHARGEOVER_PRIVATE_KEY_ENV_VAR)]
            if not all(keys):
                raise ConfigError(f"--base-url with --kind chargeover takes the keys from "
                                  f"{CHARGEOVER_PUBLIC_KEY_ENV_VAR} and {CHARGEOVER_PRIVATE_KEY_ENV_VAR}, "
                                  "which are not both set")
            keys = [checked_key(key, f"in ${var}", what=f"{what} key") for key, var, what in zip(
                keys, (CHARGEOVER_PUBLIC_KEY_ENV_VAR, CHARGEOVER_PRIVATE_KEY_ENV_VAR), ("public", "private"))]
            return Environment(name=_host_of(url), base_url=url, api_key="", read_only=read_only,
                               timezone=self.timezone, kind="chargeover", public_key=keys[0], private_key=keys[1])
        key = os.environ.get(API_KEY_ENV_VAR, "").strip()
        if not key:
            raise ConfigError(f"--base-url takes the API key from {API_KEY_ENV_VAR}, which is not set")
        key = checked_key(key, f"in ${API_KEY_ENV_VAR}")
        return Environment(name=_host_of(url), base_url=url, api_key=key, read_only=read_only,
                           is_production=_host_of(url) in PRODUCTION_HOSTS, timezone=self.timezone)

    # -- what the app writes ------------------------------------------------------------

    def add_environment(self, spec: EnvironmentConfig, *, make_default: bool = False) -> None:
        """Add (or replace) an app-written environment and save the app file."""
        _check_env_name(spec.name, self.app_path)
        if spec.name in self.environments and self.environments[spec.name].origin == self.path:
            raise ConfigError(f"environment {spec.name!r} is defined by hand in this file; "
                              "edit it there", path=self.path)
        if spec.kind not in KINDS:
            raise ConfigError(f"unknown kind {spec.kind!r} (expected one of: {', '.join(KINDS)})",
                              key=f"environments.{spec.name}.kind")
        if spec.kind == "chargeover":
            for what in ("public", "private"):
                if (getattr(spec, f"{what}_key") is None) == (getattr(spec, f"{what}_key_env") is None):
                    raise ConfigError(f"give exactly one of the {what} key or the name of a variable holding it",
                                      key=f"environments.{spec.name}")
            if spec.api_key is not None or spec.api_key_env is not None:
                raise ConfigError("a ChargeOver environment takes a public and a private key, not api_key",
                                  key=f"environments.{spec.name}")
        elif (spec.api_key is None) == (spec.api_key_env is None):
            raise ConfigError("give exactly one of an API key or the name of a variable holding it",
                              key=f"environments.{spec.name}")
        try:
            url = validate_base_url(spec.base_url)
            if spec.kind == "chargeover":
                url = chargeover_api_url(url)
        except ValueError as exc:
            raise ConfigError(str(exc), key=f"environments.{spec.name}.base_url") from None
        spec = replace(spec, base_url=url, origin=self.app_path)
        data = _read_app_file(self.app_path)
        data.setdefault("environments", {})[spec.name] = spec.to_toml()
        if make_default:
            data["default"] = spec.name
        _write_atomic(self.app_path, data)
        self.environments[spec.name] = spec
        if make_default:
            self.default = spec.name

    def remove_environment(self, name: str) -> None:
        """Remove an app-written environment and save the app file."""
        spec = self.environments.get(name)
        if spec is None:
            raise ConfigError(f"no environment named {name!r}", path=self.path)
        if spec.origin != self.app_path:
            raise ConfigError(f"environment {name!r} is written by hand here; remove it from this file",
                              path=spec.origin)
        data = _read_app_file(self.app_path)
        data.get("environments", {}).pop(name, None)
        if data.get("default") == name:
            del data["default"]
        _write_atomic(self.app_path, data)
        del self.environments[name]
        if self.default == name:
            self.default = None

    def save_filter(self, name: str, query: str) -> None:
        """Save a named filter in the app file (refused if the hand-written file has that name)."""
        name, query = name.strip(), query.strip()
        if not name or not query:
            raise ConfigError("a saved filter needs a name and a query")
        data = _read_app_file(self.app_path)
        hand = _read_hand_filters(self.path)
        if name in hand:
            raise ConfigError(f"filter {name!r} is defined by hand in this file; edit it there",
                              path=self.path)
        data.setdefault("filters", {})[name] = query
        _write_atomic(self.app_path, data)
        self.saved_filters[name] = query

    def remove_filter(self, name: str) -> None:
        """Remove an app-saved filter."""
        if name in _read_hand_filters(self.path):
            raise ConfigError(f"filter {name!r} is defined by hand in this file; remove it there",
                              path=self.path)
        data = _read_app_file(self.app_path)
        if name not in data.get("filters", {}):
            raise ConfigError(f"no saved filter named {name!r}", path=self.app_path)
        del data["filters"][name]
        _write_atomic(self.app_path, data)
        self.saved_filters.pop(name, None)


def chargeover_api_url(url: str) -> str:
    """A ChargeOver base URL ending in ``/api/v3`` (added to a bare ``https://NAME.chargeover.com``)."""
    path = urlsplit(url).path.rstrip("/")
    if not path:
        return url.rstrip("/") + CHARGEOVER_API_PATH
    if not path.endswith(CHARGEOVER_API_PATH):
        raise ValueError(f"a ChargeOver URL ends in {CHARGEOVER_API_PATH}, e.g. https://example.chargeover.com/api/v3")
    return url.rstrip("/")


def _pair_source(public: tuple[str | None, str | None], private: tuple[str | None, str | None]) -> str:
    """Where a ChargeOver key pair comes from, worded to follow "key: " (never the keys)."""
    def one(literal: str | None, var: str | None) -> str:
        return f"from ${var}" if var else "in the config file" if literal else "not set"

    first, second = one(*public), one(*private)
    if first == second:
        return "both " + first if first != "not set" else "not set"
    return f"public {first}, private {second}"


def _resolve_pair(spec: EnvironmentConfig) -> tuple[str, str]:
    """The (public, private) keys of a ChargeOver environment, from the file or the named variables."""
    where = f"environments.{spec.name}"
    keys = []
    for what in ("public", "private"):
        var, literal = getattr(spec, f"{what}_key_env"), getattr(spec, f"{what}_key")
        if var:
            key = os.environ.get(var, "").strip()
            if not key:
                raise ConfigError(f"the environment variable {var} ({what}_key_env) is not set",
                                  path=spec.origin, key=where)
            source = f"in ${var}"
        elif literal:
            key, source = literal, "in the config file"
        else:
            raise ConfigError(f"no {what} key: set {what}_key_env (or {what}_key)", path=spec.origin, key=where)
        keys.append(checked_key(key, source, path=spec.origin, where=where, what=f"{what} key"))
    return keys[0], keys[1]


def checked_key(key: str, source: str, *, path: Path | None = None, where: str | None = None,
                what: str = "API key") -> str:
    """The key if it can be sent in an HTTP header (printable ASCII, no spaces), else a ConfigError.

    A key with a typographic quote or an accented letter used to crash the app while it built
    the Authorization header, and the crash report printed the key; the message never shows it.
    """
    if not all("!" <= char <= "~" for char in key):
        raise ConfigError(f"the {what} {source} contains a space, a control character or a non-ASCII "
                          "character, which no API key has; copy the key again", path=path, key=where)
    return key


def _resolve_key(spec: EnvironmentConfig) -> str:
    where = f"environments.{spec.name}"
    if spec.api_key_env:
        key = os.environ.get(spec.api_key_env, "").strip()
        if not key:
            raise ConfigError(f"the environment variable {spec.api_key_env} (api_key_env) is not set",
                              path=spec.origin, key=where)
        return checked_key(key, f"in ${spec.api_key_env}", path=spec.origin, where=where)
    if spec.api_key:
        return checked_key(spec.api_key, "in the config file", path=spec.origin, where=where)
    key = os.environ.get(API_KEY_ENV_VAR, "").strip()
    if key:
        return checked_key(key, f"in ${API_KEY_ENV_VAR}", path=spec.origin, where=where)
    raise ConfigError(f"no API key: set api_key_env (or api_key), or export {API_KEY_ENV_VAR}",
                      path=spec.origin, key=where)


# -- loading ---------------------------------------------------------------------------


def load_config(path: Path | str | None = None) -> Config:
    """Load and validate the config (and the app file beside it); a missing file is an empty config."""
    path = Path(path).expanduser() if path is not None else default_config_path()
    config = Config(path=path)
    app_path = app_config_path(path)
    if app_path.exists():
        _merge(config, _parse_file(app_path), app_path)
    if path.exists():
        config.exists = True
        _merge(config, _parse_file(path), path)  # merged last: hand-written wins
    elif path.parent.exists() and not path.parent.is_dir():
        raise ConfigError("the config directory is not a directory", path=path.parent)
    if config.default is not None and config.default not in config.environments:
        known = ", ".join(sorted(config.environments)) or "none configured"
        raise ConfigError(f"names an environment that does not exist: {config.default!r} "
                          f"(known: {known})", path=path, key="default")
    return config


def _parse_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ConfigError("is a directory, not a config file", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror})", path=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", path=path) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _LINE_RE.search(str(exc))
        raise ConfigError(f"TOML syntax error: {exc}", path=path,
                          line=int(match.group(1)) if match else None) from None


def _merge(config: Config, data: dict[str, Any], path: Path) -> None:
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(f"unknown key (expected one of: {', '.join(sorted(_TOP_KEYS))})",
                          path=path, key=unknown[0])
    default = _opt(data, "default", str, path, "default")
    if default is not None:
        config.default = default
    timezone = _opt(data, "timezone", str, path, "timezone")
    if timezone is not None:
        config.timezone = _check_timezone(timezone, path, "timezone")

    envs = _opt(data, "environments", dict, path, "environments") or {}
    has_literal_key = False
    for name, table in envs.items():
        spec = _parse_environment(name, table, path)
        has_literal_key = has_literal_key or spec.has_literal_key
        config.environments[name] = spec
    if has_literal_key:
        _check_private(path)

    filters = _opt(data, "filters", dict, path, "filters") or {}
    for name, query in filters.items():
        key = f"filters.{name}"
        if not isinstance(query, str) or not query.strip():
            raise ConfigError("must be a non-empty query string, e.g. \"status:Active\"",
                              path=path, key=key)
        config.saved_filters[name] = query.strip()

    keymap = _opt(data, "keymap", dict, path, "keymap") or {}
    for binding_id, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError('must be a non-empty string of keys, e.g. "ctrl+n" or "n,ctrl+n"',
                              path=path, key=f"keymap.{binding_id}")
        config.keymap[binding_id] = keys.strip()


def _parse_environment(name: str, table: Any, path: Path) -> EnvironmentConfig:
    where = f"environments.{name}"
    _check_env_name(name, path)
    if not isinstance(table, dict):
        raise ConfigError("must be a table ([environments.NAME])", path=path, key=where)
    unknown = sorted(set(table) - _ENV_KEYS)
    if unknown:
        raise ConfigError(f"unknown key (expected one of: {', '.join(sorted(_ENV_KEYS))})",
                          path=path, key=f"{where}.{unknown[0]}")
    kind = _opt(table, "kind", str, path, f"{where}.kind") or "fusebill"
    if kind not in KINDS:
        raise ConfigError(f"must be one of: {', '.join(KINDS)} (not {kind!r})", path=path, key=f"{where}.kind")
    others = sorted(set(table) & (_FUSEBILL_KEYS if kind == "chargeover" else _CHARGEOVER_KEYS))
    if others:
        wanted = "public_key / private_key (or *_env)" if kind == "chargeover" else "api_key or api_key_env"
        raise ConfigError(f"is not a key of a {kind} environment (it takes {wanted})",
                          path=path, key=f"{where}.{others[0]}")
    base_url = _opt(table, "base_url", str, path, f"{where}.base_url")
    if base_url is None:
        example = "https://example.chargeover.com/api/v3" if kind == "chargeover" else "https://secure.fusebill.com/v1"
        raise ConfigError(f"is missing (e.g. base_url = \"{example}\")", path=path, key=f"{where}.base_url")
    try:
        base_url = validate_base_url(base_url)
        if kind == "chargeover":
            base_url = chargeover_api_url(base_url)
    except ValueError as exc:
        raise ConfigError(str(exc), path=path, key=f"{where}.base_url") from None
    if kind == "chargeover":
        return _parse_chargeover(name, table, path, base_url)
    api_key = _opt(table, "api_key", str, path, f"{where}.api_key")
    api_key_env = _opt(table, "api_key_env", str, path, f"{where}.api_key_env")
    if api_key is not None and api_key_env is not None:
        raise ConfigError("give api_key or api_key_env, not both", path=path, key=where)
    if api_key is not None and not api_key.strip():
        raise ConfigError("is empty", path=path, key=f"{where}.api_key")
    if api_key_env is not None and not _ENV_VAR_RE.match(api_key_env):
        raise ConfigError("must be the name of an environment variable, e.g. \"FUSEBILL_PROD_KEY\"",
                          path=path, key=f"{where}.api_key_env")
    read_only = _opt(table, "read_only", bool, path, f"{where}.read_only") or False
    production = _opt(table, "production", bool, path, f"{where}.production")
    timezone = _opt(table, "timezone", str, path, f"{where}.timezone")
    if timezone is not None:
        timezone = _check_timezone(timezone, path, f"{where}.timezone")
    return EnvironmentConfig(name=name, base_url=base_url, api_key=api_key and api_key.strip(),
                             api_key_env=api_key_env, read_only=read_only, production=production,
                             timezone=timezone, origin=path)


def _parse_chargeover(name: str, table: Any, path: Path, base_url: str) -> EnvironmentConfig:
    """The rest of a ``kind = "chargeover"`` environment: its key pair, flags and time zone."""
    where = f"environments.{name}"
    keys: dict[str, str | None] = {}
    for what in ("public", "private"):
        literal = _opt(table, f"{what}_key", str, path, f"{where}.{what}_key")
        var = _opt(table, f"{what}_key_env", str, path, f"{where}.{what}_key_env")
        if literal is not None and var is not None:
            raise ConfigError(f"give {what}_key or {what}_key_env, not both", path=path, key=where)
        if literal is None and var is None:
            raise ConfigError(f"is missing (a ChargeOver environment needs {what}_key or {what}_key_env)",
                              path=path, key=f"{where}.{what}_key")
        if literal is not None and not literal.strip():
            raise ConfigError("is empty", path=path, key=f"{where}.{what}_key")
        if var is not None and not _ENV_VAR_RE.match(var):
            raise ConfigError("must be the name of an environment variable, e.g. \"CHARGEOVER_PRIVATE_KEY\"",
                              path=path, key=f"{where}.{what}_key_env")
        keys[f"{what}_key"] = literal and literal.strip()
        keys[f"{what}_key_env"] = var
    timezone = _opt(table, "timezone", str, path, f"{where}.timezone")
    return EnvironmentConfig(
        name=name, base_url=base_url, kind="chargeover", **keys,
        read_only=_opt(table, "read_only", bool, path, f"{where}.read_only") or False,
        production=_opt(table, "production", bool, path, f"{where}.production"),
        timezone=_check_timezone(timezone, path, f"{where}.timezone") if timezone is not None else None,
        origin=path,
    )


_TYPE_NAMES = {str: "a string", bool: "true or false", dict: "a table"}


def _opt(table: Mapping[str, Any], key: str, kind: type, path: Path, where: str) -> Any:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, kind):
        raise ConfigError(f"must be {_TYPE_NAMES[kind]}, not {_describe(value)}", path=path, key=where)
    return value


def _describe(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string",
             dict: "a table", list: "a list"}
    return names.get(type(value), type(value).__name__)


def _check_env_name(name: str, path: Path | None) -> None:
    if not _ENV_NAME_RE.match(name):
        raise ConfigError("environment names use letters, digits, '-', '_' and '.' (at most 64)",
                          path=path, key=f"environments.{name}")


def _check_timezone(name: str, path: Path, where: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {name!r} (use an IANA name such as \"Europe/London\")",
                          path=path, key=where) from None
    return name


def _check_private(path: Path) -> None:
    """Refuse a file holding a literal key that group or others can read."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(
            f"holds an API key but others can read it (mode {mode:04o}); fix it with: chmod 600 {path}",
            path=path,
        )


# -- writing the app file ---------------------------------------------------------------


def _read_app_file(app_path: Path) -> dict[str, Any]:
    if not app_path.exists():
        return {}
    return _parse_file(app_path)


def _read_hand_filters(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    filters = _parse_file(path).get("filters", {})
    return filters if isinstance(filters, dict) else {}


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write TOML to a private temp file beside ``path`` and move it into place (mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    header = ("# Written by fusebill-tui; edit config.toml instead (it wins on a name clash).\n"
              "# This file is rewritten whenever the app saves a setting.\n")
    fd, tmp = tempfile.mkstemp(prefix=".config.app.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(header)
            fh.write(tomli_w.dumps(data))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
