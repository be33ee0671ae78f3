"""Keys typed while a screen is still opening reach it (a fast typist, a paste, a slow SSH link).

Textual routes a key to the focused widget when the app reads it, and runs its binding only when it
comes back up to the app. So after a key that opens a screen (``n`` for a note), the keys typed right
behind it were routed to the old screen and reach the app after the new one is up; and a screen just
pushed has no focused widget until it has mounted, so keys routed to it meet nothing. Either way the
first characters of the note were lost (or, worse, ran the app's keys: ``q``, ``e``).

The app hands every key to :class:`TypeAhead` first. It holds the keys that arrive while the screen on
top has not mounted, and the keys that come back after the screen changed under them, and replays them
in the order typed, as new key presses, once the screen on top has mounted.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

Typed = events.Key | events.Paste
#: How many routed keys are remembered (a key that never comes back, consumed by a widget, is forgotten).
REMEMBERED = 256


def ready(screen: Screen[object]) -> bool:
    """The screen has mounted (composed, focused its first field) and can take keys."""
    return screen.is_mounted


def again(event: Typed) -> Typed:
    """A new press of the same key (or paste), not yet routed anywhere."""
    fresh: Typed = events.Key(event.key, event.character) if isinstance(event, events.Key) else events.Paste(event.text)
    return fresh


class TypeAhead:
    """The keys held for a screen still opening, and where each routed key was sent."""

    def __init__(self, app: App[Any], route: Callable[[Typed], Awaitable[None]]) -> None:
        self.app = app
        self._route = route  # the app's own handling of a key just read
        self._order = itertools.count()
        self._held: list[tuple[int, Typed]] = []
        self._routed: dict[int, tuple[Typed, int, Screen[object]]] = {}
        self._waiting_for: Screen[object] | None = None
        self._replaying = False

    @property
    def held(self) -> list[Typed]:
        """The keys waiting for a screen, in the order typed."""
        return [event for _order, event in self._held]

    def arrived(self, event: Typed) -> bool:
        """A key read from the terminal: True when it is held (the app routes it otherwise)."""
        screen = self.app.screen
        order = next(self._order)
        if self._held or not ready(screen):
            self._hold(order, event)
            return True
        self._remember(event, order, screen)
        return False

    def came_back(self, event: Typed) -> bool:
        """A routed key back at the app, unhandled: True when the screen changed under it (it is held)."""
        routed = self._routed.pop(id(event), None)
        if routed is None or routed[0] is not event or routed[2] is self.app.screen:
            return False
        self._hold(routed[1], again(event))
        return True

    def _remember(self, event: Typed, order: int, screen: Screen[object]) -> None:
        self._routed[id(event)] = (event, order, screen)
        while len(self._routed) > REMEMBERED:
            del self._routed[next(iter(self._routed))]

    def _hold(self, order: int, event: Typed) -> None:
        self._held.append((order, event))
        self._held.sort(key=lambda held: held[0])
        self._wait()

    def _wait(self) -> None:
        """Replay once the screen on top has mounted (its queue runs the callback after its mount)."""
        screen = self.app.screen
        if ready(screen):
            self.app.call_later(self.replay)
        elif self._waiting_for is not screen:
            self._waiting_for = screen
            screen.call_later(lambda: self.app.call_later(self.replay))

    async def replay(self) -> None:
        """Route the held keys, in order, while the screen on top can take them."""
        if self._replaying:
            return
        self._replaying = True
        try:
            while self._held:
                screen = self.app.screen
                if not ready(screen):
                    self._wait()
                    return
                order, event = self._held.pop(0)
                self._remember(event, order, screen)
                await self._route(event)
        finally:
            self._replaying = False
