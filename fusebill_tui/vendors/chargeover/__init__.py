"""The async ChargeOver client (no Textual, no sandbox imports): models, the `where` language and the client.

The names below load on first use, so reading ``vendor.py`` (as the config does at start-up) imports neither
httpx nor pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fusebill_tui.core.lazy import lazy_getattr

if TYPE_CHECKING:
    from fusebill_tui.vendors.chargeover.client import ChargeOverClient
    from fusebill_tui.vendors.chargeover.models import (
        ChargeOverCustomer,
        ChargeOverInvoice,
        ChargeOverLineItem,
        ChargeOverNote,
    )
    from fusebill_tui.vendors.chargeover.where import (
        Condition,
        encode_where,
        parse_where,
        plain_search,
    )

_WHERE = {
    **{name: "fusebill_tui.vendors.chargeover.models"
       for name in ("ChargeOverCustomer", "ChargeOverInvoice", "ChargeOverLineItem", "ChargeOverNote")},
    **{name: "fusebill_tui.vendors.chargeover.where"
       for name in ("Condition", "encode_where", "parse_where", "plain_search")},
    "ChargeOverClient": "fusebill_tui.vendors.chargeover.client",
}

__all__ = [
    "ChargeOverClient",
    "ChargeOverCustomer",
    "ChargeOverInvoice",
    "ChargeOverLineItem",
    "ChargeOverNote",
    "Condition",
    "encode_where",
    "parse_where",
    "plain_search",
]


__getattr__ = lazy_getattr(__name__, _WHERE)
