"""Keys typed while a screen is still opening reach it (a fast typist, a paste, a slow SSH link).

Textual routes a key to the focused widget when the app reads it, and runs its binding only when it
comes back up to the app. So after a key that opens a screen (``n`` for a note), the keys typed right
behind it were routed to the old screen and reach the app after the new one is up; and a screen just
pushed has no focused widget until it has mounted, so keys routed to it meet nothing. Either way the
first characters of the note were lost (or, worse, ran the app's keys: ``q``, ``e``).

The app hands every key to :class:`TypeAhead` first. It holds the keys that arrive while the screen on
top has not mounted, and the keys that come back after the screen changed under them. A key that comes
back to the app runs its binding there; what that starts (a menu's choice dismissing it and its callback
opening the next dialog) travels as messages, so the keys behind it wait until no message is queued
(at most ``SETTLE_LIMIT_S``). Held keys are replayed in the order typed: to the new screen's focused
widget as new key presses, or, when the screen did not change, to the app's bindings as they came back.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

Typed = events.Key | events.Paste
#: Longest the keys behind a key wait for the messages it started (seconds); they go anyway after it.
SETTLE_LIMIT_S = 0.5
#: How often a key's messages are looked for once the first few looks found some (seconds).
SETTLE_POLL_S = 0.004


def messages_pending(app: App[Any]) -> bool:
    """Whether the app or any node of a screen in the stack has a message queued (a key's effects travelling).

    Every screen, not only the one on top: a dialog's result reaches the screen that opened it.
    """
    if app.message_queue_size:
        return True
    return any(node.message_queue_size for screen in app.screen_stack for node in screen.walk_children(with_self=True))
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

    def __init__(self, app: App[Any], route: Callable[[Typed], Awaitable[None]],
                 handle: Callable[[Typed], Awaitable[None]]) -> None:
        self.app = app
        self._route = route  # the app's own handling of a key just read
        self._handle = handle  # the app's own handling of a key come back (its bindings)
        self._order = itertools.count()
        #: (order typed, event, the screen it came back from or None for a key not routed yet)
        self._held: list[tuple[int, Typed, Screen[object] | None]] = []
        self._routed: dict[int, tuple[Typed, int, Screen[object]]] = {}
        self._waiting_for: Screen[object] | None = None
        self._settling: int | None = None  # the order of the key whose effects are still travelling
        self._rounds = 0
        self._settle_started = 0.0
        self._replaying = False

    @property
    def held(self) -> list[Typed]:
        """The keys waiting, in the order typed."""
        return [event for _order, event, _screen in self._held]

    def arrived(self, event: Typed) -> bool:
        """A key read from the terminal: True when it is held (the app routes it otherwise)."""
        screen = self.app.screen
        order = next(self._order)
        if self._held or self._settling is not None or not ready(screen):
            self._hold(order, event, None)
            return True
        self._remember(event, order, screen)
        return False

    async def came_back(self, event: Typed) -> None:
        """A routed key back at the app, unhandled by any widget: hold it, or run its bindings."""
        routed = self._routed.pop(id(event), None)
        if routed is None or routed[0] is not event:
            await self._handle(event)
            return
        _event, order, screen = routed
        if screen is not self.app.screen:  # the screen changed under it: it belongs to the new one
            self._hold(order, again(event), None)
        elif self._settling is not None and order > self._settling:
            self._hold(order, event, screen)
        else:
            await self._handle(event)
            self._settle(order)

    def _remember(self, event: Typed, order: int, screen: Screen[object]) -> None:
        self._routed[id(event)] = (event, order, screen)
        while len(self._routed) > REMEMBERED:
            del self._routed[next(iter(self._routed))]

    def _hold(self, order: int, event: Typed, screen: Screen[object] | None) -> None:
        self._held.append((order, event, screen))
        self._held.sort(key=lambda held: held[0])
        if self._settling is None:
            self._wait()

    def _settle(self, order: int) -> None:
        """Hold the keys behind the key ``order`` until the messages it started have been handled."""
        self._settling = order
        self._rounds = 0
        self._settle_started = monotonic()
        self.app.call_later(self._check_settled)

    async def _check_settled(self) -> None:
        self._rounds += 1
        if monotonic() - self._settle_started < SETTLE_LIMIT_S and messages_pending(self.app):
            if self._rounds < 10:
                self.app.call_later(self._check_settled)
            else:
                self.app.set_timer(SETTLE_POLL_S, self._check_settled)
            return
        self._settling = None
        await self.replay()

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
            while self._held and self._settling is None:
                screen = self.app.screen
                if not ready(screen):
                    self._wait()
                    return
                order, event, came_from = self._held.pop(0)
                if came_from is None or came_from is not screen:
                    fresh = again(event) if came_from is not None else event
                    self._remember(fresh, order, screen)
                    await self._route(fresh)
                else:
                    await self._handle(event)
                    self._settle(order)
        finally:
            self._replaying = False
