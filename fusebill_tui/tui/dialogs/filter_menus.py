"""Quick filters (status / account status, with counts) and saved filters, each one key away."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from fusebill_tui.config import ConfigError
from fusebill_tui.core.daily_budget import used_note
from fusebill_tui.tui.text import clean, count

if TYPE_CHECKING:
    from fusebill_tui.config import Config
    from fusebill_tui.tui.session import Session

SAVE_CURRENT = "\x00save"  # what SavedFilterMenu returns for "save the current filter…"

__all__ = ["SAVE_CURRENT", "QuickFilterMenu", "SavedFilterMenu", "quick_filter_count"]


async def quick_filter_count(session: Session, query: str) -> int | None:
    """How many customers match ``query`` (the backend's cheapest count, cached by the session)."""
    return await session.count_customers(query)


class _Menu(ModalScreen[str | None]):
    """A small modal list of choices; Enter picks, Escape closes."""

    CSS_PATH = "filter_menus.tcss"

    BINDINGS = [Binding("escape", "close", "Close", id="dialog.cancel", tooltip="Close without choosing")]

    def __init__(self, title: str, hint: str) -> None:
        super().__init__()
        self._title = title
        self._hint = hint

    def compose(self) -> ComposeResult:
        """Title, hint and the options."""
        with Vertical():
            yield Label(Text(self._title, style="bold"))
            yield OptionList(*self.options(), id="menu-options")
            yield Label(Text(self._hint), classes="menu-hint")

    def options(self) -> list[Option]:
        """The choices."""
        raise NotImplementedError

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return what the chosen option means."""
        event.stop()
        self.choose(event.option.id or "")

    def choose(self, option_id: str) -> None:
        """Close, returning ``option_id`` (subclasses say what an option means)."""
        self.dismiss(option_id or None)

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class QuickFilterMenu(_Menu):
    """Filter by one status (or account status); counts are fetched when the menu opens (cached)."""

    def __init__(self, session: Session) -> None:
        super().__init__("Quick filter", "Enter: apply · Escape: close · counts: whole account")
        self.session = session
        self.filters = session.backend.filters.quick_filters
        self.value_width = max([14, *(len(value) + 2 for _group, _query, value in self.filters)])
        self.counts: dict[str, int | None] = {}

    def options(self) -> list[Option]:
        """One option per documented status value of the backend."""
        return [Option(self._prompt(group, value, None), id=query) for group, query, value in self.filters]

    def _prompt(self, group: str, value: str, number: int | str | None) -> Text:
        shown = "…" if number is None else number if isinstance(number, str) else count(number)
        text = Text(f"{group:<15}{value:<{self.value_width}}")
        text.append(f"{shown:>9}", style="bold")
        return text

    def on_mount(self) -> None:
        """Fetch the counts (one pageSize=1 request each, unless cached), unless the day's budget is nearly spent."""
        self.query_one(OptionList).focus()
        paused = used_note(self.session.backend.rate_limit)
        if paused:  # the counts are extras: the filters still apply, and the budget is kept for them
            options = self.query_one(OptionList)
            for group, query, value in self.filters:
                options.replace_option_prompt(query, self._prompt(group, value, "–"))
            self.query_one(".menu-hint", Label).update(Text(f"Counts paused ({paused}) · Enter: apply"))
            return
        self._load_counts()

    @work(exclusive=True, exit_on_error=False)
    async def _load_counts(self) -> None:
        async def one(group: str, query: str, value: str) -> None:
            try:
                number: int | str | None = await quick_filter_count(self.session, query)
            except Exception:
                number = "?"
            self.counts[query] = number if isinstance(number, int) else None
            self.query_one(OptionList).replace_option_prompt(query, self._prompt(group, value, number))

        await asyncio.gather(*(one(*item) for item in self.filters))


class SavedFilterMenu(_Menu):
    """Apply a saved filter, save the current one under a name, or delete one (with ``config``)."""

    BINDINGS = [
        Binding("delete", "delete_filter", "Delete", id="delete_saved_filter",
                tooltip="Delete the highlighted saved filter"),
    ]

    def __init__(self, saved: dict[str, str], current_query: str, config: Config | None = None) -> None:
        hint = "Enter: apply · Delete: remove · Escape: close" if config is not None else "Enter: apply · Escape: close"
        super().__init__("Saved filters", hint)
        self.saved = dict(saved)
        self.current_query = current_query
        self.config = config

    def options(self) -> list[Option]:
        """Every saved filter, then 'save the current filter'."""
        options = []
        for name, query in sorted(self.saved.items()):
            prompt = Text(clean(name), style="bold")
            prompt.append(f"  {clean(query)}", style="dim")
            options.append(Option(prompt, id=f"saved:{name}"))
        if self.current_query.strip():
            options.append(Option(Text(f"+ Save the current filter ({clean(self.current_query)})…"),
                                  id=SAVE_CURRENT))
        elif not options:
            options.append(Option(Text("No saved filters yet: apply a filter with / first."), disabled=True))
        return options

    def choose(self, option_id: str) -> None:
        """Return the saved filter's query, or SAVE_CURRENT."""
        if option_id.startswith("saved:"):
            self.dismiss(self.saved[option_id.removeprefix("saved:")])
        else:
            self.dismiss(option_id or None)

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one(OptionList).focus()

    def action_delete_filter(self) -> None:
        """Remove the highlighted saved filter from the app's config file (hand-written ones are refused)."""
        options = self.query_one(OptionList)
        if self.config is None or options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if not option_id.startswith("saved:"):
            return
        name = option_id.removeprefix("saved:")
        try:
            self.config.remove_filter(name)
        except (ConfigError, OSError) as error:
            self.query_one(".menu-hint", Label).update(Text(getattr(error, "user_message", str(error)), style="bold"))
            return
        self.saved.pop(name, None)
        highlighted = options.highlighted
        options.set_options(self.options())
        if options.option_count:
            options.highlighted = min(highlighted, options.option_count - 1)
        self.notify(f"Deleted saved filter “{clean(name)}”.", title="Saved filters")
