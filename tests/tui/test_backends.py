"""The backends seam: what each billing system declares, the paging it builds, its filter language, its layering."""

from __future__ import annotations

import pytest

from fusebill_tui.core.errors import QueryError
from fusebill_tui.vendors import backend_for_client
from fusebill_tui.vendors.chargeover import ChargeOverClient
from fusebill_tui.vendors.chargeover.backend import ChargeOverBackend, page_of
from fusebill_tui.vendors.chargeover.filters import ChargeOverFilters
from fusebill_tui.vendors.fusebill.backend import FusebillBackend
from fusebill_tui.vendors.fusebill.filters import FusebillFilters


def test_each_backend_declares_what_it_lacks() -> None:
    fusebill, chargeover = FusebillBackend.capabilities, ChargeOverBackend.capabilities
    assert fusebill.status_actions and fusebill.subscriptions and fusebill.address_edit and fusebill.note_delete
    assert fusebill.days_until_suspension and not fusebill.separate_count
    assert not (chargeover.status_actions or chargeover.subscriptions or chargeover.address_edit
                or chargeover.note_delete or chargeover.days_until_suspension or chargeover.address_preferences)
    assert chargeover.separate_count


def test_a_chargeover_client_gets_the_chargeover_backend() -> None:
    backend = backend_for_client(ChargeOverClient("https://x.invalid/api/v3", "pub", "priv"))
    assert isinstance(backend, ChargeOverBackend)
    assert backend.label == "ChargeOver"


@pytest.mark.parametrize(("total", "page", "last", "next_page", "previous"), [
    (400, 0, 7, 1, -1),
    (400, 7, 7, None, 6),
    (401, 7, 8, 8, 6),
    (0, 0, 0, None, -1),
    (50, 0, 0, None, -1),
])
def test_pages_from_offset_and_count(total, page, last, next_page, previous) -> None:
    built = page_of([], total, page, 50)
    assert (built.max_page_index, built.next_page, built.previous_page, built.count) == \
        (last, next_page, previous, total)
    assert built.page_count == last + 1


def test_without_a_count_a_full_page_promises_a_next_one() -> None:
    assert page_of(list(range(50)), None, 0, 50).has_next
    assert not page_of(list(range(49)), None, 0, 50).has_next


def test_the_chargeover_filter_language() -> None:
    filters = ChargeOverFilters()
    assert filters.plan("  ").query is None
    assert filters.plan("1234").customer_id == 1234
    assert filters.plan("a,b").query == r"company:CONTAINS:a\,b"
    assert filters.plan("x@y.example").query == "superuser_email:CONTAINS:x@y.example"
    assert filters.plan("ship_country:isnot:null").query == "ship_country:ISNOT:NULL"
    with pytest.raises(QueryError, match="customer_status_str"):
        filters.plan("customer_status:EQUALS:active-current")
    assert filters.describe("acme") == "company contains “acme”"
    assert filters.describe("company:EQUALS:x") == "filter: company:EQUALS:x"
    assert [value for _group, _query, value in filters.quick_filters] == \
        ["active-current", "active-overdue", "inactive-manual", "inactive-activity"]


def test_the_fusebill_filter_language_is_unchanged() -> None:
    filters = FusebillFilters()
    assert filters.plan("smith").query == "lastName:*smith*"
    assert filters.plan("42").customer_id == 42
    assert filters.describe("a@b") == "email contains “a@b”"
    assert filters.suggest("accountSt") == "accountStatus:"
    assert filters.suggest("status:Ho") == "status:Hold"
