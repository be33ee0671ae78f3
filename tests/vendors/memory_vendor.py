"""A third billing system that lives in memory: one package's worth of code plus one registry line.

It proves the seam: the config loader, the command line's headless commands and the real list and
customer screens reach it only through ``fusebill_tui.vendors.registry`` and the Backend seam, and no
file of the app names it. Its "server" is a list of dicts; every read is recorded in ``requests`` so a test
can assert what was asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from fusebill_tui.core.errors import NotFound
from fusebill_tui.core.output import Column, display_zone, local_date, money, plain
from fusebill_tui.core.paging import Page
from fusebill_tui.core.search import SearchPlan
from fusebill_tui.vendors.base import ASCENDING, DESCENDING, Backend, Capabilities, CustomerListRequest
from fusebill_tui.vendors.declaration import BuiltinSandbox, CredentialField, Report, Vendor
from fusebill_tui.vendors.views import (
    AddressesView,
    AddressView,
    ColumnSet,
    ColumnSpec,
    CustomerRow,
    Fact,
    Identity,
    NoteView,
    Section,
)

KIND = "memory"
LABEL = "Ledgerly"  # the vendor's name on screen (nothing in the app knows it)
TOKEN = "memory-token-1"


@dataclass
class Record:
    """A customer as the memory vendor keeps it; ``raw`` is what --json prints."""

    raw: dict[str, Any]

    @property
    def id(self) -> int:
        """What the seam's Customer view reads: the id and the name."""
        return int(self.raw["ref"])

    @property
    def display_name(self) -> str:
        return str(self.raw["holder"])

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["raw"][name]
        except KeyError:
            raise AttributeError(name) from None


def seed(count: int = 7) -> list[dict[str, Any]]:
    """``count`` customers with names, a status and a balance in two currencies."""
    people = ["Ada Quill", "Bo Ferris", "Cy Marlow", "Di Okafor", "Ed Lunde", "Flo Basset", "Gus Tamura",
              "Hal Ines", "Ivy Corr"]
    return [{"ref": 100 + i, "holder": people[i % len(people)], "org": f"Org {chr(65 + i)} Ltd",
             "state": "open" if i % 3 else "closed", "owed": str(Decimal(i * 125) / 10),
             "ccy": "EUR" if i % 2 else "GBP", "notes": []}
            for i in range(count)]


@dataclass
class MemoryClient:
    """The vendor's client: the customers in a list, every call recorded in ``requests``."""

    token: str
    customers: list[dict[str, Any]] = field(default_factory=seed)
    read_only: bool = False
    requests: list[tuple[str, Any]] = field(default_factory=list)
    rate_limit: object | None = None  # the memory vendor reports no request budget
    on_retry: Any = None
    kind: ClassVar[str] = KIND

    async def __aenter__(self) -> MemoryClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self.requests.append(("close", None))

    def _matching(self, query: str | None) -> list[dict[str, Any]]:
        if not query:
            return list(self.customers)
        field_name, _, value = query.partition("=")
        return [c for c in self.customers if str(c.get(field_name, "")).lower() == value.lower()]

    async def list(self, query: str | None, offset: int, limit: int, sort: str | None,
                   descending: bool) -> list[dict[str, Any]]:
        self.requests.append(("list", (query, offset, limit, sort, descending)))
        found = self._matching(query)
        if sort:
            found.sort(key=lambda c: c[sort], reverse=descending)
        return found[offset:offset + limit]

    async def count(self, query: str | None) -> int:
        self.requests.append(("count", query))
        return len(self._matching(query))

    async def get(self, ref: int) -> dict[str, Any]:
        self.requests.append(("get", ref))
        for customer in self.customers:
            if customer["ref"] == ref:
                return customer
        raise NotFound(404, [("message", f"no customer {ref}")])


class MemoryFilters:
    """``field=value`` (exact, any case); digits open that customer."""

    placeholder = "field=value or an id"
    help = "Filter (/): field=value, e.g. state=open; digits open that customer."
    tooltip = "Filter: field=value or an id"
    quick_tooltip = "Filter by state"
    quick_filters = (("state", "state=open", "open"), ("state", "state=closed", "closed"))

    def plan(self, text: str) -> SearchPlan:
        stripped = text.strip()
        if stripped.isdigit():
            return SearchPlan(customer_id=int(stripped))
        return SearchPlan(query=stripped or None)

    def describe(self, text: str) -> str:
        return f"filter: {text.strip()}"

    def suggest(self, value: str) -> str | None:
        return None


COLUMNS = ColumnSet(
    columns=(
        ColumnSpec("holder", "Holder", 0, "holder", share=50),
        ColumnSpec("org", "Organisation", 0, "org", share=50),
        ColumnSpec("state", "State", 8, "state", kind="status"),
        ColumnSpec("owed", "Owed", 12, "owed", right=True, kind="money"),
    ),
    compact=("holder", "state", "owed"),
)


class MemoryBackend(Backend):
    """The screens' seam over a MemoryClient."""

    kind = KIND
    label = LABEL
    capabilities = Capabilities(separate_count=True)
    columns = COLUMNS
    client: MemoryClient

    def __init__(self, client: MemoryClient) -> None:
        super().__init__(client)
        self.filters = MemoryFilters()

    async def list_customers(self, request: CustomerListRequest, count: Any) -> Page[Any]:
        size = request.page_size
        items = await self.client.list(request.query, request.page_number * size, size, request.sort_expression,
                                       request.sort_order == DESCENDING)
        total = await count()
        last = max(0, -(-total // size) - 1)
        return Page(items=[Record(c) for c in items], count=total, current_page=request.page_number,
                    max_page_index=last, next_page=request.page_number + 1 if request.page_number < last else None,
                    previous_page=request.page_number - 1 if request.page_number > 0 else -1, page_size=size,
                    sort_expression=request.sort_expression, sort_order=request.sort_order)

    async def count_customers(self, query: str | None) -> int | None:
        return await self.client.count(query)

    def row(self, customer: Record) -> CustomerRow:
        return CustomerRow(customer.ref, customer.ccy, {"holder": customer.holder, "org": customer.org,
                                                        "state": customer.state, "owed": Decimal(customer.owed)})

    async def customer(self, customer_id: int) -> Record:
        return Record(await self.client.get(customer_id))

    def identity(self, customer: Record) -> Identity:
        return Identity(id=customer.ref, name=customer.holder, company=customer.org, statuses=(customer.state,),
                        currency=customer.ccy, display_name=customer.holder)

    async def overview(self, customer_id: int, customer: Any) -> Record:
        return await customer(customer_id)

    def overview_sections(self, overview: Record, customer: Any | None) -> Sequence[Section]:
        return [Section("Balances", (Fact("Owed", Decimal(overview.owed), "money", overview.ccy, emphasis="strong"),)),
                Section("Status", (Fact("State", overview.state, "status"),))]

    async def invoices(self, customer_id: int, page_number: int, page_size: int, count: Any) -> Page[Any]:
        return Page(items=[], count=0, current_page=0, max_page_index=0, next_page=None, previous_page=-1,
                    page_size=page_size)

    async def count_invoices(self, customer_id: int) -> int | None:
        return 0

    def invoice_totals(self, invoice: Any) -> Sequence[Fact]:
        return []

    async def notes(self, customer_id: int) -> list[Any]:
        customer = await self.client.get(customer_id)
        return [NoteView(id=i, note=text, created_timestamp=None) for i, text in enumerate(customer["notes"])]

    async def add_note(self, customer_id: int, text: str) -> Any:
        customer = await self.client.get(customer_id)
        customer["notes"].append(text)
        return NoteView(id=len(customer["notes"]) - 1, note=text, created_timestamp=None)

    async def addresses(self, customer_id: int, customer: Any) -> Record:
        return await customer(customer_id)

    def addresses_view(self, data: Record) -> AddressesView:
        return AddressesView(billing_address=AddressView(line1=f"{data.ref} Memory Lane"), shipping_address=None,
                             company_names=False)


# -- the headless layout ---------------------------------------------------------------------------

def balance_lines(customer: Record, timezone: str | None = None) -> list[str]:
    return [f"Customer {customer.ref}: {plain(customer.holder)}", f"State: {customer.state}",
            f"Owed:  {money(Decimal(customer.owed), customer.ccy)}"]


def table(zone: Any) -> tuple[list[Column], Any]:
    columns = [Column("REF", "ref", lambda c: c.ref, cap=6, right=True),
               Column("HOLDER", "holder", lambda c: c.holder, cap=20),
               Column("STATE", "state", lambda c: c.state, cap=8),
               Column("OWED", "owed", lambda c: money(Decimal(c.owed), None), cap=10, right=True)]
    return columns, lambda c: [str(col.get(c)) for col in columns]


def _sort_field(name: str) -> str:
    return name.strip().lower()


REPORT = Report(query=lambda text: text.strip() or None, sort_field=_sort_field, id_field="ref",
                balance_lines=balance_lines, table=table,
                csv_fields=(("ref", lambda c: c.ref), ("holder", lambda c: c.holder), ("owed", lambda c: c.owed)),
                customer_key=lambda c: c.ref)

#: The clients the vendor opened, newest last (a test reads what each was asked).
OPENED: list[MemoryClient] = []


def open_client(environment: Any, transport: Any, **options: Any) -> MemoryClient:
    if environment.credentials["token"] != TOKEN:
        from fusebill_tui.core.errors import AuthError

        raise AuthError(401, [], "Authentication failed: the memory token is wrong.")
    client = MemoryClient(environment.credentials["token"], read_only=environment.read_only)
    OPENED.append(client)
    return client


VENDOR = Vendor(
    kind=KIND,
    label=LABEL,
    credentials=(CredentialField("token", "access token", "", "MEMORY_TOKEN", "MEMORY_TOKEN"),),
    credential_hint="token or token_env",
    url_example="https://memory.invalid/api",
    open_client=open_client,
    backend=MemoryBackend,
    page_cap=25,
    sandbox=BuiltinSandbox("memory (built-in)", "https://memory.invalid/api", {"token": TOKEN}),
    report=lambda: REPORT,
)

__all__ = ["ASCENDING", "OPENED", "VENDOR", "display_zone", "local_date"]
