"""What each endpoint accepts, declared once from the reference's parameter tables.

One ``Contract`` per route: its path parameters, URL parameters and body fields, each with its
type, whether it is required, its enum values and its maximum length (and, for a few integers, a
range). ``check`` runs before the route: a missing required field, an unknown enum value, a value
over its length or of the wrong type answers 400 with the documented error body. The routes keep
the checks that need data (a customer's status, a known country, an enabled currency).

What the reference allows is kept: field names are matched case-insensitively (its own examples
send ``customerid`` and ``Status``), numbers are accepted for strings and numeric strings for
integers, ``"true"`` / ``"false"`` for booleans (its Python examples send them), enum values in
any case, and fields it does not list are ignored (its examples send ``prorate``). Each departure
from a table is noted on its field and listed in docs/API_COVERAGE.md.

``Contract.example`` is a valid request (the reference's own example where it gives one);
``tests/sandbox/test_contracts.py`` reads every contract to send it and a bad variant of it per
field. ``CUSTOMER``, ``ADDRESS`` and ``NOTE`` in an example stand for ids the test fills in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fusebill_tui.sandbox.fusebill.errors import BAD_QUERY, ApiError

STRING, INTEGER, DECIMAL, BOOLEAN, ENUM, OBJECT, ARRAY, ID_OR_NAME = (
    "string", "integer", "decimal", "boolean", "enum", "object", "array", "id or name")

CUSTOMER, ADDRESS, NOTE = "<customer id>", "<address id>", "<note id>"


@dataclass(frozen=True)
class Field:
    """One documented parameter of a request."""

    name: str
    type: str
    required: bool = False
    enum: tuple[str, ...] = ()
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    #: Other spellings the reference's examples use for the same field (``id`` for ``customerId``).
    aliases: tuple[str, ...] = ()
    #: A URL flag that, when true, lifts ``required`` ("Yes, unless preview is set to true").
    unless: str | None = None
    #: The fields of an object (or of each object of a list, with ``many``).
    fields: tuple[Field, ...] = ()
    many: bool = False
    #: The documented error key and message, where the reference shows the error for this field.
    key: str | None = None
    message: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Example:
    """A valid request: path parameters, URL parameters, JSON body, and the status its customer needs."""

    path: Mapping[str, Any] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] | None = None
    status: str | None = None


@dataclass(frozen=True)
class Contract:
    """Everything one route accepts, from one section of the reference."""

    method: str
    path: str
    section: str
    key: str
    example: Example
    path_params: tuple[Field, ...] = ()
    query: tuple[Field, ...] = ()
    body: tuple[Field, ...] | None = None  # None: the route reads no body
    #: URL parameters that must come together ("both query string parameters must be provided").
    together: tuple[str, ...] = ()


# --- shared declarations --------------------------------------------------------------------

_ID = (Field("id", INTEGER, required=True),)
PAGE_SIZE_MAX = 1000

# Paging and sorting (the Pagination and Sorting sections). The sandbox's own messages for a bad
# page size / number or sort order are the documented malformed-query text.
LIST_QUERY = (
    Field("pageSize", INTEGER, minimum=1, maximum=PAGE_SIZE_MAX),
    Field("pageNumber", INTEGER, minimum=0),
    Field("sortOrder", ENUM, enum=("Ascending", "Descending"), message=BAD_QUERY, key="Api Error"),
    Field("sortExpression", STRING),
    Field("query", STRING),
)
SORT_PAIR = ("sortOrder", "sortExpression")

_CUSTOMER_REFERENCE = Field("customerReference", OBJECT, fields=(
    Field("reference1", STRING, max_length=255),
    Field("reference2", STRING, max_length=255),
    Field("reference3", STRING, max_length=255),
    Field("salesTrackingCodes", ARRAY, fields=(
        Field("type", STRING, max_length=255),
        Field("code", STRING, max_length=255),
        Field("name", STRING, max_length=255),
    )),
))
_CUSTOMER_ACQUISITION = Field("customerAcquisition", OBJECT, fields=tuple(
    Field(name, STRING, max_length=255)
    for name in ("adContent", "campaign", "keyword", "landingPage", "medium", "source")))
# The Customer Billing/Shipping Address table of Create Customer (lengths from the Address Object).
_CUSTOMER_ADDRESS = (
    Field("companyName", STRING, max_length=255), Field("line1", STRING, max_length=60),
    Field("line2", STRING, max_length=60), Field("city", STRING, max_length=50),
    Field("postalZip", STRING, max_length=10), Field("country", STRING), Field("state", STRING),
)
_BILLING_PERIOD = (
    Field("type", ENUM, enum=("CustomerActivation", "FirstSubscriptionActivation", "SpecifiedDate")),
    Field("rule", ENUM, enum=("SingleInvoice", "MultipleInvoices", "Prompt", "OneInvoicePerDay")),
    Field("day", INTEGER, minimum=1, maximum=28),
)
_TERMS = ("Net0", "Net5", "Net7", "Net10", "Net15", "Net21", "Net30", "Net45", "Net60", "Net75", "Net90", "MFI1")
# The Customer BillingSetting table. Its example sends billingSetting and trackedItemDisplay as a
# list holding one object, so a list of such objects is accepted too (``many``). Where this table
# and the Customer Billing Object disagree on a type, the wider one is kept: the amounts are String
# in one and Integer / Decimal in the other; vatIdentificationNumber is Integer in both, but the
# example sends "" (and EU VAT numbers carry letters), so it is read as a string.
_BILLING_SETTING = Field("billingSetting", OBJECT, many=True, fields=(
    Field("term", ENUM, enum=_TERMS),
    Field("autoCollect", BOOLEAN), Field("rechargeType", STRING),
    Field("rechargeThresholdAmount", STRING), Field("rechargeTargetAmount", STRING),
    Field("statusOnThreshold", BOOLEAN), Field("autoPostDraftInvoice", BOOLEAN),
    Field("customerGracePeriod", INTEGER), Field("gracePeriodExtension", INTEGER),
    Field("standingPoNumber", STRING), Field("acquisitionCost", DECIMAL), Field("showZeroDollarCharges", BOOLEAN),
    Field("taxExempt", BOOLEAN), Field("taxExemptCode", STRING), Field("useCustomerBillingAddress", BOOLEAN),
    Field("avalaraUsageType", STRING), Field("vatIdentificationNumber", STRING),
    Field("customerServiceStartOption", STRING), Field("rollUpTaxes", BOOLEAN), Field("rollUpDiscounts", BOOLEAN),
    Field("customerAutoCancel", INTEGER), Field("defaultCancelOption", STRING),
    Field("postReadyChargesOnRenew", BOOLEAN),
))
_TRACKED_ITEM_DISPLAY = Field("trackedItemDisplay", OBJECT, many=True, fields=(
    Field("trackedItemDisplayFormat", ENUM, enum=("SeparatePage", "Inline")),
    Field("showTrackedItemName", BOOLEAN), Field("showTrackedItemReference", BOOLEAN),
    Field("showTrackedItemDescription", BOOLEAN), Field("showTrackedItemCreatedDate", BOOLEAN),
))

# The contact fields shared by Create and Update Customer.
_CUSTOMER_CONTACT = (
    Field("firstName", STRING, max_length=50), Field("middleName", STRING, max_length=50),
    Field("lastName", STRING, max_length=50), Field("companyName", STRING, max_length=50),
    Field("suffix", STRING, max_length=50), Field("primaryEmail", STRING, max_length=255),
    Field("primaryPhone", STRING, max_length=50), Field("secondaryEmail", STRING, max_length=255),
    Field("secondaryPhone", STRING, max_length=50),
    Field("title", ENUM, enum=("Mr", "Mrs", "Ms", "Miss", "Dr")),
    Field("reference", STRING, max_length=255), Field("currency", STRING),
    _CUSTOMER_REFERENCE, _CUSTOMER_ACQUISITION,
    Field("salesforceId", STRING), Field("salesforceAccountType", ENUM, enum=("Company", "Person")),
    # Typed in the Customer Object's table only, without a type; the List Customers table gives
    # QuickBooksLatchTypeId's values and the integer types of QuickBooksId / HubSpotId.
    Field("parentId", INTEGER), Field("quickBooksId", INTEGER), Field("hubSpotId", INTEGER),
    Field("quickBooksLatchType", ENUM, enum=("CreateNew", "LatchExisting", "DoNothing")),
)

_ADDRESS_FIELDS = (
    Field("companyName", STRING, max_length=255), Field("line1", STRING, max_length=60),
    Field("line2", STRING, max_length=60),
    # Integer in the table, but the section says ids, ISO codes and names are all accepted.
    Field("countryId", ID_OR_NAME), Field("stateId", ID_OR_NAME),
    Field("city", STRING, max_length=50),  # the Address Object's limit (the create table gives none)
    Field("postalZip", STRING, max_length=10),
)

_SERVICE_START = ("ChargeForAllMissedPeriods", "ChargeForLastMissedPeriods", "NoChargesForMissedPeriods",
                  "ChargeForCurrentFullPeriod")
_CANCEL_OPTIONS = ("None", "Unearned", "Full")


# --- every route, by section of the reference -----------------------------------------------

CONTRACTS: tuple[Contract, ...] = (
    Contract("GET", "/customers", "List Customers", "Api Error",
             Example(query={"query": "firstName:John", "pageSize": "100", "pageNumber": "0",
                            "sortOrder": "Descending", "sortExpression": "createdTimestamp"}),
             query=LIST_QUERY, together=SORT_PAIR),
    Contract("GET", "/customers/{id}", "Read Customer", "Api Error",
             Example(path={"id": CUSTOMER}), path_params=_ID),
    Contract("GET", "/customers/{id}/overview", "Read Customer Overview", "Api Error",
             Example(path={"id": CUSTOMER}), path_params=_ID),
    Contract("POST", "/customers", "Create Customer", "customer",
             Example(body={"firstName": "John", "lastName": "Smith", "companyName": "Fusebill",
                           "primaryEmail": "test@example.com"}),
             body=(Field("username", STRING), *_CUSTOMER_CONTACT, _BILLING_SETTING, _TRACKED_ITEM_DISPLAY,
                   Field("shipping", OBJECT, fields=_CUSTOMER_ADDRESS),
                   Field("billing", OBJECT, fields=_CUSTOMER_ADDRESS),
                   Field("addressPreference", OBJECT, fields=(
                       Field("contactName", STRING, max_length=100),
                       Field("shippingInstructions", STRING, max_length=1000),
                       Field("useBillingAddressAsShippingAddress", BOOLEAN))),
                   Field("monthlyBillingPeriodConfiguration", OBJECT, fields=_BILLING_PERIOD),
                   Field("yearlyBillingPeriodConfiguration", OBJECT, fields=_BILLING_PERIOD),
                   Field("salesforceSynchStatus", ENUM, enum=("Enabled", "Disabled")),
                   Field("netsuiteId", STRING))),
    # "In all cases, include id and status even if you are not planning to change the status value."
    Contract("PUT", "/customers", "Update Customer", "customer",
             Example(body={"id": CUSTOMER, "title": "Mr", "firstName": "John", "lastName": "Smith",
                           "companyName": "Acme Inc.", "Status": "Active"}, status="Active"),
             body=(Field("id", INTEGER, required=True),
                   Field("status", ENUM, required=True, enum=("Draft", "Active", "Hold", "Suspended", "Cancelled")),
                   *_CUSTOMER_CONTACT)),
    Contract("POST", "/customeractivation", "Activate Customer", "customerActivation",
             Example(query={"preview": "false"},
                     body={"customerId": CUSTOMER, "activateAllSubscriptions": True,
                           "activateAllDraftPurchases": True, "temporarilyDisableAutoPost": False},
                     status="Draft"),
             query=(Field("preview", BOOLEAN), Field("showZeroDollarCharges", BOOLEAN),
                    Field("view", ENUM, enum=("SideEffects",), message="Acceptable value for view is: SideEffects",
                          key="Api Error")),
             body=(Field("customerId", INTEGER, required=True),  # "Decimal" in the table; an id
                   Field("activateAllSubscriptions", BOOLEAN, required=True, unless="preview"),
                   Field("activateAllDraftPurchases", BOOLEAN, required=True, unless="preview"),
                   Field("temporarilyDisableAutoPost", BOOLEAN, required=True, unless="preview"))),
    Contract("POST", "/customerhold/{id}", "Hold Customer", "Api Error",
             Example(path={"id": CUSTOMER}, status="Active"), path_params=_ID),
    Contract("POST", "/customers/unhold", "Un-Hold Customer", "customerHold",
             Example(body={"customerId": CUSTOMER, "serviceStartOption": "ChargeForLastMissedPeriods",
                           "preview": False, "showZeroDollarCharges": False, "temporarilyDisableAutoPost": False},
                     status="Hold"),
             body=(Field("customerId", INTEGER, required=True, aliases=("id",)),  # the curl example sends id
                   Field("serviceStartOption", ENUM, required=True, enum=_SERVICE_START,
                         key="customerHold.CustomerServiceStartOption",
                         message="Allowable Service Start Option are: null, " + ", ".join(_SERVICE_START)),
                   Field("preview", BOOLEAN), Field("showZeroDollarCharges", BOOLEAN),
                   Field("temporarilyDisableAutoPost", BOOLEAN))),
    Contract("POST", "/customercancellation", "Cancel Customer", "customerCancellation",
             Example(body={"customerId": CUSTOMER, "cancellationOption": "None"}, status="Active"),
             body=(Field("customerId", INTEGER, required=True),
                   Field("cancellationOption", ENUM, required=True, enum=_CANCEL_OPTIONS, key="Api Error",
                         message="Allowable Cancel Options are: None, Unearned, Full"))),
    Contract("POST", "/customers/uncancel/{id}", "Uncancel Customer", "Api Error",
             Example(path={"id": CUSTOMER}, status="Cancelled"), path_params=_ID),
    # The table and curl example spell it customerid. The reference documents no limit on a note;
    # 2000 characters is the sandbox's own cap (docs/API_COVERAGE.md).
    Contract("POST", "/customernotes", "Create Customer Note", "customerNote",
             Example(body={"note": "Sample", "customerid": CUSTOMER}),
             body=(Field("customerId", INTEGER, required=True), Field("note", STRING, required=True, max_length=2000))),
    Contract("DELETE", "/customernotes/{id}", "Delete Customer Note", "Api Error",
             Example(path={"id": NOTE}), path_params=_ID),
    Contract("DELETE", "/customernotes/delete/{id}", "Delete Customer Note (the examples' path)", "Api Error",
             Example(path={"id": NOTE}), path_params=_ID),
    Contract("GET", "/customers/{id}/customernotes", "(not in the reference: listing notes)", "Api Error",
             Example(path={"id": CUSTOMER}), path_params=_ID),
    Contract("GET", "/customers/{id}/customeremailpreferences", "Read Customer Email Preferences", "Api Error",
             Example(path={"id": CUSTOMER}), path_params=_ID),
    Contract("GET", "/customerbillingsetting/{id}", "Read Customer Billing Settings", "Api Error",
             Example(path={"id": CUSTOMER}), path_params=_ID),
    Contract("GET", "/customeraddresspreferences/{id}", "Read Address Preferences", "Api Error",
             Example(path={"id": CUSTOMER}), path_params=_ID),
    # The update table says 50 for both texts, the object table 100 / 1000; the sandbox keeps the
    # object's (docs/API_COVERAGE.md). The curl example sends customerId for id, and every example
    # useBillingAddressAsShippingAddress for the table's useBillingAsShipping.
    Contract("PUT", "/customeraddresspreferences", "Update Address Preferences", "customerAddressPreference",
             Example(body={"customerId": CUSTOMER, "contactname": "John", "shippingInstructions": "Signature required.",
                           "useBillingAddressAsShippingAddress": True, "billingAddress": None,
                           "shippingAddres": None}),
             body=(Field("id", INTEGER, required=True, aliases=("customerId",)),
                   Field("contactName", STRING, max_length=100), Field("shippingInstructions", STRING, max_length=1000),
                   Field("useBillingAddressAsShippingAddress", BOOLEAN, aliases=("useBillingAsShipping",)))),
    Contract("GET", "/addresses/{id}", "Read Ship/Bill Address", "Api Error",
             Example(path={"id": ADDRESS}), path_params=_ID),
    Contract("POST", "/addresses", "Create Ship/Bill Address", "address",
             Example(body={"customerAddressPreferenceId": CUSTOMER, "addressType": "Shipping",
                           "companyName": "Fusebill", "line1": "232 Herzberg Road", "line2": "Suite 203",
                           "countryId": 124, "stateId": 9, "city": "Kanata", "postalZip": "K2K 2A1"}),
             body=(Field("customerAddressPreferenceId", INTEGER, required=True), *_ADDRESS_FIELDS,
                   Field("addressType", ENUM, required=True, enum=("Billing", "Shipping")))),
    # The id names the address; without it there is nothing to replace.
    Contract("PUT", "/addresses", "Update Ship/Bill Address", "address",
             Example(body={"id": ADDRESS, "companyName": "Fusebill", "line1": "232 Herzberg Road", "line2": None,
                           "countryId": 124, "stateId": 9, "city": "Kanata", "postalZip": "K2K 2A1"}),
             body=(Field("id", INTEGER, required=True), *_ADDRESS_FIELDS)),
    Contract("GET", "/countries", "Read Country ID", "Api Error", Example()),
    Contract("GET", "/customers/{id}/subscriptions", "List Subscriptions By Customer", "Api Error",
             Example(path={"id": CUSTOMER}, query={"query": "status:Active", "pageSize": "100", "pageNumber": "0"}),
             path_params=_ID, query=LIST_QUERY, together=SORT_PAIR),
    # The examples send showTrackedItems, which the table does not list; it is read as a boolean too.
    Contract("GET", "/customers/{id}/invoices", "Customer Invoices", "Api Error",
             Example(path={"id": CUSTOMER}, query={"showTrackedItems": "false", "pageSize": "100", "pageNumber": "0"}),
             path_params=_ID, query=(*LIST_QUERY, Field("showZeroDollarCharges", BOOLEAN),
                                     Field("showTrackedItems", BOOLEAN)),
             together=SORT_PAIR),
)

BY_ROUTE: dict[tuple[str, str], Contract] = {(c.method, c.path): c for c in CONTRACTS}


# --- checking a request -----------------------------------------------------------------------


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def _key(contract_key: str, trail: tuple[str, ...], f: Field) -> str:
    if f.key:
        return f.key
    if contract_key == "Api Error":
        return contract_key
    return ".".join((contract_key, *(_cap(n) for n in (*trail, f.name))))


def _lookup(values: Mapping[str, Any], f: Field) -> tuple[bool, Any]:
    """(present, value) of a field, its name and aliases matched case-insensitively."""
    wanted = [n.lower() for n in f.names]
    for name in wanted:
        for key, value in values.items():
            if str(key).lower() == name:
                return True, value
    return False, None


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, Decimal):
        return value.is_finite() and value == value.to_integral_value()
    if isinstance(value, str):
        text = value.strip()
        return text.lstrip("-").isdigit()
    return False


def _is_decimal(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, Decimal)):
        return True
    if isinstance(value, str):
        try:
            return Decimal(value.strip()).is_finite()
        except ArithmeticError:
            return False
    return False


def _type_problem(f: Field, value: Any) -> str | None:
    """Why ``value`` (not null) is not of the field's type, or None."""
    label = _cap(f.name)
    if f.type == STRING:
        ok = not isinstance(value, (dict, list, bool))
        return None if ok else f"The field {label} must be a string."
    if f.type == INTEGER:
        return None if _is_int(value) else f"The field {label} must be an integer."
    if f.type == DECIMAL:
        return None if _is_decimal(value) else f"The field {label} must be a number."
    if f.type == BOOLEAN:
        ok = isinstance(value, bool) or (isinstance(value, str) and value.strip().lower() in ("true", "false"))
        return None if ok else f"The field {label} must be true or false."
    if f.type == ENUM:
        return None if isinstance(value, str) else f"The field {label} must be one of: {', '.join(f.enum)}."
    if f.type == OBJECT:
        ok = isinstance(value, dict) or (f.many and isinstance(value, list)
                                         and all(isinstance(v, dict) for v in value))
        return None if ok else f"The field {label} must be an object."
    if f.type == ARRAY:
        ok = isinstance(value, list) and (not f.fields or all(isinstance(v, dict) for v in value))
        return None if ok else f"The field {label} must be a list."
    if f.type == ID_OR_NAME:
        ok = isinstance(value, (str, int, Decimal)) and not isinstance(value, bool)
        return None if ok else f"The field {label} must be an id, a code or a name."
    raise ValueError(f"unknown field type {f.type}")


def _check_field(contract: Contract, f: Field, values: Mapping[str, Any], flags: Mapping[str, bool],
                 trail: tuple[str, ...] = ()) -> None:
    present, value = _lookup(values, f)
    missing = not present or value is None or (f.type == ENUM and value == "")
    key = _key(contract.key, trail, f)
    if missing:
        if f.required and not (f.unless and flags.get(f.unless.lower())):
            raise ApiError(400, f"The {_cap(f.name)} field is required.", key=key)
        return
    problem = _type_problem(f, value)
    if problem:
        raise ApiError(400, f.message or problem if f.type == ENUM else problem, key=key)
    if f.enum and str(value).lower() not in (e.lower() for e in f.enum):
        raise ApiError(400, f.message or f"Allowable {f.name} values are: {', '.join(f.enum)}", key=key)
    if f.max_length is not None and len(str(value)) > f.max_length:
        raise ApiError(400, f"The field {_cap(f.name)} must be a string with a maximum length of {f.max_length}.",
                       key=key)
    if f.type == INTEGER and (f.minimum is not None or f.maximum is not None):
        number = int(str(value).strip()) if isinstance(value, str) else int(value)
        low = f.minimum if f.minimum is not None else number
        high = f.maximum if f.maximum is not None else number
        if not low <= number <= high:
            bounds = f"between {f.minimum} and {f.maximum}" if f.maximum is not None else f"at least {f.minimum}"
            raise ApiError(400, f"{f.name} must be {bounds}.", key=key)
    if f.fields:
        for item in value if isinstance(value, list) else [value]:
            for sub in f.fields:
                _check_field(contract, sub, item, flags, (*trail, f.name))


def flag_values(query: Mapping[str, str]) -> dict[str, bool]:
    """The URL's boolean flags (lower-case names) that are true."""
    return {name: str(value).strip().lower() in ("true", "1") for name, value in query.items()}


def check(contract: Contract, path: Mapping[str, Any], query: Mapping[str, str], body: Any) -> None:
    """Refuse (ApiError 400) a request that breaks the contract; ``query`` names in lower case, decoded."""
    for f in contract.path_params:
        raw = path.get(f.name)
        if not _is_int(raw):
            raise ApiError(400, f"The id '{raw}' is not valid.")
    for f in contract.query:
        _check_query(contract, f, query)
    given = [name for name in contract.together if query.get(name.lower(), "") != ""]
    if given and len(given) != len(contract.together):
        raise ApiError(400, f"When using a custom sort scheme, both {' and '.join(contract.together)} must be "
                            "provided.")
    if contract.body is None:
        return
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    flags = flag_values(query)
    for f in contract.body:
        _check_field(contract, f, body, flags)


def _check_query(contract: Contract, f: Field, query: Mapping[str, str]) -> None:
    raw = query.get(f.name.lower())
    if raw is None or raw == "":
        return
    value: Any = raw
    if f.type == INTEGER and not _is_int(raw):
        raise ApiError(400, BAD_QUERY)
    if f.type == BOOLEAN and raw.strip().lower() in ("1", "0"):
        value = raw.strip() == "1"
    if f.type == BOOLEAN and not isinstance(value, bool) and raw.strip().lower() not in ("true", "false"):
        raise ApiError(400, f"The value '{raw}' is not valid for {f.name}.")
    _check_field(contract, f, {f.name: value}, {})
