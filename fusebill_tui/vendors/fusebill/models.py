"""Typed, lenient models of the documented Fusebill objects; each keeps the JSON it came from in ``.raw``."""

from datetime import datetime
from typing import Annotated, Any, Optional, TypeVar

from pydantic import (
    AliasChoices,
    BeforeValidator,
    ConfigDict,
    Field,
)
from pydantic.alias_generators import to_camel

from fusebill_tui.core.errors import MalformedResponse
from fusebill_tui.core.loose import (
    Bool,
    Int,
    IntOrText,
    LenientModel,
    Money,
    Number,
    Str,
    Timestamp,
    to_dict_or_none,
    to_list_of_dicts,
)
from fusebill_tui.core.ratelimit import RateLimitStatus
from fusebill_tui.vendors import views

# --- documented limits (forms validate against these before sending) ---------------------
NAME_MAX = 50  # firstName, middleName, lastName, suffix, companyName (customer)
EMAIL_MAX = 255  # primaryEmail, secondaryEmail
PHONE_MAX = 50  # primaryPhone, secondaryPhone
REFERENCE_MAX = 255  # customer reference, customerReference.reference1..3
# Address, address preference and note limits are defined with the forms that enforce them (views.py).
ADDRESS_LINE_MAX = views.ADDRESS_LINE_MAX  # line1, line2
CITY_MAX = views.CITY_MAX
POSTAL_ZIP_MAX = views.POSTAL_ZIP_MAX
ADDRESS_COMPANY_MAX = views.ADDRESS_COMPANY_MAX  # companyName on an address
CONTACT_NAME_MAX = views.CONTACT_NAME_MAX
SHIPPING_INSTRUCTIONS_MAX = views.SHIPPING_INSTRUCTIONS_MAX
NOTE_MAX = views.NOTE_MAX  # the reference gives no limit for a note's text: this is the app's own cap

# --- documented enum values (unknown values from the server are kept, never an error) -----
CUSTOMER_STATUSES = ("Draft", "Active", "Hold", "Suspended", "Cancelled")
ACCOUNT_STATUSES = ("Good", "PoorStanding", "Collection")
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr")
# "Suspended" is not in the reference's status lists, but Hold Customer puts subscriptions in it.
SUBSCRIPTION_STATUSES = ("Active", "Draft", "Cancelled", "Provisioning", "Expired", "Migrated", "Suspended")
SERVICE_START_OPTIONS = views.SERVICE_START_OPTIONS
CANCELLATION_OPTIONS = views.CANCELLATION_OPTIONS
ADDRESS_TYPES = ("Billing", "Shipping")
SORT_ORDERS = ("Ascending", "Descending")

class FusebillModel(LenientModel):
    """Base for every Fusebill object: camelCase aliases, unknown fields kept, source dict in ``.raw``."""

    model_config = ConfigDict(alias_generator=to_camel)


_Item = TypeVar("_Item")
#: A nested object (None when absent or not an object).
Nested = Annotated[_Item | None, BeforeValidator(to_dict_or_none)]
#: A nested list of objects (non-objects dropped, [] when absent).
NestedList = Annotated[list[_Item], BeforeValidator(to_list_of_dicts), Field(default_factory=list)]
#: An object the reference does not define field by field (kept as a plain dict).
RawObject = Annotated[dict[str, Any] | None, BeforeValidator(to_dict_or_none)]
#: A list of objects the reference does not define field by field (kept as plain dicts).
RawList = Annotated[list[dict[str, Any]], BeforeValidator(to_list_of_dicts), Field(default_factory=list)]


# --- customers -----------------------------------------------------------------------------


class SalesTrackingCode(FusebillModel):
    """A sales tracking code attached to a customer reference."""

    type: Str = None
    code: Str = None
    name: Str = None
    id: Int = None
    uri: Str = None


class CustomerReference(FusebillModel):
    """Free reference fields and sales tracking codes of a customer."""

    reference1: Str = None
    reference2: Str = None
    reference3: Str = None
    sales_tracking_codes: NestedList[SalesTrackingCode]
    id: Int = None
    uri: Str = None


class CustomerAcquisition(FusebillModel):
    """How a customer was acquired (marketing channel details)."""

    ad_content: Str = None
    campaign: Str = None
    keyword: Str = None
    landing_page: Str = None
    medium: Str = None
    source: Str = None
    id: Int = None
    uri: Str = None


class Customer(FusebillModel):
    """A customer record (Customer Object in the reference)."""

    id: Int = None
    uri: Str = None
    title: Str = None
    first_name: Str = None
    middle_name: Str = None
    last_name: Str = None
    suffix: Str = None
    company_name: Str = None
    primary_email: Str = None
    primary_phone: Str = None
    secondary_email: Str = None
    secondary_phone: Str = None
    reference: Str = None
    status: Str = None
    customer_account_status: Str = None
    currency: Str = None
    customer_reference: Nested[CustomerReference] = None
    customer_acquisition: Nested[CustomerAcquisition] = None
    monthly_recurring_revenue: Money = None
    net_monthly_recurring_revenue: Money = None
    salesforce_id: Str = None
    salesforce_account_type: Str = None
    salesforce_synch_status: Str = None
    netsuite_id: Str = None
    netsuite_synch_status: Str = None
    netsuite_customer_type: Str = None
    portal_user_name: Str = None
    parent_id: Int = None
    quick_books_latch_type: Str = None
    quick_books_id: Str = None
    quick_books_sync_token: Str = None
    hub_spot_id: Str = None
    hub_spot_company_id: Str = None
    geotab_id: Str = None
    created_timestamp: Timestamp = None
    modified_timestamp: Timestamp = None
    # A preview (customerActivation?preview=true, customers/unhold with preview) answers the customer
    # carrying the invoice it would bill, and any further ones (Fusebill.ApiWrapper's Dto.Get.Customer).
    invoice_preview: Annotated[Optional["InvoicePreview"], BeforeValidator(to_dict_or_none)] = None
    additional_invoices_for_preview: Annotated[
        list["InvoicePreview"], BeforeValidator(to_list_of_dicts), Field(default_factory=list)
    ]

    @property
    def display_name(self) -> str:
        """'First Last', else the company name, else '#id'."""
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        return name or self.company_name or f"#{self.id}"

    @property
    def modified_marker(self) -> str | None:
        """The server's own modifiedTimestamp text, compared verbatim by a safe PUT."""
        value = self.raw.get("modifiedTimestamp")
        return None if value is None else str(value)


class CustomerOverview(FusebillModel):
    """A customer's balances and status summary (Read Customer Overview)."""

    id: Int = None
    uri: Str = None
    title: Str = None
    first_name: Str = None
    middle_name: Str = None
    last_name: Str = None
    suffix: Str = None
    company_name: Str = None
    primary_email: Str = None
    primary_phone: Str = None
    reference: Str = None
    created_timestamp: Timestamp = None
    status: Str = None
    status_timestamp: Timestamp = None
    customer_account_status: Str = None
    customer_account_status_timestamp: Timestamp = None
    currency: Str = None
    pending_charges: Money = None
    ar_balance: Money = None
    unallocated_payments: Money = None
    unallocated_credits: Money = None
    unallocated_opening_balance: Money = None
    lifetime_value: Money = None
    monthly_recurring_revenue: Money = None
    net_monthly_recurring_revenue: Money = None
    days_until_suspension: Int = None
    days_until_cancellation: Int = None
    next_billing_date: Timestamp = None
    salesforce_synch_status: Str = None
    salesforce_id: Str = None
    quickbooks_id: Str = Field(default=None, alias="quickbooksId")
    netsuite_id: Str = None
    hub_spot_id: Str = None
    hub_spot_company_id: Str = None
    geotab_id: Str = None
    parent_id: Int = None
    parent_name: Str = None
    is_parent: Bool = None
    unknown_payment_activity_id: Int = None


# --- subscriptions -------------------------------------------------------------------------


class Discount(FusebillModel):
    """A discount applied to a charge or subscription (amount is a percentage for Percentage discounts)."""

    discount_type: Str = None
    amount: Money = None
    description: Str = None
    remaining_usages_until_start: Int = None
    remaining_usage: Int = None
    id: Int = None


class PlanPrice(FusebillModel):
    """A plan frequency's recurring charge or setup fee in one currency."""

    amount: Money = None
    condition_amount: Money = None
    variable_amount: Money = None
    currency: Str = None
    id: Int = None
    url: Str = None
    uri: Str = None


class PlanFrequency(FusebillModel):
    """The plan frequency a subscription was configured from (interval and its count)."""

    plan_revision_id: Int = None
    number_of_intervals: Int = None
    interval: Str = None
    number_of_subscriptions: Int = None
    status: Str = None
    setup_fees: NestedList[PlanPrice]
    charges: NestedList[PlanPrice]
    is_prorated: Bool = None
    proration_granularity: Str = None
    plan_frequency_unique_id: Int = None
    remaining_interval: Int = None
    invoice_in_advance: Int = None
    salesforce_id: Str = None
    id: Int = None
    uri: Str = None


class SubscriptionOverride(FusebillModel):
    """A subscription-level override of the plan's name, description, charge or setup fee."""

    name: Str = None
    description: Str = None
    charge: Money = None
    charge_price_ranges: RawList
    charge_pricing_model_type: Str = None
    setup_fee: Money = None
    setup_fee_price_ranges: RawList
    setup_fee_pricing_model_type: Str = None
    id: Int = None
    uri: Str = None


class PlanProduct(FusebillModel):
    """The catalog product behind a subscription product."""

    product_id: Int = None
    product_code: Str = None
    product_name: Str = None
    product_description: Str = None
    product_type: Str = None
    status: Str = None
    quantity: Number = None
    is_recurring: Bool = None
    is_optional: Bool = None
    id: Int = None
    uri: Str = None


class SubscriptionProduct(FusebillModel):
    """One product line of a subscription."""

    subscription_id: Int = None
    plan_product: Nested[PlanProduct] = None
    quantity: Number = None
    is_included: Bool = None
    status: Str = None
    amount: Money = None
    monthly_recurring_revenue: Money = None
    net_monthly_recurring_revenue: Money = None
    id: Int = None
    uri: Str = None

    @property
    def name(self) -> str | None:
        """The product's display name."""
        return self.plan_product.product_name if self.plan_product else None


class Subscription(FusebillModel):
    """A customer's subscription to a plan (Subscription Object)."""

    id: Int = None
    uri: Str = None
    customer_id: Int = None
    plan_frequency: Nested[PlanFrequency] = None
    plan_code: Str = None
    plan_name: Str = None
    plan_description: Str = None
    plan_reference: Str = None
    status: Str = None
    reference: Str = None
    subscription_override: Nested[SubscriptionOverride] = None
    has_posted_invoice: Bool = None
    created_timestamp: Timestamp = None
    activated_timestamp: Timestamp = None
    provisioned_timestamp: Timestamp = None
    scheduled_activation_timestamp: Timestamp = None
    next_period_start_date: Timestamp = None
    last_period_start_date: Timestamp = None
    open_subscription_period_end_date: Timestamp = None
    next_recharge_date: Timestamp = None
    contract_start_timestamp: Timestamp = None
    contract_end_timestamp: Timestamp = None
    expired_timestamp: Timestamp = None
    modified_timestamp: Timestamp = None
    subscription_products: NestedList[SubscriptionProduct]
    remaining_interval: Int = None
    remaining_interval_push_out: Int = None
    charge_discount: Nested[Discount] = None
    setup_fee_discount: Nested[Discount] = None
    charge_discounts: NestedList[Discount]
    setup_fee_discounts: NestedList[Discount]
    custom_fields: RawList
    plan_auto_apply_changes: Bool = None
    auto_apply_catalog_changes: Bool = None
    coupons: RawList
    invoice_day: Int = None
    invoice_month: Int = None
    can_migrate: Bool = None
    migration_date: Timestamp = None
    scheduled_migration_date: Timestamp = None
    subscription_has_recurring_end_of_period_charge: Bool = None
    invoice_in_advance: Int = None
    billing_period_definition_id: Int = None
    salesforce_id: Str = None
    amount: Money = None
    monthly_recurring_revenue: Money = None
    net_monthly_recurring_revenue: Money = None

    @property
    def interval(self) -> str | None:
        """'Monthly' / 'Yearly' from the plan frequency."""
        return self.plan_frequency.interval if self.plan_frequency else None

    @property
    def number_of_intervals(self) -> int | None:
        """How many intervals make one billing period (e.g. 3 for quarterly on Monthly)."""
        return self.plan_frequency.number_of_intervals if self.plan_frequency else None

    @property
    def frequency_label(self) -> str | None:
        """'Monthly', 'every 3 Monthly', ... for display."""
        if self.interval is None:
            return None
        count = self.number_of_intervals
        return self.interval if count in (None, 1) else f"every {count} × {self.interval}"


# --- invoices ------------------------------------------------------------------------------


class ChargeTier(FusebillModel):
    """One price tier of a tiered charge (label such as '0-2' or '>2-4')."""

    label: Str = None
    quantity: Number = None
    unit_price: Money = None
    amount: Money = None


class ObjectRef(FusebillModel):
    """A link to another object: its id and uri."""

    id: Int = None
    uri: Str = None


class Charge(FusebillModel):
    """One charge line of an invoice."""

    id: Int = None
    uri: Str = None
    name: Str = None
    description: Str = None
    quantity: Number = None
    unit_price: Money = None
    prorated_unit_price: Money = None
    amount: Money = None
    gl_code: Str = None
    effective_timestamp: Timestamp = None
    start_service_date: Timestamp = None
    end_service_date: Timestamp = None
    range_quantity: Number = None
    is_reversable: Bool = None
    discount: Nested[Discount] = None
    discounts: NestedList[Discount]
    subscription_product: Nested[ObjectRef] = None
    purchase: Nested[ObjectRef] = None
    charge_tiers: NestedList[ChargeTier]


class PaymentSchedule(FusebillModel):
    """When (and how much of) an invoice is due."""

    due_date_timestamp: Timestamp = None
    status: Str = None
    amount: Money = None
    outstanding_balance: Money = None
    days_due_after_term: Int = None


class Tax(FusebillModel):
    """A tax line of an invoice."""

    name: Str = None
    description: Str = None
    percentage: Number = None
    amount: Money = None
    id: Int = None


class Invoice(FusebillModel):
    """A posted invoice with its charges, taxes and payment schedule."""

    id: Int = None
    uri: Str = None
    # Documented as Integer; anything else the server sends (e.g. "INV-12") is kept as text to show.
    invoice_number: IntOrText = None
    invoice_signature: Str = None
    po_number: Str = None
    customer_id: Int = None
    invoice_customer: Nested[Customer] = None
    # Defined below with the addresses; resolved by the model_rebuild() at the end of this module.
    invoice_customer_address_preference: Annotated[
        Optional["AddressPreferences"], BeforeValidator(to_dict_or_none)
    ] = None
    currency: Str = None
    created_timestamp: Timestamp = None
    effective_timestamp: Timestamp = None
    posted_timestamp: Timestamp = None
    modified_timestamp: Timestamp = None
    charges: NestedList[Charge]
    subtotal: Money = None
    invoice_amount: Money = None
    total_payments: Money = None
    outstanding_balance: Money = None
    sum_of_credit_notes: Money = None
    total_writeoffs: Money = None
    total_discount: Money = None
    taxes: NestedList[Tax]
    discounts: NestedList[Discount]
    payment_schedules: NestedList[PaymentSchedule]
    terms: Str = None
    notes: Str = None
    customer_reference_value: Str = None
    opening_ar_balance: Money = None
    closing_ar_balance: Money = None
    invoice_in_memory_only: Bool = None
    invoice_revisions: RawList
    netsuite_id: Str = None
    salesforce_id: Str = None
    quick_books_id: Str = None

    @property
    def due_date(self) -> datetime | None:
        """The earliest due date among the payment schedules."""
        dates = [s.due_date_timestamp for s in self.payment_schedules if s.due_date_timestamp]
        return min(dates) if dates else None

    @property
    def due_status(self) -> str | None:
        """The status of the first payment schedule (e.g. 'Due', 'Paid', 'Overdue')."""
        return self.payment_schedules[0].status if self.payment_schedules else None

    @property
    def days_overdue(self) -> int | None:
        """Fusebill sends no overdue figure of its own: aging counts from the due date."""
        return None


class DraftCharge(FusebillModel):
    """One charge of a preview invoice (Fusebill.ApiWrapper's Dto.Get.DraftCharge).

    The wrapper declares no tiers on a draft charge; a tiered one is read with the posted charge's
    ``chargeTiers`` (or ``draftChargeTiers``) when the server sends them.
    """

    id: Int = None
    uri: Str = None
    transaction_id: Int = None
    charge_type_id: Str = None
    name: Str = None
    description: Str = None
    quantity: Number = None
    unit_price: Money = None
    prorated_unit_price: Money = None
    amount: Money = None
    taxable_amount: Money = None
    subscription_period_id: Int = None
    draft_invoice_id: Int = None
    effective_timestamp: Timestamp = None
    start_service_date: Timestamp = None
    end_service_date: Timestamp = None
    range_quantity: Number = None
    status: Str = None
    draft_discount: RawObject = None
    draft_discounts: RawList
    charge_tiers: Annotated[
        list[ChargeTier], BeforeValidator(to_list_of_dicts), Field(default_factory=list,
                                                                   validation_alias=AliasChoices("chargeTiers",
                                                                                                 "draftChargeTiers"))
    ]


class InvoicePreview(FusebillModel):
    """An invoice a status action would bill (Fusebill.ApiWrapper's Dto.Get.InvoicePreview)."""

    draft_charges: NestedList[DraftCharge]
    subtotal: Money = None
    total: Money = None
    draft_taxes: NestedList[Tax]
    tax: Nested[Tax] = None
    total_taxes: Money = None
    po_number: Str = None
    effective_timestamp: Timestamp = None
    status: Str = None
    draft_charge_groups: RawList
    notes: Str = None
    shipping_instructions: Str = None


# --- notes, preferences, settings ----------------------------------------------------------


class Note(FusebillModel):
    """A customer note."""

    id: Int = None
    uri: Str = None
    customer_id: Int = None
    note: Str = None
    user_who_created_note: Str = None
    created_timestamp: Timestamp = None


class EmailPreference(FusebillModel):
    """Whether one kind of email is sent to the customer (``enabled`` None = account default)."""

    email_type: Str = None
    email_category: Str = None
    enabled: Bool = None
    account_default: Bool = None

    @property
    def effective(self) -> bool | None:
        """What actually applies: the customer's own choice, else the account default."""
        return self.enabled if self.enabled is not None else self.account_default


class BillingPeriodConfiguration(FusebillModel):
    """When subscriptions of one interval recharge and how they are invoiced (a customer-level override)."""

    type: Str = None
    rule: Str = None
    interval: Str = None
    day: Int = None
    month: Int = None


class TrackedItemDisplay(FusebillModel):
    """How tracked items appear on invoices or statements."""

    tracked_item_display_format: Str = None
    show_tracked_item_name: Bool = None
    show_tracked_item_reference: Bool = None
    show_tracked_item_description: Bool = None
    show_tracked_item_created_date: Bool = None


class BillingStatementSetting(FusebillModel):
    """How and when billing statements are generated for a customer."""

    option: Str = None
    type: Str = None
    interval: Str = None
    day: Int = None
    month: Int = None
    tracked_item_display: Nested[TrackedItemDisplay] = None
    statement_activity_type: Str = None


class BillingSettings(FusebillModel):
    """Payment terms, grace periods and collection settings of a customer."""

    id: Int = None
    uri: Str = None
    invoice_day: Int = None  # deprecated in the reference, still sent
    term: Str = None
    interval: Str = None  # deprecated in the reference, still sent
    auto_collect: Bool = None
    recharge_type: Str = None
    recharge_threshold_amount: Money = None
    recharge_target_amount: Money = None
    status_on_threshold: Bool = None
    auto_post_draft_invoice: Bool = None
    has_payment_method: Bool = None
    customer_grace_period: Int = None
    grace_period_extension: Int = None
    customer_auto_cancel: Int = None
    default_cancel_option: Str = None
    standing_po_number: Str = None
    billing_period_configurations: NestedList[BillingPeriodConfiguration]
    acquisition_cost: Money = None
    show_zero_dollar_charges: Bool = None
    tax_exempt: Bool = None
    tax_exempt_code: Str = None
    use_customer_billing_address: Bool = None
    avalara_usage_type: Str = None
    vat_identification_number: Str = None  # "Integer" in the reference, but a VAT id is text
    customer_service_start_option: Str = None
    roll_up_taxes: Bool = None
    roll_up_discounts: Bool = None
    roll_up_pdfs_by_plan_product: Bool = None
    roll_up_pdfs_display_name: Bool = None
    roll_up_pdfs_display_description: Bool = None
    roll_up_pdfs_display_all_unit_prices: Bool = None
    pdf_invoice_email_attachment_option: Str = None
    tracked_item_display: Nested[TrackedItemDisplay] = None
    customer_billing_statement_setting: Nested[BillingStatementSetting] = None
    default_payment_method_id: Int = None
    post_ready_charges_on_renew: Bool = None


class Address(FusebillModel):
    """A billing or shipping address."""

    id: Int = None
    uri: Str = None
    customer_address_preference_id: Int = None
    address_type: Str = None
    company_name: Str = None
    line1: Str = None
    line2: Str = None
    city: Str = None
    postal_zip: Str = None
    country_id: Int = None
    country: Str = None
    state_id: Int = None
    state: Str = None
    valid: Bool = None


class AddressPreferences(FusebillModel):
    """A customer's address preferences with its billing and shipping addresses (id = customer id)."""

    id: Int = None
    uri: Str = None
    contact_name: Str = None
    shipping_instructions: Str = None
    use_billing_address_as_shipping_address: Bool = None
    billing_address: Nested[Address] = None
    shipping_address: Nested[Address] = None


class State(FusebillModel):
    """A state, province or territory of a country."""

    id: Int = None
    name: Str = None
    subdivision_iso_code: Str = None
    combined_iso_code: Str = None


class Country(FusebillModel):
    """A country and its states, as used by addresses."""

    id: Int = None
    name: Str = None
    iso: Str = None
    iso3: Str = None
    states: NestedList[State]


Customer.model_rebuild()
Invoice.model_rebuild()


# --- client-side results -------------------------------------------------------------------


class ActionResult(FusebillModel):
    """The outcome of a status action: the resulting customer, the invoices it would bill (a preview)
    and any invoices it posted (side effects)."""

    customer: Nested[Customer] = None
    invoices: NestedList[Invoice]

    @property
    def preview_invoices(self) -> list[InvoicePreview]:
        """The invoices a preview would bill: the customer's invoicePreview, then additionalInvoicesForPreview."""
        if self.customer is None:
            return []
        first = [self.customer.invoice_preview] if self.customer.invoice_preview is not None else []
        return first + list(self.customer.additional_invoices_for_preview)

    @property
    def answered(self) -> bool:
        """Whether the server said anything (False for a success answered with a null or empty body)."""
        return self.customer is not None or bool(self.invoices) or bool(self.raw)

    @classmethod
    def from_response(cls, data: Any) -> "ActionResult":
        """Read a status action's response; any shape other than these raises MalformedResponse.

        Accepted shapes:

        - a customer object, which for a preview carries ``invoicePreview`` (an invoice or null) and
          ``additionalInvoicesForPreview`` (a list or null), as Fusebill.ApiWrapper's Dto.Get.Customer
          types the answer of ``customerActivation?preview=true`` and of the unhold preview;
        - ``{"customer": <Customer> | null, "invoices": [<Invoice>, ...] | null}`` (either key may be
          left out; ``"invoice": <Invoice> | null`` stands for a single invoice);
        - a list of invoice objects (possibly empty);
        - ``null`` (or an empty body): a success that says nothing more.

        A customer must be a JSON object carrying at least one of its documented fields, an invoice one
        carrying a documented invoice field that customers do not have, a preview invoice an object
        carrying one of its own fields, so a garbled answer (numbers, strings, an answer wrapped in a
        list, unknown keys only) is an error rather than an empty preview.
        """
        if data is None:
            return cls()
        if isinstance(data, list):
            result = cls(invoices=_invoices_of(data))
            result._raw = {"invoices": data}
            return result
        if not isinstance(data, dict):
            raise _unreadable_action()
        if any(key in data for key in _ACTION_KEYS):
            shaped = dict(data)
            if "invoice" in shaped and "invoices" not in shaped:
                single = shaped["invoice"]
                shaped["invoices"] = [] if single is None else [single]
            customer = shaped.get("customer")
            if customer is not None:
                _check_previews(_check_object(customer, _CUSTOMER_KEYS))
            invoices = shaped.get("invoices")
            _invoices_of([] if invoices is None else invoices)
            return cls.from_api(shaped)
        result = cls(customer=Customer.from_api(_check_previews(_check_object(data, _CUSTOMER_KEYS))))
        result._raw = data
        return result


_ACTION_KEYS = ("customer", "invoices", "invoice")


def _unreadable_action() -> MalformedResponse:
    return MalformedResponse("The server's answer to the status action could not be read.")


def _documented(model: type[FusebillModel]) -> frozenset[str]:
    return frozenset(field.alias or name for name, field in model.model_fields.items())


# A customer is recognised by any of its documented fields; an invoice by a field customers do not
# have (a bare customer wrapped in a list must not pass for an invoice because both carry an id).
_CUSTOMER_KEYS = _documented(Customer)
_INVOICE_KEYS = _documented(Invoice) - _CUSTOMER_KEYS
_PREVIEW_KEYS = _documented(InvoicePreview)


def _check_object(data: Any, keys: frozenset[str]) -> dict[str, Any]:
    """``data`` if it is a JSON object with at least one of ``keys``, else MalformedResponse."""
    if not isinstance(data, dict) or not any(key in keys for key in data):
        raise _unreadable_action()
    return data


def _check_previews(customer: dict[str, Any]) -> dict[str, Any]:
    """The customer, once its invoicePreview (object or null) and additionalInvoicesForPreview
    (list of objects or null) are readable; else MalformedResponse."""
    first = customer.get("invoicePreview")
    if first is not None:
        _check_object(first, _PREVIEW_KEYS)
    more = customer.get("additionalInvoicesForPreview")
    if more is not None:
        if not isinstance(more, list):
            raise _unreadable_action()
        for item in more:
            _check_object(item, _PREVIEW_KEYS)
    return customer


def _invoices_of(data: Any) -> list[Invoice]:
    """A list of invoice objects, each checked, or MalformedResponse."""
    if not isinstance(data, list):
        raise _unreadable_action()
    return [Invoice.from_api(_check_object(item, _INVOICE_KEYS)) for item in data]


__all__ = [
    "ACCOUNT_STATUSES", "ADDRESS_COMPANY_MAX", "ADDRESS_LINE_MAX", "ADDRESS_TYPES",
    "CANCELLATION_OPTIONS", "CITY_MAX", "CONTACT_NAME_MAX", "CUSTOMER_STATUSES", "EMAIL_MAX",
    "NAME_MAX", "NOTE_MAX", "PHONE_MAX", "POSTAL_ZIP_MAX", "REFERENCE_MAX",
    "SERVICE_START_OPTIONS", "SHIPPING_INSTRUCTIONS_MAX", "SORT_ORDERS", "SUBSCRIPTION_STATUSES",
    "TITLES", "ActionResult", "Address", "AddressPreferences", "BillingPeriodConfiguration",
    "BillingSettings", "BillingStatementSetting", "Charge", "ChargeTier", "Country", "Customer",
    "CustomerAcquisition", "CustomerOverview", "CustomerReference", "Discount", "DraftCharge", "EmailPreference",
    "FusebillModel", "Invoice", "InvoicePreview", "Note", "ObjectRef", "PaymentSchedule", "PlanFrequency", "PlanPrice",
    "PlanProduct", "RateLimitStatus", "SalesTrackingCode", "State", "Subscription",
    "SubscriptionOverride", "SubscriptionProduct", "Tax", "TrackedItemDisplay",
]
