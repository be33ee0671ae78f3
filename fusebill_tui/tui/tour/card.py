"""The tour's card: which step this is, what to look at, how to do it by hand, and the keys."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TourCard(Static):
    """A card docked above the footer of whatever screen the tour is on."""

    def __init__(self, number: int, total: int, title: str, say: str, by_hand: str) -> None:
        super().__init__(id="tour-card")
        self.border_title = f"Tour · step {number} of {total}"
        self.border_subtitle = "space next · escape leave the tour"
        body = Text()
        body.append(title, style="bold")
        body.append(f"\n{say}")
        body.append(f"\nBy hand: {by_hand}", style="italic")
        self.update(body)

    @property
    def text(self) -> str:
        """What the card says, as plain text (tests read it)."""
        content = self.content
        return getattr(content, "plain", str(content))
