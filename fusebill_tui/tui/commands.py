"""Command palette (ctrl+p): open a customer by id, switch or add environments, filters, copy."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from fusebill_tui.config import ConfigError, builtin_sandbox
from fusebill_tui.sandbox_defaults import CHARGEOVER_SANDBOX_ENV_NAME, SANDBOX_ENV_NAME
from fusebill_tui.tui.app_access import fusebill_app
from fusebill_tui.tui.dialogs.add_environment import AddEnvironmentDialog
from fusebill_tui.tui.screens.customer_list import CustomerListScreen
from fusebill_tui.tui.screens.worklist import WorklistScreen
from fusebill_tui.tui.text import clean

if TYPE_CHECKING:
    from fusebill_tui.vendors.views import Customer


def customer_list_screen(app: Any) -> CustomerListScreen | None:
    """The customer list in the screen stack, if there is one."""
    return next((s for s in reversed(app.screen_stack) if isinstance(s, CustomerListScreen)), None)


def back_to_list(app: Any) -> CustomerListScreen | None:
    """Close what is above the customer list and return it."""
    screen = customer_list_screen(app)
    if screen is None:
        return None
    while app.screen is not screen and len(app.screen_stack) > 1:
        app.pop_screen()
    return screen


def current_customer(app: Any) -> tuple[int | None, Customer | None]:
    """The open customer (on a customer screen) or the highlighted one (on the list): id and record."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, CustomerListScreen):
            customer = screen.highlighted_customer()
            return (customer.id if customer else None), customer
        if isinstance(screen, WorklistScreen):
            worklist_id = screen.highlighted_id()
            return worklist_id, app.session.cache.peek(("customer", worklist_id)) if worklist_id else None
        customer_id = getattr(screen, "customer_id", None)
        if isinstance(customer_id, int):
            customer = app.session.cache.peek(("customer", customer_id)) or getattr(screen, "summary", None)
            return customer_id, customer
    return None, None


def copy_customer_value(app: Any, what: str) -> None:
    """Copy the current customer's id or email to the clipboard, and say so."""
    customer_id, customer = current_customer(app)
    if customer_id is None:
        app.notify("No customer is open or highlighted.", severity="warning", title="Copy")
        return
    if what == "id":
        value = str(customer_id)
    else:
        value = clean(getattr(customer, "primary_email", None) or "")
        if not value:
            app.notify(f"Customer #{customer_id} has no email address.", severity="warning", title="Copy")
            return
    app.copy_to_clipboard(value)
    app.notify(f"Copied {what}: {value}", title="Clipboard")


def _apply_filter(app: Any, query: str) -> None:
    screen = back_to_list(app)
    if screen is not None:
        screen.apply_filter(query)


def _clear_filter(app: Any) -> None:
    _apply_filter(app, "")


def _save_filter(app: Any) -> None:
    screen = back_to_list(app)
    if screen is not None:
        screen.save_current_filter()


def _open_customer(app: Any, customer_id: int) -> None:
    screen = back_to_list(app)
    if screen is not None:
        screen.open_by_id(customer_id)


def open_worklist(app: Any) -> None:
    """Show the collections worklist (over the customer list; the one already open is brought back)."""
    if isinstance(app.screen, WorklistScreen):
        return
    screen = back_to_list(app)
    if screen is not None:
        screen.action_worklist()


def _switch_to(app: Any, name: str | None, kind: str = "fusebill") -> None:
    try:
        environment = (builtin_sandbox(timezone=app.config.timezone, kind=kind) if name is None
                       else app.config.resolve(name=name))
    except ConfigError as error:
        app.notify(error.user_message, title="Environment", severity="error", timeout=10)
        return
    app.switch_environment(environment)


def _add_environment(app: Any) -> None:
    app.push_screen(AddEnvironmentDialog(app.config))


class _Commands(Provider):
    """A provider from a list of (title, help, callback) built when the palette opens."""

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Every command of this provider right now."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        """Show every command before anything is typed."""
        for title, help_text, callback in self.commands():
            yield DiscoveryHit(Text(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching what is typed (fuzzy)."""
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)


class CustomerCommands(_Commands):
    """'customer: open by id' (type the digits) and the copy commands."""

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Copy id / email of the open or highlighted customer."""
        app = self.app
        return [
            ("worklist: who to call today", "poor standing and collection, soonest suspension first",
             partial(open_worklist, app)),
            ("copy: customer id", "of the open or highlighted customer", partial(copy_customer_value, app, "id")),
            ("copy: customer email", "of the open or highlighted customer",
             partial(copy_customer_value, app, "email")),
        ]

    async def search(self, query: str) -> Hits:
        """Digits open that customer; otherwise the copy commands."""
        digits = "".join(query.split()).removeprefix("#")
        for prefix in ("customer:", "customer", "open"):
            digits = digits.removeprefix(prefix)
        if digits.isdigit() and digits.isascii():
            title = f"customer: open #{int(digits)}"
            yield Hit(1.0, Text(title), partial(_open_customer, self.app, int(digits)), text=title,
                      help="open the customer with this id")
        async for hit in super().search(query):
            yield hit


class EnvironmentCommands(_Commands):
    """'environment: switch to X' for every environment, and 'environment: add'."""

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """One switch per environment (the current one left out), then add."""
        app = fusebill_app(self)
        config = app.config
        current = app.environment
        found: list[tuple[str, str, Callable[[], Any]]] = []
        for name, spec in sorted(config.environments.items()):
            if not current.is_sandbox and name == current.name:
                continue
            marks = ", ".join(m for m, on in (("PRODUCTION", spec.is_production), ("read-only", spec.read_only)) if on)
            found.append((f"environment: switch to {name}", marks or spec.base_url, partial(_switch_to, app, name)))
        current_kind = getattr(current, "kind", None) or "fusebill"
        for kind, label in (("fusebill", SANDBOX_ENV_NAME), ("chargeover", CHARGEOVER_SANDBOX_ENV_NAME)):
            if not (current.is_sandbox and current_kind == kind):
                found.append((f"environment: switch to {label}", "built-in sandbox, demo data",
                              partial(_switch_to, app, None, kind)))
        found.append(("environment: add", "written to the app's own config file", partial(_add_environment, app)))
        return found


class FilterCommands(_Commands):
    """'filter: status Active', 'filter: account status PoorStanding', 'filter: saved NAME', clear, save."""

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Quick filters, saved filters, clear and save."""
        app = fusebill_app(self)
        found: list[tuple[str, str, Callable[[], Any]]] = [
            (f"filter: {group} {value}", query, partial(_apply_filter, app, query))
            for group, query, value in app.session.backend.filters.quick_filters
        ]
        for name, query in sorted(app.config.saved_filters.items()):
            found.append((f"filter: saved {clean(name)}", clean(query), partial(_apply_filter, app, query)))
        found.append(("filter: clear", "show every customer", partial(_clear_filter, app)))
        found.append(("filter: save current…", "keep the current filter under a name", partial(_save_filter, app)))
        return found


PROVIDERS = (CustomerCommands, EnvironmentCommands, FilterCommands)
