"""P2 end to end: an invitation made while the SMTP server is down is delivered once, later."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.config import Settings
from samen.db import SessionFactory, utcnow
from samen.events.mail import DeliveryReport, MailSender, backoff
from samen.models.partnership import PartnershipState
from samen.services import partnerships
from tests.conftest import GraphQLClient
from tests.partnerships.test_invitations import INVITE, Pair, outbox
from tests.smtp import SmtpServer

BASE_URL = "https://samen.gemeente.test"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A base URL of its own, so the mailed links show they are built from the settings."""
    return settings.model_copy(update={"base_url": BASE_URL})


async def test_p2_an_invitation_survives_an_smtp_outage_and_is_delivered_once(
    session: AsyncSession,
    gql: GraphQLClient,
    factory: SessionFactory,
    smtp_settings: Settings,
    idle_smtp_server: SmtpServer,
) -> None:
    # given: a partner with two zaaktype admins, and nothing listening on the SMTP port
    pair = await Pair().build(session)
    sender = MailSender(smtp_settings, factory)

    # when: the directing party invites it through the API
    result = await gql(
        INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token
    )
    start = utcnow()
    outage = await sender.deliver_due(now=start)

    # then: the invitation stands and both mails wait for a retry
    assert "errors" not in result, result
    assert result["data"]["invitePartner"]["errors"] == []
    assert result["data"]["invitePartner"]["partnership"]["state"] == "INVITED"
    assert outage == DeliveryReport(failed=2)
    session.expire_all()
    waiting = await outbox(session, "invitation")
    assert [m.to_address for m in waiting] == ["ana@od.test", "bob@od.test"]
    for queued in waiting:
        assert (queued.sent_at, queued.attempts) == (None, 1)
        assert queued.next_attempt_at == start + backoff(1)
        assert queued.next_attempt_at > start
        assert queued.last_error is not None
    partnership = (await session.scalars(select(models.Partnership))).one()
    assert partnership.state is PartnershipState.INVITED
    assert idle_smtp_server.received == []

    # when: the server is back, and the retry is due
    idle_smtp_server.start()
    retry = start + backoff(1) + timedelta(seconds=1)
    delivered = await sender.deliver_due(now=retry)

    # then: one message per admin, each with a personal link in both parts
    assert delivered == DeliveryReport(sent=2)
    received = sorted(idle_smtp_server.received, key=lambda message: message.rcpt_tos)
    assert [mail.rcpt_tos for mail in received] == [["ana@od.test"], ["bob@od.test"]]
    links: set[str] = set()
    for mail in received:
        text = mail.part("plain")
        html = mail.part("html")
        [link] = [word for word in text.split() if word.startswith(f"{BASE_URL}/invitations/")]
        assert f'href="{link}"' in html
        links.add(link)
        token = link.removeprefix(f"{BASE_URL}/invitations/")
        recipient = await session.scalar(
            select(models.User.email)
            .join(models.InvitationLink, models.InvitationLink.recipient_id == models.User.id)
            .where(models.InvitationLink.token_hash == partnerships.token_hash(token))
        )
        assert [recipient] == mail.rcpt_tos  # the link is bound to its recipient (P6)
    assert len(links) == 2

    # when: later rounds
    later = [await sender.deliver_due(now=retry + timedelta(hours=hours)) for hours in (1, 24)]

    # then: nothing is sent twice
    assert later == [DeliveryReport(), DeliveryReport()]
    assert len(idle_smtp_server.received) == 2
    session.expire_all()
    assert [m.sent_at for m in await outbox(session, "invitation")] == [retry, retry]
