"""The customer list's first page, asked for before Textual is imported (no Textual here).

The environment is known as soon as the command line is read, and importing Textual and building the app
take longer than a round trip to a nearby server. So ``tui.launch`` opens the session and sends the list's
first request first, on the event loop the app will run on, then imports the app while it travels. The list
screen takes over that read's answer or its failure exactly as if it had sent the request itself (one request,
never a silent second one), and hears its retry waits (a 429, a server error) from the moment it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fusebill_tui.core.waits import RetryWait, WaitListener
from fusebill_tui.tui.early_reads import EarlyRead
from fusebill_tui.tui.session import Session
from fusebill_tui.vendors import Backend, CustomerListRequest, backend_for_client, open_backend

if TYPE_CHECKING:
    from fusebill_tui.config import Environment

#: Customers on a page of the list.
PAGE_SIZE = 50


def first_list_request() -> CustomerListRequest:
    """What the customer list shows first (the first page, the server's default order, no filter)."""
    return CustomerListRequest(page_size=PAGE_SIZE)


def open_session(environment: Environment, client_factory: Callable[[Environment], object] = open_backend) -> Session:
    """The session the app browses ``environment`` with (``client_factory`` gives a backend or a bare client)."""
    opened = client_factory(environment)
    backend = opened if isinstance(opened, Backend) else backend_for_client(opened)
    return Session(environment, backend)


class WaitRelay:
    """The first read's retry waits: kept until the list screen exists, then passed on as they come."""

    def __init__(self) -> None:
        self._last: RetryWait | None = None
        self._target: WaitListener | None = None

    def __call__(self, wait: RetryWait | None) -> None:
        self._last = wait
        if self._target is not None:
            self._target(wait)

    def attach(self, target: WaitListener) -> None:
        """Send the waits to ``target`` from now on (the one under way first, if there is one)."""
        self._target = target
        if self._last is not None:
            target(self._last)


@dataclass
class FirstRead:
    """The session opened at launch and the read of the list's first page, already under way."""

    session: Session
    request: CustomerListRequest
    read: EarlyRead
    waits: WaitRelay = field(default_factory=WaitRelay)

    @classmethod
    def start(cls, session: Session) -> FirstRead:
        """Send the first page's request now (call it with the app's event loop running)."""
        request, waits = first_list_request(), WaitRelay()
        return cls(session, request, EarlyRead(session, session.customers(request), on_wait=waits), waits)
