"""What a billing system offers beyond the common reads, each as one typed object on its backend.

A backend without a feature answers None for it, and the screens leave the feature out. Each protocol
names vendor-neutral views (vendors/views.py), never a vendor's own type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from fusebill_tui.core.paging import Page
from fusebill_tui.vendors.views import (
    ActionResult,
    AddressPreferences,
    Country,
    EditableAddress,
    StatusCustomer,
    Subscription,
)

#: A changed field's new value, by the name the vendor's API gives it (text, an id, a flag, or cleared).
FieldValue = str | int | bool | None


class StatusActions(Protocol):
    """Activate, hold, unhold, cancel and uncancel a customer; activation and unhold can be previewed."""

    async def activate(self, customer_id: int, *, preview: bool, activate_all_subscriptions: bool = True,
                       activate_all_draft_purchases: bool = True,
                       temporarily_disable_auto_post: bool = False) -> ActionResult:
        """Activate a draft customer, or preview the invoices activating would bill."""

    async def hold(self, customer_id: int) -> StatusCustomer:
        """Put the customer on hold."""

    async def unhold(self, customer_id: int, service_start_option: str, *, preview: bool) -> ActionResult:
        """Take the customer off hold (one of ``SERVICE_START_OPTIONS``), or preview it."""

    async def cancel(self, customer_id: int, cancellation_option: str) -> None:
        """Cancel the customer (one of ``CANCELLATION_OPTIONS``)."""

    async def uncancel(self, customer_id: int) -> StatusCustomer:
        """Reinstate a cancelled customer."""


class AddressEditing(Protocol):
    """Read and change a customer's billing and shipping addresses and their preferences."""

    async def preferences(self, customer_id: int) -> AddressPreferences:
        """Both addresses with the preferences, as the address form edits them."""

    async def update_preferences(self, customer_id: int, changes: Mapping[str, FieldValue],
                                 expected: AddressPreferences) -> AddressPreferences:
        """Change only the given preference fields, refusing (StaleObject) if they changed meanwhile."""

    async def create_address(self, customer_id: int, address_type: str,
                             fields: Mapping[str, FieldValue]) -> EditableAddress:
        """Create the customer's ``Billing`` or ``Shipping`` address."""

    async def update_address(self, address_id: int, changes: Mapping[str, FieldValue],
                             expected: EditableAddress) -> EditableAddress:
        """Change only the given address fields, refusing (StaleObject) if the address changed meanwhile."""

    async def countries(self) -> list[Country]:
        """Every country with its states."""


class Subscriptions(Protocol):
    """A customer's subscriptions."""

    async def subscriptions(self, customer_id: int) -> Page[Subscription]:
        """The first page of the customer's subscriptions."""
