"""GraphiQL in a real (headless) Chromium against a live server, with nothing from elsewhere.

Requests to any other origin are aborted *and* fail the test, so this proves that GraphiQL
works without internet access (see ``tests.e2e.browser``).
"""

from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from samen.graphiql import assets_installed
from tests.conftest import LiveServer
from tests.e2e.browser import TIMEOUT_MS, origin, require, watched_page

pytestmark = pytest.mark.browser

EMAIL = "beheerder@voorbeeldstad.example"
QUERY = "{ viewer { user { email } } }"


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
def chromium_with_graphiql(chromium: Path) -> Path:
    """Chromium, and GraphiQL's assets for the server to serve."""
    require(assets_installed(), "GraphiQL's assets are missing; `make assets` fetches them")
    return chromium


async def test_graphiql_runs_a_query_with_the_token_from_its_headers_editor(
    chromium_with_graphiql: Path, live_server: LiveServer, tmp_path: Path
) -> None:
    own_origin = origin(live_server.base_url)

    async with watched_page(
        chromium_with_graphiql,
        live_server.base_url,
        viewport={"width": 1280, "height": 800},
        screenshot=tmp_path / "graphiql.png",
    ) as watched:
        page = watched.page
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

    assert watched.requested, "the page made no requests at all"
    foreign = [url for url in watched.requested if origin(url) != own_origin]
    assert foreign == [], f"requests to other origins than {own_origin}: {foreign}"
    assert watched.page_errors == []
    assert watched.csp_violations == []
