"""The one typed way from a widget, screen or dialog to the running FusebillApp.

``node.app`` is typed as Textual's ``App``; every screen of this package runs in a ``FusebillApp`` (or the
tour's subclass), so the cast is made once, here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.command import Provider
from textual.dom import DOMNode

if TYPE_CHECKING:
    from fusebill_tui.tui.app import FusebillApp


def fusebill_app(node: DOMNode | Provider) -> FusebillApp:
    """The app ``node`` (a widget, screen, dialog or command palette provider) runs in, typed as the FusebillApp
    it is."""
    return cast("FusebillApp", node.app)
