"""The answer of a status action's preview: the customer carrying the invoices it would bill.

Shaped as Fusebill.ApiWrapper types it: Dto.Get.Customer with ``invoicePreview`` (Dto.Get.InvoicePreview)
and ``additionalInvoicesForPreview`` (a list of them), each with ``draftCharges`` (Dto.Get.DraftCharge),
``draftTaxes``, ``subtotal``, ``totalTaxes`` and ``total``. The wrapper's DraftCharge declares no tiers;
a tiered charge keeps them under the posted charge's name, ``chargeTiers`` (docs/API_COVERAGE.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def _draft_charge(charge: dict[str, Any]) -> dict[str, Any]:
    # The wrapper's transactionId, subscriptionPeriodId and draftInvoiceId are non-nullable numbers;
    # a preview is never stored, so they are 0.
    return {
        "transactionId": 0, "chargeTypeId": None, "quantity": charge["quantity"], "unitPrice": charge["unitPrice"],
        "amount": charge["amount"], "taxableAmount": charge["amount"], "subscriptionPeriodId": 0,
        "draftInvoiceId": 0, "name": charge["name"], "description": charge["description"],
        "effectiveTimestamp": charge["effectiveTimestamp"], "proratedUnitPrice": charge["proratedUnitPrice"],
        "startServiceDate": charge["startServiceDate"], "endServiceDate": charge["endServiceDate"],
        "rangeQuantity": charge["rangeQuantity"], "draftDiscount": None, "draftDiscounts": [], "status": None,
        "chargeTiers": [dict(tier) for tier in charge.get("chargeTiers") or []], "id": 0, "uri": None,
    }


def invoice_preview(invoice: dict[str, Any]) -> dict[str, Any]:
    """The InvoicePreview of an invoice the action would post."""
    taxes = [{"name": t["name"], "description": None, "percentage": t["percentage"], "amount": t["amount"], "id": 0}
             for t in invoice["taxes"]]
    return {
        "draftCharges": [_draft_charge(c) for c in invoice["charges"]], "subtotal": invoice["subtotal"],
        "total": invoice["invoiceAmount"], "draftTaxes": taxes, "tax": None,
        "totalTaxes": sum((t["amount"] for t in taxes), Decimal("0.00")), "poNumber": invoice["poNumber"],
        "effectiveTimestamp": invoice["effectiveTimestamp"], "status": None, "draftChargeGroups": [],
        "notes": invoice["notes"], "shippingInstructions": None,
    }


def preview_answer(customer: dict[str, Any], invoices: list[dict[str, Any]]) -> dict[str, Any]:
    """The customer (as it would be) carrying the first invoice and the additional ones."""
    previews = [invoice_preview(inv) for inv in invoices]
    return {**customer, "invoicePreview": previews[0] if previews else None,
            "additionalInvoicesForPreview": previews[1:]}
