"""What `fusebill-tui serve` will run and where: the per-tab command, the address checks, the warnings."""

from __future__ import annotations

import secrets
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from fusebill_tui.config import DEFAULT_KIND, Environment, is_loopback_host

#: Hosts a browser on this machine may name to reach a loopback server.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class ServeRefused(Exception):
    """The command line asks for something unsafe without saying it means it (exit code 2)."""

    user_message = property(lambda self: str(self))


@dataclass(frozen=True)
class ServePlan:
    """Everything the web server needs: the command each tab runs, the address, and what to tell the user."""

    command: str
    environment_name: str
    host: str
    port: int
    title: str
    read_only: bool
    #: ``host:port`` values the Host header may carry; None accepts any (a deliberately public server).
    allowed_hosts: frozenset[str] | None
    warnings: list[str] = field(default_factory=list)
    #: What every request must carry (None: a kiosk demo with ``--no-token``); never in ``repr``.
    token: str | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """Where to point a browser (with the token, the way Jupyter prints it)."""
        query = f"?token={self.token}" if self.token else ""
        if self.host in ("0.0.0.0", "::"):
            return f"http://<this machine's address>:{self.port}/{query}"
        return f"http://{_bracketed(self.host)}:{self.port}/{query}"


def _bracketed(host: str) -> str:
    """An IPv6 address as a URL writes it (``[::1]``); other hosts unchanged."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def app_command(environment_args: Sequence[str], *, python: str | None = None) -> str:
    """The shell command each browser tab runs: this same app, in the same Python, on the same environment."""
    argv = [python or sys.executable, "-m", "fusebill_tui", *environment_args]
    return shlex.join(argv)


def environment_args(*, demo: bool, env_name: str | None, base_url: str | None, config_path: str | None,
                     read_only: bool, tour: bool = False, kind: str = DEFAULT_KIND) -> list[str]:
    """The environment options to hand on to each tab's app (the key never appears on a command line)."""
    args: list[str] = []
    if config_path:
        args += ["--config", config_path]
    if demo:
        args.append("--demo")
    elif env_name:
        args += ["--env", env_name]
    elif base_url:
        args += ["--base-url", base_url]
    if kind != DEFAULT_KIND and not env_name:
        args += ["--kind", kind]  # a named environment carries its kind in the config
    if read_only:
        args.append("--read-only")
    if tour:
        args.append("--tour")
    return args


def plan_serve(environment: Environment, *, host: str, port: int, public: bool, allow_writes: bool,
               demo: bool = False, env_name: str | None = None, base_url: str | None = None,
               config_path: str | None = None, read_only: bool = False, tour: bool = False,
               python: str | None = None, token: str | None = None, no_token: bool = False) -> ServePlan:
    """Check the address and the environment, and say what will be served; raise ServeRefused when unsafe.

    ``token`` None makes a random one; ``no_token`` (``--no-token``) is allowed only for the built-in
    sandbox on loopback (a kiosk demo).
    """
    warnings: list[str] = []
    loopback = is_loopback_host(host)
    if no_token and not (demo and loopback):
        raise ServeRefused("--no-token is only for a demo: it needs --demo and a loopback address, since "
                           "without the token anyone who can reach the port drives the app")
    if not loopback and not public:
        raise ServeRefused(
            f"refusing to serve on {host}: anyone who can reach it gets the app with the "
            f"{environment.name} key and no password. Serve on 127.0.0.1 (the default), or add --public "
            "if that is what you mean")
    if not loopback:
        warnings.append(
            f"warning: serving on {host}:{port}, reachable from other machines over plain http: "
            f"whoever learns the token uses {environment.name} as you")
    forced_read_only = environment.is_production and not environment.read_only and not read_only \
        and not allow_writes
    if forced_read_only:
        warnings.append(
            f"note: {environment.name} is production, so it is served read-only; add --allow-writes to allow changes")
    if allow_writes and environment.read_only:
        warnings.append(f"note: {environment.name} is read-only in the config; --allow-writes does not change that")
    effective_read_only = environment.read_only or read_only or forced_read_only
    args = environment_args(demo=demo, env_name=env_name, base_url=base_url, config_path=config_path,
                            read_only=read_only or forced_read_only, tour=tour, kind=environment.kind)
    allowed = None if not loopback else frozenset(
        f"{_bracketed(name)}:{port}" for name in (*LOOPBACK_NAMES, host.lower()))
    return ServePlan(command=app_command(args, python=python), environment_name=environment.name, host=host, port=port,
                     title=f"fusebill-tui · {environment.name}", read_only=effective_read_only,
                     allowed_hosts=allowed, warnings=warnings,
                     token=None if no_token else token or secrets.token_urlsafe(32))
