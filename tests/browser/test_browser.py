"""A real browser: Debian's Chromium, headless, driven by Playwright, on `fusebill-tui serve --demo`.

It never downloads a browser: when Chromium or Playwright is missing, the test is skipped
with a reason that names what is missing and how to install it (`.ci/run` installs both).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from serving import serving

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(__file__).resolve().parents[2] / "screenshots" / "browser.png"
WAIT_MS = 20_000  # an upper bound for the app to draw, not an expectation

#: textual-serve keeps its xterm.js Terminal private; catch it as the page assigns it to `this.terminal`.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && typeof value.write === 'function') { window.__terminal = value; }
  },
});
"""
#: The terminal's visible rows as text (what a person reads on the page).
SCREEN_TEXT = """() => {
  const terminal = window.__terminal;
  if (!terminal) { return ''; }
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : '');
  }
  return rows.join('\\n');
}"""


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if not found:
        pytest.skip("BROWSER TEST SKIPPED: Chromium is not installed "
                    "(apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
    return found


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("BROWSER TEST SKIPPED: Playwright is not installed (pip install -e '.[browser]')")
    return sync_playwright


def _wait_for_text(page, *needles: str, gone: tuple[str, ...] = ()) -> str:
    """Wait until every needle is on the terminal's screen (and none of ``gone``), and return the screen."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => {{ const text = ({SCREEN_TEXT})(); "
                               f"return {list(needles)!r}.every(needle => text.includes(needle)) "
                               f"&& !{list(gone)!r}.some(needle => text.includes(needle)); }}",
                               timeout=WAIT_MS)
    except PlaywrightTimeout:
        raise AssertionError(f"never shown: {needles} (or still shown: {gone}); the page shows:\n"
                             f"{page.evaluate(SCREEN_TEXT)}") from None
    return page.evaluate(SCREEN_TEXT)


def test_the_served_app_works_in_chromium(tmp_path: Path) -> None:
    chromium = _chromium()
    sync_playwright = _playwright()
    with serving(tmp_path, "--demo") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 800})
        try:
            page = browser.new_page()
            page.add_init_script(CATCH_TERMINAL)
            page.goto(url.printed)  # the address serve printed, token and all, as a user would open it

            listing = _wait_for_text(page, "page 1 of 40 · 2,000 customers", "Hill, Zoey")
            assert "sandbox (built-in)" in listing
            assert "Miller, David" in listing and "Suspended" in listing

            # Give the terminal the keyboard with a click on the title bar (lower down, a click picks a row),
            # then make sure the app has taken the focus in: open the help and close it again.
            page.locator(".xterm-screen").click(position={"x": 400, "y": 4})
            page.keyboard.press("?")
            _wait_for_text(page, "search keys…")
            page.keyboard.press("Escape")
            _wait_for_text(page, "Hill, Zoey", gone=("search keys…",))
            for _ in range(6):  # down to the seventh row, Mitchell, Camila, and open her
                page.keyboard.press("j")
            page.keyboard.press("Enter")
            customer = _wait_for_text(page, "Camila", "Mitchell #100007", "818.38", "2 days", "esc Back", "Geotab")
            assert "Wayne Industries" in customer
            assert "Hill, Zoey" not in customer  # the list is gone: the customer's screen is shown
            shot = page.screenshot(path=str(tmp_path / "browser.png"))
            assert shot[:8] == b"\x89PNG\r\n\x1a\n"
            if os.environ.get("UPDATE_SCREENSHOTS"):
                SCREENSHOT.write_bytes(shot)

            page.keyboard.press("Escape")  # back to the list, the cursor where it was
            _wait_for_text(page, "page 1 of 40", "Hill, Zoey", gone=("Mitchell #100007",))
            page.keyboard.press("k")
            page.keyboard.press("Enter")  # the row above: Davis, Penelope
            neighbour = _wait_for_text(page, "Penelope Davis #", "Harbour Systems")
            assert "Camila" not in neighbour

            # The token left the address bar for an HttpOnly cookie, so a reload opens the app again.
            assert "token" not in page.url
            (cookie,) = [c for c in browser.cookies() if c["name"].startswith("fusebill_tui_token_")]
            assert cookie["value"] == url.token and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
            page.reload()
            _wait_for_text(page, "page 1 of 40", "Hill, Zoey")

        finally:
            browser.close()
