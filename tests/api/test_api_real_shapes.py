"""The client on answers shaped as public Fusebill sources show them, not only as our sandbox did.

- A preview answers a Customer carrying ``invoicePreview`` and ``additionalInvoicesForPreview``
  (Fusebill.ApiWrapper: Dto.Get.Customer, Dto.Get.InvoicePreview, Dto.Get.DraftCharge).
- A status action may succeed with a ``null`` or empty body (Skrumble/fusebill-node, CHANGELOG 1.0.3).
- Some 404s carry ASP.NET's ``{"Message": "..."}`` (Skrumble/fusebill-node, lib/FusebillResource.js).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from fusebill_tui.core import errors
from fusebill_tui.core.errors import MalformedResponse
from fusebill_tui.vendors.fusebill import models


def draft_charge(**extra):
    """A DraftCharge with every field the wrapper's DTO names (plus BaseDto's id and uri)."""
    charge = {
        "transactionId": 0, "chargeTypeId": "Subscription", "quantity": 7, "unitPrice": 37.714285,
        "amount": 264, "taxableAmount": 264, "subscriptionPeriodId": 0, "draftInvoiceId": 0,
        "name": "Tiered product 2", "description": None, "effectiveTimestamp": "2024-03-01T00:00:00",
        "proratedUnitPrice": None, "startServiceDate": "2024-03-01T00:00:00",
        "endServiceDate": "2024-04-01T00:00:00", "rangeQuantity": None, "draftDiscount": None,
        "draftDiscounts": [], "status": "Active", "id": 0, "uri": None,
    }
    charge.update(extra)
    return charge


def invoice_preview(charges, **extra):
    """An InvoicePreview with every field the wrapper's DTO names."""
    preview = {
        "draftCharges": charges, "subtotal": 264, "total": 290.4, "draftTaxes": [
            {"name": "HST", "description": None, "percentage": 10, "amount": 26.4, "id": 0}],
        "tax": None, "totalTaxes": 26.4, "poNumber": None, "effectiveTimestamp": "2024-03-01T00:00:00",
        "status": "Ready", "draftChargeGroups": [], "notes": None, "shippingInstructions": None,
    }
    preview.update(extra)
    return preview


TIERS = [
    {"label": "0-2", "quantity": 2, "unitPrice": 22, "amount": 44},
    {"label": ">2-4", "quantity": 2, "unitPrice": 33, "amount": 66},
    {"label": ">4-5", "quantity": 1, "unitPrice": 44, "amount": 44},
    {"label": ">5", "quantity": 2, "unitPrice": 55, "amount": 110},
]


def preview_customer(**extra):
    customer = {"firstName": "Cleo", "lastName": "Santiago", "status": "Draft", "currency": "USD", "id": 180513,
                "uri": "https://secure.fusebill.com/v1/customers/180513"}
    customer.update(extra)
    return customer


def test_a_preview_customer_carries_its_invoice_and_the_additional_ones():
    data = preview_customer(
        invoicePreview=invoice_preview([draft_charge(chargeTiers=TIERS)]),
        additionalInvoicesForPreview=[invoice_preview([draft_charge(name="Setup fee", quantity=1, unitPrice=50,
                                                                    amount=50)], subtotal=50, total=55)],
    )
    result = models.ActionResult.from_response(data)
    assert result.customer.id == 180513 and result.customer.status == "Draft"
    first, second = result.preview_invoices
    charge = first.draft_charges[0]
    assert (charge.name, charge.quantity, charge.unit_price, charge.amount) == (
        "Tiered product 2", Decimal("7"), Decimal("37.714285"), Decimal("264"))
    assert [(t.label, t.quantity, t.unit_price, t.amount) for t in charge.charge_tiers] == [
        ("0-2", 2, 22, 44), (">2-4", 2, 33, 66), (">4-5", 1, 44, 44), (">5", 2, 55, 110)]
    assert (first.subtotal, first.total_taxes, first.total) == (Decimal("264"), Decimal("26.4"), Decimal("290.4"))
    assert first.draft_taxes[0].name == "HST"
    assert second.draft_charges[0].name == "Setup fee" and second.total == Decimal("55")
    assert result.invoices == []  # the posted invoices of a side-effects answer: none here


def test_draft_charge_tiers_are_also_read_under_the_draft_name():
    charge = models.DraftCharge.from_api(draft_charge(draftChargeTiers=TIERS[:1]))
    assert charge.charge_tiers[0].label == "0-2"


def test_a_preview_customer_without_invoices_previews_nothing():
    for data in (preview_customer(), preview_customer(invoicePreview=None, additionalInvoicesForPreview=None),
                 preview_customer(additionalInvoicesForPreview=[])):
        result = models.ActionResult.from_response(data)
        assert result.preview_invoices == [] and result.answered


def test_the_preview_customer_may_also_come_wrapped():
    data = {"customer": preview_customer(invoicePreview=invoice_preview([draft_charge()])), "invoices": []}
    assert models.ActionResult.from_response(data).preview_invoices[0].total == Decimal("290.4")


@pytest.mark.parametrize("garbled", [
    preview_customer(invoicePreview="INV-1"),
    preview_customer(invoicePreview=[invoice_preview([])]),
    preview_customer(invoicePreview={"nothingKnown": 1}),
    preview_customer(additionalInvoicesForPreview={"total": 5}),
    preview_customer(additionalInvoicesForPreview=[5]),
    {"customer": preview_customer(invoicePreview=7)},
])
def test_a_garbled_preview_is_an_error_not_an_empty_invoice(garbled):
    with pytest.raises(MalformedResponse):
        models.ActionResult.from_response(garbled)


def test_a_null_answer_is_an_action_result_that_says_nothing():
    result = models.ActionResult.from_response(None)
    assert result.customer is None and result.invoices == [] and result.preview_invoices == []
    assert not result.answered


# --- a success with a null or empty body ------------------------------------------------------------

NULL_BODY_CHANGES = [  # (status the customer needs, call, the status after)
    ("Active", lambda c, cid: c.hold_customer(cid), "Hold"),
    ("Cancelled", lambda c, cid: c.uncancel_customer(cid), "Active"),
    ("Draft", lambda c, cid: c.activate_customer(cid), "Active"),
    ("Hold", lambda c, cid: c.unhold_customer(cid, "NoChargesForMissedPeriods"), "Active"),
]


async def _customer_in(client, sandbox, status):
    cid = (await client.list_customers(page_size=1)).items[0].id
    sandbox.store.record(cid)["customer"]["status"] = status
    sandbox.request_log.clear()
    return cid


@pytest.mark.parametrize("kind", ["null", "empty"])
@pytest.mark.parametrize(("status", "call", "after"), NULL_BODY_CHANGES)
async def test_a_null_or_empty_success_is_done_and_the_customer_is_read_again(
    client, sandbox, kind, status, call, after
):
    cid = await _customer_in(client, sandbox, status)
    sandbox.faults.malformed_next(kind, method="POST")
    result = await call(client, cid)
    customer = result.customer if isinstance(result, models.ActionResult) else result
    assert customer.id == cid and customer.status == after
    log = [(r.method, r.path.lower(), r.status) for r in sandbox.request_log]
    assert log[0][0] == "POST" and log[0][2] == 200
    assert log[1:] == [("GET", f"/v1/customers/{cid}", 200)]


@pytest.mark.parametrize("kind", ["null", "empty"])
async def test_a_null_preview_is_not_read_again(client, sandbox, kind):
    cid = await _customer_in(client, sandbox, "Draft")
    sandbox.faults.malformed_next(kind, method="POST")
    result = await client.activate_customer(cid, preview=True)
    assert not result.answered and result.preview_invoices == []
    assert [r.method for r in sandbox.request_log] == ["POST"]


async def test_a_null_success_whose_reread_fails_is_still_done(client, sandbox):
    cid = await _customer_in(client, sandbox, "Active")
    sandbox.faults.malformed_next("null", method="POST")
    sandbox.faults.fail_next(404, method="GET")
    customer = await client.hold_customer(cid)
    assert customer.id == cid and customer.status is None
    assert sandbox.store.record(cid)["customer"]["status"] == "Hold"


async def test_a_cancel_answered_with_null_is_done(client, sandbox):
    cid = await _customer_in(client, sandbox, "Active")
    sandbox.faults.fail_next(200, method="POST", body="null")  # answered without running the route
    assert await client.cancel_customer(cid, "None") is None


# --- error text as ASP.NET's "Message" ----------------------------------------------------------------

async def test_a_404_with_a_capital_message_shows_its_text(client, sandbox):
    text = "No HTTP resource was found that matches the request URI 'https://secure.fusebill.com/v1/customers/1/x'."
    sandbox.faults.fail_next(404, body={"Message": text})
    with pytest.raises(errors.NotFound) as info:
        await client.get_customer(1)
    assert info.value.user_message == f"Not found: {text}"


async def test_errors_win_over_message_when_both_come(client, sandbox):
    body = {"Message": "The request is invalid.", "Errors": [{"Key": "customer.Id", "Value": "Id is required."}]}
    sandbox.faults.fail_next(400, body=body)
    with pytest.raises(errors.BadRequest) as info:
        await client.get_customer(1)
    assert info.value.user_message == "The server rejected the request: Id is required."
