"""GraphiQL in a real (headless) Chromium against a live server, with nothing from elsewhere.

Drives Debian's ``/usr/bin/chromium`` through Playwright (never ``playwright install``: no
browser can be downloaded). Requests to any other origin are aborted *and* fail the test, so
this proves that GraphiQL works without internet access.
"""

import contextlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import ConsoleMessage, Page, Request, Route, async_playwright, expect

from samen.graphiql import assets_installed
from tests.conftest import IN_CI, LiveServer

pytestmark = pytest.mark.browser

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
EMAIL = "beheerder@voorbeeldstad.example"
QUERY = "{ viewer { user { email } } }"
TIMEOUT_MS = 15_000


def _require(ok: bool, message: str) -> None:
    """Fail in CI, where everything must be there; skip on a developer's machine."""
    if ok:
        return
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def _type_into(page: Page, editor_selector: str, text: str) -> None:
    """Click into a CodeMirror editor, select all and type ``text``, as a person would."""
    editor = page.locator(editor_selector)
    await editor.click()
    await page.keyboard.press("ControlOrMeta+a")
    await page.keyboard.press("Delete")
    await page.keyboard.type(text)
    # CodeMirror closes brackets and quotes itself; typing the closing one steps over it.
    assert await editor.evaluate("element => element.CodeMirror.getValue()") == text


@pytest.fixture
def chromium() -> Path:
    _require(CHROMIUM.exists(), f"{CHROMIUM} is missing; `make test` installs it (chromium)")
    _require(assets_installed(), "GraphiQL's assets are missing; `make assets` fetches them")
    return CHROMIUM


async def test_graphiql_runs_a_query_with_the_token_from_its_headers_editor(
    chromium: Path, live_server: LiveServer, tmp_path: Path
) -> None:
    own_origin = _origin(live_server.base_url)
    requested: list[str] = []
    page_errors: list[str] = []
    csp_violations: list[str] = []

    async def only_own_origin(route: Route) -> None:
        if _origin(route.request.url) == own_origin:
            await route.continue_()
        else:
            await route.abort("internetdisconnected")

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = await browser.new_context(viewport={"width": 1280, "height": 800})
            context.set_default_timeout(TIMEOUT_MS)
            await context.route("**/*", only_own_origin)
            page = await context.new_page()

            def on_request(request: Request) -> None:
                requested.append(request.url)

            def on_console(message: ConsoleMessage) -> None:
                if "Content Security Policy" in message.text:
                    csp_violations.append(message.text)

            page.on("request", on_request)
            page.on("console", on_console)
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            try:
                # given GraphiQL, loaded from the server alone
                await page.goto(f"{live_server.base_url}/graphql")
                await expect(page).to_have_title("Samen — GraphiQL")
                # when a person puts a token in the headers editor and runs a query
                await page.get_by_role("button", name="Headers", exact=True).click()
                token = live_server.tokens[EMAIL]
                await _type_into(
                    page,
                    'section.graphiql-editor-tool[aria-label="Headers"]'
                    " .graphiql-editor:not(.hidden) .CodeMirror",
                    f'{{"Authorization": "Bearer {token}"}}',
                )
                await _type_into(
                    page,
                    'section.graphiql-query-editor[aria-label="Query Editor"] .CodeMirror',
                    QUERY,
                )
                await page.get_by_role("button", name="Execute query").click()
                # then the result pane shows the signed-in user
                result = page.get_by_role("region", name="Result Window")
                await expect(result).to_contain_text(EMAIL, timeout=TIMEOUT_MS)
            except Exception as error:
                screenshot = tmp_path / "graphiql.png"
                with contextlib.suppress(Exception):  # the failure itself matters more
                    await page.screenshot(path=screenshot, full_page=True)
                    error.add_note(f"screenshot of the page: {screenshot}")
                raise
        finally:
            await browser.close()

    assert requested, "the page made no requests at all"
    foreign = [url for url in requested if _origin(url) != own_origin]
    assert foreign == [], f"requests to other origins than {own_origin}: {foreign}"
    assert page_errors == []
    assert csp_violations == []
