"""Choose the environment to browse: the configured ones (Fusebill or ChargeOver) and the built-in sandboxes."""

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

from fusebill_tui.config import ConfigError, builtin_sandbox
from fusebill_tui.sandbox_defaults import CHARGEOVER_SANDBOX_ENV_NAME, SANDBOX_ENV_NAME

if TYPE_CHECKING:
    from fusebill_tui.config import Config, Environment

SANDBOX_OPTION = "\x00sandbox"
CHARGEOVER_SANDBOX_OPTION = "\x00sandbox:chargeover"
#: The built-in sandbox behind each option, by the kind of billing system it speaks.
SANDBOX_KINDS = {SANDBOX_OPTION: "fusebill", CHARGEOVER_SANDBOX_OPTION: "chargeover"}


def kind_of(environment: object | None) -> str:
    """The billing system an environment (or environment config) speaks: "fusebill" unless it says."""
    return getattr(environment, "kind", None) or "fusebill"


def offers_chargeover_sandbox(config: Config, current: Environment | None, used: Iterable[str] = ()) -> bool:
    """Whether to list the built-in ChargeOver sandbox: for users of ChargeOver (configured, open now, or
    ``used`` earlier in this run, so a switch to Fusebill can be switched back)."""
    return kind_of(current) == "chargeover" or "chargeover" in used or any(
        kind_of(spec) == "chargeover" for spec in config.environments.values())


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
            if kind_of(spec) == "chargeover":
                prompt.append("  ChargeOver", style="bold")
            if spec.is_production:
                prompt.append("  PRODUCTION", style="bold reverse")
            if spec.read_only:
                prompt.append("  read-only", style="italic")
            if name == self.config.default:
                prompt.append("  (default)")
            prompt.append(f"\n    {spec.base_url} · key: {spec.key_source}", style="dim")
            options.append(Option(prompt, id=f"env:{name}"))
        sandboxes = [(SANDBOX_OPTION, SANDBOX_ENV_NAME)]
        if offers_chargeover_sandbox(self.config, self.current, self.used_kinds):
            sandboxes.append((CHARGEOVER_SANDBOX_OPTION, CHARGEOVER_SANDBOX_ENV_NAME))
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
            return CHARGEOVER_SANDBOX_OPTION if kind_of(current) == "chargeover" else SANDBOX_OPTION
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
            if option_id in SANDBOX_KINDS:
                environment = builtin_sandbox(timezone=self.config.timezone, kind=SANDBOX_KINDS[option_id])
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
