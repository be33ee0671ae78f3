"""One environment's connection as the screens see it: the backend, a cache, and the notes fallback.

Screens ask the session, never the client directly, so every result is cached per
environment and every change made through the app invalidates what it affects. Reads every
billing system offers go through the backend; the features only some have go through the backend's
typed capabilities (``status_actions``, ``address_editing``, ``subscriptions``), never its client.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from fusebill_tui.core.errors import NotesListingUnavailable
from fusebill_tui.tui.cache import ResultCache
from fusebill_tui.vendors import Backend, CustomerListRequest, backend_for_client
from fusebill_tui.vendors.capabilities import AddressEditing, FieldValue, StatusActions, Subscriptions

if TYPE_CHECKING:
    from fusebill_tui.config import Environment
    from fusebill_tui.core.paging import Page
    from fusebill_tui.vendors.views import (
        ActionResult,
        AddressPreferences,
        Country,
        Customer,
        EditableAddress,
        Invoice,
        Note,
        StatusCustomer,
        Subscription,
    )

T = TypeVar("T")

LISTS = "customer-lists"
#: Customer list pages kept (about 0.5 MB each at 50 rows): enough to go back a few pages without a
#: request, few enough that paging through 100,000 customers keeps memory flat.
LIST_PAGES_KEPT = 16


def new_cache() -> ResultCache:
    """The session's cache: two minutes, with a bound on the (large) customer list pages."""
    return ResultCache(tag_limits={LISTS: LIST_PAGES_KEPT})

__all__ = ["LISTS", "CustomerListRequest", "NotesResult", "Session"]


@dataclass
class NotesResult:
    """A customer's notes, and whether the server could list them all."""

    notes: list[Note]
    complete: bool = True


@dataclass
class Session:
    """The backend for one environment with its cache; dropped whole when the environment changes."""

    environment: Environment
    backend: Backend
    cache: ResultCache = field(default_factory=new_cache)
    notes_added: dict[int, list[Note]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.backend, Backend):  # a bare client (older callers, tests): wrap it
            self.backend = backend_for_client(self.backend)

    @property
    def status_actions(self) -> StatusActions:
        """The backend's status actions (the screens offer them only where ``capabilities`` says)."""
        return _needed(self.backend.status_actions, self.backend.label, "status actions")

    @property
    def address_editing(self) -> AddressEditing:
        """The backend's address editing (the screens offer it only where ``capabilities`` says)."""
        return _needed(self.backend.address_editing, self.backend.label, "address editing")

    @property
    def _subscriptions(self) -> Subscriptions:
        return _needed(self.backend.subscriptions, self.backend.label, "subscriptions")

    @property
    def read_only(self) -> bool:
        """Whether mutations are refused in this session."""
        return bool(self.environment.read_only or self.backend.read_only)

    async def aclose(self) -> None:
        """Close the client and forget everything cached."""
        self.cache.clear()
        await self.backend.aclose()

    # Reads -----------------------------------------------------------------

    async def customers(self, request: CustomerListRequest) -> Page[Customer]:
        """One page of the customer list (with its total)."""
        return await self.cache.get(
            ("customers", request),
            lambda: self.backend.list_customers(request, lambda: self.count_customers(request.query)),
            tags=frozenset({LISTS}),
        )

    async def count_customers(self, query: str | None) -> int | None:
        """How many customers match ``query`` (cached like a list page)."""
        return await self.cache.get(
            ("customer-count", query), lambda: self.backend.count_customers(query), tags=frozenset({LISTS})
        )

    def cached_customers(self, request: CustomerListRequest) -> Page[Customer] | None:
        """The page if it is already cached (no request)."""
        return self.cache.peek(("customers", request))

    async def customer(self, customer_id: int) -> Customer:
        """The full customer object."""
        return await self._read("customer", customer_id, lambda: self.backend.customer(customer_id))

    async def overview(self, customer_id: int) -> object:
        """What the overview panel shows (Fusebill: the overview; ChargeOver: the customer itself)."""
        return await self._read("overview", customer_id, lambda: self.backend.overview(customer_id, self.customer))

    async def subscriptions(self, customer_id: int) -> Page[Subscription]:
        """The customer's subscriptions (first page of 100; only where the backend has them)."""
        return await self._read("subscriptions", customer_id, lambda: self._subscriptions.subscriptions(customer_id))

    async def invoices(self, customer_id: int, page_number: int = 0, page_size: int = 25) -> Page[Invoice]:
        """One page of the customer's invoices, newest first."""
        return await self._read(
            "invoices",
            customer_id,
            lambda: self.backend.invoices(customer_id, page_number, page_size,
                                          lambda: self.count_invoices(customer_id)),
            page_number,
            page_size,
        )

    async def invoice_detail(self, customer_id: int, invoice: Invoice) -> Invoice:
        """The invoice with its lines: as it is when complete, else read once through the backend and cached.

        Cached with the customer's other reads (a change or a refresh of the customer forgets it).
        """
        if getattr(invoice, "charges_read", True):
            return invoice
        return await self.cache.get(self._invoice_detail_key(customer_id, invoice),
                                    lambda: self.backend.invoice_detail(invoice),
                                    tags=frozenset({customer_id, self._invoice_detail_key(customer_id, invoice)}))

    def cached_invoice_detail(self, customer_id: int, invoice: Invoice) -> Invoice | None:
        """The invoice with its lines if that needs no request (complete already, or cached)."""
        if getattr(invoice, "charges_read", True):
            return invoice
        return self.cache.peek(self._invoice_detail_key(customer_id, invoice))

    def forget_invoice_detail(self, customer_id: int, invoice: Invoice) -> None:
        """Drop the cached lines of one invoice, so the next ``invoice_detail`` reads them again."""
        self.cache.invalidate(self._invoice_detail_key(customer_id, invoice))

    @staticmethod
    def _invoice_detail_key(customer_id: int, invoice: Invoice) -> tuple[Hashable, ...]:
        return ("invoice-detail", customer_id, getattr(invoice, "id", None))

    async def count_invoices(self, customer_id: int) -> int | None:
        """How many invoices the customer has (cached per customer)."""
        return await self._read("invoice-count", customer_id, lambda: self.backend.count_invoices(customer_id))

    async def notes(self, customer_id: int) -> NotesResult:
        """The customer's notes, newest first; partial when the server cannot list them."""

        async def fetch() -> NotesResult:
            try:
                return NotesResult(await self.backend.notes(customer_id))
            except NotesListingUnavailable:
                added = sorted(
                    self.notes_added.get(customer_id, []),
                    key=lambda note: (note.created_timestamp is not None, note.created_timestamp),
                    reverse=True,
                )
                return NotesResult(added, complete=False)

        return await self._read("notes", customer_id, fetch)

    async def addresses(self, customer_id: int) -> object:
        """What the addresses panel shows (Fusebill: the address preferences the form edits)."""
        return await self._read(
            "address-preferences", customer_id, lambda: self.backend.addresses(customer_id, self.customer)
        )

    async def address_preferences(self, customer_id: int) -> AddressPreferences:
        """The customer's billing and shipping addresses and their preferences."""
        return await self._read(
            "address-preferences", customer_id, lambda: self.address_editing.preferences(customer_id)
        )

    async def countries(self) -> list[Country]:
        """Every country with its states (the client caches it for its whole life)."""
        return await self.address_editing.countries()

    async def _read(self, kind: str, customer_id: int, fetch: Callable[[], Awaitable[T]], *extra: Hashable) -> T:
        return await self.cache.get((kind, customer_id, *extra), fetch, tags=frozenset({customer_id}))

    # Changes ---------------------------------------------------------------

    def changed(self, customer_id: int) -> None:
        """Forget everything about a customer, and every list page, after a change."""
        self.cache.invalidate(customer_id, LISTS)

    async def add_note(self, customer_id: int, text: str) -> Note:
        """Add a note and remember it for servers that cannot list notes."""
        try:
            note = await self.backend.add_note(customer_id, text)
        finally:
            self.changed(customer_id)  # even on failure: a lost answer may hide a note that was added
        self.notes_added.setdefault(customer_id, []).append(note)
        return note

    async def delete_note(self, customer_id: int, note_id: int) -> None:
        """Delete a note."""
        try:
            await self.backend.delete_note(note_id)
        finally:
            self.changed(customer_id)  # even on failure: a lost answer may hide a deletion
        added = self.notes_added.get(customer_id, [])
        self.notes_added[customer_id] = [note for note in added if note.id != note_id]

    async def update_address_preferences(
        self, customer_id: int, changes: Mapping[str, FieldValue], expected: AddressPreferences
    ) -> AddressPreferences:
        """Change only the given preference fields, refusing if they changed meanwhile."""
        try:
            return await self.address_editing.update_preferences(customer_id, changes, expected)
        finally:
            self.changed(customer_id)

    async def create_address(
        self, customer_id: int, address_type: str, fields: Mapping[str, FieldValue]
    ) -> EditableAddress:
        """Create the customer's billing or shipping address."""
        try:
            return await self.address_editing.create_address(customer_id, address_type, fields)
        finally:
            self.changed(customer_id)

    async def update_address(
        self, customer_id: int, address_id: int, changes: Mapping[str, FieldValue], expected: EditableAddress
    ) -> EditableAddress:
        """Change only the given address fields, refusing if the address changed meanwhile."""
        try:
            return await self.address_editing.update_address(address_id, changes, expected)
        finally:
            self.changed(customer_id)

    async def activate(self, customer_id: int, *, preview: bool, activate_all_subscriptions: bool = True,
                       activate_all_draft_purchases: bool = True,
                       temporarily_disable_auto_post: bool = False) -> ActionResult:
        """Activate a draft customer (or preview the activation)."""
        try:
            return await self.status_actions.activate(
                customer_id, preview=preview, activate_all_subscriptions=activate_all_subscriptions,
                activate_all_draft_purchases=activate_all_draft_purchases,
                temporarily_disable_auto_post=temporarily_disable_auto_post)
        finally:
            if not preview:
                self.changed(customer_id)

    async def hold(self, customer_id: int) -> StatusCustomer:
        """Put the customer on hold."""
        try:
            return await self.status_actions.hold(customer_id)
        finally:
            self.changed(customer_id)

    async def unhold(self, customer_id: int, service_start_option: str, *, preview: bool) -> ActionResult:
        """Take the customer off hold (or preview it)."""
        try:
            return await self.status_actions.unhold(customer_id, service_start_option, preview=preview)
        finally:
            if not preview:
                self.changed(customer_id)

    async def cancel(self, customer_id: int, cancellation_option: str) -> None:
        """Cancel the customer."""
        try:
            await self.status_actions.cancel(customer_id, cancellation_option)
        finally:
            self.changed(customer_id)

    async def uncancel(self, customer_id: int) -> StatusCustomer:
        """Reinstate a cancelled customer."""
        try:
            return await self.status_actions.uncancel(customer_id)
        finally:
            self.changed(customer_id)


def _needed(feature: T | None, vendor: str, what: str) -> T:
    """A backend's feature, or a clear error when a screen asks for one the vendor lacks."""
    if feature is None:
        raise NotImplementedError(f"{vendor} has no {what}")
    return feature
