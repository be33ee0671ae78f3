"""Every route of the sandbox (paths lower-case: the middleware lower-cases requests)."""

from __future__ import annotations

from .routes_customers import ROUTES as CUSTOMER_ROUTES

ROUTES = [*CUSTOMER_ROUTES]
