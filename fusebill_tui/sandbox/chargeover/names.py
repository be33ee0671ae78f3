"""Word lists and hand-written awkward records for the ChargeOver dataset."""

from __future__ import annotations

from typing import Any

COUNTRIES = (
    # (country, states or (), currency)
    ("United States", ("NY", "CA", "TX", "WA", "IL", "FL"), "USD"),
    ("Canada", ("ON", "QC", "BC", "AB"), "CAD"),
    ("United Kingdom", (), "GBP"),
    ("Germany", (), "EUR"),
    ("France", (), "EUR"),
    ("Australia", ("NSW", "VIC", "QLD"), "AUD"),
)
CURRENCIES = {"USD": (1, "$"), "CAD": (2, "$"), "GBP": (3, "£"), "EUR": (4, "€"), "AUD": (5, "$")}
CITIES = ("Springfield", "Riverton", "Lakeside", "Fairview", "Kingston", "Georgetown", "Salem", "Franklin")
STREETS = ("Main St", "Oak Ave", "Maple Rd", "High St", "Station Rd", "King St", "Church Ln", "Park Ave")
ITEMS = (
    # (item name, monthly rate in cents)
    ("Starter plan", 1900), ("Team plan", 4900), ("Business plan", 14900), ("Extra seat", 900),
    ("Support add-on", 2500), ("Setup fee", 9900), ("Storage 100 GB", 500),
)
TAGS = ("vip", "reseller", "net-30", "beta", "partner", "nonprofit")
STATUSES = {
    # customer_status_str -> (customer_status_id, customer_status_name, customer_status_state)
    "active-current": (1, "Current", "a"),
    "active-overdue": (2, "Over Due", "a"),
    "inactive-manual": (3, "Inactive (Manual)", "i"),
    "inactive-activity": (4, "Inactive (Activity)", "i"),
}
#: The admins (workers) who write the generated notes: a note names its writer by ``admin_id`` only.
NOTE_ADMINS = ("Admin User", "Billing Team", "Support Desk")

#: Records that trip up displays and filters: customer_id -> fields over a generated record.
SPECIALS: dict[int, dict[str, Any]] = {
    90001: {"company": "ACME [EU]"},
    90002: {"company": "[bold]x[/] Markup", "superuser_name": "[red]Red[/red]"},
    90003: {"company": "株式会社サンプル", "superuser_name": "山田 太郎"},
    90004: {"company": "شركة المثال", "superuser_name": "محمد العلي"},
    90005: {"company": "Rocket 🚀 Co."},
    90006: {"company": "Cafe\u0301 Ltd.", "superuser_name": "Jose\u0301 Nun\u0303ez"},
    90007: {"company": "a,b"},
    90008: {"company": "50% off; a|b*c:d", "external_key": "a\\,b"},
    90009: {"company": "Esc\x1b[2J Ltd", "bill_addr1": "1 Line\nBreak St"},
    90010: {"company": None, "display_as": "Only A. Contact", "superuser_name": "Only A. Contact",
            "bill_country": None, "bill_state": None, "bill_city": None, "bill_addr1": None, "bill_postcode": None},
    90011: {"company": "Paused Trial Co.", "customer_status_str": "paused-trial",
            "customer_status_name": "Paused", "customer_status_state": "a"},
    # Overdue invoices in every aging bucket (INVOICE_PLANS), for the customer at a glance.
    90012: {"company": "Overdue Buckets Inc.", "superuser_name": "Olive Overdue", "currency_iso4217": "USD",
            "currency_id": 1, "currency_symbol": "$"},
}

#: id -> invoices to post instead of generated ones: (days past due on the dataset's day, total, paid),
#: oldest first; a negative day count is not yet due. 90012's open balance is 1,515.00 USD
#: (current 100.00, 1-30 200.00, 31-60 300.00, 61-90 400.00, over 90 515.00).
INVOICE_PLANS: dict[int, tuple[tuple[int, str, bool], ...]] = {
    90012: ((200, "80.00", True), (120, "515.00", False), (75, "400.00", False), (45, "300.00", False),
            (35, "90.00", True), (15, "200.00", False), (-10, "100.00", False)),
}
