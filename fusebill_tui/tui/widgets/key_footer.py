"""The footer of key bindings, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer, minus the rebuilds that change nothing.

    Footer recomposes (some twenty widgets, each restyled) on every ``refresh_bindings``. The
    screens refresh bindings whenever a page or a panel arrives, and most of those refreshes
    leave every key as it was: that rebuild was most of the cost of a page turn and of opening
    a customer. This footer compares what it would show with what it shows and skips the rebuild
    when they are the same.
    """

    _shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild after the next refresh, if the keys to show differ from those shown."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def _keys(self) -> tuple[Any, ...]:
        """Everything the footer's compose reads from the active bindings."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.key, self.app.get_key_display(binding), binding.description, binding.action,
             binding.group, enabled, tooltip, binding.tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
