"""The built-in Fusebill API: a Starlette app over a deterministic generated account."""

from .app import Sandbox, create_app
from .settings import DEFAULT_API_KEY, SandboxSettings

__all__ = ["DEFAULT_API_KEY", "Sandbox", "SandboxSettings", "create_app"]
