"""ChargeOver behind the neutral interface: customers, invoices (lines read per invoice), notes; no Fusebill extras."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from fusebill_tui.core.display import sanitize as clean
from fusebill_tui.core.paging import Page
from fusebill_tui.vendors.base import (
    DESCENDING,
    Backend,
    Capabilities,
    CountLoader,
    CustomerListRequest,
    CustomerLoader,
)
from fusebill_tui.vendors.chargeover.filters import ChargeOverFilters
from fusebill_tui.vendors.chargeover.models import ChargeOverCustomer, ChargeOverInvoice
from fusebill_tui.vendors.views import (
    AddressesView,
    AddressView,
    ChargeView,
    ColumnSet,
    ColumnSpec,
    CustomerRow,
    Fact,
    Identity,
    InvoiceView,
    Note,
    NoteView,
    Section,
    TierView,
)
from fusebill_tui.vendors.views import Customer as CustomerView
from fusebill_tui.vendors.views import Invoice as InvoiceProtocol
from fusebill_tui.vendors.worklist import WorklistEntry

if TYPE_CHECKING:
    from fusebill_tui.vendors.chargeover.client import ChargeOverClient
    from fusebill_tui.vendors.chargeover.models import (
        ChargeOverLineItem,
        ChargeOverNote,
        ChargeOverTier,
    )

COLUMNS = ColumnSet(
    columns=(
        ColumnSpec("company", "Company", 0, "company", share=40),
        ColumnSpec("contact", "Contact", 0, "superuser_name", share=25),
        ColumnSpec("email", "Email", 0, "superuser_email", share=35),
        ColumnSpec("status", "Status", 17, "customer_status_str", kind="status"),
        ColumnSpec("currency", "Cur", 3),
        ColumnSpec("balance", "Balance", 13, "balance", right=True, kind="money"),
        ColumnSpec("mrr", "MRR", 12, "mrr", right=True, kind="money"),
        ColumnSpec("created", "Created", 10, "write_datetime", kind="day"),
    ),
    compact=("company", "email", "status", "balance"),
)
"""Company 40%, contact 25%, email 35% of what the fixed columns leave."""

T = TypeVar("T")
R = TypeVar("R")

WORKLIST_WHERE = "customer_status_str:EQUALS:active-overdue"
"""The worklist's candidates: active customers with an overdue invoice (the list carries their balance)."""
WORKLIST_ORDER = "customer_id:ASC"
"""A stable order while the pages are walked."""


def own(value: object, kind: type[R]) -> R:
    """A record the screens handed back, checked to be the ChargeOver one this backend gave them."""
    if not isinstance(value, kind):
        raise TypeError(f"expected a ChargeOver {kind.__name__}, got {type(value).__name__}")
    return value


def page_of(items: Sequence[T], total: int | None, page_number: int, page_size: int,
            request: CustomerListRequest | None = None) -> Page[T]:
    """A page in the shape the screens know, from offset/limit items and a separate count."""
    last = max(0, -(-total // page_size) - 1) if total is not None else None
    has_next = (page_number < last) if last is not None else len(items) == page_size
    return Page(
        items=list(items),
        count=total,
        current_page=page_number,
        max_page_index=last,
        next_page=page_number + 1 if has_next else None,
        previous_page=page_number - 1 if page_number > 0 else -1,
        page_size=page_size,
        sort_expression=request.sort_expression if request else None,
        sort_order=request.sort_order if request else None,
    )


def due_status(invoice: ChargeOverInvoice) -> str:
    """Void, Paid, Overdue or Due, from the invoice's flags."""
    if invoice.is_void:
        return "Void"
    if invoice.is_paid:
        return "Paid"
    return "Overdue" if invoice.is_overdue else "Due"


def tier_label(tier: ChargeOverTier) -> str:
    """The units a tier covers: ``1 – 10``, or ``11 and up`` when it has no upper bound."""
    start = "?" if tier.unit_from is None else f"{tier.unit_from.normalize():f}"
    if tier.unit_to is None or tier.unit_to == 0:  # no upper bound
        return f"{start} and up"
    return f"{start} – {tier.unit_to.normalize():f}"


def charge_view(line: ChargeOverLineItem) -> ChargeView:
    """One invoice line, its tierset's tiers beneath it (each tier's ``amount`` is its unit price)."""
    tiers = line.tierset.tiers if line.tierset is not None else []
    return ChargeView(
        name=line.name, description=line.descrip, quantity=line.line_quantity, unit_price=line.line_rate,
        amount=line.amount,
        charge_tiers=[TierView(label=tier_label(tier), unit_price=tier.amount) for tier in tiers],
    )


def invoice_view(invoice: ChargeOverInvoice) -> InvoiceView:
    """An invoice in the shape the invoice screens show; a listed one has no lines yet (``charges_read``)."""
    facts: list[Fact] = [Fact("status", invoice.invoice_status_name or invoice.invoice_status_str)]
    if invoice.days_overdue:
        facts.append(Fact("overdue", f"{invoice.days_overdue} days", emphasis="danger"))
    return InvoiceView(
        id=invoice.invoice_id,
        invoice_number=invoice.refnumber if invoice.refnumber is not None else invoice.invoice_id,
        posted_timestamp=invoice.date,
        due_date=invoice.due_date,
        invoice_amount=invoice.total,
        outstanding_balance=invoice.balance,
        due_status=due_status(invoice),
        currency=invoice.currency_iso4217,
        charges=[charge_view(line) for line in invoice.line_items],
        terms=invoice.terms_name,
        days_overdue=invoice.days_overdue,
        facts=tuple(facts),
        charges_read=invoice.lines_read,
        raw=invoice.raw,
        source=invoice,
    )


def note_view(note: ChargeOverNote) -> NoteView:
    """A note in the shape the notes panel shows."""
    return NoteView(id=note.note_id, note=note.note, created_timestamp=note.note_datetime,
                    user_who_created_note=note.author, raw=note.raw)


def address(customer: ChargeOverCustomer, kind: str) -> AddressView | None:
    """The ``bill`` or ``ship`` address, or None when every part of it is empty."""
    def part(name: str) -> str | None:
        value: str | None = getattr(customer, f"{kind}_{name}")
        return value

    second = "\n".join(line for line in (part("addr2"), part("addr3")) if line) or None
    view = AddressView(line1=part("addr1"), line2=second, city=part("city"), state=part("state"),
                       postal_zip=part("postcode"), country=part("country"))
    return view if any(vars(view).values()) else None


class ChargeOverBackend(Backend):
    """A ChargeOver account through ``ChargeOverClient`` (lists carry no total: ``_count`` gives it)."""

    kind = "chargeover"
    label = "ChargeOver"
    capabilities = Capabilities(separate_count=True, worklist=True)
    columns = COLUMNS
    client: ChargeOverClient

    def __init__(self, client: ChargeOverClient) -> None:
        super().__init__(client)
        self.client = client
        self.filters = ChargeOverFilters()

    # Customers ---------------------------------------------------------------

    async def list_customers(self, request: CustomerListRequest, count: CountLoader) -> Page[CustomerView]:
        """One page by offset/limit, and the total from ``_count`` (cached per filter), read concurrently."""
        order = None
        if request.sort_expression:
            order = f"{request.sort_expression}:{'DESC' if request.sort_order == DESCENDING else 'ASC'}"
        size = request.page_size
        items, total = await asyncio.gather(
            self.client.customers(request.query or (), order, offset=request.page_number * size, limit=size),
            count(),
        )
        return page_of(list[CustomerView](items), total, request.page_number, size, request)

    async def count_customers(self, query: str | None) -> int | None:
        """``GET /customer/_count?where=...``."""
        return await self.client.count_customers(query or ())

    def row(self, record: CustomerView) -> CustomerRow:
        """Company, contact, email, status, currency, balance, MRR and creation date."""
        customer = own(record, ChargeOverCustomer)
        return CustomerRow(customer.customer_id or 0, customer.currency_iso4217, {
            "company": customer.company or customer.display_as,
            "contact": customer.contact_name,
            "email": customer.superuser_email,
            "status": customer.customer_status_str,
            "currency": customer.currency_iso4217,
            "balance": customer.balance,
            "mrr": customer.mrr,
            "created": customer.write_datetime,
        })

    async def customer(self, customer_id: int) -> ChargeOverCustomer:
        """``GET /customer/{id}``."""
        return await self.client.customer(customer_id)

    def identity(self, record: object) -> Identity:
        """The main contact, the company and the status."""
        customer = own(record, ChargeOverCustomer)
        return Identity(
            id=customer.customer_id or 0,
            name=clean(customer.contact_name),
            company=clean(customer.company or customer.display_as),
            statuses=(customer.customer_status_str,),
            currency=customer.currency_iso4217,
            display_name=clean(customer.display_name),
        )

    async def overview(self, customer_id: int, customer: CustomerLoader) -> ChargeOverCustomer:
        """The customer record itself carries every figure (read once, through the session's cache)."""
        return own(await customer(customer_id), ChargeOverCustomer)

    def overview_sections(self, overview: object, customer: CustomerView | None) -> Sequence[Section]:
        """Balances, status, main contact, and account details."""
        c = own(overview, ChargeOverCustomer)
        cur = c.currency_iso4217
        parent = f"#{c.parent_customer_id}" if c.parent_customer_id is not None else None
        return [
            Section("Balances", (
                Fact("Balance due", c.balance, "money", cur, emphasis="strong"),
                Fact("Total invoiced", c.total, "money", cur),
                Fact("Paid", c.paid, "money", cur),
                Fact("MRR", c.mrr, "money", cur),
                Fact("ARR", c.arr, "money", cur),
            )),
            Section("Status", (
                Fact("Status", c.customer_status_str, "status"),
                Fact("Shown as", c.customer_status_name),
                Fact("Created", c.write_datetime, "when"),
                Fact("Modified", c.mod_datetime, "when"),
                Fact("Currency", cur),
                Fact("Terms", c.terms_name),
            )),
            Section("Main contact", (
                Fact("Name", c.contact_name),
                Fact("Email", c.superuser_email),
                Fact("Phone", c.superuser_phone),
                Fact("Title", c.superuser_title),
            )),
            Section("Account", (
                Fact("Parent", parent),
                Fact("External key", c.external_key),
                Fact("Tags", ", ".join(c.tags) or None),
                Fact("Tax id", c.tax_ident),
                Fact("Class", c.class_name),
                Fact("Account manager", c.admin_name),
            )),
        ]

    # Collections worklist -------------------------------------------------------

    async def worklist_candidates(self, page_number: int, page_size: int) -> Page[CustomerView]:
        """``GET /customer?where=customer_status_str:EQUALS:active-overdue`` by id (no count: a short page
        ends the walk)."""
        items = await self.client.customers(WORKLIST_WHERE, WORKLIST_ORDER, offset=page_number * page_size,
                                            limit=page_size)
        return page_of(list[CustomerView](items), None, page_number, page_size)

    def worklist_entry(self, record: CustomerView, overview: object | None) -> WorklistEntry:
        """Every figure from the listed customer itself (ChargeOver tells no days until suspension)."""
        customer = own(overview if overview is not None else record, ChargeOverCustomer)
        return WorklistEntry(
            customer_id=customer.customer_id or 0,
            name=clean(customer.contact_name),
            company=clean(customer.company or customer.display_as),
            status=clean(customer.customer_status_name or customer.customer_status_str),
            account_status="",
            currency=customer.currency_iso4217,
            balance=customer.balance,
            days_until_suspension=None,
            days_until_cancellation=None,
            mrr=customer.mrr,
            figures_read=True,
        )

    # Invoices ------------------------------------------------------------------

    async def invoices(self, customer_id: int, page_number: int, page_size: int,
                       count: CountLoader) -> Page[InvoiceProtocol]:
        """One page of invoices (newest first, their overviews: no lines) and the total from ``_count``."""
        items, total = await asyncio.gather(
            self.client.invoices(customer_id, offset=page_number * page_size, limit=page_size), count()
        )
        return page_of([invoice_view(invoice) for invoice in items], total, page_number, page_size)

    async def count_invoices(self, customer_id: int) -> int | None:
        """``GET /invoice/_count?where=customer_id:EQUALS:{id}``."""
        return await self.client.count_invoices(customer_id)

    async def invoice_detail(self, listed: InvoiceProtocol) -> InvoiceView:
        """``GET /invoice/{id}``: the invoice with its ``line_items`` (a listed one is an overview only)."""
        invoice = own(listed, InvoiceView)
        if invoice.charges_read or invoice.id is None:
            return invoice
        return invoice_view(await self.client.invoice(invoice.id))

    def invoice_totals(self, invoice: InvoiceProtocol) -> Sequence[Fact]:
        """Subtotal, taxes, total, payments, credits and the balance due."""
        source = own(own(invoice, InvoiceView).source, ChargeOverInvoice)
        rows = [
            ("Subtotal", source.subtotal, ""),
            ("Taxes", source.taxes, ""),
            ("Total", source.total, "strong"),
            ("Payments", source.payments, ""),
            ("Credits", source.credits, ""),
            ("Balance due", source.balance, "strong"),
        ]
        return [Fact(label, value, "money", None, emphasis=emphasis) for label, value, emphasis in rows]

    # Notes and addresses ---------------------------------------------------------

    async def notes(self, customer_id: int) -> list[Note]:
        """``GET /note?where=context_str:EQUALS:customer,context_id:EQUALS:{id}`` (or ``obj_type`` / ``obj_id``)."""
        return [note_view(note) for note in await self.client.notes(customer_id)]

    async def add_note(self, customer_id: int, text: str) -> NoteView:
        """``POST /note`` (sent once)."""
        return note_view(await self.client.add_note(customer_id, text))

    async def addresses(self, customer_id: int, customer: CustomerLoader) -> ChargeOverCustomer:
        """The addresses are part of the customer record (read once, through the session's cache)."""
        return own(await customer(customer_id), ChargeOverCustomer)

    def addresses_view(self, record: object) -> AddressesView:
        """The billing and shipping address (ChargeOver keeps no address preferences)."""
        data = own(record, ChargeOverCustomer)
        return AddressesView(billing_address=address(data, "bill"), shipping_address=address(data, "ship"),
                             company_names=False)
