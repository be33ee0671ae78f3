"""The async ChargeOver client (no Textual, no sandbox imports): models, the `where` language and the client."""

from .models import ChargeOverCustomer, ChargeOverInvoice, ChargeOverLineItem, ChargeOverNote
from .where import Condition, encode_where, parse_where, plain_search

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

from .client import ChargeOverClient  # noqa: E402  (after the models it uses)

__all__ += ["ChargeOverClient"]
