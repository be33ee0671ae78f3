"""Environments: load and validate the TOML config, resolve keys, save what the app writes.

Two files live side by side:

- ``config.toml``: written by the user by hand; the app only ever reads it.
- ``config.app.toml``: what the app writes (environments added with ``config add``,
  saved filters added in the app), rewritten atomically with mode 0600.

Both are merged on load. On a name clash the hand-written file wins, and the app refuses
to add a name the hand-written file already uses, so nothing is ever silently shadowed.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
import tomli_w

import fusebill_tui.vendors.registry as registry
from fusebill_tui.core.key_command import KeyCommandFailed, run_key_command
from fusebill_tui.vendors.declaration import CredentialField, Vendor

CONFIG_ENV_VAR = "FUSEBILL_TUI_CONFIG"
#: The kind of an environment that does not say (the registry's first vendor).
DEFAULT_KIND = registry.DEFAULT_KIND
APP_FILE_NAME = "config.app.toml"

_TOP_KEYS = {"default", "timezone", "environments", "filters", "keymap"}
_COMMON_ENV_KEYS = frozenset({"kind", "base_url", "read_only", "production", "timezone"})
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


def kinds() -> tuple[str, ...]:
    """The billing systems an environment can be (the default one first: used when ``kind`` is not given)."""
    return registry.kinds()


def _vendor(kind: str | None) -> Vendor:
    return registry.vendor(kind)


def _credential_names() -> frozenset[str]:
    """Every config key any vendor's credentials are written under."""
    return frozenset().union(*(v.credential_names for v in registry.vendors()))


def _command_names() -> frozenset[str]:
    """Every config key any vendor's key commands are written under (``api_key_cmd``, ...)."""
    return frozenset(c.cmd_key for v in registry.vendors() for c in v.credentials)


def _env_keys() -> frozenset[str]:
    return _COMMON_ENV_KEYS | _credential_names()


def _is_production_host(vendor: Vendor, url: str) -> bool:
    return _host_of(url) in vendor.production_hosts


def _normalized_url(vendor: Vendor, url: str) -> str:
    """The URL checked, then as the vendor's API wants it (ValueError saying what is wrong)."""
    url = validate_base_url(url)
    return vendor.normalize_url(url) if vendor.normalize_url is not None else url


@dataclass(frozen=True, init=False, repr=False)
class EnvironmentConfig:
    """One environment as written in a config file (a key may still be an env var name).

    Its keys are the vendor's credential fields, each given as ``NAME=`` (the key), ``NAME_env=`` (the
    variable holding it) or ``NAME_cmd=`` (the command printing it); they read as attributes
    (``spec.api_key_env``, ``spec.api_key_cmd``), None when not given.
    """

    name: str
    base_url: str
    key_pairs: tuple[tuple[str, str | None], ...]
    #: ``(NAME_cmd, the command's words)`` for each key read from a command (given as ``NAME_cmd=[...]``).
    commands: tuple[tuple[str, tuple[str, ...]], ...] = field(init=False)
    read_only: bool = False
    production: bool | None = None
    timezone: str | None = None
    origin: Path | None = None
    kind: str = registry.DEFAULT_KIND

    def __init__(self, name: str, base_url: str, *, read_only: bool = False, production: bool | None = None,
                 timezone: str | None = None, origin: Path | None = None, kind: str | None = None,
                 key_pairs: tuple[tuple[str, str | None], ...] = (), **keys: str | Sequence[str] | None) -> None:
        unknown = sorted(set(keys) - _credential_names())
        if unknown:
            raise TypeError(f"EnvironmentConfig() got an unexpected keyword argument {unknown[0]!r}")
        merged = dict(key_pairs)
        words: dict[str, tuple[str, ...]] = {}
        for key, given in keys.items():
            if key in _command_names():  # a key command: its words
                if given is not None:
                    words[key] = tuple(given)
            else:
                assert given is None or isinstance(given, str), key
                merged[key] = given
        for attr, value in (("name", name), ("base_url", base_url),
                            ("key_pairs", tuple(sorted((k, v) for k, v in merged.items() if v is not None))),
                            ("commands", tuple(sorted(words.items()))),
                            ("read_only", read_only), ("production", production), ("timezone", timezone),
                            ("origin", origin), ("kind", kind or registry.DEFAULT_KIND)):
            object.__setattr__(self, attr, value)

    def __getattr__(self, name: str) -> Any:
        if name in _command_names():
            return dict(self.__dict__.get("commands", ())).get(name)
        if name in _credential_names():
            return dict(self.__dict__.get("key_pairs", ())).get(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def keys(self) -> dict[str, str | None]:
        """The credential entries given (``api_key``, ``api_key_env``, ...)."""
        return dict(self.key_pairs)

    @property
    def vendor(self) -> Vendor:
        """The billing system this environment is."""
        return _vendor(self.kind)

    @property
    def has_literal_key(self) -> bool:
        """Whether the file holds a key itself (it must then be private)."""
        return any(self.keys.get(c.name) is not None for v in registry.vendors() for c in v.credentials)

    @property
    def is_production(self) -> bool:
        """True when marked ``production = true`` or when it points at the vendor's production host."""
        if self.production is not None:
            return self.production
        return _is_production_host(self.vendor, self.base_url)

    @property
    def key_source(self) -> str:
        """Where the key comes from, worded to follow "key: " (never the key itself)."""
        keys = self.keys
        fields = self.vendor.credentials

        commands = dict(self.commands)

        def one(field: CredentialField) -> str:
            var, literal = keys.get(field.env_key), keys.get(field.name)
            if field.cmd_key in commands:
                return "from a command"
            return f"from ${var}" if var else "in the config file" if literal else "not set"

        sources = [one(f) for f in fields]
        if len(sources) == 1:
            return sources[0]
        if len(set(sources)) == 1:
            return ("both " if len(sources) == 2 else "all ") + sources[0] if sources[0] != "not set" else "not set"
        return ", ".join(f"{f.short} {src}" for f, src in zip(fields, sources, strict=True))

    def __repr__(self) -> str:
        keys = ", ".join(f"{c.name}={_safe_repr_key(self.keys.get(c.name))}, {c.env_key}={self.keys.get(c.env_key)!r}"
                         for c in self.vendor.credentials)
        return (f"EnvironmentConfig(name={self.name!r}, kind={self.kind!r}, base_url={self.base_url!r}, "
                f"{keys}, "
                f"read_only={self.read_only!r}, production={self.production!r}, "
                f"timezone={self.timezone!r})")

    def to_toml(self) -> dict[str, Any]:
        """The table written for this environment (only the keys that are set)."""
        table: dict[str, Any] = {"base_url": self.base_url}
        if self.kind != registry.DEFAULT_KIND:
            table = {"kind": self.kind, **table}
        keys, commands = self.keys, dict(self.commands)
        for credential in self.vendor.credentials:
            if credential.cmd_key in commands:
                table[credential.cmd_key] = list(commands[credential.cmd_key])
            elif keys.get(credential.env_key):
                table[credential.env_key] = keys[credential.env_key]
            elif keys.get(credential.name):
                table[credential.name] = keys[credential.name]
        if self.read_only:
            table["read_only"] = True
        if self.production is not None:
            table["production"] = self.production
        if self.timezone:
            table["timezone"] = self.timezone
        return table


@dataclass(frozen=True, init=False, repr=False)
class Environment:
    """A resolved environment ready to connect to; ``repr`` and ``str`` never show the key.

    ``credentials`` holds the keys its vendor declares (``api_key``, or ``public_key`` and ``private_key``);
    they also read as attributes (``environment.api_key``), "" when the vendor takes no such key.
    """

    name: str
    base_url: str
    key_pairs: tuple[tuple[str, str], ...]
    read_only: bool = False
    is_sandbox: bool = False
    is_production: bool = False
    timezone: str | None = None
    kind: str = registry.DEFAULT_KIND

    def __init__(self, name: str, base_url: str, *, credentials: Mapping[str, str] | None = None,
                 read_only: bool = False, is_sandbox: bool = False, is_production: bool = False,
                 timezone: str | None = None, kind: str | None = None,
                 key_pairs: tuple[tuple[str, str], ...] = (), **keys: str) -> None:
        unknown = sorted(set(keys) - _credential_names())
        if unknown:
            raise TypeError(f"Environment() got an unexpected keyword argument {unknown[0]!r}")
        merged = {**dict(key_pairs), **(credentials or {}), **keys}
        for attr, value in (("name", name), ("base_url", base_url), ("key_pairs", tuple(sorted(merged.items()))),
                            ("read_only", read_only), ("is_sandbox", is_sandbox), ("is_production", is_production),
                            ("timezone", timezone), ("kind", kind or registry.DEFAULT_KIND)):
            object.__setattr__(self, attr, value)

    def __getattr__(self, name: str) -> str:
        if name in _credential_names():
            pairs: dict[str, str] = dict(self.__dict__.get("key_pairs", ()))
            return pairs.get(name, "")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def credentials(self) -> dict[str, str]:
        """The vendor's keys by field name (never shown by ``repr`` or ``str``)."""
        return dict(self.key_pairs)

    def __repr__(self) -> str:
        return (f"Environment(name={self.name!r}, kind={self.kind!r}, base_url={self.base_url!r}, keys=<hidden>, "
                f"read_only={self.read_only!r}, is_sandbox={self.is_sandbox!r}, "
                f"is_production={self.is_production!r}, timezone={self.timezone!r})")

    def __str__(self) -> str:
        marks = [m for m, on in (("production", self.is_production), ("read-only", self.read_only)) if on]
        suffix = f" [{', '.join(marks)}]" if marks else ""
        return f"{self.name} ({self.base_url}){suffix}"


def builtin_sandbox(*, read_only: bool = False, timezone: str | None = None, kind: str | None = None) -> Environment:
    """The built-in, in-process sandbox environment of ``kind`` (the default vendor's unless told otherwise)."""
    sandbox = _vendor(kind).sandbox
    if sandbox is None:
        raise ConfigError(f"the {_vendor(kind).label} vendor has no built-in sandbox")
    return Environment(name=sandbox.name, base_url=sandbox.base_url, credentials=sandbox.credentials,
                       read_only=read_only, is_sandbox=True, timezone=timezone, kind=_vendor(kind).kind)


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
        if kind is not None and kind not in kinds():
            raise ConfigError(f"unknown kind {kind!r} (expected one of: {', '.join(kinds())})")
        if demo:
            return builtin_sandbox(read_only=read_only, timezone=self.timezone, kind=kind)
        if base_url is not None:
            if name is not None:
                raise ConfigError("use either --env or --base-url, not both")
            return self._ad_hoc(base_url, read_only, kind)
        if name is None:
            name = self.default
            if name is None:
                if not self.environments:
                    return builtin_sandbox(read_only=read_only, timezone=self.timezone, kind=kind)
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
        return Environment(name=spec.name, base_url=spec.base_url, read_only=spec.read_only or read_only,
                           is_production=spec.is_production, timezone=spec.timezone or self.timezone,
                           kind=spec.kind, credentials=_resolve_credentials(spec))

    def _ad_hoc(self, base_url: str, read_only: bool, kind: str | None = None) -> Environment:
        vendor = _vendor(kind)
        try:
            url = _normalized_url(vendor, base_url)
        except ValueError as exc:
            raise ConfigError(f"--base-url {exc}") from None
        fields = vendor.credentials
        keys = [os.environ.get(c.env_var, "").strip() for c in fields]
        if not all(keys):
            if len(fields) == 1:
                raise ConfigError(f"--base-url takes the {fields[0].what} from {fields[0].env_var}, which is not set")
            raise ConfigError(f"--base-url with --kind {vendor.kind} takes the keys from "
                              f"{' and '.join(c.env_var for c in fields)}, which are not both set")
        credentials = {c.name: checked_key(key, f"in ${c.env_var}", what=c.what)
                       for c, key in zip(fields, keys, strict=True)}
        return Environment(name=_host_of(url), base_url=url, credentials=credentials, read_only=read_only,
                           is_production=_is_production_host(vendor, url), timezone=self.timezone, kind=vendor.kind)

    # -- what the app writes ------------------------------------------------------------

    def add_environment(self, spec: EnvironmentConfig, *, make_default: bool = False) -> None:
        """Add (or replace) an app-written environment and save the app file."""
        _check_env_name(spec.name, self.app_path)
        if spec.name in self.environments and self.environments[spec.name].origin == self.path:
            raise ConfigError(f"environment {spec.name!r} is defined by hand in this file; "
                              "edit it there", path=self.path)
        if spec.kind not in kinds():
            raise ConfigError(f"unknown kind {spec.kind!r} (expected one of: {', '.join(kinds())})",
                              key=f"environments.{spec.name}.kind")
        vendor = spec.vendor
        keys, commands = spec.keys, dict(spec.commands)
        for credential in vendor.credentials:
            given = [keys.get(credential.name), keys.get(credential.env_key), commands.get(credential.cmd_key)]
            if sum(v is not None for v in given) != 1:
                article = "the" if len(vendor.credentials) > 1 else "an" if credential.what[0] in "aeiouAEIOU" else "a"
                raise ConfigError(f"give exactly one of {article} {credential.what} or the name of a variable "
                                  "holding it", key=f"environments.{spec.name}")
        foreign = sorted((set(keys) | set(commands)) - vendor.credential_names)
        if foreign:
            theirs = " and ".join(f"a {c.short} key" if c.short else f"a {c.what}" for c in vendor.credentials)
            raise ConfigError(f"a {vendor.label} environment takes {theirs}, not {foreign[0].removesuffix('_env')}",
                              key=f"environments.{spec.name}")
        try:
            url = _normalized_url(vendor, spec.base_url)
        except ValueError as exc:
            raise ConfigError(str(exc), key=f"environments.{spec.name}.base_url") from None
        spec = EnvironmentConfig(spec.name, url, read_only=spec.read_only, production=spec.production,
                                 timezone=spec.timezone, origin=self.app_path, kind=spec.kind,
                                 key_pairs=spec.key_pairs, **dict(spec.commands))
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


def _resolve_credentials(spec: EnvironmentConfig) -> dict[str, str]:
    """The environment's keys, from the file, the variables it names, or (where the vendor allows) the
    vendor's own variable."""
    where = f"environments.{spec.name}"
    keys, commands = spec.keys, dict(spec.commands)
    resolved = {}
    for cred in spec.vendor.credentials:
        var, literal, command = keys.get(cred.env_key), keys.get(cred.name), commands.get(cred.cmd_key)
        if command:
            key, source = _key_from_command(spec, cred, command), f"printed by {cred.cmd_key}"
        elif var:
            key = os.environ.get(var, "").strip()
            if not key:
                raise ConfigError(f"the environment variable {var} ({cred.env_key}) is not set",
                                  path=spec.origin, key=where)
            source = f"in ${var}"
        elif literal:
            key, source = literal, "in the config file"
        elif not cred.required and os.environ.get(cred.env_var, "").strip():
            key, source = os.environ[cred.env_var].strip(), f"in ${cred.env_var}"
        else:
            fallback = "" if cred.required else f", or export {cred.env_var}"
            raise ConfigError(f"no {cred.what}: set {cred.env_key} (or {cred.name}){fallback}",
                              path=spec.origin, key=where)
        resolved[cred.name] = checked_key(key, source, path=spec.origin, where=where, what=cred.what)
    return resolved


def _key_from_command(spec: EnvironmentConfig, cred: CredentialField, command: Sequence[str]) -> str:
    """Run the environment's key command now (the environment is being opened); the key stays in memory."""
    try:
        return run_key_command(command)
    except KeyCommandFailed as exc:
        raise ConfigError(f"the {cred.what} of {spec.name} comes from a command, and {exc}; "
                          f"run {cred.cmd_key} yourself to see why", path=spec.origin,
                          key=f"environments.{spec.name}.{cred.cmd_key}") from None


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
    unknown = sorted(set(table) - _env_keys())
    if unknown:
        raise ConfigError(f"unknown key (expected one of: {', '.join(sorted(_env_keys()))})",
                          path=path, key=f"{where}.{unknown[0]}")
    kind = _opt(table, "kind", str, path, f"{where}.kind") or registry.DEFAULT_KIND
    if kind not in kinds():
        raise ConfigError(f"must be one of: {', '.join(kinds())} (not {kind!r})", path=path, key=f"{where}.kind")
    vendor = _vendor(kind)
    others = sorted(set(table) & (_credential_names() - vendor.credential_names))
    if others:
        raise ConfigError(f"is not a key of a {kind} environment (it takes {vendor.credential_hint})",
                          path=path, key=f"{where}.{others[0]}")
    base_url = _opt(table, "base_url", str, path, f"{where}.base_url")
    if base_url is None:
        raise ConfigError(f"is missing (e.g. base_url = \"{vendor.url_example}\")", path=path,
                          key=f"{where}.base_url")
    try:
        base_url = _normalized_url(vendor, base_url)
    except ValueError as exc:
        raise ConfigError(str(exc), path=path, key=f"{where}.base_url") from None
    keys, commands = _parse_credentials(vendor, where, table, path)
    read_only = _opt(table, "read_only", bool, path, f"{where}.read_only") or False
    production = _opt(table, "production", bool, path, f"{where}.production")
    timezone = _opt(table, "timezone", str, path, f"{where}.timezone")
    if timezone is not None:
        timezone = _check_timezone(timezone, path, f"{where}.timezone")
    return EnvironmentConfig(name=name, base_url=base_url, kind=kind, read_only=read_only, production=production,
                             timezone=timezone, origin=path, key_pairs=tuple(keys.items()), **commands)


def _parse_credentials(vendor: Vendor, where: str, table: Mapping[str, Any],
                       path: Path) -> tuple[dict[str, str | None], dict[str, tuple[str, ...]]]:
    """The vendor's keys as written: each a key, the name of a variable holding it, or a command printing it
    (exactly one); and the commands by their config key."""
    keys: dict[str, str | None] = {}
    commands: dict[str, tuple[str, ...]] = {}
    for cred in vendor.credentials:
        literal = _opt(table, cred.name, str, path, f"{where}.{cred.name}")
        var = _opt(table, cred.env_key, str, path, f"{where}.{cred.env_key}")
        command = _command(table, cred.cmd_key, path, f"{where}.{cred.cmd_key}")
        given = [k for k, v in zip(cred.config_keys, (literal, var, command), strict=True) if v is not None]
        if len(given) > 1:
            raise ConfigError(f"give {' or '.join(given)}, not both" if len(given) == 2
                              else f"give one of {', '.join(given)}", path=path, key=where)
        if not given and cred.required:
            raise ConfigError(f"is missing (a {vendor.label} environment needs {cred.name}, {cred.env_key} "
                              f"or {cred.cmd_key})", path=path, key=f"{where}.{cred.name}")
        if command is not None:
            commands[cred.cmd_key] = command
        if literal is not None and not literal.strip():
            raise ConfigError("is empty", path=path, key=f"{where}.{cred.name}")
        if var is not None and not _ENV_VAR_RE.match(var):
            raise ConfigError(f"must be the name of an environment variable, e.g. \"{cred.var_example}\"",
                              path=path, key=f"{where}.{cred.env_key}")
        keys[cred.name] = literal and literal.strip()
        keys[cred.env_key] = var
    return keys, commands


def _command(table: Mapping[str, Any], key: str, path: Path, where: str) -> tuple[str, ...] | None:
    """A key command: a list of words (the program first), run as it is, without a shell."""
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, list) or not value or not all(isinstance(w, str) for w in value) or not value[0]:
        raise ConfigError('must be a list of words, the program first, e.g. ["pass", "show", "fusebill/prod"] '
                          "(run without a shell)", path=path, key=where)
    return tuple(value)


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
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
