"""Where a widget's styles come from: the .tcss file beside its module.

Every screen and widget keeps its styles in a .tcss file beside it (``app.tcss`` holds the app-wide rules
only). A screen names its file in ``CSS_PATH``; a widget cannot (Textual reads ``CSS_PATH`` on apps and
screens only), so it reads its file into ``DEFAULT_CSS`` with ``css_beside``, scoped to the widget as
Textual scopes default CSS.
"""

from __future__ import annotations

from pathlib import Path


def css_beside(module_file: str, name: str | None = None) -> str:
    """The text of ``<name>.tcss`` beside ``module_file`` (by default the module's own name), for DEFAULT_CSS."""
    path = Path(module_file)
    return path.with_name(f"{name or path.stem}.tcss").read_text(encoding="utf-8")
