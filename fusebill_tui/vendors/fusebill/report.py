"""How the headless ``balance`` and ``customers`` commands lay out Fusebill customers. No Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fusebill_tui.core.output import MISSING, Column, display_zone, local_date, local_time, money, plain, utc_iso
from fusebill_tui.core.report_lines import amounts, labelled, table
from fusebill_tui.vendors.declaration import Report
from fusebill_tui.vendors.fusebill.query import sort_field, validate_query

if TYPE_CHECKING:
    from fusebill_tui.vendors.fusebill.models import Customer, CustomerOverview

_BALANCES = (
    ("AR balance", "ar_balance"),
    ("Pending charges", "pending_charges"),
    ("Unallocated payments", "unallocated_payments"),
    ("Unallocated credits", "unallocated_credits"),
    ("Unallocated opening balance", "unallocated_opening_balance"),
    ("Lifetime value", "lifetime_value"),
    ("MRR", "monthly_recurring_revenue"),
    ("Net MRR", "net_monthly_recurring_revenue"),
)


def _name(ov: CustomerOverview) -> str:
    parts = [ov.title, ov.first_name, ov.middle_name, ov.last_name, ov.suffix]
    return " ".join(plain(p) for p in parts if p) or plain(ov.company_name) or f"#{ov.id}"


def deadline(what: str, days: int | None) -> str | None:
    """A loud line for an upcoming suspension or cancellation (None when there is none)."""
    if days is None:
        return None
    if days < 0:
        when = f"OVERDUE BY {-days} DAY{'S' if days != -1 else ''}"
    elif days == 0:
        when = "TODAY"
    else:
        when = f"IN {days} DAY{'S' if days != 1 else ''}"
    return f"!!! {what} {when} !!!"


def _days(days: int | None) -> int | str:
    return MISSING if days is None else days


def balance_lines(ov: CustomerOverview, timezone: str | None = None) -> list[str]:
    """The lines ``balance`` prints (plain text: API values never carry control characters)."""
    zone = display_zone(timezone)
    currency = plain(ov.currency) or None
    lines = [f"Customer {ov.id}: {_name(ov)}"]
    warnings = [w for w in (deadline("SUSPENSION", ov.days_until_suspension),
                            deadline("CANCELLATION", ov.days_until_cancellation)) if w]
    if warnings:
        lines += ["", *warnings, ""]
    label_width = max(len(label) for label, _ in _BALANCES) + 2
    fields = [
        ("Company", plain(ov.company_name) or MISSING),
        ("Email", plain(ov.primary_email) or MISSING),
        ("Status", f"{plain(ov.status) or MISSING} (since {local_time(ov.status_timestamp, zone)})"),
        ("Account status", f"{plain(ov.customer_account_status) or MISSING} "
                           f"(since {local_time(ov.customer_account_status_timestamp, zone)})"),
    ]
    if ov.parent_id:
        fields.append(("Parent", f"{plain(ov.parent_name) or MISSING} (#{ov.parent_id})"))
    fields.append(("Currency", currency or MISSING))
    lines += [*labelled(fields, label_width), "", *amounts(_BALANCES, ov, currency, label_width), ""]
    lines += labelled([("Next billing date", local_date(ov.next_billing_date, zone)),
                       ("Days until suspension", _days(ov.days_until_suspension)),
                       ("Days until cancellation", _days(ov.days_until_cancellation))], label_width)
    return lines


def _table_columns(zone: Any) -> tuple[list[Column], Any]:
    return table([
        Column("ID", "id", lambda c: c.id, cap=12, right=True),
        Column("NAME", "name", lambda c: c.display_name if (c.first_name or c.last_name) else "",
               cap=30),
        Column("COMPANY", "company", lambda c: c.company_name, cap=28),
        Column("EMAIL", "email", lambda c: c.primary_email, cap=36),
        Column("STATUS", "status", lambda c: c.status, cap=12),
        Column("ACCOUNT", "account", lambda c: c.customer_account_status, cap=12),
        Column("CUR", "currency", lambda c: c.currency, cap=4),
        Column("MRR", "mrr", lambda c: money(c.monthly_recurring_revenue, None), cap=16, right=True),
        Column("CREATED", "created", lambda c: local_date(c.created_timestamp, zone), cap=10),
    ])


_CSV_FIELDS = (
    ("id", lambda c: c.id),
    ("firstName", lambda c: c.first_name),
    ("lastName", lambda c: c.last_name),
    ("companyName", lambda c: c.company_name),
    ("primaryEmail", lambda c: c.primary_email),
    ("status", lambda c: c.status),
    ("customerAccountStatus", lambda c: c.customer_account_status),
    ("currency", lambda c: c.currency),
    ("monthlyRecurringRevenue", lambda c: c.monthly_recurring_revenue),
    ("createdTimestamp", lambda c: utc_iso(c.created_timestamp)),
)



def _customer_key(customer: Customer) -> Any:
    return customer.id if customer.id is not None else id(customer)


REPORT = Report(query=validate_query, sort_field=sort_field, id_field="id", balance_lines=balance_lines,
                table=_table_columns, csv_fields=_CSV_FIELDS, customer_key=_customer_key)
