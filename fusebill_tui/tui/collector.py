"""Holding off Python's cyclic garbage collector while a screen fills, so a full collection waits for the frame."""

from __future__ import annotations

import gc
from typing import Any

_holds = 0  # holds in force (the collector is one per process)
_era = 0  # moves on when every hold is ended at once: older holds then release nothing


class CollectorHold:
    """Automatic garbage collection stays off from ``hold`` until ``release`` or ``limit`` seconds, whichever first.

    A full collection of this app's heap (Textual's widgets and render caches) takes 50-150 ms, and
    building a customer screen allocates enough to set one off: held, it runs after the screen has
    painted instead of inside the user's wait. Textual's ``App.PAUSE_GC_ON_SCROLL`` does the same while
    scrolling. Nothing is lost: the next collection finds everything the held one would have.
    """

    def __init__(self) -> None:
        self._era: int | None = None  # set while this hold is in force

    def hold(self, app: Any, limit: float = 2.0) -> None:
        """Stop automatic collection (unless something else already did) for at most ``limit`` seconds."""
        global _holds
        if self._era == _era or (_holds == 0 and not gc.isenabled()):
            return  # held already, or switched off by someone else: theirs to switch on
        if _holds == 0:
            gc.disable()
        _holds += 1
        self._era = _era
        app.set_timer(limit, self.release, name="collector-hold")

    def release(self) -> None:
        """Let collection run again once no other hold is in force (safe to call more than once)."""
        global _holds
        if self._era != _era:
            return  # not holding, or every hold was ended meanwhile
        self._era = None
        _holds -= 1
        if _holds == 0:
            gc.enable()


def release_all() -> None:
    """End every hold (the app is closing: no hold may outlive it)."""
    global _holds, _era
    _era += 1
    if _holds:
        _holds = 0
        gc.enable()
