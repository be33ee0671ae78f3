"""Command line: parse arguments, pick the environment, and run the TUI or a headless command."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import shlex
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn, TextIO

import fusebill_tui.vendors.registry as registry
from fusebill_tui import __version__
from fusebill_tui.config import (
    Config,
    ConfigError,
    Environment,
    EnvironmentConfig,
    is_loopback_host,
    load_config,
)

PROG = "fusebill-tui"
EXIT_FAILURE = 1  # the command ran and failed (not found, network, server error)
EXIT_USAGE = 2  # bad arguments, config or query: fix the command line or the config
EXIT_INTERRUPTED = 130
DEBUG_ENV_VAR = "FUSEBILL_TUI_DEBUG"

_GLOBAL_DESTS = ("env", "base_url", "demo", "config", "read_only", "kind")
DEFAULT_PAGE_SIZE = 100


class UsageError(Exception):
    """A command-line mistake found after parsing (exit code 2)."""

    user_message = property(lambda self: str(self))


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, never the whole usage text."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")

    # typeshed's overloads are generic in the namespace's type; this parser only ever fills a Namespace
    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse, then run the subcommand's own check of how its options combine (``_check``)."""
        ns, extras = super().parse_known_args(args, namespace)
        check = getattr(ns, "_check", None)
        problem = check(ns) if check is not None else None
        if problem:
            self.error(problem)
        return ns, extras


def _global_options(*, with_base_url: bool = True) -> _Parser:
    """Options accepted both before and after the subcommand (defaults suppressed on both levels)."""
    parent = _Parser(add_help=False)
    group = parent.add_argument_group("environment options")
    group.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                       help="config file (default: $FUSEBILL_TUI_CONFIG or the platform config dir)")
    if with_base_url:
        group.add_argument("--env", metavar="NAME", default=argparse.SUPPRESS,
                           help="a named environment from the config")
        group.add_argument("--base-url", metavar="URL", default=argparse.SUPPRESS,
                           help="an ad-hoc environment; the key comes from $FUSEBILL_API_KEY")
        group.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                           help="the built-in sandbox, whatever the config says")
        group.add_argument("--read-only", action="store_true", default=argparse.SUPPRESS,
                           help="refuse every request that would change data")
        group.add_argument("--kind", choices=registry.kinds(), default=argparse.SUPPRESS,
                           help="the billing system: which built-in sandbox --demo opens, how --base-url "
                                "is reached (default fusebill)")
    return parent


def _whole_number(text: str, *, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
    return value


def _positive(text: str) -> int:
    return _whole_number(text, minimum=1)


def _non_negative(text: str) -> int:
    return _whole_number(text, minimum=0)


def _page_size(text: str) -> int:
    value = _positive(text)
    most = max(v.page_cap for v in registry.vendors())
    if value > most:
        raise argparse.ArgumentTypeError(f"the API returns at most {most} records a page")
    return value


def page_size(ns: argparse.Namespace, api_maximum: int) -> int:
    """Records per request: as given, else 100 for one page and the API's maximum for ``--all``."""
    if ns.page_size is not None:
        return int(ns.page_size)
    return api_maximum if ns.all else DEFAULT_PAGE_SIZE


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"expected an amount such as 100 or 250.50, got {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"expected an amount such as 100 or 250.50, got {text!r}")
    return value


def _currency(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise argparse.ArgumentTypeError(f"expected a three-letter currency code such as CAD, got {text!r}")
    return code


def _port(text: str) -> int:
    value = _non_negative(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The whole command line (the README documents it)."""
    common = _global_options()
    parser = _Parser(prog=PROG, parents=[common],
                     description="Browse and service Fusebill customer accounts from a terminal.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--tour", action="store_true",
                        help="a guided tour of the app on the built-in sandbox (with --demo)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    balance = commands.add_parser("balance", parents=[common], help="print a customer's balances")
    balance.add_argument("customer_id", metavar="ID", type=_positive, help="the customer id")
    balance.add_argument("--json", action="store_true", help="print the overview as JSON")

    customers = commands.add_parser("customers", parents=[common],
                                    help="list customers (one page, or --all)")
    customers.add_argument("--query", "-q", metavar="Q",
                           help='a filter in the documented syntax, e.g. "status:Active;currency:CAD" '
                                '(ChargeOver: "customer_status_str:EQUALS:active-overdue", or plain text)')
    customers.add_argument("--sort", metavar="FIELD",
                           help="sort by this field (e.g. lastName; ChargeOver: e.g. company)")
    customers.add_argument("--desc", action="store_true",
                           help="sort descending (by id when no --sort is given)")
    customers.add_argument("--page-size", metavar="N", type=_page_size, default=None,
                           help="records per request (default 100; with --all the most the API allows: "
                                "1000, ChargeOver 500, so an export takes the fewest requests)")
    customers.add_argument("--format", choices=("table", "json", "csv"), default="table",
                           help="output format (default table)")
    customers.add_argument("--all", action="store_true",
                           help="every page, streamed (progress on stderr)")

    worklist = commands.add_parser("worklist", parents=[common],
                                   help="the collections worklist: who will be suspended soon, and what they owe")
    worklist.add_argument("--within", metavar="DAYS", type=_non_negative,
                          help="only customers suspended within DAYS days")
    worklist.add_argument("--min-balance", metavar="AMOUNT", type=_amount,
                          help="only customers owing at least AMOUNT (in their own currency)")
    worklist.add_argument("--currency", metavar="CUR", type=_currency, help="only customers billed in CUR")
    worklist.add_argument("--format", choices=("table", "json", "csv"), default="table",
                          help="output format (default table); progress goes to stderr")

    sandbox = commands.add_parser("sandbox", parents=[common], help="serve the sandbox API over HTTP")
    sandbox.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sandbox.add_argument("--port", type=_port, default=8080, help="port (default 8080; 0 picks one)")
    sandbox.add_argument("--customers", metavar="N", type=_non_negative,
                         help="generated customers (default 2000; ChargeOver 3000)")
    sandbox.add_argument("--seed", metavar="S", type=int, help="data seed (default 7; ChargeOver 11)")
    sandbox.add_argument("--api-key", metavar="KEY",
                         help="the only key accepted (default: documented; not for --kind chargeover)")
    sandbox.add_argument("--per-minute", metavar="N", type=_positive, default=1000,
                         help="requests allowed per minute (default 1000; Fusebill sandboxes: 50)")
    sandbox.add_argument("--per-day", metavar="N", type=_positive, default=180000,
                         help="requests allowed per day (default 180000)")
    sandbox.add_argument("--latency", metavar="MS", type=_non_negative, default=0,
                         help="milliseconds added to every response (default 0)")

    serve = commands.add_parser("serve", parents=[common], help="serve the app to web browsers")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    serve.add_argument("--public", action="store_true",
                       help="allow an address other machines can reach (anyone there gets the app)")
    serve.add_argument("--allow-writes", action="store_true",
                       help="allow changes when serving a production environment (read-only otherwise)")
    serve.add_argument("--tour", dest="serve_tour", action="store_true",
                       help="each tab opens the guided tour (with --demo)")
    serve.add_argument("--token-file", metavar="PATH",
                       help="read the token from PATH (mode 0600) instead of making one; "
                            "FUSEBILL_TUI_SERVE_TOKEN also sets it")
    serve.add_argument("--no-token", action="store_true",
                       help="no token (only with --demo on a loopback address: a kiosk demo)")

    config_only = _global_options(with_base_url=False)
    config = commands.add_parser("config", parents=[config_only], help="manage environments")
    actions = config.add_subparsers(dest="config_command", metavar="ACTION", parser_class=_Parser,
                                    required=True)
    actions.add_parser("path", parents=[config_only], help="print the config file's path")
    actions.add_parser("list", parents=[config_only], help="list environments and saved filters")
    add = actions.add_parser("add", parents=[config_only],
                             help="add an environment (written to config.app.toml)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--base-url", dest="add_base_url", metavar="URL", required=True,
                     help="e.g. https://secure.fusebill.com/v1 (ChargeOver: https://NAME.chargeover.com/api/v3)")
    add.add_argument("--kind", dest="add_kind", choices=registry.kinds(), default=registry.DEFAULT_KIND,
                     help=f"the billing system (default {registry.DEFAULT_KIND})")
    _add_key_options(add)
    add.add_argument("--read-only", dest="add_read_only", action="store_true",
                     help="refuse every request that would change data")
    add.add_argument("--production", action="store_true", help="mark it as production")
    add.add_argument("--default", action="store_true", help="make it the default environment")
    add.set_defaults(_check=_check_add_keys)
    remove = actions.add_parser("remove", parents=[config_only], help="remove an app-added environment")
    remove.add_argument("name", metavar="NAME")
    return parser


def _opt(ns: argparse.Namespace, name: str, default: Any = None) -> Any:
    return getattr(ns, name, default)


def resolve_environment(ns: argparse.Namespace) -> tuple[Config, Environment]:
    """Load the config and pick the environment the global options ask for."""
    config = load_config(_opt(ns, "config"))
    environment = config.resolve(name=_opt(ns, "env"), base_url=_opt(ns, "base_url"),
                                 demo=bool(_opt(ns, "demo", False)),
                                 read_only=bool(_opt(ns, "read_only", False)), kind=_opt(ns, "kind"))
    return config, environment


def launch_tui(config: Config, environment: Environment, out: TextIO) -> int:
    """Open the Textual app on ``environment`` until the user quits."""
    from fusebill_tui.tui.launch import run  # sends the first request, then imports Textual

    run(config, environment)
    return 0


def launch_tour(config: Config, environment: Environment) -> int:
    """Open the app with the guided tour running."""
    from fusebill_tui.tui.tour.app import run_tour

    run_tour(config, environment)
    return 0


def _run_headless(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from fusebill_tui import headless
    from fusebill_tui.connect import open_client

    _config, environment = resolve_environment(ns)
    vendor = registry.vendor(environment.kind)
    if ns.command == "customers" and (ns.page_size or 0) > vendor.page_cap:
        raise UsageError(f"--page-size: {vendor.label} returns at most {vendor.page_cap} records a request")

    async def command() -> None:
        async with open_client(environment) as client:
            if ns.command == "balance":
                await headless.balance(client, ns.customer_id, as_json=ns.json, out=out,
                                       timezone=environment.timezone)
            elif ns.command == "worklist":
                try:
                    await headless.worklist(client, within=ns.within, min_balance=ns.min_balance,
                                            currency=ns.currency, fmt=ns.format, out=out, err=err)
                except NotImplementedError as exc:  # a vendor without one
                    raise UsageError(str(exc)) from None
            else:
                await headless.customers(client, query=ns.query, sort=ns.sort,
                                         descending=ns.desc, page_size=page_size(ns, vendor.page_cap),
                                         fmt=ns.format, all_pages=ns.all, out=out, err=err,
                                         timezone=environment.timezone)

    asyncio.run(command())
    return 0


def _run_sandbox(ns: argparse.Namespace, out: TextIO) -> int:
    vendor = registry.vendor(_opt(ns, "kind"))
    link = registry.sandbox_link(vendor.kind)
    if link is None or link.serve is None:
        raise UsageError(f"{vendor.label} has no sandbox to serve")
    for option, why in vendor.sandbox_refuses.items():
        if getattr(ns, option, None):
            raise UsageError(why)
    if not is_loopback_host(ns.host):
        print(f"{PROG}: note: serving demo data on {ns.host}, reachable from other machines", file=out)
    link.serve(registry.SandboxOptions(host=ns.host, port=ns.port, customers=ns.customers, seed=ns.seed,
                                       api_key=ns.api_key, per_minute=ns.per_minute, per_day=ns.per_day,
                                       latency=ns.latency / 1000))
    return 0


def _run_serve(ns: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from fusebill_tui.web.plan import plan_serve
    from fusebill_tui.web.token import serve_token

    if ns.no_token and ns.token_file:
        raise UsageError("use either --token-file or --no-token, not both")
    token = serve_token(ns.token_file)  # read (and dropped from the environment) before any tab starts

    _config, environment = resolve_environment(ns)
    if ns.serve_tour:
        _check_tour(environment)
    if ns.port == 0:
        raise UsageError("serve needs a port number (the page must know it): give --port N")
    plan = plan_serve(environment, host=ns.host, port=ns.port, public=ns.public,
                      allow_writes=ns.allow_writes, demo=bool(_opt(ns, "demo", False)),
                      env_name=_opt(ns, "env"), base_url=_opt(ns, "base_url"),
                      config_path=_absolute(_opt(ns, "config")), read_only=bool(_opt(ns, "read_only", False)),
                      tour=ns.serve_tour, token=token, no_token=ns.no_token)
    for warning in plan.warnings:
        print(f"{PROG}: {warning}", file=err)
    from fusebill_tui.web.server import serve

    serve(plan, out)
    return 0


def _absolute(path: str | None) -> str | None:
    return os.path.abspath(path) if path else None


def _check_tour(environment: Environment) -> None:
    """The tour's steps land on customers of the built-in sandbox's data, so it runs only there."""
    from fusebill_tui.sandbox_defaults import SANDBOX_BASE_URL

    if not (environment.is_sandbox and environment.base_url == SANDBOX_BASE_URL):
        raise UsageError(f"the tour runs on the built-in sandbox, not {environment.name}: add --demo")


def _option(name: str) -> str:
    """``api_key`` -> ``api-key`` (the command-line spelling of a config key)."""
    return name.replace("_", "-")


def _all_credentials() -> list[tuple[Any, Any]]:
    """(vendor, credential field) for every vendor's keys, each field name once (the first vendor's)."""
    seen: set[str] = set()
    found = []
    for vendor in registry.vendors():
        for credential in vendor.credentials:
            if credential.name not in seen:
                seen.add(credential.name)
                found.append((vendor, credential))
    return found


def _add_key_options(add: argparse.ArgumentParser) -> None:
    """``--NAME-env VAR`` / ``--NAME KEY`` for each key any vendor's environments take."""
    for vendor, credential in _all_credentials():
        prefix = "" if vendor.kind == registry.DEFAULT_KIND else f"{vendor.label}: "
        what = credential.what if len(vendor.credentials) > 1 else "key"
        prompt = '"-" to be prompted' if prefix else 'give "-" to be prompted (nothing is echoed)'
        group = add.add_mutually_exclusive_group()
        group.add_argument(f"--{_option(credential.name)}-env", metavar="VAR",
                           help=f"{prefix}the variable that holds the {what}")
        group.add_argument(f"--{_option(credential.name)}", metavar="KEY", help=f"{prefix}the {what} itself; {prompt}")
        group.add_argument(f"--{_option(credential.name)}-cmd", dest=credential.cmd_key, metavar="COMMAND",
                           help=f"{prefix}a command that prints the {what} (e.g. a password manager's), "
                                "split like a shell line and run without one when the environment is opened")


def _check_add_keys(ns: argparse.Namespace) -> str | None:
    """What is wrong with the keys ``config add`` was given for its kind (None when they fit)."""
    vendor = registry.vendor(ns.add_kind)
    own = {c.name for c in vendor.credentials}
    foreign = [(v, c) for v, c in _all_credentials() if c.name not in own and
               any(getattr(ns, key, None) for key in c.config_keys)]
    if foreign:
        if len(vendor.credentials) > 1:
            theirs = " and ".join(f"--{_option(c.name)}(-env)" for c in vendor.credentials)
            return f"a {vendor.label} environment takes {theirs}, not --{_option(foreign[0][1].name)}"
        other = foreign[0][0]
        return f"{' / '.join('--' + _option(c.name) for c in other.credentials)} are for --kind {other.kind}"
    for credential in vendor.credentials:
        if not (any(getattr(ns, key, None) for key in credential.config_keys)
                or getattr(ns, credential.cmd_key, None) is not None):  # an empty command is named later
            option = _option(credential.name)
            if len(vendor.credentials) == 1:
                return f"one of the arguments --{option}-env --{option} --{option}-cmd is required"
            return f"a {vendor.label} environment needs --{option}-env VAR, --{option} KEY or --{option}-cmd COMMAND"
    return None


def _add_spec(ns: argparse.Namespace) -> EnvironmentConfig:
    """The environment ``config add`` describes, with the keys its kind needs (prompted for on "-")."""
    def prompted(value: str | None, what: str) -> str | None:
        if value != "-":
            return value
        value = getpass.getpass(f"{what} for {ns.name}: ").strip()
        if not value:
            raise UsageError("no key entered; nothing was saved")
        return value

    def words(command: str | None, option: str) -> list[str] | None:
        if command is None:
            return None
        try:
            split = shlex.split(command)
        except ValueError as exc:  # an unclosed quote
            raise UsageError(f"--{option}-cmd: {exc}") from None
        if not split:
            raise UsageError(f"--{option}-cmd: give the command that prints the key")
        return split

    keys: dict[str, str | None] = {}
    commands: dict[str, Any] = {}  # NAME_cmd -> its words (EnvironmentConfig takes them as keywords)
    for credential in registry.vendor(ns.add_kind).credentials:
        keys[credential.name] = prompted(getattr(ns, credential.name), credential.what[0].upper() + credential.what[1:])
        keys[credential.env_key] = getattr(ns, credential.env_key)
        commands[credential.cmd_key] = words(getattr(ns, credential.cmd_key), _option(credential.name))
    return EnvironmentConfig(name=ns.name, base_url=ns.add_base_url, read_only=ns.add_read_only,
                             production=True if ns.production else None, kind=ns.add_kind,
                             key_pairs=tuple(keys.items()), **commands)


def _run_config(ns: argparse.Namespace, out: TextIO) -> int:
    config = load_config(_opt(ns, "config"))
    action = ns.config_command
    if action == "path":
        print(config.path, file=out)
    elif action == "list":
        _print_config(config, out)
    elif action == "add":
        config.add_environment(_add_spec(ns), make_default=ns.default)
        print(f"added environment {ns.name!r} to {config.app_path}", file=out)
    elif action == "remove":
        config.remove_environment(ns.name)
        print(f"removed environment {ns.name!r} from {config.app_path}", file=out)
    return 0


def _print_config(config: Config, out: TextIO) -> None:
    """List environments and filters; keys are never printed, only where they come from."""
    state = "" if config.exists else " (does not exist: using the built-in sandbox)"
    print(f"config: {config.path}{state}", file=out)
    if not config.environments:
        print("no environments configured", file=out)
    rows = []
    for name, spec in sorted(config.environments.items()):
        marks = [m for m, on in (("read-only", spec.read_only), ("production", spec.is_production)) if on]
        origin = "app" if spec.origin == config.app_path else "hand-written"
        if spec.kind != registry.DEFAULT_KIND:
            marks.insert(0, spec.kind)
        rows.append(("*" if name == config.default else " ", name, spec.base_url,
                     f"key: {spec.key_source}", " ".join(marks), f"({origin})"))
    widths = [max(len(row[i]) for row in rows) for i in range(6)] if rows else []
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip(), file=out)
    if config.saved_filters:
        print("saved filters:", file=out)
        for name, query in sorted(config.saved_filters.items()):
            print(f"  {name}: {query}", file=out)


def run(argv: Sequence[str] | None = None, *, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    """Parse ``argv`` and run it; failures become one line on ``err`` and an exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    _configure_logging(err)
    ns = build_parser().parse_args(argv)
    try:
        if ns.command in ("balance", "customers", "worklist"):
            return _run_headless(ns, out, err)
        if ns.command == "sandbox":
            return _run_sandbox(ns, out)
        if ns.command == "config":
            return _run_config(ns, out)
        if ns.command == "serve":
            return _run_serve(ns, out, err)
        config, environment = resolve_environment(ns)
        if ns.tour:
            _check_tour(environment)
            return launch_tour(config, environment)
        return launch_tui(config, environment, out)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=err)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as Unix tools do.
        _silence_stdout()
        return EXIT_FAILURE
    except Exception as exc:
        if os.environ.get(DEBUG_ENV_VAR):
            raise
        code, message = describe_failure(exc)
        print(f"{PROG}: error: {message}", file=err)
        return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _configure_logging(err: TextIO) -> None:
    """Library log records stay quiet (failures are reported once, as one line) unless debugging."""
    logger = logging.getLogger("fusebill_tui")
    if os.environ.get(DEBUG_ENV_VAR):
        handler: logging.Handler = logging.StreamHandler(err)
        handler.setFormatter(logging.Formatter(f"{PROG}: %(name)s: %(message)s"))
        logger.setLevel(logging.DEBUG)
    else:
        handler = logging.NullHandler()
    logger.handlers[:] = [handler]


def describe_failure(exc: BaseException) -> tuple[int, str]:
    """The exit code and one-line, key-free message for a failure."""
    from fusebill_tui.core.errors import FusebillError, QueryError
    from fusebill_tui.web.plan import ServeRefused

    if isinstance(exc, (ConfigError, UsageError, QueryError, ServeRefused)):
        code, message = EXIT_USAGE, exc.user_message
    elif isinstance(exc, FusebillError):
        code, message = EXIT_FAILURE, exc.user_message
    elif isinstance(exc, OSError):
        target = f": {exc.filename}" if exc.filename else ""
        code, message = EXIT_FAILURE, f"{exc.strerror or exc}{target}"
    else:
        code = EXIT_FAILURE
        message = (f"unexpected {type(exc).__name__}: {exc} "
                   f"(set {DEBUG_ENV_VAR}=1 for the traceback, and please report it)")
    return code, " ".join(str(message).split())


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point."""
    return run(argv)
