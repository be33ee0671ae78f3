"""The built-in ChargeOver API: a Starlette app over a deterministic generated account."""

from fusebill_tui.sandbox.chargeover.app import ChargeOverSandbox, create_chargeover_app
from fusebill_tui.sandbox.chargeover.settings import ChargeOverSettings

__all__ = ["ChargeOverSandbox", "ChargeOverSettings", "create_chargeover_app"]
