"""Hand-written records: the reference's own examples and names that trip up displays and filters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fusebill_tui.sandbox.fusebill.glance_specials import GLANCE_SPECIALS

_ZERO = Decimal("0")

#: id -> {"customer": overrides, "finance": overrides} applied over a generated record.
SPECIALS: dict[int, dict[str, Any]] = {
    # The "Read Customer Overview" example (note the numbers where strings are expected).
    650084: {
        "customer": {
            "title": "Dr", "firstName": "Foreman", "middleName": "Mai", "lastName": "Travis",
            "suffix": "Jr.", "primaryEmail": "terrawade@balooba.com", "primaryPhone": 9934643454,
            "companyName": 9984242269, "reference": 100986, "createdTimestamp": "2019-11-06T14:19:01",
            "modifiedTimestamp": "2019-11-06T14:19:01",
            "status": "Active", "customerAccountStatus": "Good", "currency": "USD",
            "salesforceSynchStatus": "Enabled", "monthlyRecurringRevenue": _ZERO,
            "netMonthlyRecurringRevenue": _ZERO,
        },
        "finance": {
            "pendingCharges": _ZERO, "arBalance": _ZERO, "unallocatedPayments": _ZERO,
            "unallocatedCredits": _ZERO, "unallocatedOpeningBalance": _ZERO,
            "daysUntilSuspension": None, "daysUntilCancellation": None,
            "customerAccountStatusTimestamp": "2019-11-06T14:19:01",
            "statusTimestamp": "2019-11-06T14:19:01", "lifetimeValue": _ZERO, "nextBillingDate": None,
        },
    },
    # The "Read Customer" example's requested id, with its example body.
    183365: {
        "customer": {
            "firstName": "Shields", "middleName": "Payne", "lastName": "Gillespie", "companyName": "Cuizine",
            "suffix": "Jr.", "primaryEmail": "chelseafox@hawkster.com", "primaryPhone": 8784473067,
            "secondaryEmail": "hutchinsonsargent@zentime.com", "secondaryPhone": 8955793436, "title": "Dr",
            "reference": 100986, "status": "Active", "customerAccountStatus": "Good", "currency": "USD",
            "portalUserName": "Shields1974",
        },
    },
    # The parent of the list example's customer.
    12000749: {
        "customer": {
            "firstName": "Laurie", "middleName": None, "lastName": "Rosales", "companyName": "Manglo Holdings",
            "status": "Active", "customerAccountStatus": "Good", "currency": "USD", "parentId": None,
        },
        "finance": {"isParent": True},
    },
    # The "List Customers" example.
    12000750: {
        "customer": {
            "firstName": "Bowen", "middleName": "Laurie", "lastName": "Rosales", "companyName": "Manglo",
            "suffix": "Jr.", "primaryEmail": "adarowe@aclima.com", "primaryPhone": 9454323791,
            "secondaryEmail": "lindsaywhitney@ziore.com", "secondaryPhone": 8784522075, "title": "Dr",
            "reference": 100986, "status": "Active", "customerAccountStatus": "Good", "currency": "USD",
            "customerReference": {"reference1": None, "reference2": "customValue", "reference3": None,
                                  "salesTrackingCodes": [], "id": 12000750,
                                  "uri": "https://sandbox.invalid/v1/customers/12000750"},
            "monthlyRecurringRevenue": Decimal("250"), "netMonthlyRecurringRevenue": Decimal("220"),
            "salesforceId": 12345678, "salesforceSynchStatus": "Enabled", "netsuiteId": 12345678,
            "netsuiteSynchStatus": "Enabled", "netsuiteCustomerType": "Individual",
            "portalUserName": "Bowen1974", "parentId": 12000749,
            "modifiedTimestamp": "2019-11-07T15:51:11.1915461Z",
        },
        "finance": {"parentName": "Manglo Holdings", "_combo": 6},
    },
    # Names that break markup, filters and terminals.
    900001: {"customer": {"companyName": "ACME [EU]", "firstName": "Ada", "lastName": "Bracket"}},
    900002: {"customer": {"firstName": "[bold]x[/]", "lastName": "Markup", "companyName": "[red]Red[/red] Ltd."}},
    900003: {"customer": {"firstName": "太郎", "lastName": "山田", "companyName": "株式会社サンプル"}},
    900004: {"customer": {"firstName": "محمد", "lastName": "العلي", "companyName": "شركة المثال"}},
    900005: {"customer": {"firstName": "Zoë 🚀", "lastName": "Ruiz", "companyName": "Rocket 🚀 Co."}},
    900006: {"customer": {"firstName": "Jose\u0301", "lastName": "Nun\u0303ez", "companyName": "Cafe\u0301 Ltd."}},
    900007: {"customer": {"firstName": "Amper", "lastName": "Sand", "reference": "am&per&sand"}},
    900008: {"customer": {"firstName": "Comma", "lastName": "Company", "companyName": "a,b"}},
    900009: {"customer": {"firstName": "Star", "lastName": "Pipe", "companyName": "50% off; a|b*c:d"}},
    900010: {"customer": {"firstName": "Plus", "lastName": "Sign", "reference": "a+b c"}},
    # The customer-at-a-glance cases (900011, 900020-900024): see glance_specials.
    **GLANCE_SPECIALS,
}
