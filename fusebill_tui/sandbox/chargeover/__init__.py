"""The built-in ChargeOver API: a Starlette app over a deterministic generated account."""

from .app import ChargeOverSandbox, create_chargeover_app
from .settings import ChargeOverSettings

__all__ = ["ChargeOverSandbox", "ChargeOverSettings", "create_chargeover_app"]
