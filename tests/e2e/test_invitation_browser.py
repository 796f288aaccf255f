"""P2, P6, P3 end to end: invite over HTTP, the mail arrives over SMTP, a person accepts in
a real (headless) Chromium.

The server is a real uvicorn with the app's own engine, so its lifespan runs the mail sender;
mail goes to an aiosmtpd server in the test process. The browser may reach the server alone.
"""

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.async_api import expect

from samen.app import create_app
from samen.config import Settings
from samen.db import engine_from_settings, session_factory
from samen.migrate import upgrade_to_head
from samen.services import demo
from tests.conftest import _free_port
from tests.e2e.browser import origin, watched_page
from tests.smtp import ReceivedMail, SmtpServer

pytestmark = pytest.mark.browser

INVITER = "beheerder@voorbeeldstad.example"
INVITEE = "beheerder@odregio.example"
MAIL_WAIT_SECONDS = 10.0

FIND = """query($search: String) {
  organisations(search: $search) { edges { node { id name } } }
}"""
INVITE = """mutation($input: InvitePartnerInput!) {
  invitePartner(input: $input) { partnership { state } errors { code message } }
}"""
SHARED = "{ partnerships { state directingParty { name } } folders { name isShared } }"


@dataclass
class MailingServer:
    """A live Samen that mails through ``smtp``."""

    base_url: str
    tokens: dict[str, str]
    smtp: SmtpServer

    async def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, as_user: str
    ) -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=self.base_url, timeout=10) as client:
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": variables or {}},
                headers={"Authorization": f"Bearer {self.tokens[as_user]}"},
            )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body
        return body

    async def mail_for(self, address: str) -> ReceivedMail:
        """The first mail the SMTP server received for ``address``; waits a bounded while."""
        deadline = time.monotonic() + MAIL_WAIT_SECONDS
        while time.monotonic() < deadline:
            for mail in list(self.smtp.received):
                if address in mail.rcpt_tos:
                    return mail
            await asyncio.sleep(0.05)
        pytest.fail(f"no mail for {address} within {MAIL_WAIT_SECONDS} s")


@pytest.fixture
async def mailing_server(tmp_path: Path) -> AsyncIterator[MailingServer]:
    """uvicorn on a fresh SQLite file seeded with the demo, mailing to an aiosmtpd server."""
    smtp = SmtpServer(_free_port())
    smtp.start()
    port = _free_port()
    settings = smtp.settings(
        Settings(  # type: ignore[call-arg]
            _env_file=None,
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'samen.db'}",
            base_url=f"http://127.0.0.1:{port}",
        )
    )
    engine = engine_from_settings(settings)
    await upgrade_to_head(engine)
    async with session_factory(engine)() as session:
        tokens = await demo.seed_demo(session)
        await session.commit()
    await engine.dispose()

    # No factory: the app owns its engine, so its lifespan runs the mail sender.
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("the live server did not start")
        yield MailingServer(base_url=settings.base_url, tokens=tokens, smtp=smtp)
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join, 10)
        smtp.stop()


async def test_p2_p6_p3_a_partner_accepts_the_mailed_invitation_in_a_browser(
    chromium: Path, mailing_server: MailingServer, tmp_path: Path
) -> None:
    own_origin = origin(mailing_server.base_url)

    # given: Gemeente Voorbeeldstad invites Omgevingsdienst Regio over the API
    found = await mailing_server.graphql(FIND, {"search": "Omgevingsdienst"}, as_user=INVITER)
    [organisation] = [edge["node"] for edge in found["data"]["organisations"]["edges"]]
    assert organisation["name"] == "Omgevingsdienst Regio"
    invited = await mailing_server.graphql(
        INVITE, {"input": {"organisationId": organisation["id"]}}, as_user=INVITER
    )
    assert invited["data"]["invitePartner"] == {"partnership": {"state": "INVITED"}, "errors": []}
    # and the mail reaches the partner's zaaktype admin through SMTP
    mail = await mailing_server.mail_for(INVITEE)
    [link] = [w for w in mail.part("plain").split() if w.startswith(f"{own_origin}/invitations/")]
    assert f'href="{link}"' in mail.part("html")

    async with watched_page(
        chromium,
        mailing_server.base_url,
        viewport={"width": 1024, "height": 768},
        screenshot=tmp_path / "invitation.png",
    ) as watched:
        page = watched.page
        # when the admin opens the link from the mail
        await page.goto(link)
        # then the page names the inviting party, and opening accepted nothing (P6)
        await expect(page.get_by_role("heading", level=1)).to_have_text(
            "Uitnodiging tot samenwerking"
        )
        await expect(page.locator("body")).to_contain_text("Gemeente Voorbeeldstad")
        before = await mailing_server.graphql(SHARED, as_user=INVITEE)
        assert before["data"]["partnerships"][0]["state"] == "INVITED"
        assert before["data"]["folders"] == []
        # when they press the button
        await page.get_by_role("button", name="Samenwerking bevestigen").click()
        # then the confirmation shows
        await expect(page.get_by_role("heading", level=1)).to_have_text("Samenwerking bevestigd")
        await expect(page.locator("body")).to_contain_text(
            "U werkt nu samen met Gemeente Voorbeeldstad"
        )

    # and the partner now shares with the directing party, in its own tree (P3)
    after = await mailing_server.graphql(SHARED, as_user=INVITEE)
    assert after["data"]["partnerships"] == [
        {"state": "ACCEPTED", "directingParty": {"name": "Gemeente Voorbeeldstad"}}
    ]
    assert after["data"]["folders"] == [{"name": "Gemeente Voorbeeldstad", "isShared": True}]
    assert [m.rcpt_tos for m in mailing_server.smtp.received] == [[INVITEE]]
    assert watched.requested, "the browser made no requests at all"
    foreign = [url for url in watched.requested if origin(url) != own_origin]
    assert foreign == [], f"requests to other origins than {own_origin}: {foreign}"
    assert watched.page_errors == []
    assert watched.csp_violations == []
