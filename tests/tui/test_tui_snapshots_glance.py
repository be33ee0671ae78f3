"""Snapshots of the customer at a glance: its first screen at 120x40, 80x24 and 160x50, and the details tab."""

from __future__ import annotations

import pytest
from snapshot_support import open_customer

EVERY_BUCKET = 900021  # unpaid invoices in every aging bucket, three subscriptions' worth of history
NEAR_SUSPENSION = 100007  # banner "Suspends in 2 days", an active collection


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (160, 50)], ids=["120x40", "80x24", "160x50"])
@pytest.mark.parametrize("customer_id", [EVERY_BUCKET, NEAR_SUSPENSION], ids=["every-bucket", "near-suspension"])
def test_glance(snap_compare, make_app, wait_until, customer_id, size):
    """The four questions on the first screen (at 80x24 the balances, banner, aging and subscriptions)."""
    assert snap_compare(make_app(), terminal_size=size, run_before=open_customer(customer_id, wait_until))


def test_details_tab_at_120x40(snap_compare, make_app, wait_until):
    """Every balance, the status history, contacts, parent and integrations: one key away."""
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_customer(NEAR_SUSPENSION, wait_until, "6"))
