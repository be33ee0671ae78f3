"""Read ahead: the first screen of the customer the cursor rests on, read in the background through the
session cache, so Enter finds every answer cached (or in flight) and sends nothing.

Each read is the very one opening the customer sends (the same session call, so the same cache key);
a read already cached or under way is not sent again. Every read-ahead asks ``background_verdict`` first:
off on accounts allowed 100 requests a minute or fewer, never into the minute's reserve kept for the
user, never past 90 % of the day's budget.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fusebill_tui.core.background import background_verdict
from fusebill_tui.tui.widgets.panels.invoices import InvoicesPanel

if TYPE_CHECKING:
    from fusebill_tui.tui.session import Session

#: How long the cursor rests on a row before its customer is read ahead (seconds).
REST_SECONDS = 0.3
#: Read-ahead is off on accounts allowed this many requests a minute or fewer.
MIN_LIMIT_PER_MINUTE = 100


def first_screen_reads(session: Session, customer_id: int) -> list[tuple[Hashable, Callable[[], Awaitable[Any]]]]:
    """(cache key, read) of everything opening ``customer_id`` reads: the customer, the overview, the
    subscriptions (where the backend has them), the first invoices page, the notes and the addresses."""
    reads: list[tuple[Hashable, Callable[[], Awaitable[Any]]]] = [
        (("customer", customer_id), lambda: session.customer(customer_id)),
        (("overview", customer_id), lambda: session.overview(customer_id)),
    ]
    if session.backend.capabilities.subscriptions:
        reads.append((("subscriptions", customer_id), lambda: session.subscriptions(customer_id)))
    reads += [
        (("invoices", customer_id, 0, InvoicesPanel.PAGE_SIZE),  # the page its tab and the glance share
         lambda: session.invoices(customer_id, 0, InvoicesPanel.PAGE_SIZE)),
        (("notes", customer_id), lambda: session.notes(customer_id)),
        (("address-preferences", customer_id), lambda: session.addresses(customer_id)),
    ]
    return reads


def may_read_ahead(session: Session, now: datetime | None = None) -> bool:
    """Whether the budget the server last reported leaves room for reads nobody asked for."""
    verdict = background_verdict(session.backend.rate_limit, now=now or datetime.now(UTC),
                                 min_limit_per_minute=MIN_LIMIT_PER_MINUTE)
    return verdict.allowed


async def read_ahead(session: Session, customer_id: int, now: datetime | None = None) -> int:
    """Read what is neither cached nor in flight (all of it at once); how many requests that sent.

    A failure is not shown (nobody asked): opening the customer reads it again and shows that.
    """
    if not may_read_ahead(session, now):
        return 0
    cache = session.cache
    wanted = [read for key, read in first_screen_reads(session, customer_id)
              if cache.peek(key) is None and not cache.is_pending(key)]
    if wanted:
        await asyncio.gather(*(read() for read in wanted), return_exceptions=True)
    return len(wanted)
