"""Mail through the durable outbox (P2, DESIGN.md §5), against a real SMTP server."""

import asyncio
import logging
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.config import Settings
from samen.db import SessionFactory, utcnow
from samen.events.mail import DeliveryReport, MailSender, backoff, enqueue_mail
from tests.events.conftest import MAIL_FROM, SmtpServer

RECIPIENT = "beheerder@odregio.example"
SUBJECT = "Uitnodiging: samenwerken met Gemeente Voorbeeldstad, één klik"
LINK = "https://samen.example/invitations/k2T9x"


async def enqueue_invitation(session: AsyncSession) -> models.OutboxMail:
    """An invitation mail, committed with the (here absent) change that caused it."""
    mail = enqueue_mail(
        session,
        kind="invitation",
        to=RECIPIENT,
        subject=SUBJECT,
        text=f"Bevestig de samenwerking: {LINK}",
        html=f'<p>Bevestig de <a href="{LINK}">samenwerking</a>.</p>',
    )
    await session.commit()
    return mail


async def test_p2_mail_survives_an_smtp_outage_and_is_delivered_once(
    session: AsyncSession, sender: MailSender, idle_smtp_server: SmtpServer
) -> None:
    # given: an invitation in the outbox while nothing listens on the SMTP port
    mail = await enqueue_invitation(session)
    start = utcnow()

    # when
    outage = await sender.deliver_due(now=start)
    # then
    assert outage == DeliveryReport(failed=1)
    await session.refresh(mail)
    assert (mail.sent_at, mail.attempts) == (None, 1)
    assert mail.last_error is not None
    assert "SMTPConnectError" in mail.last_error
    assert mail.next_attempt_at == start + timedelta(seconds=5)

    # when: asked again before the retry is due
    early = await sender.deliver_due(now=start + timedelta(seconds=4))
    # then
    assert early == DeliveryReport()
    await session.refresh(mail)
    assert mail.attempts == 1

    # when: the server is back and the retry is due
    idle_smtp_server.start()
    retry = start + timedelta(seconds=6)
    delivered = await sender.deliver_due(now=retry)
    # then
    assert delivered == DeliveryReport(sent=1)
    assert [received.rcpt_tos for received in idle_smtp_server.received] == [[RECIPIENT]]
    await session.refresh(mail)
    assert mail.sent_at == retry

    # when: later rounds
    later = [await sender.deliver_due(now=retry + timedelta(days=days)) for days in (1, 2)]
    # then: a sent mail is never sent again
    assert later == [DeliveryReport(), DeliveryReport()]
    assert len(idle_smtp_server.received) == 1


async def test_p2_mail_has_text_and_html_parts_headers_and_a_stable_message_id(
    session: AsyncSession, sender: MailSender, smtp_server: SmtpServer
) -> None:
    # given
    mail = await enqueue_invitation(session)
    now = utcnow()

    # when
    report = await sender.deliver_due(now=now)

    # then
    assert report == DeliveryReport(sent=1)
    [received] = smtp_server.received
    assert (received.mail_from, received.rcpt_tos) == ("noreply@samen.test", [RECIPIENT])
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    text_part = message.get_body(("plain",))
    html_part = message.get_body(("html",))
    assert text_part is not None
    assert html_part is not None
    assert LINK in text_part.get_content()
    assert f'href="{LINK}"' in html_part.get_content()
    assert str(message["From"]) == MAIL_FROM
    assert str(message["To"]) == RECIPIENT
    assert str(message["Subject"]) == SUBJECT
    assert str(message["Message-ID"]) == f"<{mail.id}@samen.test>"
    assert parsedate_to_datetime(str(message["Date"])) == now.replace(microsecond=0)


def test_p2_backoff_doubles_per_attempt_and_is_capped_at_an_hour() -> None:
    # given
    attempts = [1, 2, 3, 4, 10, 11, 12, 1000]

    # when
    waits = [backoff(n).total_seconds() for n in attempts]

    # then
    assert waits == [5, 10, 20, 40, 2560, 3600, 3600, 3600]


async def test_p2_each_failed_attempt_waits_longer(
    session: AsyncSession, sender: MailSender
) -> None:
    # given: a mail that failed once while the SMTP server is down
    mail = await enqueue_invitation(session)
    start = utcnow()
    await sender.deliver_due(now=start)
    second_try = start + timedelta(seconds=5)

    # when
    report = await sender.deliver_due(now=second_try)

    # then
    assert report == DeliveryReport(failed=1)
    await session.refresh(mail)
    assert mail.attempts == 2
    assert mail.next_attempt_at == second_try + timedelta(seconds=10)


async def test_p2_without_smtp_host_mail_is_logged_once_and_kept(
    session: AsyncSession, offline_sender: MailSender, caplog: pytest.LogCaptureFixture
) -> None:
    # given
    mail = await enqueue_invitation(session)
    caplog.set_level(logging.INFO, logger="samen.events.mail")
    now = utcnow()

    # when
    rounds = [
        await offline_sender.deliver_due(now=now),
        await offline_sender.deliver_due(now=now + timedelta(hours=1)),
    ]

    # then
    assert rounds == [DeliveryReport(logged=1), DeliveryReport()]
    [record] = [r for r in caplog.records if r.name == "samen.events.mail"]
    assert record.levelno == logging.INFO
    logged = record.getMessage()
    assert RECIPIENT in logged
    assert SUBJECT in logged
    assert LINK in logged
    await session.refresh(mail)
    assert (mail.sent_at, mail.logged_at, mail.attempts) == (None, now, 0)


async def test_p2_a_logged_mail_goes_out_once_an_smtp_host_is_configured(
    session: AsyncSession,
    offline_sender: MailSender,
    sender: MailSender,
    smtp_server: SmtpServer,
) -> None:
    # given: a mail logged while no SMTP host was configured
    mail = await enqueue_invitation(session)
    now = utcnow()
    await offline_sender.deliver_due(now=now)

    # when
    report = await sender.deliver_due(now=now + timedelta(minutes=1))

    # then
    assert report == DeliveryReport(sent=1)
    assert [str(r.message["Message-ID"]) for r in smtp_server.received] == [
        f"<{mail.id}@samen.test>"
    ]


async def test_p2_mail_of_a_rolled_back_change_is_never_sent(
    session: AsyncSession, sender: MailSender, smtp_server: SmtpServer
) -> None:
    # given: the mail was enqueued, but its transaction did not commit
    enqueue_mail(session, kind="invitation", to=RECIPIENT, subject=SUBJECT, text="t", html="h")
    await session.rollback()

    # when
    report = await sender.deliver_due(now=utcnow() + timedelta(minutes=1))

    # then
    assert report == DeliveryReport()
    assert smtp_server.received == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("to", "a@example.test\r\nBcc: b@example.test"), ("subject", "Hallo\nBcc: b@example.test")],
)
def test_p2_enqueue_refuses_header_injection(field: str, value: str) -> None:
    # given
    fields = {"to": RECIPIENT, "subject": SUBJECT, field: value}

    # when / then
    with pytest.raises(ValueError, match="line break"):
        enqueue_mail(
            AsyncSession(),
            kind="invitation",
            to=fields["to"],
            subject=fields["subject"],
            text="t",
            html="h",
        )


class ObservedSender(MailSender):
    """The real sender; each round's outcome also goes on a queue the test can wait on."""

    def __init__(self, settings: Settings, factory: SessionFactory, *, failing_rounds: int = 0):
        super().__init__(settings, factory)
        self.rounds: asyncio.Queue[DeliveryReport | Exception] = asyncio.Queue()
        self.failing_rounds = failing_rounds

    async def deliver_due(self, *, now: datetime | None = None, limit: int = 50) -> DeliveryReport:
        if self.failing_rounds:
            self.failing_rounds -= 1
            error = ConnectionError("database unreachable")
            self.rounds.put_nowait(error)
            raise error
        report = await super().deliver_due(now=now, limit=limit)
        self.rounds.put_nowait(report)
        return report


async def stop_running(stop: asyncio.Event, running: "asyncio.Task[None]") -> None:
    stop.set()
    await asyncio.wait_for(running, 1)


async def test_p2_run_delivers_soon_after_wake_and_stops_cleanly(
    session: AsyncSession,
    factory: SessionFactory,
    smtp_settings: Settings,
    smtp_server: SmtpServer,
) -> None:
    # given: a running sender, idle after its first round, whose interval outlasts the test
    sender = ObservedSender(smtp_settings, factory)
    stop = asyncio.Event()
    running = asyncio.create_task(sender.run(stop, interval=60))
    try:
        assert await asyncio.wait_for(sender.rounds.get(), 5) == DeliveryReport()
        await enqueue_invitation(session)

        # when
        sender.wake()
        woken = await asyncio.wait_for(sender.rounds.get(), 1)
    finally:
        await stop_running(stop, running)

    # then
    assert woken == DeliveryReport(sent=1)
    assert len(smtp_server.received) == 1
    assert running.done()
    assert running.exception() is None


async def test_p2_run_survives_a_failing_round(
    session: AsyncSession,
    factory: SessionFactory,
    smtp_settings: Settings,
    smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given: a mail in the outbox and a sender whose first round fails
    await enqueue_invitation(session)
    sender = ObservedSender(smtp_settings, factory, failing_rounds=1)
    stop = asyncio.Event()

    # when
    running = asyncio.create_task(sender.run(stop, interval=60))
    try:
        first = await asyncio.wait_for(sender.rounds.get(), 5)
        sender.wake()
        second = await asyncio.wait_for(sender.rounds.get(), 1)
    finally:
        await stop_running(stop, running)

    # then
    assert isinstance(first, ConnectionError)
    assert second == DeliveryReport(sent=1)
    assert len(smtp_server.received) == 1
    assert "mail delivery round failed" in caplog.text
