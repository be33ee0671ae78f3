"""Fusebill behind the neutral interface: the existing client, its models, and every Fusebill-only feature."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from fusebill_tui.core.days import days_text
from fusebill_tui.core.display import sanitize as clean
from fusebill_tui.core.paging import Page
from fusebill_tui.vendors.base import (
    ASCENDING,
    Backend,
    Capabilities,
    CountLoader,
    CustomerListRequest,
    CustomerLoader,
    view_page,
)
from fusebill_tui.vendors.fusebill.capabilities import (
    FusebillAddressEditing,
    FusebillStatusActions,
    FusebillSubscriptions,
)
from fusebill_tui.vendors.fusebill.filters import FusebillFilters
from fusebill_tui.vendors.fusebill.models import (
    AddressPreferences,
    Customer,
    CustomerOverview,
    Invoice,
)
from fusebill_tui.vendors.views import (
    AddressesView,
    ColumnSet,
    ColumnSpec,
    CustomerRow,
    Fact,
    Identity,
    Note,
    Section,
)
from fusebill_tui.vendors.views import Customer as CustomerView
from fusebill_tui.vendors.views import Invoice as InvoiceView
from fusebill_tui.vendors.worklist import WorklistEntry

if TYPE_CHECKING:
    from fusebill_tui.vendors.fusebill.client import FusebillClient

R = TypeVar("R")


def own(value: object, kind: type[R]) -> R:
    """A record the screens handed back, checked to be the Fusebill one this backend gave them."""
    if not isinstance(value, kind):
        raise TypeError(f"expected a Fusebill {kind.__name__}, got {type(value).__name__}")
    return value

COLUMNS = ColumnSet(
    columns=(
        ColumnSpec("name", "Name", 0, "lastName", share=35),
        ColumnSpec("company", "Company", 0, "companyName", share=28),
        ColumnSpec("email", "Email", 0, "primaryEmail", share=37),
        ColumnSpec("status", "Status", 9, "status", kind="status"),
        ColumnSpec("account", "Account", 12, "accountStatus", kind="status"),
        ColumnSpec("currency", "Cur", 3),
        ColumnSpec("mrr", "MRR", 13, right=True, kind="money"),
        ColumnSpec("created", "Created", 10, "createdTimestamp", kind="day"),
    ),
    compact=("name", "email", "status", "account", "mrr"),
)
"""Name 35%, company 28%, email 37% of what the fixed columns leave."""


def list_name(customer: Customer) -> str:
    """'Last, First' (the list sorts by last name), else the company, else '#id'."""
    first, last = clean(customer.first_name).strip(), clean(customer.last_name).strip()
    if first and last:
        return f"{last}, {first}"
    return last or first or clean(customer.company_name) or f"#{customer.id}"


WORKLIST_QUERY = "AccountStatus:PoorStanding,Collection;Status:Active,Hold"
"""The worklist's candidates, in the reference's query language (String Filtering: ``,`` is "or" within a
field, ``;`` "and" between fields; both names are documented query parameters of ``GET /customers``)."""
WORKLIST_SORT = "id"
"""A stable order while the pages are walked (new customers land on the last page)."""


def customer_row(customer: Customer) -> CustomerRow:
    """Name, company, email, statuses, currency, MRR and creation date of one customer."""
    return CustomerRow(customer.id or 0, customer.currency, {
        "name": list_name(customer),
        "company": customer.company_name,
        "email": customer.primary_email,
        "status": customer.status,
        "account": customer.customer_account_status,
        "currency": customer.currency,
        "mrr": customer.monthly_recurring_revenue,
        "created": customer.created_timestamp,
    })


class FusebillBackend(Backend):
    """A Fusebill (Stax Bill) account through ``FusebillClient``."""

    kind = "fusebill"
    label = "Fusebill"
    capabilities = Capabilities(
        days_until_suspension=True,
        status_actions=True,
        subscriptions=True,
        address_preferences=True,
        address_edit=True,
        note_delete=True,
        worklist=True,
        worklist_overviews=True,
    )
    columns = COLUMNS
    client: FusebillClient

    def __init__(self, client: FusebillClient) -> None:
        super().__init__(client)
        self.client = client
        self.filters = FusebillFilters()
        self.status_actions = FusebillStatusActions(client)
        self.address_editing = FusebillAddressEditing(client)
        self.subscriptions = FusebillSubscriptions(client)

    # Customers ---------------------------------------------------------------

    async def list_customers(self, request: CustomerListRequest, count: CountLoader) -> Page[CustomerView]:
        """One page; the X-* headers carry the total and the page count."""
        page = await self.client.list_customers(
            request.query,
            page_number=request.page_number,
            page_size=request.page_size,
            sort_expression=request.sort_expression,
            sort_order=request.sort_order,
        )
        return view_page(page, page.items)

    async def count_customers(self, query: str | None) -> int | None:
        """The cheapest count: one record, read X-Count."""
        page = await self.client.list_customers(query, page_number=0, page_size=1)
        return page.count

    def row(self, customer: CustomerView) -> CustomerRow:
        """Name, company, email, statuses, currency, MRR and creation date."""
        return customer_row(own(customer, Customer))

    async def customer(self, customer_id: int) -> Customer:
        """``GET /customers/{id}``."""
        return await self.client.get_customer(customer_id)

    def identity(self, record: object) -> Identity:
        """Name, company, status and account status (a customer or its overview)."""
        customer = record if isinstance(record, CustomerOverview) else own(record, Customer)
        name = " ".join(part for part in (clean(customer.first_name), clean(customer.last_name)) if part)
        return Identity(
            id=customer.id or 0,
            name=name,
            company=clean(customer.company_name),
            statuses=(customer.status, customer.customer_account_status),
            currency=customer.currency,
            display_name=clean(getattr(customer, "display_name", None)) or name or f"#{customer.id}",
        )

    async def overview(self, customer_id: int, customer: CustomerLoader) -> CustomerOverview:
        """``GET /customers/{id}/Overview``."""
        return await self.client.get_customer_overview(customer_id)

    def days_until(self, overview: object) -> tuple[int | None, int | None]:
        """The server's own days until suspension and cancellation."""
        o = own(overview, CustomerOverview)
        return o.days_until_suspension, o.days_until_cancellation

    def credits(self, overview: object) -> Sequence[Fact]:
        """Unallocated payments and credits (the overview's own figures)."""
        o = own(overview, CustomerOverview)
        return (Fact("Unallocated payments", o.unallocated_payments, "money", o.currency),
                Fact("Unallocated credits", o.unallocated_credits, "money", o.currency))

    def overview_sections(self, overview: object, customer_view: CustomerView | None) -> Sequence[Section]:
        """Balances, status, contacts, and parent and integrations."""
        o = own(overview, CustomerOverview)
        customer = own(customer_view, Customer) if customer_view is not None else None
        cur = o.currency
        balances = Section("Balances", (
            Fact("AR balance", o.ar_balance, "money", cur, emphasis="strong"),
            Fact("Pending charges", o.pending_charges, "money", cur),
            Fact("Unallocated payments", o.unallocated_payments, "money", cur),
            Fact("Unallocated credits", o.unallocated_credits, "money", cur),
            Fact("Unallocated opening balance", o.unallocated_opening_balance, "money", cur, detail=True),
            Fact("Lifetime value", o.lifetime_value, "money", cur, detail=True),
            Fact("MRR", o.monthly_recurring_revenue, "money", cur),
            Fact("Net MRR", o.net_monthly_recurring_revenue, "money", cur, detail=True),
            Fact("Next billing", o.next_billing_date, "day"),
        ))
        status = [
            Fact("Status", o.status, "status"),
            Fact("Since", o.status_timestamp, "when"),
            Fact("Account", o.customer_account_status, "status"),
            Fact("Since", o.customer_account_status_timestamp, "when"),
        ]
        if o.days_until_suspension is not None:
            status.append(Fact("Suspension", days_text(o.days_until_suspension, "Suspends"), emphasis="warning"))
        if o.days_until_cancellation is not None:
            status.append(Fact("Cancellation", days_text(o.days_until_cancellation, "Cancels"), emphasis="danger"))
        status.append(Fact("Created", o.created_timestamp, "when"))
        status.append(Fact("Currency", o.currency))
        contacts = [Fact("Company", o.company_name), Fact("Email", o.primary_email), Fact("Phone", o.primary_phone)]
        if customer is not None and customer.secondary_email:
            contacts.append(Fact("Email 2", customer.secondary_email))
        if customer is not None and customer.secondary_phone:
            contacts.append(Fact("Phone 2", customer.secondary_phone))
        contacts.append(Fact("Reference", o.reference))
        parent = None
        if o.parent_id is not None:
            parent = f"#{o.parent_id}" + (f" {clean(o.parent_name)}" if o.parent_name else "")
        sync = f"sync {clean(o.salesforce_synch_status)}" if o.salesforce_synch_status else None
        links = Section("Parent and integrations", (
            Fact("Parent", parent),
            Fact("Is a parent", "yes" if o.is_parent else "no"),
            Fact("Salesforce", o.salesforce_id, note=sync),
            Fact("QuickBooks", o.quickbooks_id),
            Fact("NetSuite", o.netsuite_id),
            Fact("HubSpot", o.hub_spot_id),
            Fact("Geotab", o.raw.get("geotabId")),
        ))
        return [balances, Section("Status", tuple(status)), Section("Contacts", tuple(contacts)), links]

    # Collections worklist -------------------------------------------------------

    async def worklist_candidates(self, page_number: int, page_size: int) -> Page[CustomerView]:
        """``GET /customers?query=AccountStatus:PoorStanding,Collection;Status:Active,Hold``, by id."""
        page = await self.client.list_customers(WORKLIST_QUERY, page_number=page_number, page_size=page_size,
                                                sort_expression=WORKLIST_SORT, sort_order=ASCENDING)
        return view_page(page, page.items)

    def worklist_entry(self, customer_view: CustomerView, overview: object | None) -> WorklistEntry:
        """Who from the list; balance, days until suspension / cancellation and MRR from the Overview."""
        customer = own(customer_view, Customer)
        o = own(overview, CustomerOverview) if overview is not None else None
        source: Customer | CustomerOverview = o if o is not None else customer
        return WorklistEntry(
            customer_id=customer.id or 0,
            name=list_name(customer),
            company=clean(customer.company_name),
            status=clean(source.status),
            account_status=clean(source.customer_account_status),
            currency=source.currency or customer.currency,
            balance=o.ar_balance if o is not None else None,
            days_until_suspension=o.days_until_suspension if o is not None else None,
            days_until_cancellation=o.days_until_cancellation if o is not None else None,
            mrr=o.monthly_recurring_revenue if o is not None else None,
            figures_read=o is not None,
        )

    # Invoices ------------------------------------------------------------------

    async def invoices(self, customer_id: int, page_number: int, page_size: int,
                       count: CountLoader) -> Page[InvoiceView]:
        """One page of posted invoices, newest first (the X-* headers carry the total)."""
        page = await self.client.list_invoices(customer_id, page_number=page_number, page_size=page_size)
        return view_page(page, page.items)

    async def count_invoices(self, customer_id: int) -> int | None:
        """X-Count of a one-invoice page."""
        return (await self.client.list_invoices(customer_id, page_size=1)).count

    def invoice_totals(self, invoice: InvoiceView) -> Sequence[Fact]:
        """Subtotal down to the outstanding balance (taxes and discounts only when present)."""
        inv = own(invoice, Invoice)  # amounts are shown in the invoice's currency, which the screen knows
        taxes = sum((t.amount for t in inv.taxes if t.amount is not None), Decimal("0")) if inv.taxes else None
        rows: list[tuple[str, Decimal | None]] = [
            ("Subtotal", inv.subtotal),
            ("Discounts", inv.total_discount),
            ("Taxes", taxes),
            ("Invoice amount", inv.invoice_amount),
            ("Payments", inv.total_payments),
            ("Credit notes", inv.sum_of_credit_notes),
            ("Write-offs", inv.total_writeoffs),
            ("Outstanding", inv.outstanding_balance),
        ]
        return [
            Fact(label, value, "money", None, emphasis="strong" if label in ("Invoice amount", "Outstanding") else "")
            for label, value in rows
            if not (value is None and label in ("Taxes", "Discounts"))
        ]

    # Notes and addresses ---------------------------------------------------------

    async def notes(self, customer_id: int) -> list[Note]:
        """``GET /customers/{id}/CustomerNotes`` (NotesListingUnavailable where it answers 404)."""
        return list(await self.client.list_notes(customer_id))

    async def add_note(self, customer_id: int, text: str) -> Note:
        """``POST /customerNotes``."""
        return await self.client.create_note(customer_id, text)

    async def delete_note(self, note_id: int) -> None:
        """``DELETE /customerNotes/{id}``."""
        await self.client.delete_note(note_id)

    async def addresses(self, customer_id: int, customer: CustomerLoader) -> AddressPreferences:
        """The address preferences with both addresses (what the address form edits)."""
        return await self.client.get_address_preferences(customer_id)

    def addresses_view(self, preferences: object) -> AddressesView:
        """Both addresses and the preferences."""
        data = own(preferences, AddressPreferences)
        same = bool(data.use_billing_address_as_shipping_address)
        return AddressesView(
            billing_address=data.billing_address,
            shipping_address=data.shipping_address,
            use_billing_address_as_shipping_address=same,
            preferences=(
                Fact("Contact name", data.contact_name),
                Fact("Shipping instructions", data.shipping_instructions, "lines"),
                Fact("Use billing as shipping", "yes" if same else "no"),
            ),
        )
