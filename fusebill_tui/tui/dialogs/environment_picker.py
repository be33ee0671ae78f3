"""Choose the environment to browse: the configured ones (of any vendor) and the built-in sandboxes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

import fusebill_tui.vendors.registry as registry
from fusebill_tui.config import ConfigError, builtin_sandbox

if TYPE_CHECKING:
    from fusebill_tui.config import Config, Environment

SANDBOX_OPTION = "\x00sandbox"


def sandbox_option(kind: str) -> str:
    """The option id of a vendor's built-in sandbox (the default vendor's is plain ``SANDBOX_OPTION``)."""
    return SANDBOX_OPTION if kind == registry.DEFAULT_KIND else f"{SANDBOX_OPTION}:{kind}"


def sandbox_kinds() -> dict[str, str]:
    """The built-in sandbox behind each option, by the kind of billing system it speaks."""
    return {sandbox_option(v.kind): v.kind for v in registry.vendors() if v.sandbox is not None}


def kind_of(environment: object | None) -> str:
    """The billing system an environment (or environment config) speaks: the default vendor unless it says."""
    return getattr(environment, "kind", None) or registry.DEFAULT_KIND


def offers_sandbox(kind: str, config: Config, current: Environment | None, used: Iterable[str] = ()) -> bool:
    """Whether to list a vendor's built-in sandbox: always the default vendor's; another's for its users
    (configured, open now, or ``used`` earlier in this run, so a switch away can be switched back)."""
    return kind == registry.DEFAULT_KIND or kind_of(current) == kind or kind in used or any(
        kind_of(spec) == kind for spec in config.environments.values())


class EnvironmentPicker(ModalScreen["Environment | None"]):
    """Lists every environment (production marked); Enter chooses, `a` adds one, Escape closes."""

    DEFAULT_CSS = """
    EnvironmentPicker {
        align: center middle;
    }
    EnvironmentPicker > Vertical {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    EnvironmentPicker OptionList {
        height: auto;
        max-height: 20;
    }
    EnvironmentPicker #picker-error {
        color: $error;
        height: auto;
    }
    EnvironmentPicker .picker-hint {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("a", "add_environment", "Add", id="add_environment", tooltip="Add an environment"),
        Binding("escape", "close", "Close", id="dialog.cancel", tooltip="Close without switching"),
    ]

    def __init__(self, config: Config, current: Environment | None, used_kinds: Iterable[str] = ()) -> None:
        super().__init__()
        self.config = config
        self.current = current
        self.used_kinds = frozenset(used_kinds)  # billing systems browsed in this run
        self.error_text = ""

    def compose(self) -> ComposeResult:
        """Title, the environments, any error, and the keys."""
        with Vertical():
            yield Label(Text("Switch environment", style="bold"))
            yield OptionList(*self._options(), id="environments")
            yield Static("", id="picker-error")
            yield Label(Text("Enter: switch · a: add an environment · Escape: close"), classes="picker-hint")

    def _options(self) -> list[Option]:
        options = []
        current_name = self.current.name if self.current is not None else None
        current_is_sandbox = bool(self.current is not None and self.current.is_sandbox)
        for name, spec in sorted(self.config.environments.items()):
            prompt = Text()
            prompt.append("● " if name == current_name and not current_is_sandbox else "  ")
            prompt.append(name, style="bold")
            if kind_of(spec) != registry.DEFAULT_KIND:
                prompt.append(f"  {registry.vendor(kind_of(spec)).label}", style="bold")
            if spec.is_production:
                prompt.append("  PRODUCTION", style="bold reverse")
            if spec.read_only:
                prompt.append("  read-only", style="italic")
            if name == self.config.default:
                prompt.append("  (default)")
            prompt.append(f"\n    {spec.base_url} · key: {spec.key_source}", style="dim")
            options.append(Option(prompt, id=f"env:{name}"))
        sandboxes = [(sandbox_option(v.kind), v.sandbox.name) for v in registry.vendors()
                     if v.sandbox is not None and offers_sandbox(v.kind, self.config, self.current, self.used_kinds)]
        for option_id, label in sandboxes:
            sandbox = Text()
            sandbox.append("● " if self._is_current(option_id) else "  ")
            sandbox.append(label, style="bold")
            sandbox.append("  built-in sandbox, demo data", style="italic")
            options.append(Option(sandbox, id=option_id))
        return options

    def _current_option(self) -> str:
        current = self.current
        if current is None:
            return SANDBOX_OPTION
        if current.is_sandbox:
            return sandbox_option(kind_of(current))
        return f"env:{current.name}"

    def on_mount(self) -> None:
        """Highlight the current environment."""
        options = self.query_one(OptionList)
        options.focus()
        wanted = self._current_option()
        try:
            options.highlighted = options.get_option_index(wanted)
        except Exception:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Resolve the chosen environment; a config problem (e.g. a missing key variable) is shown here."""
        event.stop()
        self.choose(event.option.id or "")

    def _is_current(self, option_id: str) -> bool:
        return self.current is not None and option_id == self._current_option()

    def choose(self, option_id: str) -> None:
        """Resolve and return the environment behind ``option_id`` (the current one just closes)."""
        if self._is_current(option_id):
            # Switching to where the user already is would only throw away the cache and the
            # list's filter and page; r refreshes when that is what is wanted.
            self.dismiss(None)
            return
        try:
            kinds = sandbox_kinds()
            if option_id in kinds:
                environment = builtin_sandbox(timezone=self.config.timezone, kind=kinds[option_id])
            else:
                environment = self.config.resolve(name=option_id.removeprefix("env:"))
        except ConfigError as error:
            self.error_text = error.user_message
            self.query_one("#picker-error", Static).update(Text(error.user_message))
            return
        self.dismiss(environment)

    def action_add_environment(self) -> None:
        """Open the add-environment dialog, then list the new one."""
        from fusebill_tui.tui.dialogs.add_environment import AddEnvironmentDialog

        def added(name: str | None) -> None:
            if name:
                options = self.query_one(OptionList)
                options.set_options(self._options())
                options.highlighted = options.get_option_index(f"env:{name}")

        self.app.push_screen(AddEnvironmentDialog(self.config), added)

    def action_close(self) -> None:
        """Close without switching."""
        self.dismiss(None)
