"""Invoice aging: how long each unpaid invoice is past due, and the outstanding amount in age buckets.

Vendor-neutral and free of Textual. "Past due" counts calendar days from the due date to today, both in
the user's time zone (the config's ``timezone``; None: the machine's own); a server's own overdue figure
(ChargeOver's ``days_overdue``) wins where the invoice has one. Buckets hold outstanding amounts only,
per currency (amounts in different currencies are never added), and add up exactly to the outstanding
total of the invoices they were computed from; credits and unallocated payments are not invoices and
never enter them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import Protocol

#: The buckets' labels, in order: not yet due, then days past due.
BUCKET_LABELS = ("current", "1–30", "31–60", "61–90", "over 90")
#: The last day past due each bucket holds (the last bucket holds the rest).
_BUCKET_ENDS = (0, 30, 60, 90)

_ZERO = Decimal("0")


class AgedInvoice(Protocol):
    """What aging reads of an invoice (the seam's Invoice and InvoiceView satisfy it)."""

    @property
    def due_date(self) -> date | None: ...
    @property
    def outstanding_balance(self) -> Decimal | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def days_overdue(self) -> int | None: ...


def today_in(zone: tzinfo | None, now: datetime | None = None) -> date:
    """Today's date in ``zone`` (the machine's zone when None); ``now`` (aware) for a fixed moment."""
    moment = now if now is not None else datetime.now().astimezone()
    return moment.astimezone(zone).date()


def due_day(due: date | None, zone: tzinfo | None) -> date | None:
    """The calendar day an invoice falls due in ``zone``: a timestamp converted (naive means UTC), a date as is."""
    if due is None:
        return None
    if isinstance(due, datetime):
        aware = due if due.tzinfo is not None else due.replace(tzinfo=UTC)
        return aware.astimezone(zone).date()
    return due


def is_unpaid(invoice: AgedInvoice) -> bool:
    """Whether anything is still owed on the invoice (a positive outstanding balance)."""
    balance = invoice.outstanding_balance
    return balance is not None and balance > _ZERO


def days_past_due(invoice: AgedInvoice, today: date, zone: tzinfo | None = None) -> int | None:
    """Days an unpaid invoice is past due (0: not yet due, or due today); None when paid or its due date unknown.

    The server's own ``days_overdue`` is preferred when the invoice carries one.
    """
    if not is_unpaid(invoice):
        return None
    server = getattr(invoice, "days_overdue", None)
    if isinstance(server, int) and not isinstance(server, bool):
        return max(0, server)
    due = due_day(invoice.due_date, zone)
    if due is None:
        return None
    return max(0, (today - due).days)


def bucket_index(days: int | None) -> int:
    """Which bucket an invoice so many days past due falls in (unknown due date: current)."""
    if days is None:
        return 0
    for index, end in enumerate(_BUCKET_ENDS):
        if days <= end:
            return index
    return len(_BUCKET_ENDS)


@dataclass(frozen=True)
class CurrencyAging:
    """The outstanding amount of one currency's unpaid invoices, by age."""

    currency: str | None
    buckets: tuple[Decimal, ...]  # one per BUCKET_LABELS
    invoices: int  # unpaid invoices counted

    @property
    def total(self) -> Decimal:
        """The outstanding total: the buckets' sum."""
        return sum(self.buckets, _ZERO)

    def labelled(self) -> tuple[tuple[str, Decimal], ...]:
        """(label, amount) per bucket."""
        return tuple(zip(BUCKET_LABELS, self.buckets, strict=True))


@dataclass(frozen=True)
class Aging:
    """The aging of the invoices read: per currency, and whether those were all of the customer's invoices."""

    currencies: tuple[CurrencyAging, ...] = field(default_factory=tuple)
    invoices_read: int = 0
    invoices_total: int | None = None  # the server's count of all the customer's invoices, when known

    @property
    def complete(self) -> bool:
        """Whether every invoice was read (an unknown total counts as incomplete)."""
        return self.invoices_total is not None and self.invoices_read >= self.invoices_total

    @property
    def caveat(self) -> str | None:
        """'from the latest 20 invoices' when only some were read; None when they were all."""
        if self.complete:
            return None
        return f"from the latest {self.invoices_read} invoice{'s' if self.invoices_read != 1 else ''}"

    def for_currency(self, currency: str | None) -> CurrencyAging | None:
        """The aging of one currency, if it has unpaid invoices."""
        return next((c for c in self.currencies if c.currency == currency), None)


def aging(invoices: Iterable[AgedInvoice], today: date, *, zone: tzinfo | None = None,
          total_count: int | None = None, fallback_currency: str | None = None,
          currency_of: Callable[[AgedInvoice], str | None] | None = None) -> Aging:
    """The aging of ``invoices`` on ``today``; ``total_count`` is how many invoices the customer has in all.

    An invoice's currency is ``currency_of(invoice)`` when given, else its own, else ``fallback_currency``.
    Currencies keep the order they are first met in.
    """
    sums: dict[str | None, list[Decimal]] = {}
    counts: dict[str | None, int] = {}
    read = 0
    for invoice in invoices:
        read += 1
        if not is_unpaid(invoice):
            continue
        currency = currency_of(invoice) if currency_of else (invoice.currency or fallback_currency)
        buckets = sums.setdefault(currency, [_ZERO] * len(BUCKET_LABELS))
        balance = invoice.outstanding_balance
        assert balance is not None  # is_unpaid
        buckets[bucket_index(days_past_due(invoice, today, zone))] += balance
        counts[currency] = counts.get(currency, 0) + 1
    return Aging(
        currencies=tuple(CurrencyAging(cur, tuple(b), counts[cur]) for cur, b in sums.items()),
        invoices_read=read,
        invoices_total=total_count,
    )
