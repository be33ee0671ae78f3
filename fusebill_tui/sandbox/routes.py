"""Every route of the sandbox (paths lower-case: the middleware lower-cases requests)."""

from __future__ import annotations

from .routes_addresses import ROUTES as ADDRESS_ROUTES
from .routes_billing import ROUTES as BILLING_ROUTES
from .routes_customers import ROUTES as CUSTOMER_ROUTES
from .routes_notes import ROUTES as NOTE_ROUTES
from .routes_status import ROUTES as STATUS_ROUTES

# Fixed paths come before "/customers/{id}" patterns so "/customers/unhold" is not read as an id.
ROUTES = [*STATUS_ROUTES, *NOTE_ROUTES, *BILLING_ROUTES, *ADDRESS_ROUTES, *CUSTOMER_ROUTES]
