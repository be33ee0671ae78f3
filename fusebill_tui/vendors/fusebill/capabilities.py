"""Fusebill's features beyond the common reads: status actions, address editing, subscriptions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from fusebill_tui.core.paging import Page
from fusebill_tui.vendors.base import view_page
from fusebill_tui.vendors.capabilities import FieldValue
from fusebill_tui.vendors.views import (
    ActionResult,
    AddressPreferences,
    Country,
    EditableAddress,
    StatusCustomer,
    Subscription,
)

if TYPE_CHECKING:
    from fusebill_tui.vendors.fusebill.client import FusebillClient


class FusebillStatusActions:
    """``customerActivation``, ``customerHold``, ``customerUnhold``, ``customerCancellation``, ``uncancel``."""

    def __init__(self, client: FusebillClient) -> None:
        self.client = client

    async def activate(self, customer_id: int, *, preview: bool, activate_all_subscriptions: bool = True,
                       activate_all_draft_purchases: bool = True,
                       temporarily_disable_auto_post: bool = False) -> ActionResult:
        """``POST /customerActivation`` (``?preview=true``: the invoices it would bill)."""
        return await self.client.activate_customer(
            customer_id, preview=preview, activate_all_subscriptions=activate_all_subscriptions,
            activate_all_draft_purchases=activate_all_draft_purchases,
            temporarily_disable_auto_post=temporarily_disable_auto_post)

    async def hold(self, customer_id: int) -> StatusCustomer:
        """``POST /customerHold/{id}``."""
        return await self.client.hold_customer(customer_id)

    async def unhold(self, customer_id: int, service_start_option: str, *, preview: bool) -> ActionResult:
        """``POST /customerUnhold`` (or its preview)."""
        return await self.client.unhold_customer(customer_id, service_start_option, preview=preview)

    async def cancel(self, customer_id: int, cancellation_option: str) -> None:
        """``POST /customerCancellation``."""
        await self.client.cancel_customer(customer_id, cancellation_option)

    async def uncancel(self, customer_id: int) -> StatusCustomer:
        """``POST /customers/uncancel/{id}``."""
        return await self.client.uncancel_customer(customer_id)


class FusebillAddressEditing:
    """``customerAddressPreferences``, ``Addresses`` and ``Countries``."""

    def __init__(self, client: FusebillClient) -> None:
        self.client = client

    async def preferences(self, customer_id: int) -> AddressPreferences:
        """``GET /customerAddressPreferences/{id}``."""
        return await self.client.get_address_preferences(customer_id)

    async def update_preferences(self, customer_id: int, changes: Mapping[str, FieldValue],
                                 expected: AddressPreferences) -> AddressPreferences:
        """``PUT /customerAddressPreferences``, refused if the preferences changed since ``expected`` was read."""
        return await self.client.update_address_preferences(customer_id, changes, expected=expected.raw)

    async def create_address(self, customer_id: int, address_type: str,
                             fields: Mapping[str, FieldValue]) -> EditableAddress:
        """``POST /Addresses``."""
        return await self.client.create_address(customer_id, address_type, fields)

    async def update_address(self, address_id: int, changes: Mapping[str, FieldValue],
                             expected: EditableAddress) -> EditableAddress:
        """``PUT /Addresses``, refused if the address changed since ``expected``."""
        return await self.client.update_address(address_id, changes, expected=expected.raw)

    async def countries(self) -> list[Country]:
        """``GET /Countries`` (the client keeps it for its whole life)."""
        return list(await self.client.list_countries())


class FusebillSubscriptions:
    """``GET /customers/{id}/subscriptions``."""

    def __init__(self, client: FusebillClient) -> None:
        self.client = client

    async def subscriptions(self, customer_id: int) -> Page[Subscription]:
        """The first page of 100."""
        page = await self.client.list_subscriptions(customer_id)
        return view_page(page, page.items)
