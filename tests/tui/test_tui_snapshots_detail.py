"""Snapshots of the customer detail screen: each panel at 120x40, the overview at 80x24 too."""

from __future__ import annotations

import pytest
from snapshot_support import open_customer

NEAR_SUSPENSION = 100007  # banner "Suspends in 2 days", tiered seats, six invoices
CANADIAN = 100003  # CAD invoices with HST and the >2-4 seat tier
WITH_NOTES = 100023  # three notes, billing and shipping addresses


# (snapshot name, customer, keys pressed after the customer loads)
PANELS = [
    ("overview", NEAR_SUSPENSION, ()),
    ("subscriptions", NEAR_SUSPENSION, ("2",)),
    ("invoices", CANADIAN, ("3",)),
    ("invoice_with_tiers", CANADIAN, ("3", "enter")),
    ("notes", WITH_NOTES, ("4",)),
    ("addresses", WITH_NOTES, ("5",)),
]


@pytest.mark.parametrize(("name", "customer_id", "keys"), PANELS)
def test_detail_panels_at_120x40(snap_compare, make_app, wait_until, name, customer_id, keys):
    """Each panel of the customer detail screen at 120x40."""
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=open_customer(customer_id, wait_until, *keys))


@pytest.mark.parametrize(("name", "customer_id", "keys"), PANELS)
def test_detail_panels_at_80x24(snap_compare, make_app, wait_until, name, customer_id, keys):
    """Each panel, the suspension banner and an invoice's tiers fit a small terminal."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_customer(customer_id, wait_until, *keys))


def test_detail_wide_at_160x50(snap_compare, make_app, wait_until):
    """On a wide terminal the overview stays in view beside the tabs."""
    assert snap_compare(make_app(), terminal_size=(160, 50), run_before=open_customer(CANADIAN, wait_until, "3"))
