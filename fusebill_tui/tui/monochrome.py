"""NO_COLOR output that stays readable: greys, with enough contrast between text and its background.

Textual honours NO_COLOR by turning every colour into a grey of the same luminance. Red and
blue are dark, so a "Suspended" or "Collection" status (red) on a dark background became
almost invisible. This filter does the same conversion, then pushes text that ends up too
close to its background to black or white; the words themselves carry the meaning.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter, Monochrome

#: The least brightness difference (0..1) kept between text and its background.
MIN_CONTRAST = 0.45


@lru_cache(1024)
def readable_monochrome_style(style: Style, background: Color) -> Style:
    """``style`` in greys, its text moved to black or white when it would blend into its background."""
    back = Color.from_rich_color(style.bgcolor).monochrome if style.bgcolor is not None else background.monochrome
    fore = Color.from_rich_color(style.color).monochrome if style.color is not None else None
    if fore is not None and abs(fore.brightness - back.brightness) < MIN_CONTRAST:
        fore = Color(0, 0, 0) if back.brightness > 0.5 else Color(255, 255, 255)
    return style + Style.from_color(
        None if fore is None else fore.rich_color,
        None if style.bgcolor is None else back.rich_color,
    )


class ReadableMonochrome(LineFilter):
    """Textual's Monochrome filter, keeping text readable against its background."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """Turn every segment's colours to greys with enough contrast."""
        return [
            Segment(text, None if style is None else readable_monochrome_style(style, background), None)
            for text, style, _control in segments
        ]


def use_readable_monochrome(filters: list[LineFilter]) -> None:
    """Replace Textual's Monochrome filter (NO_COLOR) in ``filters`` with ReadableMonochrome, in place."""
    for index, line_filter in enumerate(filters):
        if type(line_filter) is Monochrome:
            filters[index] = ReadableMonochrome(enabled=line_filter.enabled)
