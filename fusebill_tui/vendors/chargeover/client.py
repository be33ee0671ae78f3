"""ChargeOverClient: customers, their invoices and notes over ChargeOver's REST API (``/api/v3``).

One httpx.AsyncClient with HTTP Basic auth (public key as user name, private key as password) and
the same request policy as the Fusebill client (GETs retried on 429 / 5xx / network errors, a POST
never). Every answer is unwrapped from its envelope ``{"code", "status", "message", "response"}``;
an error envelope becomes the matching ``fusebill_tui.core.errors`` class carrying its ``message``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

import httpx

from fusebill_tui.core import jsonutil
from fusebill_tui.core.audit import audit_source
from fusebill_tui.core.errors import (
    BadRequest,
    ErrorWording,
    FusebillError,
    InvalidInput,
    MalformedResponse,
    after_change,
    error_for_status,
)
from fusebill_tui.core.http_client import PolicyClient
from fusebill_tui.core.http_policy import Clock, RequestPolicy, Sleep, parse_json
from fusebill_tui.core.loose import to_int
from fusebill_tui.vendors.chargeover.models import (
    NOTE_CONTEXT_KEYS,
    NOTE_MAX,
    ChargeOverCustomer,
    ChargeOverInvoice,
    ChargeOverNote,
)
from fusebill_tui.vendors.chargeover.where import Condition, encode_where, order_param

log = logging.getLogger("fusebill_tui.vendors.chargeover")

WhereLike = Iterable[Condition] | str
T = TypeVar("T")
#: ChargeOver answers at most 500 records a request.
MAX_LIMIT = 500


def _id(value: int | str) -> int:
    """An id as a whole number, refusing anything else before it reaches a URL."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput(f"'{value}' is not a valid id (a whole number is expected).")
    return int(text)


def _limit(value: int, name: str = "limit") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise InvalidInput(f"{name} must be a whole number from 1 to {MAX_LIMIT}.")
    return value


def _offset(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput("offset must be a whole number, 0 or more.")
    return value


def _order(order: str | None) -> str | None:
    """``field:ASC`` / ``field:DESC`` checked against the sortable fields (None: the server's order)."""
    if not order:
        return None
    field, _, direction = order.partition(":")
    direction = direction.strip().upper() or "ASC"
    if direction not in ("ASC", "DESC"):
        raise InvalidInput(f"'{order}' is not an order: write field:ASC or field:DESC.")
    return order_param(field, descending=direction == "DESC")


#: How ChargeOver's errors name it (its 401 also repeats the server's reason).
WORDING = ErrorWording(
    label="ChargeOver",
    auth_advice="Check the ChargeOver public and private keys and which environment you are using.",
    auth_shows_server=True,
)


def unwrap(data: Any, method: str = "GET") -> Any:
    """The ``response`` of an envelope; an error envelope (even under HTTP 200) raises its error."""
    if not isinstance(data, dict) or ("response" not in data and "status" not in data):
        advice = "; try again." if method == "GET" else "."
        error = MalformedResponse("The server's answer was not a ChargeOver response envelope" + advice)
        raise error if method == "GET" else after_change(error)
    status = str(data.get("status", "OK")).strip().lower()
    if status in ("ok", "success"):
        return data.get("response")
    code = data.get("code")
    code = code if isinstance(code, int) and not isinstance(code, bool) and code >= 400 else 400
    message = data.get("message")
    errors = [("message", message.strip())] if isinstance(message, str) and message.strip() else []
    raise error_for_status(code, errors, method=method, wording=WORDING)


class ChargeOverClient(PolicyClient):
    """Async client of ChargeOver. Use as ``async with ChargeOverClient(url, public, private) as client``."""

    kind: ClassVar[str] = "chargeover"

    def __init__(
        self,
        base_url: str,
        public_key: str,
        private_key: str,
        *,
        read_only: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 20.0,
        max_concurrency: int = 4,
        max_retries: int = 4,
        throttle: bool = True,
        user_agent_user: str | None = None,
        sleep: Sleep | None = None,
        clock: Clock | None = None,
        max_rate_limit_wait: float = 60.0,
        on_retry: Callable[[str], None] | None = None,
    ) -> None:
        policy = RequestPolicy(max_concurrency=max_concurrency, max_retries=max_retries, throttle=throttle,
                               sleep=sleep, clock=clock, max_rate_limit_wait=max_rate_limit_wait,
                               on_retry=on_retry, wording=WORDING)
        super().__init__(base_url, read_only=read_only, policy=policy, transport=transport, timeout=timeout,
                         auth=httpx.BasicAuth(public_key, private_key),
                         headers={"Accept": "application/json", "Content-Type": "application/json",
                                  "User-Agent": audit_source(user_agent_user)})
        #: The note keys this server took (``context_*`` or ``obj_*``), once one was: kept for the client's life.
        self._note_keys: tuple[str, str] | None = None

    # --- plumbing -------------------------------------------------------------------------

    async def _call(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                    body: Any = None, null_ok: bool = False) -> Any:
        """Send one request and return the envelope's ``response`` (errors raised as FusebillErrors).

        ``null_ok``: a 2xx whose body is empty or JSON ``null`` answers None instead of raising.
        """
        self._refuse_if_read_only(method)
        url = self.base_url + path
        query = {k: v for k, v in (params or {}).items() if v is not None}
        content = jsonutil.dumps(body).encode("utf-8") if body is not None else b""

        async def do() -> httpx.Response:
            return await self._request(method, url, params=query, content=content)

        response = await self.policy.send(do, idempotent=method == "GET", label=f"{method} {path}")
        data = parse_json(response)
        if data is None and null_ok:
            return None
        return unwrap(data, method)

    async def _list(self, path: str, model: Any, where: WhereLike, order: str | None, offset: int,
                    limit: int) -> list[Any]:
        params = {"where": encode_where(where) or None, "order": order,
                  "offset": _offset(offset), "limit": _limit(limit)}
        data = await self._call("GET", path, params=params)
        found: list[Any] = model.list_from_api(data)
        return found

    async def _count(self, path: str, where: WhereLike) -> int:
        data = await self._call("GET", path + "/_count", params={"where": encode_where(where) or None})
        count = None if isinstance(data, bool) else to_int(data)  # a number, or digits in a string
        if count is None or count < 0:
            raise MalformedResponse("The server sent something other than the count that was expected; try again.")
        return count

    # --- customers ------------------------------------------------------------------------

    async def customers(self, where: WhereLike = (), order: str | None = None, offset: int = 0,
                        limit: int = 50) -> list[ChargeOverCustomer]:
        """One page of customers matching ``where`` (``GET /customer``); ``order`` is ``field:ASC|DESC``."""
        return await self._list("/customer", ChargeOverCustomer, where, _order(order), offset, limit)

    async def count_customers(self, where: WhereLike = ()) -> int:
        """How many customers match ``where`` (``GET /customer/_count``): lists carry no total."""
        return await self._count("/customer", where)

    async def customer(self, customer_id: int) -> ChargeOverCustomer:
        """One customer (``GET /customer/{id}``); NotFound when there is none."""
        data = await self._call("GET", f"/customer/{_id(customer_id)}")
        if isinstance(data, list) and len(data) == 1:  # some instances answer a one-item list
            data = data[0]
        return ChargeOverCustomer.from_api(data)

    # --- invoices -------------------------------------------------------------------------

    def _invoice_where(self, customer_id: int) -> list[Condition]:
        return [Condition("customer_id", "EQUALS", str(_id(customer_id)))]

    async def invoices(self, customer_id: int, offset: int = 0, limit: int = 25) -> list[ChargeOverInvoice]:
        """A customer's invoices, newest first (``GET /invoice``): the overview only, no line items.

        ChargeOver's "Query for invoices" page: "By default, only the overview invoice details are
        returned"; ``invoice`` reads one with its lines.
        """
        return await self._list("/invoice", ChargeOverInvoice, self._invoice_where(customer_id),
                                "invoice_id:DESC", offset, limit)

    async def count_invoices(self, customer_id: int) -> int:
        """How many invoices a customer has (``GET /invoice/_count``)."""
        return await self._count("/invoice", self._invoice_where(customer_id))

    async def invoice(self, invoice_id: int | str) -> ChargeOverInvoice:
        """One invoice with its ``line_items`` (``GET /invoice/{id}``); NotFound when there is none."""
        data = await self._call("GET", f"/invoice/{_id(invoice_id)}")
        if isinstance(data, list) and len(data) == 1:  # as for a customer: a one-item list is the record
            data = data[0]
        invoice = ChargeOverInvoice.from_api(data)
        if not invoice.lines_read:
            raise MalformedResponse("The server sent the invoice without its lines; try again.")
        return invoice

    # --- notes ----------------------------------------------------------------------------

    async def _with_note_keys(self, attempt: Callable[[tuple[str, str]], Awaitable[T]]) -> T:
        """``attempt`` with the note keys this server takes: the remembered spelling, else the current one
        and, only when the server refuses it with a 400, once more with the other (remembered if it works).

        Nothing else leads to the second try: after a network error or a 5xx a POST may have been made.
        """
        if self._note_keys is not None:
            return await attempt(self._note_keys)
        first, second = NOTE_CONTEXT_KEYS
        try:
            result = await attempt(first)
        except BadRequest as refused:
            log.info("note keys %s refused (%s); trying %s", first, refused.user_message, second)
            try:
                result = await attempt(second)
            except BadRequest:
                raise refused from None  # neither spelling was taken: the server's first answer says why
            self._note_keys = second
            return result
        self._note_keys = first
        return result

    async def notes(self, customer_id: int) -> list[ChargeOverNote]:
        """A customer's notes, newest first (``GET /note``; up to 500, ChargeOver's largest page).

        Filtered on ``context_str`` / ``context_id`` (ChargeOver's "Querying for notes"), or on
        ``obj_type`` / ``obj_id`` for a server that refuses those (its older PHP example).
        """
        cid = str(_id(customer_id))

        async def attempt(keys: tuple[str, str]) -> list[ChargeOverNote]:
            where = [Condition(keys[0], "EQUALS", "customer"), Condition(keys[1], "EQUALS", cid)]
            return await self._list("/note", ChargeOverNote, where, None, 0, MAX_LIMIT)

        notes = await self._with_note_keys(attempt)
        return sorted(notes, key=lambda n: (n.note_datetime is not None, n.note_datetime, n.note_id or 0),
                      reverse=True)

    async def add_note(self, customer_id: int, text: str) -> ChargeOverNote:
        """Add a note to a customer (``POST /note``, sent once per spelling) and return it as stored.

        A 2xx whose answer names no note id (a ``null`` body, a missing or unreadable ``id``) is not a
        failure: the note is looked for in the customer's notes, and if it is not found the error says
        it may have been added (never that it failed).
        """
        self._refuse_if_read_only()
        if not text or not text.strip():
            raise InvalidInput("A note cannot be empty.")
        if len(text) > NOTE_MAX:
            raise InvalidInput(f"A note can be at most {NOTE_MAX} characters (this one has {len(text)}).")
        cid = _id(customer_id)

        async def attempt(keys: tuple[str, str]) -> Any:
            return await self._call("POST", "/note", body={keys[0]: "customer", keys[1]: cid, "note": text},
                                    null_ok=True)

        created = await self._with_note_keys(attempt)
        note_id = to_int(created.get("id")) if isinstance(created, dict) else None
        if note_id is None:
            return await self._find_added_note(cid, text)
        keys = self._note_keys or NOTE_CONTEXT_KEYS[0]
        sent = ChargeOverNote.from_api({"note_id": note_id, keys[0]: "customer", keys[1]: cid, "note": text})
        try:  # read it back for the server's timestamp and author; the note exists either way
            stored = await self._list("/note", ChargeOverNote, [Condition("note_id", "EQUALS", str(note_id))],
                                      None, 0, 1)
        except FusebillError as error:
            log.info("reading back note %s failed: %s", note_id, error.user_message)
            return sent
        return stored[0] if stored else sent

    async def _find_added_note(self, customer_id: int, text: str) -> ChargeOverNote:
        """The newest note with ``text`` on the customer, after a 2xx that did not say which note it made."""
        accepted = "The server accepted the note but did not say which note it made, and "
        try:
            notes = await self.notes(customer_id)
        except FusebillError as error:
            log.info("looking for the added note failed: %s", error.user_message)
            raise after_change(MalformedResponse(accepted + "the customer's notes could not be read to look "
                                                 "for it.")) from None
        found = next((note for note in notes if note.note == text), None)
        if found is None:
            raise after_change(MalformedResponse(accepted + "the customer's notes do not show it yet."))
        return found
