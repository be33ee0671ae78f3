"""Soak: a long random walk through the app while the server fails at random (run: pytest -m soak tests/reliability)."""

from __future__ import annotations

import random

import pytest
from reliability_support import mutations, settle

KEYS = ["j", "k", "pagedown", "pageup", "enter", "escape", "r", "1", "2", "3", "4", "5", "G", "g", "s", "S",
        "home", "end", "question_mark", "escape", "f", "escape"]


@pytest.mark.soak
async def test_a_long_random_walk_with_a_failing_server(make_app, sandbox, tally):
    """Protection: with a third of all answers a 5xx, 600 random key presses never crash the app, it always
    comes back once the server is well, and browsing sends nothing mutating."""
    rng = random.Random(5)
    sandbox.faults.error_rate = 0.33
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(600):
            await pilot.press(rng.choice(KEYS))
            tally["keys_pressed"] += 1
            assert app.is_running
        sandbox.faults.clear()
        while len(app.screen_stack) > 2:
            app.pop_screen()
        await pilot.press("r")
        await settle(app, pilot, lambda: getattr(app.screen, "page", None) is not None and not app.screen.error)
    tally["requests_checked"] += len(sandbox.request_log)
    failed = sum(1 for r in sandbox.request_log if r.status and r.status >= 500)
    assert not mutations(sandbox)
    tally["faults_injected"] += failed
    tally["faults_survived"] += failed  # the app stayed up through each and came back at the end
