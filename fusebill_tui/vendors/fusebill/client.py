"""FusebillClient: one shared httpx.AsyncClient with auth, audit header, rate limits and every endpoint used."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any, ClassVar, TypeVar
from urllib.parse import quote

import httpx

from fusebill_tui.core import jsonutil
from fusebill_tui.core.audit import audit_source
from fusebill_tui.core.errors import (
    ApiError,
    ErrorWording,
    FusebillError,
    InvalidInput,
    MalformedResponse,
    NotesListingUnavailable,
    NotFound,
    StaleObject,
    after_change,
)
from fusebill_tui.core.http_client import PolicyClient
from fusebill_tui.core.http_policy import Clock, RequestPolicy, Sleep, parse_json
from fusebill_tui.core.loose import parse_timestamp
from fusebill_tui.core.paging import Page, walk_pages
from fusebill_tui.vendors.fusebill import models
from fusebill_tui.vendors.fusebill.models import (
    ActionResult,
    Address,
    AddressPreferences,
    BillingSettings,
    Country,
    Customer,
    CustomerOverview,
    EmailPreference,
    FusebillModel,
    Invoice,
    Note,
    Subscription,
)
from fusebill_tui.vendors.fusebill.query import Query, check_length

__all__ = ["WORDING", "FusebillClient", "audit_source"]

#: How Fusebill's errors name it.
WORDING = ErrorWording(label="Fusebill")

log = logging.getLogger("fusebill_tui.vendors.fusebill")

M = TypeVar("M", bound=FusebillModel)
T = TypeVar("T")

QueryLike = str | Query | None


def _id(value: int | str) -> str:
    """A path segment for an id, refusing anything that is not a whole number."""
    text = str(value).strip()
    if not text.isdigit():
        raise InvalidInput(f"'{value}' is not a valid id (a whole number is expected).")
    return str(int(text))


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _merge(target: dict[str, Any], changes: Mapping[str, Any]) -> None:
    """Apply changes onto a raw dict in place; nested mappings merge, keeping fields they do not name."""
    for key, value in changes.items():
        current = target.get(key)
        if isinstance(value, Mapping) and isinstance(current, dict):
            _merge(current, value)
        else:
            target[key] = dict(value) if isinstance(value, Mapping) else value


def _json_keys(model: type[FusebillModel], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Accept changes keyed by JSON name or by the model's snake_case attribute name."""
    out: dict[str, Any] = {}
    for key, value in changes.items():
        field = model.model_fields.get(key)
        out[field.alias if field is not None and field.alias else key] = value
    return out


def _page_params(
    page_number: int,
    page_size: int,
    sort_expression: str | None,
    sort_order: str | None,
    *,
    default_order: str = "Ascending",
) -> dict[str, Any]:
    """Paging parameters, with sortExpression and sortOrder sent together or not at all (as the reference requires)."""
    params: dict[str, Any] = {"pageSize": page_size, "pageNumber": page_number}
    if sort_expression:
        params["sortExpression"] = sort_expression
        params["sortOrder"] = sort_order or default_order
    return params


class FusebillClient(PolicyClient):
    """Async client of the Fusebill API. Use as ``async with FusebillClient(url, key) as client``."""

    kind: ClassVar[str] = "fusebill"
    secret_name: ClassVar[str] = "api_key"

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        read_only: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 20.0,
        max_concurrency: int = 8,
        user_agent_user: str | None = None,
        throttle: bool = True,
        max_retries: int = 4,
        sleep: Sleep | None = None,
        clock: Clock | None = None,
        max_rate_limit_wait: float = 60.0,
        on_retry: Callable[[str], None] | None = None,
    ) -> None:
        if not all("!" <= char <= "~" for char in api_key):
            # httpx would raise UnicodeEncodeError from deep inside, with the key in its locals.
            raise InvalidInput("The API key contains a space, a control character or a non-ASCII character, "
                               "which no API key has; copy the key again.")
        self._api_key = api_key
        policy = RequestPolicy(
            wording=WORDING,
            max_concurrency=max_concurrency,
            throttle=throttle,
            max_retries=max_retries,
            sleep=sleep,
            clock=clock,
            max_rate_limit_wait=max_rate_limit_wait,
            on_retry=on_retry,
        )
        super().__init__(
            base_url,
            read_only=read_only,
            policy=policy,
            transport=transport,
            timeout=timeout,
            headers={
                "Authorization": f"Basic {api_key}",
                "Content-Type": "application/json",
                "Accept": "application/json",
                "x-audit-source": audit_source(user_agent_user),
            },
        )
        self._countries: list[Country] | None = None
        self._countries_lock = asyncio.Lock()

    # --- plumbing -------------------------------------------------------------------------

    def _url(self, path: str, params: Mapping[str, Any] | None, query: QueryLike) -> httpx.URL:
        """Build the URL with a raw query string: the ``query`` filter is already escaped and sent as is.

        A filter longer than MAX_QUERY_BYTES raises QueryError here, before anything is sent.
        """
        pairs = [
            f"{quote(str(k), safe='')}={quote(str(v), safe='')}"
            for k, v in (params or {}).items()
            if v is not None
        ]
        text = str(query) if query is not None else ""
        if text:
            pairs.append(f"query={check_length(text)}")
        return httpx.URL(self.base_url + path, query="&".join(pairs).encode("ascii"))

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        query: QueryLike = None,
        body: Any = None,
        send_body: bool = False,
    ) -> httpx.Response:
        mutating = method != "GET"
        self._refuse_if_read_only(method)
        url = self._url(path, params, query)
        content = jsonutil.dumps(body).encode("utf-8") if send_body else b""

        async def do() -> httpx.Response:
            return await self._request(method, url, content=content)

        try:
            return await self.policy.send(do, idempotent=not mutating, label=f"{method} {path}")
        except FusebillError as error:
            raise _without_secret(error, self._api_key) from None

    async def _get_json(self, path: str, **kwargs: Any) -> tuple[Any, httpx.Headers]:
        response = await self._send("GET", path, **kwargs)
        return parse_json(response), response.headers

    async def _get_one(self, model: type[M], path: str) -> M:
        data, _headers = await self._get_json(path)
        return model.from_api(data)

    async def _get_page(self, model: type[M], path: str, **kwargs: Any) -> Page[M]:
        data, headers = await self._get_json(path, **kwargs)
        return Page.from_headers(model.list_from_api(data), headers)

    # --- customers ------------------------------------------------------------------------

    async def list_customers(
        self,
        query: QueryLike = None,
        *,
        page_number: int = 0,
        page_size: int = 100,
        sort_expression: str | None = None,
        sort_order: str | None = None,
    ) -> Page[Customer]:
        """One page of customers (GET /customers), filtered by an already-validated query."""
        params = _page_params(page_number, page_size, sort_expression, sort_order)
        return await self._get_page(Customer, "/customers", params=params, query=query)

    async def iter_customers(
        self,
        query: QueryLike = None,
        *,
        page_size: int = 100,
        sort_expression: str = "id",
        sort_order: str = "Ascending",
        max_pages: int | None = None,
    ) -> AsyncIterator[Customer]:
        """Every matching customer once: walks all pages with a stable sort, dropping duplicates by id."""

        async def fetch(page_number: int) -> Page[Customer]:
            return await self.list_customers(
                query,
                page_number=page_number,
                page_size=page_size,
                sort_expression=sort_expression,
                sort_order=sort_order,
            )

        def key(customer: Customer) -> Any:
            return customer.id if customer.id is not None else id(customer)

        async for customer in walk_pages(fetch, page_size=page_size, key=key, max_pages=max_pages):
            yield customer

    async def get_customer(self, customer_id: int) -> Customer:
        """One customer (GET /customers/{id})."""
        return await self._get_one(Customer, f"/customers/{_id(customer_id)}")

    async def get_customer_overview(self, customer_id: int) -> CustomerOverview:
        """A customer's balances and status summary (GET /customers/{id}/Overview)."""
        return await self._get_one(CustomerOverview, f"/customers/{_id(customer_id)}/Overview")

    async def update_customer(
        self, customer_id: int, changes: Mapping[str, Any], *, expected_modified: str | None
    ) -> Customer:
        """Safe full-object PUT /customers: re-read, refuse if modified since ``expected_modified``, change only
        ``changes``."""
        self._refuse_if_read_only()
        path = f"/customers/{_id(customer_id)}"
        data, _ = await self._get_json(path)
        current = Customer.from_api(data)
        if expected_modified is not None and not _same_timestamp(current.modified_marker, expected_modified):
            raise StaleObject(
                "This customer was changed by someone else since you opened the form; nothing was saved. "
                "Reload to see the latest version, then make your change again."
            )
        payload = dict(data)
        _merge(payload, _json_keys(Customer, changes))
        response = await self._send("PUT", "/customers", body=payload, send_body=True)
        return _read_change(response, Customer.from_api)

    # --- subscriptions and invoices ---------------------------------------------------------

    async def list_subscriptions(
        self,
        customer_id: int,
        *,
        query: QueryLike = None,
        page_number: int = 0,
        page_size: int = 100,
        sort_expression: str | None = None,
        sort_order: str | None = None,
    ) -> Page[Subscription]:
        """A page of a customer's subscriptions (GET /customers/{id}/subscriptions), optionally filtered and sorted."""
        params = _page_params(page_number, page_size, sort_expression, sort_order)
        path = f"/customers/{_id(customer_id)}/subscriptions"
        return await self._get_page(Subscription, path, params=params, query=query)

    async def list_invoices(
        self,
        customer_id: int,
        *,
        query: QueryLike = None,
        page_number: int = 0,
        page_size: int = 25,
        sort_expression: str | None = "postedTimestamp",
        sort_order: str | None = "Descending",
        show_zero_dollar_charges: bool | None = None,
    ) -> Page[Invoice]:
        """A page of a customer's posted invoices (GET /Customers/{id}/Invoices).

        ``show_zero_dollar_charges`` None leaves the server's default; True / False is sent as given.
        """
        params = _page_params(page_number, page_size, sort_expression, sort_order, default_order="Descending")
        if show_zero_dollar_charges is not None:
            params["showZeroDollarCharges"] = _bool(show_zero_dollar_charges)
        return await self._get_page(Invoice, f"/Customers/{_id(customer_id)}/Invoices", params=params, query=query)

    # --- notes ------------------------------------------------------------------------------

    async def list_notes(self, customer_id: int) -> list[Note]:
        """A customer's notes (GET /customers/{id}/CustomerNotes, an endpoint not in the reference).

        Raises NotesListingUnavailable when that path answers 404 although the customer exists.
        """
        path = f"/customers/{_id(customer_id)}/CustomerNotes"
        try:
            data, _ = await self._get_json(path)
        except NotFound:
            await self.get_customer(customer_id)  # raises NotFound if the customer itself is missing
            raise NotesListingUnavailable(
                "This server cannot list notes (the API reference documents no such call); "
                "notes added in this session are shown, older ones are not."
            ) from None
        if isinstance(data, dict) and isinstance(data.get("notes"), list):
            data = data["notes"]
        return Note.list_from_api(data)

    async def create_note(self, customer_id: int, text: str) -> Note:
        """Add a note to a customer (POST /customerNotes)."""
        self._refuse_if_read_only()
        if not text or not text.strip():
            raise InvalidInput("A note cannot be empty.")
        if len(text) > models.NOTE_MAX:
            raise InvalidInput(f"A note can be at most {models.NOTE_MAX} characters (this one has {len(text)}).")
        body = {"customerId": int(_id(customer_id)), "note": text}
        response = await self._send("POST", "/customerNotes", body=body, send_body=True)
        return _read_change(response, Note.from_api)

    async def delete_note(self, note_id: int) -> None:
        """Delete a customer note (DELETE /customerNotes/{id})."""
        await self._send("DELETE", f"/customerNotes/{_id(note_id)}")

    # --- settings ---------------------------------------------------------------------------

    async def get_email_preferences(self, customer_id: int) -> list[EmailPreference]:
        """A customer's email preferences (GET /customers/{id}/CustomerEmailPreferences)."""
        data, _ = await self._get_json(f"/customers/{_id(customer_id)}/CustomerEmailPreferences")
        if isinstance(data, dict):
            data = data.get("preferences")
            if data is None:
                data = []
        return EmailPreference.list_from_api(data)

    async def get_billing_settings(self, customer_id: int) -> BillingSettings:
        """A customer's billing settings (GET /customerbillingsetting/{id})."""
        return await self._get_one(BillingSettings, f"/customerbillingsetting/{_id(customer_id)}")

    # --- addresses --------------------------------------------------------------------------

    async def get_address_preferences(self, customer_id: int) -> AddressPreferences:
        """A customer's address preferences with both addresses (GET /customerAddressPreferences/{id})."""
        return await self._get_one(AddressPreferences, f"/customerAddressPreferences/{_id(customer_id)}")

    async def update_address_preferences(
        self,
        customer_id: int,
        changes: Mapping[str, Any],
        *,
        expected: AddressPreferences | Mapping[str, Any] | None = None,
    ) -> AddressPreferences:
        """Safe full-object PUT /CustomerAddressPreferences (refuses if it changed since ``expected``)."""
        self._refuse_if_read_only()
        data, _ = await self._get_json(f"/customerAddressPreferences/{_id(customer_id)}")
        AddressPreferences.from_api(data)  # shape check before writing anything back
        _check_unchanged(data, expected, "These address preferences")
        payload = dict(data)
        payload.setdefault("id", int(_id(customer_id)))
        _merge(payload, _json_keys(AddressPreferences, changes))
        response = await self._send("PUT", "/CustomerAddressPreferences", body=payload, send_body=True)
        return _read_change(response, AddressPreferences.from_api)

    async def get_address(self, address_id: int) -> Address:
        """One billing or shipping address (GET /Addresses/{id})."""
        return await self._get_one(Address, f"/Addresses/{_id(address_id)}")

    async def create_address(self, customer_id: int, address_type: str, fields: Mapping[str, Any]) -> Address:
        """Create a customer's billing or shipping address (POST /Addresses)."""
        self._refuse_if_read_only()
        if address_type not in models.ADDRESS_TYPES:
            raise InvalidInput(f"Address type must be one of {', '.join(models.ADDRESS_TYPES)}.")
        body = _json_keys(Address, fields)
        body["customerAddressPreferenceId"] = int(_id(customer_id))
        body["addressType"] = address_type
        response = await self._send("POST", "/Addresses", body=body, send_body=True)
        return _read_change(response, Address.from_api)

    async def update_address(
        self,
        address_id: int,
        changes: Mapping[str, Any],
        *,
        expected: Address | Mapping[str, Any] | None = None,
    ) -> Address:
        """Safe full-object PUT /Addresses (refuses if the address changed since ``expected``)."""
        self._refuse_if_read_only()
        data, _ = await self._get_json(f"/Addresses/{_id(address_id)}")
        Address.from_api(data)
        _check_unchanged(data, expected, "This address")
        payload = dict(data)
        wanted = _json_keys(Address, changes)
        # `country` and `state` are read-only names; written back beside a changed id they would contradict it.
        for id_key, name_key in (("countryId", "country"), ("stateId", "state")):
            if id_key in wanted and name_key not in wanted:
                payload.pop(name_key, None)
        _merge(payload, wanted)
        response = await self._send("PUT", "/Addresses", body=payload, send_body=True)
        return _read_change(response, Address.from_api)

    async def list_countries(self) -> list[Country]:
        """Countries and their states (GET /Countries), fetched once per client."""
        async with self._countries_lock:
            if self._countries is None:
                data, _ = await self._get_json("/Countries")
                self._countries = Country.list_from_api(data)
            return list(self._countries)

    # --- status actions ---------------------------------------------------------------------

    async def activate_customer(
        self,
        customer_id: int,
        *,
        activate_all_subscriptions: bool = True,
        activate_all_draft_purchases: bool = True,
        temporarily_disable_auto_post: bool = False,
        preview: bool = False,
        show_zero_dollar_charges: bool = False,
    ) -> ActionResult:
        """Activate a draft customer, or preview it (POST /customerActivation?preview=..&view=sideeffects)."""
        body = {
            "customerId": int(_id(customer_id)),
            "activateAllSubscriptions": activate_all_subscriptions,
            "activateAllDraftPurchases": activate_all_draft_purchases,
            "temporarilyDisableAutoPost": temporarily_disable_auto_post,
        }
        params = {
            "preview": _bool(preview),
            "showZeroDollarCharges": _bool(show_zero_dollar_charges),
            "view": "sideeffects",
        }
        response = await self._send("POST", "/customerActivation", params=params, body=body, send_body=True)
        return await self._action_result(response, customer_id, preview=preview)

    async def hold_customer(self, customer_id: int) -> Customer:
        """Put a customer on hold (POST /customerHold/{id})."""
        response = await self._send("POST", f"/customerHold/{_id(customer_id)}")
        return await self._customer_after(response, customer_id)

    async def unhold_customer(
        self,
        customer_id: int,
        service_start_option: str,
        *,
        preview: bool = False,
        show_zero_dollar_charges: bool = False,
        temporarily_disable_auto_post: bool = False,
    ) -> ActionResult:
        """Take a customer off hold, or preview it (POST /customers/unhold)."""
        if service_start_option not in models.SERVICE_START_OPTIONS:
            raise InvalidInput(f"Service start option must be one of {', '.join(models.SERVICE_START_OPTIONS)}.")
        body = {
            "customerId": int(_id(customer_id)),
            "serviceStartOption": service_start_option,
            "preview": preview,
            "showZeroDollarCharges": show_zero_dollar_charges,
            "temporarilyDisableAutoPost": temporarily_disable_auto_post,
        }
        response = await self._send("POST", "/customers/unhold", body=body, send_body=True)
        return await self._action_result(response, customer_id, preview=preview)

    async def cancel_customer(self, customer_id: int, cancellation_option: str) -> None:
        """Cancel a customer and its subscriptions (POST /customerCancellation; 204)."""
        if cancellation_option not in models.CANCELLATION_OPTIONS:
            raise InvalidInput(f"Cancellation option must be one of {', '.join(models.CANCELLATION_OPTIONS)}.")
        body = {"customerId": int(_id(customer_id)), "cancellationOption": cancellation_option}
        await self._send("POST", "/customerCancellation", body=body, send_body=True)

    async def uncancel_customer(self, customer_id: int) -> Customer:
        """Reverse a customer's cancellation (POST /customers/uncancel/{id})."""
        response = await self._send("POST", f"/customers/uncancel/{_id(customer_id)}")
        return await self._customer_after(response, customer_id)

    # A 2xx answer to a status action with a null or empty body is a success (Skrumble/fusebill-node's
    # CHANGELOG 1.0.3: "Handle success response with 'null' body"): the customer is read again.

    async def _customer_after(self, response: httpx.Response, customer_id: int) -> Customer:
        data = _change_json(response)
        if data is None:
            return await self._reread(customer_id)
        return _read_data(data, Customer.from_api)

    async def _action_result(self, response: httpx.Response, customer_id: int, *, preview: bool) -> ActionResult:
        result = _read_change(response, ActionResult.from_response)
        if result.answered or preview:  # a preview changed nothing: there is nothing to read again
            return result
        return ActionResult(customer=await self._reread(customer_id))

    async def _reread(self, customer_id: int) -> Customer:
        """The customer after a change the server confirmed without a body.

        The change was made, so a failure to read the customer again must not report it as failed:
        it is logged and a customer carrying only its id is returned (screens reload it anyway).
        """
        try:
            return await self.get_customer(customer_id)
        except FusebillError as error:
            log.warning("customer %s changed, but reading it again failed: %s", customer_id, error.user_message)
            return Customer(id=int(_id(customer_id)))


HIDDEN = "••••"


def _without_secret(error: FusebillError, secret: str) -> FusebillError:
    """The error with the key scrubbed from its messages: a server or gateway may echo it back."""
    if not secret:
        return error
    error.user_message = error.user_message.replace(secret, HIDDEN)
    error.args = tuple(arg.replace(secret, HIDDEN) if isinstance(arg, str) else arg for arg in error.args)
    if isinstance(error, ApiError):
        error.errors = [(key.replace(secret, HIDDEN), value.replace(secret, HIDDEN)) for key, value in error.errors]
    return error


def _change_json(response: httpx.Response) -> Any:
    """The JSON answer to a change (None for a null or empty body); unreadable: it may have been made anyway."""
    try:
        return parse_json(response)
    except MalformedResponse as error:
        raise after_change(error) from None


def _read_change(response: httpx.Response, read: Callable[[Any], T]) -> T:
    """Read the answer to a change; if it cannot be read, say the change may have been made anyway."""
    return _read_data(_change_json(response), read)


def _read_data(data: Any, read: Callable[[Any], T]) -> T:
    """``read(data)`` for the parsed answer to a change; unreadable: it may have been made anyway."""
    try:
        return read(data)
    except MalformedResponse as error:
        raise after_change(error) from None


def _same_timestamp(current: str | None, expected: str) -> bool:
    """Whether two modifiedTimestamp values name the same moment (exact text, else parsed)."""
    if current == expected:
        return True
    a, b = parse_timestamp(current), parse_timestamp(expected)
    return a is not None and a == b


def _check_unchanged(current: dict[str, Any], expected: FusebillModel | Mapping[str, Any] | None, what: str) -> None:
    """Refuse with StaleObject if ``current`` moved away from what the form started from."""
    if expected is None:
        return
    before = expected.raw if isinstance(expected, FusebillModel) else dict(expected)
    if "modifiedTimestamp" in current and "modifiedTimestamp" in before:
        unchanged = _same_timestamp(
            None if current["modifiedTimestamp"] is None else str(current["modifiedTimestamp"]),
            str(before["modifiedTimestamp"]),
        )
    else:
        unchanged = current == before
    if not unchanged:
        raise StaleObject(
            f"{what} changed on the server since you opened the form; nothing was saved. "
            "Reload to see the latest version, then make your change again."
        )


