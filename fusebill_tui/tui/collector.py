"""Holding off Python's full garbage collections while a screen fills, so one waits until the frame is painted."""

from __future__ import annotations

import gc
from typing import Any

#: The third generation's threshold while held: no automatic full collection (the young ones go on).
HELD = 1 << 30

_holds = 0  # holds in force (the collector is one per process)
_era = 0  # moves on when every hold is ended at once: older holds then release nothing
_saved = 10  # the third generation's threshold before the first hold


class CollectorHold:
    """No automatic full collection from ``hold`` until ``release`` or ``limit`` seconds, whichever first.

    A full collection of this app's heap (Textual's widgets and render caches) takes 50-150 ms, and
    building a customer screen (or the first page at launch) allocates enough to set one off: held, it
    runs after the frame is painted instead of inside the user's wait. Not for page turns: pressed back
    to back, they would keep full collections from ever running. Only full collections wait (young
    garbage is still collected); Textual's ``App.PAUSE_GC_ON_SCROLL`` does the same, more bluntly, for
    scrolling. Nothing is lost: the next full collection finds everything.
    """

    def __init__(self) -> None:
        self._era: int | None = None  # set while this hold is in force

    def hold(self, app: Any, limit: float = 2.0) -> None:
        """Hold off full collections (unless the collector is switched off) for at most ``limit`` seconds."""
        global _holds, _saved
        if self._era == _era or (_holds == 0 and not gc.isenabled()):
            return  # held already, or the collector switched off by someone else
        if _holds == 0:
            young, middle, _saved = gc.get_threshold()
            gc.set_threshold(young, middle, HELD)
        _holds += 1
        self._era = _era
        app.set_timer(limit, self.release, name="collector-hold")

    def release(self) -> None:
        """Let full collections run again once no other hold is in force (safe to call more than once)."""
        global _holds
        if self._era != _era:
            return  # not holding, or every hold was ended meanwhile
        self._era = None
        _holds -= 1
        if _holds == 0:
            _restore()


def holding() -> bool:
    """Whether full collections are held off now."""
    return _holds > 0


def _restore() -> None:
    young, middle, old = gc.get_threshold()
    if old == HELD:  # unless someone set their own thresholds meanwhile
        gc.set_threshold(young, middle, _saved)


def release_all() -> None:
    """End every hold (the app is closing: no hold may outlive it)."""
    global _holds, _era
    _era += 1
    if _holds:
        _holds = 0
        _restore()
