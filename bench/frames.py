"""Frame timestamps: when a Textual app hands a rendered frame to its (headless) driver."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from time import perf_counter
from typing import Any

#: One frame at 60 Hz, the unit the targets use for key presses.
FRAME_MS = 16.0


class FrameClock:
    """Records the time of every frame an app paints and wakes waiters on the first frame meeting a condition.

    A frame is the moment the screen's compositor update reaches ``App._display`` (which the headless
    driver then discards): what a terminal would show next. The check runs inside that call, so the
    state tested is exactly the state the frame was rendered from.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.count = 0
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            now = perf_counter()
            self.count += 1
            for waiter in list(self._waiters):
                predicate, future = waiter
                if future.done():
                    self._waiters.remove(waiter)
                    continue
                try:
                    met = predicate()
                except Exception:
                    met = False
                if met:
                    future.set_result(now)
                    self._waiters.remove(waiter)

        app._display = display

    def first_frame_where(self, predicate: Callable[[], bool]) -> asyncio.Future[float]:
        """A future resolving to the time of the first frame painted while ``predicate()`` holds."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, future))
        return future


def send_key(app: Any, key: str) -> None:
    """Send one key press the way a terminal does (through the driver), without Pilot's waits for idle."""
    from textual import events

    char = key if len(key) == 1 else None
    app._driver.send_message(events.Key(key, char))


async def wait_frame(future: asyncio.Future[float], what: str, timeout: float = 60.0) -> float:
    """The frame time, or a clear error naming what never showed."""
    try:
        return await asyncio.wait_for(future, timeout)
    except TimeoutError:
        raise RuntimeError(f"benchmark: no frame showed {what} within {timeout:.0f} s") from None
