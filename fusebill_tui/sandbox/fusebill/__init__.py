"""The built-in Fusebill API: a Starlette app over a deterministic generated account."""

from fusebill_tui.sandbox.fusebill.app import Sandbox, create_app
from fusebill_tui.sandbox.fusebill.settings import DEFAULT_API_KEY, SandboxSettings

__all__ = ["DEFAULT_API_KEY", "Sandbox", "SandboxSettings", "create_app"]
