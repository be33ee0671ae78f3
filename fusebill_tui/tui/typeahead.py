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
    from textual.widget import Widget

Typed = events.Key | events.Paste
Target = tuple["Screen[Any]", "Widget | None"]
"""Where a key was routed: the screen on top and its focused widget."""
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


#: Longest keys wait for a mounted screen that says it cannot take them yet (``takes_keys`` False), seconds.
NOT_READY_LIMIT_S = 2.0


def ready(screen: Screen[Any], *, mounted_is_enough: bool = False) -> bool:
    """The screen has mounted (composed, focused its first field) and can take keys.

    A screen that fills its fields after a read says so with a ``takes_keys`` property, False until
    then (what was typed would be overwritten), and calls :func:`screen_ready` once it is True.
    """
    return screen.is_mounted and (mounted_is_enough or bool(getattr(screen, "takes_keys", True)))


def screen_ready(screen: Screen[Any]) -> None:
    """The screen can take keys now: replay what was held for it."""
    typeahead = getattr(screen.app, "typeahead", None)
    if isinstance(typeahead, TypeAhead):
        screen.app.call_later(typeahead.replay)


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
        #: (order typed, event, where it was routed: None for a key not routed yet)
        self._held: list[tuple[int, Typed, Target | None]] = []
        self._routed: dict[int, tuple[Typed, int, Target]] = {}
        self._waiting_for: Screen[object] | None = None
        self._settling: int | None = None  # the order of the key whose effects are still travelling
        self._rounds = 0
        self._settle_started = 0.0
        self._forced: Screen[object] | None = None  # a screen that took too long to say it takes keys
        self._replaying = False

    @property
    def held(self) -> list[Typed]:
        """The keys waiting, in the order typed."""
        return [event for _order, event, _target in self._held]

    def arrived(self, event: Typed) -> bool:
        """A key read from the terminal: True when it is held (the app routes it otherwise)."""
        screen = self.app.screen
        order = next(self._order)
        if self._held or self._settling is not None or not self._can_take(screen):
            self._hold(order, event, None)
            return True
        self._remember(event, order)
        return False

    async def came_back(self, event: Typed) -> None:
        """A routed key back at the app, unhandled by any widget: hold it, or run its bindings."""
        routed = self._routed.pop(id(event), None)
        if routed is None or routed[0] is not event:
            await self._handle(event)
            return
        _event, order, target = routed
        if target != self._target():  # the screen or the focus changed under it: it belongs to the new one
            self._hold(order, again(event), None)
        elif self._settling is not None and order > self._settling:
            self._hold(order, event, target)
        else:
            await self._handle(event)
            self._settle(order)

    def _target(self) -> Target:
        """Where a key read now goes: the screen on top and its focused widget."""
        screen = self.app.screen
        return screen, screen.focused

    def _remember(self, event: Typed, order: int) -> None:
        self._routed[id(event)] = (event, order, self._target())
        while len(self._routed) > REMEMBERED:
            del self._routed[next(iter(self._routed))]

    def _hold(self, order: int, event: Typed, target: Target | None) -> None:
        self._held.append((order, event, target))
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
        if self._can_take(screen):
            self.app.call_later(self.replay)
        elif self._waiting_for is not screen:
            self._waiting_for = screen
            screen.call_later(lambda: self.app.call_later(self.replay))
            self.app.set_timer(NOT_READY_LIMIT_S, lambda: self._force(screen))

    def _can_take(self, screen: Screen[object]) -> bool:
        return ready(screen, mounted_is_enough=screen is self._forced)

    async def _force(self, screen: Screen[object]) -> None:
        """Keys go to a screen that has not said it takes them within the limit (Escape must still work)."""
        if screen is self.app.screen and self._held:
            self._forced = screen
            await self.replay()

    async def replay(self) -> None:
        """Route the held keys, in order, while the screen on top can take them."""
        if self._replaying:
            return
        self._replaying = True
        try:
            while self._held and self._settling is None:
                screen = self.app.screen
                if not self._can_take(screen):
                    self._wait()
                    return
                order, event, came_from = self._held.pop(0)
                if came_from is None or came_from != self._target():
                    fresh = again(event) if came_from is not None else event
                    self._remember(fresh, order)
                    await self._route(fresh)
                else:
                    await self._handle(event)
                    self._settle(order)
        finally:
            self._replaying = False
