"""In-memory state: generated records on demand, plus every record that has changed."""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

from fusebill_tui.sandbox.core.clock import iso
from fusebill_tui.sandbox.fusebill import dataset_related as gen
from fusebill_tui.sandbox.fusebill.dataset import BASE_URI, Dataset
from fusebill_tui.sandbox.fusebill.errors import not_found
from fusebill_tui.sandbox.fusebill.glance_specials import INVOICE_PLANS, NO_NOTES, NO_SUBSCRIPTIONS

T = TypeVar("T")


class Store:
    """The account's customers and their related objects; changed records are kept here."""

    def __init__(self, dataset: Dataset, clock: Callable[[], datetime]) -> None:
        self.dataset = dataset
        self.clock = clock
        self._ids: list[int] = dataset.ids()
        self._records: dict[int, dict[str, Any]] = {}  # changed or created: {"customer", "finance"}
        self._next_id = max(self._ids, default=100000) + 1
        self.related: dict[str, dict[int, Any]] = {}  # kind -> customer id -> objects (built on first use)
        self.note_owner: dict[int, int] = {}  # created note id -> customer id
        self._next_note_id = 900_000_000

    # --- customers -------------------------------------------------------------------------

    def now(self) -> str:
        """The current time as the API writes it."""
        return iso(self.clock())

    def customer_ids(self) -> list[int]:
        """Every customer id, ascending."""
        return self._ids

    def count(self) -> int:
        """How many customers the account holds."""
        return len(self._ids)

    def exists(self, cid: int) -> bool:
        """Whether the customer exists."""
        return cid in self._records or self.dataset.exists(cid)

    def record(self, cid: int) -> dict[str, Any]:
        """The live record of a customer ({"customer", "finance"}), kept from now on; 404 if unknown."""
        rec = self._records.get(cid)
        if rec is None:
            if not self.dataset.exists(cid):
                raise not_found("Customer", cid)
            rec = self._records[cid] = self.dataset.record(cid)
        return rec

    def peek(self, cid: int) -> dict[str, Any]:
        """A customer object to read (a fresh copy when generated; do not change it)."""
        rec = self._records.get(cid)
        if rec is not None:
            customer: dict[str, Any] = rec["customer"]
            return customer
        if not self.dataset.exists(cid):
            raise not_found("Customer", cid)
        return self.dataset.customer(cid)

    def customer(self, cid: int) -> dict[str, Any]:
        """A copy of a customer object; 404 if unknown."""
        if cid in self._records:
            return copy.deepcopy(self._records[cid]["customer"])
        return self.peek(cid)  # freshly generated: already a private copy

    def iter_customers(self) -> Iterator[dict[str, Any]]:
        """Every customer object, in id order (generated ones built one at a time)."""
        for cid in self._ids:
            yield self.peek(cid)

    def overview(self, cid: int) -> dict[str, Any]:
        """The customer overview object (short customer + balances)."""
        rec = self._records.get(cid) or self.record(cid)
        c, f = rec["customer"], rec["finance"]
        return {
            "title": c.get("title"), "firstName": c.get("firstName"), "middleName": c.get("middleName"),
            "lastName": c.get("lastName"), "suffix": c.get("suffix"), "primaryEmail": c.get("primaryEmail"),
            "primaryPhone": c.get("primaryPhone"), "companyName": c.get("companyName"),
            "reference": c.get("reference"), "createdTimestamp": c.get("createdTimestamp"),
            "status": c.get("status"), "customerAccountStatus": c.get("customerAccountStatus"),
            "pendingCharges": f["pendingCharges"], "arBalance": f["arBalance"],
            "unallocatedPayments": f["unallocatedPayments"], "unallocatedCredits": f["unallocatedCredits"],
            "unallocatedOpeningBalance": f["unallocatedOpeningBalance"], "currency": c.get("currency"),
            "daysUntilSuspension": f["daysUntilSuspension"], "daysUntilCancellation": f["daysUntilCancellation"],
            "customerAccountStatusTimestamp": f["customerAccountStatusTimestamp"],
            "statusTimestamp": f["statusTimestamp"], "lifetimeValue": f["lifetimeValue"],
            "monthlyRecurringRevenue": c.get("monthlyRecurringRevenue"),
            "netMonthlyRecurringRevenue": c.get("netMonthlyRecurringRevenue"),
            "nextBillingDate": f["nextBillingDate"],
            "salesforceSynchStatus": c.get("salesforceSynchStatus"), "salesforceId": c.get("salesforceId"),
            "quickbooksId": c.get("quickBooksId"), "netsuiteId": c.get("netsuiteId"),
            "hubSpotId": c.get("hubSpotId"), "hubSpotCompanyId": c.get("hubSpotCompanyId"),
            "geotabId": c.get("geotabId"), "parentId": c.get("parentId"), "parentName": f["parentName"],
            "isParent": f["isParent"], "unknownPaymentActivityId": f["unknownPaymentActivityId"],
            "id": cid, "uri": f"{BASE_URI}/CustomerOverview/{cid}",
        }

    def add_customer(self, customer: dict[str, Any], finance: dict[str, Any]) -> int:
        """Store a new customer under the next id and return that id."""
        cid = self._next_id
        self._next_id += 1
        customer["id"] = cid
        self._records[cid] = {"customer": customer, "finance": finance}
        bisect.insort(self._ids, cid)
        return cid

    def replace_customer(self, cid: int, customer: dict[str, Any]) -> None:
        """Replace a customer object wholesale (full-replacement PUT)."""
        self.record(cid)["customer"] = customer

    def touch(self, cid: int) -> None:
        """Mark a customer modified now."""
        self.record(cid)["customer"]["modifiedTimestamp"] = self.now()

    # --- related objects, built per customer on first use ----------------------------------

    def related_for(self, kind: str, cid: int, build: Callable[[int], T]) -> T:
        """The customer's objects of one kind (subscriptions, invoices, notes...), built once."""
        per_kind = self.related.setdefault(kind, {})
        if cid not in per_kind:
            self.record(cid)  # 404 for unknown customers; keeps the record stable from now on
            per_kind[cid] = build(cid)
        built: T = per_kind[cid]
        return built

    # --- the related objects of a customer ----------------------------------------------------

    def subscriptions(self, cid: int) -> list[dict[str, Any]]:
        """The customer's subscriptions (live list)."""
        return self.related_for("subscriptions", cid, lambda c: [] if c in NO_SUBSCRIPTIONS else gen.subscriptions(
            self.dataset.seed, self.record(c)["customer"], self.record(c)["finance"]["_combo"]))

    def invoices(self, cid: int) -> list[dict[str, Any]]:
        """The customer's posted invoices, oldest first (live list)."""
        def build(c: int) -> list[dict[str, Any]]:
            rec = self.record(c)
            if c in INVOICE_PLANS:  # dated from the clock's day, so their ages hold whenever they are read
                return gen.planned_invoices(rec["customer"], INVOICE_PLANS[c], self.clock())
            return gen.invoices(self.dataset.seed, rec["customer"], self.subscriptions(c),
                                rec["finance"]["_combo"], rec["finance"]["arBalance"])
        return self.related_for("invoices", cid, build)

    def notes(self, cid: int) -> list[dict[str, Any]]:
        """The customer's notes, oldest first (live list)."""
        return self.related_for("notes", cid, lambda c: [] if c in NO_NOTES else gen.notes(self.dataset.seed, c))

    def addresses(self, cid: int) -> dict[str, Any]:
        """{"Billing": address or None, "Shipping": address or None} (live)."""
        return self.related_for("addresses", cid,
                                lambda c: gen.addresses(self.dataset.seed, self.record(c)["customer"]))

    def address_preferences(self, cid: int) -> dict[str, Any]:
        """The preferences object without its addresses (live)."""
        return self.related_for("address_preferences", cid, lambda c: gen.address_preferences(
            self.dataset.seed, c, self.addresses(c)["Shipping"] is not None))

    def email_preferences(self, cid: int) -> dict[str, Any]:
        """The customer's email preferences (live)."""
        return self.related_for("email_preferences", cid, lambda c: gen.email_preferences(self.dataset.seed, c))

    def billing_settings(self, cid: int) -> dict[str, Any]:
        """The customer's billing settings (live)."""
        return self.related_for("billing_settings", cid, lambda c: gen.billing_settings(self.dataset.seed, c))

    def find_note(self, note_id: int) -> tuple[int, dict[str, Any]] | None:
        """(customer id, note) for a note id, wherever it lives."""
        owner = self.note_owner.get(note_id)
        candidates = [owner] if owner is not None else [note_id // 10]
        for cid in candidates:
            if cid is not None and self.exists(cid):
                for note in self.notes(cid):
                    if note["id"] == note_id:
                        return cid, note
        return None

    def find_address(self, address_id: int) -> dict[str, Any] | None:
        """An address by id (ids are customer id * 10 + 1 or 2)."""
        cid = address_id // 10
        if not self.exists(cid):
            return None
        for addr in self.addresses(cid).values():
            if addr is not None and addr["id"] == address_id:
                found: dict[str, Any] = addr
                return found
        return None

    def next_note_id(self, cid: int) -> int:
        """A fresh note id."""
        self._next_note_id += 1
        self.note_owner[self._next_note_id] = cid
        return self._next_note_id
