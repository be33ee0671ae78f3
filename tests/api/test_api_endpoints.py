"""Every other endpoint against the sandbox: subscriptions, invoices, notes, settings, addresses, countries, status actions."""

from decimal import Decimal

import pytest

from fusebill_tui.core import errors
from fusebill_tui.sandbox.core.transport import SandboxTransport
from fusebill_tui.sandbox.fusebill import DEFAULT_API_KEY, SandboxSettings, create_app
from fusebill_tui.vendors.fusebill import FusebillClient, Query


async def _first(client, status):
    page = await client.list_customers(Query().eq("status", status), page_size=1)
    assert page.items, f"the sandbox has a {status} customer"
    return page.items[0]


async def _customer_with_invoices(client):
    async for customer in client.iter_customers(Query().eq("status", "Active")):
        page = await client.list_invoices(customer.id, page_size=5)
        if page.items:
            return customer, page
    pytest.fail("no Active customer with invoices in the sandbox")


async def test_subscriptions(client, requests_to):
    customer, _ = await _customer_with_invoices(client)
    page = await client.list_subscriptions(customer.id, page_size=10)
    assert page.items and all(s.customer_id in (customer.id, None) for s in page.items)
    sub = page.items[0]
    assert sub.plan_name and sub.status and sub.interval in ("Monthly", "Yearly")
    assert sub.amount is None or isinstance(sub.amount, Decimal)
    assert requests_to("GET", f"/customers/{customer.id}/subscriptions")[-1].raw_query == "pageSize=10&pageNumber=0"


async def test_invoices_sorted_newest_first_with_charges_and_tiers(client, requests_to):
    customer, page = await _customer_with_invoices(client)
    posted = [i.posted_timestamp for i in page.items]
    assert posted == sorted(posted, reverse=True)
    assert requests_to("GET", f"/Customers/{customer.id}/Invoices")[-1].raw_query == (
        "pageSize=5&pageNumber=0&sortExpression=postedTimestamp&sortOrder=Descending"
    )
    invoice = page.items[0]
    assert invoice.invoice_number is not None and isinstance(invoice.invoice_amount, Decimal)
    assert invoice.charges and isinstance(invoice.charges[0].amount, Decimal)
    assert invoice.payment_schedules


async def test_a_non_numeric_invoice_number_reaches_the_caller(client, sandbox):
    customer, page = await _customer_with_invoices(client)
    stored = next(i for i in sandbox.store.invoices(customer.id) if i["id"] == page.items[0].id)
    stored["invoiceNumber"] = "INV-12"
    again = await client.list_invoices(customer.id, page_size=5)
    assert again.items[0].invoice_number == "INV-12"


async def test_invoice_filter_reaches_server_as_typed(client, requests_to):
    customer, page = await _customer_with_invoices(client)
    newest = page.items[0].posted_timestamp.date().isoformat()
    filtered = await client.list_invoices(customer.id, query=Query("invoices").since("postedTimestamp", newest))
    assert filtered.items and all(i.posted_timestamp.date().isoformat() >= newest for i in filtered.items)
    raw = requests_to("GET", f"/Customers/{customer.id}/Invoices")[-1].raw_query
    assert raw.endswith(f"&query=postedTimestamp:{newest}|")


async def test_notes_create_list_delete(client, requests_to):
    customer = await _first(client, "Active")
    note = await client.create_note(customer.id, "Call before 10am; prefers email & phone")
    assert note.id and note.note == "Call before 10am; prefers email & phone"
    assert "fusebill-tui" in (note.user_who_created_note or "")
    assert requests_to("POST", "/customerNotes")[-1].json() == {
        "customerId": customer.id, "note": "Call before 10am; prefers email & phone"}
    notes = await client.list_notes(customer.id)
    assert note.id in [n.id for n in notes]
    await client.delete_note(note.id)
    assert note.id not in [n.id for n in await client.list_notes(customer.id)]
    with pytest.raises(errors.NotFound):
        await client.delete_note(note.id)


async def test_note_text_is_checked_before_sending(client, sandbox):
    with pytest.raises(errors.InvalidInput):
        await client.create_note(1, "   ")
    with pytest.raises(errors.InvalidInput, match="at most 2000"):
        await client.create_note(1, "x" * 2001)
    assert sandbox.request_log == []


async def test_notes_listing_unavailable_when_server_has_no_such_call(sandbox_clock):
    app = create_app(SandboxSettings(customers=20, seed=7, notes_listing=False, clock=sandbox_clock))
    async with FusebillClient("https://sandbox.invalid/v1", DEFAULT_API_KEY, transport=SandboxTransport(app)) as c:
        customer = (await c.list_customers(page_size=1)).items[0]
        with pytest.raises(errors.NotesListingUnavailable) as info:
            await c.list_notes(customer.id)
        assert "cannot list notes" in info.value.user_message
        with pytest.raises(errors.NotFound):
            await c.list_notes(999999999)
        assert (await c.create_note(customer.id, "still works")).note == "still works"


async def test_email_preferences_and_billing_settings(client):
    customer = await _first(client, "Active")
    prefs = await client.get_email_preferences(customer.id)
    assert prefs and all(p.email_type for p in prefs)
    settings = await client.get_billing_settings(customer.id)
    assert settings.term is not None


async def test_countries_are_fetched_once(client, requests_to):
    countries = await client.list_countries()
    again = await client.list_countries()
    assert [c.id for c in countries] == [c.id for c in again]
    canada = next(c for c in countries if c.iso == "CA")
    assert any(s.name == "Ontario" for s in canada.states)
    assert len(requests_to("GET", "/Countries")) == 1


async def test_addresses_create_read_update(client, sandbox):
    customer = await _first(client, "Active")
    prefs = await client.get_address_preferences(customer.id)
    countries = await client.list_countries()
    canada = next(c for c in countries if c.iso == "CA")
    ontario = next(s for s in canada.states if s.name == "Ontario")
    if prefs.shipping_address is None:
        created = await client.create_address(
            customer.id, "Shipping",
            {"line1": "117 Waba Road", "city": "Pakenham", "postal_zip": "K0A2X0",
             "countryId": canada.id, "stateId": ontario.id},
        )
        assert created.address_type == "Shipping" and created.state == "Ontario"
        address_id = created.id
    else:
        address_id = prefs.shipping_address.id
    address = await client.get_address(address_id)
    updated = await client.update_address(address_id, {"city": "Almonte"}, expected=address)
    assert updated.city == "Almonte" and updated.line1 == address.line1 and updated.state_id == address.state_id
    with pytest.raises(errors.InvalidInput):
        await client.create_address(customer.id, "Home", {})


async def test_status_actions_follow_the_documented_flow(client, requests_to):
    draft = await _first(client, "Draft")
    preview = await client.activate_customer(draft.id, preview=True)
    assert preview.customer is not None and (await client.get_customer(draft.id)).status == "Draft"
    assert requests_to("POST", "/customerActivation")[-1].raw_query == (
        "preview=true&showZeroDollarCharges=false&view=sideeffects"
    )
    activated = await client.activate_customer(draft.id)
    assert activated.customer.status == "Active"

    held = await client.hold_customer(draft.id)
    assert held.status == "Hold"
    with pytest.raises(errors.Conflict) as info:
        await client.hold_customer(draft.id)
    assert info.value.user_message.startswith("This action is not valid in the customer's current status")

    unhold_preview = await client.unhold_customer(draft.id, "NoChargesForMissedPeriods", preview=True)
    assert (await client.get_customer(draft.id)).status == "Hold" and unhold_preview.customer is not None
    unheld = await client.unhold_customer(draft.id, "NoChargesForMissedPeriods")
    assert unheld.customer.status == "Active"

    assert await client.cancel_customer(draft.id, "None") is None
    assert (await client.get_customer(draft.id)).status == "Cancelled"
    assert requests_to("POST", "/customerCancellation")[-1].json() == {
        "customerId": draft.id, "cancellationOption": "None"}
    assert (await client.uncancel_customer(draft.id)).status != "Cancelled"


async def test_action_options_are_checked_before_sending(client, sandbox):
    with pytest.raises(errors.InvalidInput):
        await client.cancel_customer(1, "Everything")
    with pytest.raises(errors.InvalidInput):
        await client.unhold_customer(1, "Whenever")
    with pytest.raises(errors.InvalidInput):
        await client.get_customer("1/../2")
    assert sandbox.request_log == []
