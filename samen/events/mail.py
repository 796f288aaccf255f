"""Mail through the durable outbox (DESIGN.md P2, §5).

A mail is added to the outbox in the transaction of the change that causes it
(``enqueue_mail``); ``MailSender`` delivers it afterwards with aiosmtplib, retrying with
backoff while the SMTP server is unreachable. With no SMTP host configured a mail is written
to the log once and kept, still unsent, until a server is configured.

Delivery is at least once: a process that dies after the SMTP server accepted a mail but
before ``sent_at`` was committed sends it again after ``CLAIM_LEASE``, with the same
``Message-ID`` so that the receiver can recognise the duplicate.
"""

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

import aiosmtplib
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.config import Settings
from samen.db import SessionFactory, utcnow

log = logging.getLogger("samen.events.mail")

FIRST_RETRY = timedelta(seconds=5)
LONGEST_RETRY = timedelta(hours=1)
SMTP_TIMEOUT = 30.0
# While one sender delivers a mail, others skip it this long; far longer than one SMTP exchange.
CLAIM_LEASE = timedelta(minutes=5)
MAX_ERROR_LENGTH = 300


def enqueue_mail(
    session: AsyncSession, *, kind: str, to: str, subject: str, text: str, html: str
) -> models.OutboxMail:
    """Put a mail in the outbox within the caller's transaction; it goes out after the commit."""
    for field, value in (("to", to), ("subject", subject)):
        if "\r" in value or "\n" in value:
            raise ValueError(f"a mail's {field} may not contain a line break")
    now = utcnow()
    mail = models.OutboxMail(
        id=uuid.uuid4(),
        kind=kind,
        to_address=to,
        subject=subject,
        text_body=text,
        html_body=html,
        created_at=now,
        attempts=0,
        next_attempt_at=now,
    )
    session.add(mail)
    return mail


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 5 s, 10 s, 20 s, … at most an hour."""
    return min(FIRST_RETRY * (1 << min(max(attempts - 1, 0), 20)), LONGEST_RETRY)


@dataclass(frozen=True)
class DeliveryReport:
    """What one ``deliver_due`` round did."""

    sent: int = 0
    failed: int = 0
    logged: int = 0


class MailSender:
    """Drains the outbox; several processes may drain one PostgreSQL outbox at once."""

    def __init__(self, settings: Settings, factory: SessionFactory) -> None:
        self.settings = settings
        self.factory = factory
        self.from_address = parseaddr(settings.mail_from)[1]
        self.message_id_domain = self.from_address.rpartition("@")[2] or "samen"
        self._wake = asyncio.Event()

    @property
    def smtp_configured(self) -> bool:
        return bool(self.settings.smtp_host)

    def wake(self) -> None:
        """Ask ``run`` for a round now; call it after the commit that enqueued mail."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, interval: float = 5.0) -> None:
        """Deliver due mail every ``interval`` seconds, or at once when woken, until ``stop``."""
        while not stop.is_set():
            # Cleared before the round, so a wake during the round causes another one.
            self._wake.clear()
            try:
                await self.deliver_due()
            except Exception:
                log.exception("mail delivery round failed; next round in %s s", interval)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await _first_of(stop, self._wake)

    async def deliver_due(self, *, now: datetime | None = None, limit: int = 50) -> DeliveryReport:
        """Send (or, with no SMTP host, log) up to ``limit`` pending mails that are due."""
        now = now or utcnow()
        sent = failed = logged = 0
        for _ in range(limit):
            mail = await self._claim(now)
            if mail is None:
                break
            if not self.smtp_configured:
                logged += 1
                continue
            try:
                await self._send(mail, now)
            except Exception as error:
                failed += 1
                await self._record_failure(mail, now, error)
            else:
                sent += 1
                await self._record(mail.id, sent_at=now)
        return DeliveryReport(sent=sent, failed=failed, logged=logged)

    async def _claim(self, now: datetime) -> models.OutboxMail | None:
        """Take the oldest due mail in a short transaction of its own.

        Claiming is one ``UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) RETURNING``:
        concurrent senders never wait for nor take the same mail, and no transaction stays
        open while the SMTP server is talked to (on SQLite that would block every writer).
        """
        outbox = models.OutboxMail
        due = select(outbox.id).where(outbox.sent_at.is_(None), outbox.next_attempt_at <= now)
        claimed: dict[str, Any]
        if self.smtp_configured:
            claimed = {"next_attempt_at": now + CLAIM_LEASE}
        else:
            due = due.where(outbox.logged_at.is_(None))
            claimed = {"logged_at": now}
        oldest = (
            due.order_by(outbox.next_attempt_at, outbox.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        claim = (
            update(outbox)
            .where(outbox.id == oldest)
            .values(claimed)
            .returning(outbox)
            .execution_options(synchronize_session=False)
        )
        async with self.factory() as session, session.begin():
            mail: models.OutboxMail | None = await session.scalar(claim)
            if mail is not None and not self.smtp_configured:
                log.info(
                    "No SMTP host configured; mail %s kept in the outbox, unsent.\n"
                    "To: %s\nSubject: %s\n\n%s",
                    mail.id,
                    mail.to_address,
                    mail.subject,
                    mail.text_body,
                )
        return mail

    async def _send(self, mail: models.OutboxMail, now: datetime) -> None:
        settings = self.settings
        await aiosmtplib.send(
            self._compose(mail, now),
            sender=self.from_address,
            recipients=[mail.to_address],
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username or None,
            password=settings.smtp_password or None,
            # Implicit TLS when asked; otherwise aiosmtplib upgrades with STARTTLS if offered.
            use_tls=settings.smtp_tls,
            timeout=SMTP_TIMEOUT,
        )

    def _compose(self, mail: models.OutboxMail, now: datetime) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.settings.mail_from
        message["To"] = mail.to_address
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(now)
        # Derived from the outbox row, so a resent mail (see the module's docstring) has the
        # same id and the receiver can drop the duplicate.
        message["Message-ID"] = f"<{mail.id}@{self.message_id_domain}>"
        message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
        message.set_content(mail.text_body)
        message.add_alternative(mail.html_body, subtype="html")
        return message

    async def _record_failure(
        self, mail: models.OutboxMail, now: datetime, error: Exception
    ) -> None:
        attempts = mail.attempts + 1
        retry_at = now + backoff(attempts)
        reason = self._describe(error)
        log.warning(
            "mail %s to %s not delivered (attempt %d), next attempt at %s: %s",
            mail.id,
            mail.to_address,
            attempts,
            retry_at.isoformat(),
            reason,
        )
        await self._record(mail.id, attempts=attempts, last_error=reason, next_attempt_at=retry_at)

    async def _record(self, mail_id: uuid.UUID, **values: Any) -> None:
        outbox = models.OutboxMail
        async with self.factory() as session, session.begin():
            await session.execute(update(outbox).where(outbox.id == mail_id).values(values))

    def _describe(self, error: Exception) -> str:
        """A short, single-line reason that never repeats the SMTP password."""
        reason = " ".join(f"{type(error).__name__}: {error}".split())
        if self.settings.smtp_password:
            reason = reason.replace(self.settings.smtp_password, "***")
        return reason[:MAX_ERROR_LENGTH]


async def _first_of(*events: asyncio.Event) -> None:
    """Wait until one of ``events`` is set."""
    waiters = [asyncio.create_task(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
        await asyncio.gather(*waiters, return_exceptions=True)
