"""The one interface the TUI uses for every billing system: capabilities, reads, writes, filter language."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from fusebill_tui.core.paging import Page
from fusebill_tui.core.search import SearchPlan
from fusebill_tui.vendors.views import (
    AddressesView,
    ColumnSet,
    CustomerRow,
    Fact,
    Identity,
    Section,
)

ASCENDING, DESCENDING = "Ascending", "Descending"

CustomerLoader = Callable[[int], Awaitable[Any]]
"""Reads one customer through the session's cache (so a backend never fetches the same record twice)."""
CountLoader = Callable[[], Awaitable[int]]
"""Counts what a list request matches, through the session's cache."""


@dataclass(frozen=True)
class Capabilities:
    """What a billing system offers beyond the common core; a feature it lacks is absent from the screen."""

    days_until_suspension: bool = False
    status_actions: bool = False
    subscriptions: bool = False
    address_preferences: bool = False
    address_edit: bool = False
    note_delete: bool = False
    separate_count: bool = False  # lists carry no total: it is asked for apart (ChargeOver's _count)


@dataclass(frozen=True)
class CustomerListRequest:
    """Everything that selects one page of the customer list (sort order: ASCENDING / DESCENDING)."""

    query: str | None = None
    page_number: int = 0
    page_size: int = 50
    sort_expression: str | None = None
    sort_order: str | None = None

    def page(self, number: int) -> CustomerListRequest:
        """The same list at another page."""
        return CustomerListRequest(self.query, number, self.page_size, self.sort_expression, self.sort_order)


class FilterLanguage(Protocol):
    """A vendor's filter language as the filter bar, the help and the quick filters need it."""

    placeholder: str
    help: str
    tooltip: str  # the filter key's one line (footer and help)
    quick_tooltip: str  # the quick-filter key's one line
    quick_filters: tuple[tuple[str, str, str], ...]  # (group label, query, value)

    def plan(self, text: str) -> SearchPlan:
        """What typed text means (raises a QueryError naming the mistake, with suggestions)."""

    def describe(self, text: str) -> str:
        """An applied filter in words."""

    def suggest(self, value: str) -> str | None:
        """The typed text completed with the rest of a field name, operator or value."""


class Backend(ABC):
    """A billing system behind the screens: one client, what it can do, and neutral reads and writes."""

    kind: ClassVar[str]
    label: ClassVar[str]
    capabilities: ClassVar[Capabilities]
    columns: ClassVar[ColumnSet]
    filters: FilterLanguage

    def __init__(self, client: Any) -> None:
        self.client = client

    @property
    def read_only(self) -> bool:
        """Whether the client refuses every change."""
        return bool(getattr(self.client, "read_only", False))

    @property
    def rate_limit(self) -> object | None:
        """The latest request budget, when the vendor reports one."""
        return getattr(self.client, "rate_limit", None)

    @property
    def on_retry(self) -> Callable[[str], None] | None:
        """Called with a message when a read is retried."""
        return getattr(self.client, "on_retry", None)

    @on_retry.setter
    def on_retry(self, callback: Callable[[str], None] | None) -> None:
        self.client.on_retry = callback

    async def aclose(self) -> None:
        """Close the client."""
        await self.client.aclose()

    # Customers ---------------------------------------------------------------

    @abstractmethod
    async def list_customers(self, request: CustomerListRequest, count: CountLoader) -> Page[Any]:
        """One page of customers with its total and page count."""

    @abstractmethod
    async def count_customers(self, query: str | None) -> int | None:
        """How many customers match ``query``."""

    @abstractmethod
    def row(self, customer: Any) -> CustomerRow:
        """A customer as a list row (values by the keys of ``columns``)."""

    @abstractmethod
    async def customer(self, customer_id: int) -> Any:
        """The full customer record."""

    @abstractmethod
    def identity(self, customer: Any) -> Identity:
        """Who the customer (or its overview) is."""

    @abstractmethod
    async def overview(self, customer_id: int, customer: CustomerLoader) -> Any:
        """What the overview panel shows (read as cheaply as the vendor allows)."""

    @abstractmethod
    def overview_sections(self, overview: Any, customer: Any | None) -> Sequence[Section]:
        """The overview as titled facts (balances first)."""

    def days_until(self, overview: Any) -> tuple[int | None, int | None]:
        """Days until suspension and until cancellation, when the vendor says (else None, None)."""
        return None, None

    # Invoices ------------------------------------------------------------------

    @abstractmethod
    async def invoices(self, customer_id: int, page_number: int, page_size: int, count: CountLoader) -> Page[Any]:
        """One page of the customer's invoices, newest first (with their lines where the vendor lists them)."""

    @abstractmethod
    async def count_invoices(self, customer_id: int) -> int | None:
        """How many invoices the customer has."""

    async def invoice_detail(self, invoice: Any) -> Any:
        """The invoice with its lines, when a list's invoice came without them (``charges_read`` False).

        By default the listed invoice is already complete and is answered as it is, with no request.
        """
        return invoice

    @abstractmethod
    def invoice_totals(self, invoice: Any) -> Sequence[Fact]:
        """The totals at the foot of an invoice."""

    # Notes and addresses ---------------------------------------------------------

    @abstractmethod
    async def notes(self, customer_id: int) -> list[Any]:
        """The customer's notes (NotesListingUnavailable when the server cannot list them)."""

    @abstractmethod
    async def add_note(self, customer_id: int, text: str) -> Any:
        """Add a note."""

    async def delete_note(self, note_id: int) -> None:
        """Delete a note (only when ``capabilities.note_delete``)."""
        raise NotImplementedError(f"{self.label} notes cannot be deleted")

    @abstractmethod
    async def addresses(self, customer_id: int, customer: CustomerLoader) -> Any:
        """What the addresses panel shows (the address form edits it where the vendor allows)."""

    @abstractmethod
    def addresses_view(self, data: Any) -> AddressesView:
        """The addresses as the panel shows them."""
