"""The async ChargeOver client (no Textual, no sandbox imports): models, the `where` language and the client."""

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

__all__ = [
    "ChargeOverCustomer",
    "ChargeOverInvoice",
    "ChargeOverLineItem",
    "ChargeOverNote",
    "Condition",
    "encode_where",
    "parse_where",
    "plain_search",
]

from fusebill_tui.vendors.chargeover.client import ChargeOverClient

__all__ += ["ChargeOverClient"]
