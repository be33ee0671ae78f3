"""The one interface the TUI uses for every billing system: capabilities, reads, writes, filter language.

The records a backend answers are typed by what the screens read of them (the Protocols of views.py);
what the screens only hand back to the backend (a customer, an overview, the addresses read) is opaque to
them, and each backend checks it got its own kind back.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, TypeVar

from fusebill_tui.core.paging import Page
from fusebill_tui.core.search import SearchPlan
from fusebill_tui.vendors.capabilities import AddressEditing, StatusActions, Subscriptions
from fusebill_tui.vendors.views import (
    AddressesView,
    ColumnSet,
    Customer,
    CustomerRow,
    Fact,
    Identity,
    Invoice,
    Note,
    Section,
)
from fusebill_tui.vendors.worklist import WorklistEntry

ASCENDING, DESCENDING = "Ascending", "Descending"

CustomerLoader = Callable[[int], Awaitable[Customer]]
"""Reads one customer through the session's cache (so a backend never fetches the same record twice)."""
CountLoader = Callable[[], Awaitable[int | None]]
"""Counts what a list request matches, through the session's cache."""

S = TypeVar("S")
V = TypeVar("V")


def view_page(page: Page[S], items: Iterable[V]) -> Page[V]:
    """``page``'s paging headers with ``items`` (a vendor's records as the views they satisfy)."""
    return Page(items=list(items), count=page.count, max_count=page.max_count, current_page=page.current_page,
                max_page_index=page.max_page_index, next_page=page.next_page, previous_page=page.previous_page,
                page_size=page.page_size, sort_order=page.sort_order, sort_expression=page.sort_expression)


class VendorClient(Protocol):
    """What the seam itself asks of a vendor's client (the backend knows the rest of it)."""

    @property
    def read_only(self) -> bool: ...
    @property
    def rate_limit(self) -> object | None: ...
    @property
    def on_retry(self) -> Callable[[str], None] | None: ...
    @on_retry.setter
    def on_retry(self, callback: Callable[[str], None] | None) -> None: ...
    async def aclose(self) -> None: ...


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
    worklist: bool = False  # a collections worklist (``worklist_candidates`` / ``worklist_entry``)
    worklist_overviews: bool = False  # its figures come from each customer's overview, read one by one


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
    """A billing system behind the screens: one client, what it can do, and neutral reads and writes.

    ``capabilities`` says which features the screens offer; the features beyond the common reads are
    typed objects (``status_actions``, ``address_editing``, ``subscriptions``), None where the vendor
    has none.
    """

    kind: ClassVar[str]
    label: ClassVar[str]
    capabilities: ClassVar[Capabilities]
    columns: ClassVar[ColumnSet]
    filters: FilterLanguage
    status_actions: StatusActions | None = None
    address_editing: AddressEditing | None = None
    subscriptions: Subscriptions | None = None

    def __init__(self, client: VendorClient) -> None:
        self.client = client

    @property
    def read_only(self) -> bool:
        """Whether the client refuses every change."""
        return bool(self.client.read_only)

    @property
    def rate_limit(self) -> object | None:
        """The latest request budget, when the vendor reports one."""
        return self.client.rate_limit

    @property
    def on_retry(self) -> Callable[[str], None] | None:
        """Called with a message when a read is retried."""
        return self.client.on_retry

    @on_retry.setter
    def on_retry(self, callback: Callable[[str], None] | None) -> None:
        self.client.on_retry = callback

    async def aclose(self) -> None:
        """Close the client."""
        await self.client.aclose()

    # Customers ---------------------------------------------------------------

    @abstractmethod
    async def list_customers(self, request: CustomerListRequest, count: CountLoader) -> Page[Customer]:
        """One page of customers with its total and page count."""

    @abstractmethod
    async def count_customers(self, query: str | None) -> int | None:
        """How many customers match ``query``."""

    @abstractmethod
    def row(self, customer: Customer) -> CustomerRow:
        """A customer as a list row (values by the keys of ``columns``)."""

    @abstractmethod
    async def customer(self, customer_id: int) -> Customer:
        """The full customer record."""

    @abstractmethod
    def identity(self, customer: object) -> Identity:
        """Who the customer (or its overview) is."""

    @abstractmethod
    async def overview(self, customer_id: int, customer: CustomerLoader) -> object:
        """What the overview panel shows (read as cheaply as the vendor allows; only this backend reads it)."""

    @abstractmethod
    def overview_sections(self, overview: object, customer: Customer | None) -> Sequence[Section]:
        """The overview as titled facts (balances first)."""

    def credits(self, overview: object) -> Sequence[Fact]:
        """What the customer has in hand besides the invoices (unallocated payments, credits): shown beside the
        aging of the unpaid invoices, never in it. None by default."""
        return ()

    def days_until(self, overview: object) -> tuple[int | None, int | None]:
        """Days until suspension and until cancellation, when the vendor says (else None, None)."""
        return None, None

    # Collections worklist -------------------------------------------------------

    async def worklist_candidates(self, page_number: int, page_size: int) -> Page[Customer]:
        """One page of the customers the worklist is made of (in poor standing or collection), in a stable
        order (only when ``capabilities.worklist``)."""
        raise NotImplementedError(f"{self.label} has no collections worklist")

    def worklist_entry(self, customer: Customer, overview: object | None) -> WorklistEntry:
        """A candidate as a worklist row: from the listed ``customer`` alone (``overview`` None: figures
        empty unless the list carries them), or with its figures from ``overview`` (what ``overview()``
        answered, when ``capabilities.worklist_overviews``)."""
        raise NotImplementedError(f"{self.label} has no collections worklist")

    # Invoices ------------------------------------------------------------------

    @abstractmethod
    async def invoices(self, customer_id: int, page_number: int, page_size: int,
                       count: CountLoader) -> Page[Invoice]:
        """One page of the customer's invoices, newest first (with their lines where the vendor lists them)."""

    @abstractmethod
    async def count_invoices(self, customer_id: int) -> int | None:
        """How many invoices the customer has."""

    async def invoice_detail(self, invoice: Invoice) -> Invoice:
        """The invoice with its lines, when a list's invoice came without them (``charges_read`` False).

        By default the listed invoice is already complete and is answered as it is, with no request.
        """
        return invoice

    @abstractmethod
    def invoice_totals(self, invoice: Invoice) -> Sequence[Fact]:
        """The totals at the foot of an invoice."""

    # Notes and addresses ---------------------------------------------------------

    @abstractmethod
    async def notes(self, customer_id: int) -> list[Note]:
        """The customer's notes (NotesListingUnavailable when the server cannot list them)."""

    @abstractmethod
    async def add_note(self, customer_id: int, text: str) -> Note:
        """Add a note."""

    async def delete_note(self, note_id: int) -> None:
        """Delete a note (only when ``capabilities.note_delete``)."""
        raise NotImplementedError(f"{self.label} notes cannot be deleted")

    @abstractmethod
    async def addresses(self, customer_id: int, customer: CustomerLoader) -> object:
        """What the addresses panel shows (only this backend reads it, in ``addresses_view``)."""

    @abstractmethod
    def addresses_view(self, data: object) -> AddressesView:
        """The addresses as the panel shows them."""
