"""Running the app from the command line: the first page's request leaves before Textual is imported.

Textual and the screens are imported in a thread while the request travels (waiting on a socket releases
the interpreter lock, so the import runs at full speed); the app is then built and run on the event loop the
request was sent on, so the list takes the read over with its connection (see ``tui.first_read``).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from fusebill_tui.tui.first_read import FirstRead, open_session

if TYPE_CHECKING:
    from fusebill_tui.config import Config, Environment
    from fusebill_tui.tui.app import FusebillApp


def run(config: Config, environment: Environment) -> None:
    """Run the app in the terminal until the user quits."""
    asyncio.run(_run(config, environment))


async def _run(config: Config, environment: Environment) -> None:
    first = FirstRead.start(open_session(environment))
    try:
        # A built-in sandbox answers on this loop, in this process: its work and the import both need the
        # interpreter lock, so a thread only added switching (measured: 3.24 x bare threaded, 2.64 x in line).
        app_class = _import_app() if environment.is_sandbox else await asyncio.to_thread(_import_app)
        app = app_class(config, environment, first_read=first)
    except BaseException:
        first.read.cancel()
        await first.session.aclose()
        raise
    await app.run_async()


def _import_app() -> type[FusebillApp]:
    # Here, not at the top: this import (Textual and the screens) is what runs while the request travels.
    from fusebill_tui.tui.app import FusebillApp

    return FusebillApp
