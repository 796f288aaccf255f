"""Headless Chromium for the browser tests, held to the live server's own origin.

Drives Debian's ``/usr/bin/chromium`` through Playwright (never ``playwright install``: no
browser can be downloaded). Requests to any other origin are aborted; the tests assert on what
``watched_page`` recorded, so that they prove the page works without internet access.
"""

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import (
    ConsoleMessage,
    Page,
    Request,
    Route,
    ViewportSize,
    async_playwright,
)

from tests.conftest import IN_CI

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


def require(ok: bool, message: str) -> None:
    """Fail in CI, where everything must be there; skip on a developer's machine."""
    if ok:
        return
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def origin(url: str) -> str:
    """``scheme://host:port`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class WatchedPage:
    """A page, and what it did: every URL it requested, its errors and CSP violations."""

    page: Page
    requested: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        self.requested.append(request.url)

    def on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def on_page_error(self, error: Exception) -> None:
        self.page_errors.append(str(error))


@contextlib.asynccontextmanager
async def watched_page(
    chromium: Path, base_url: str, *, viewport: ViewportSize, screenshot: Path
) -> AsyncIterator[WatchedPage]:
    """A fresh page in headless ``chromium`` that may reach ``base_url``'s origin alone.

    Requests elsewhere are aborted as if the internet were gone (and still recorded). When the
    body raises, a full-page screenshot is saved to ``screenshot`` and named in a note.
    """
    own_origin = origin(base_url)

    async def only_own_origin(route: Route) -> None:
        if origin(route.request.url) == own_origin:
            await route.continue_()
        else:
            await route.abort("internetdisconnected")

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = await browser.new_context(viewport=viewport)
            context.set_default_timeout(TIMEOUT_MS)
            await context.route("**/*", only_own_origin)
            page = await context.new_page()
            watched = WatchedPage(page)
            page.on("request", watched.on_request)
            page.on("console", watched.on_console)
            page.on("pageerror", watched.on_page_error)
            try:
                yield watched
            except Exception as error:
                with contextlib.suppress(Exception):  # the failure itself matters more
                    await page.screenshot(path=screenshot, full_page=True)
                    error.add_note(f"screenshot of the page: {screenshot}")
                raise
        finally:
            await browser.close()
