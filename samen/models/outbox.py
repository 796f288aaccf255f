"""The durable outbox (DESIGN.md §5): mail written in the same transaction as the change."""

import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from samen.db import Base, utcnow


class OutboxMail(Base):
    """One mail to one recipient; delivered by ``samen.events.mail`` with retries and backoff."""

    __tablename__ = "outbox_mail"
    __table_args__ = (Index("ix_outbox_mail_pending", "sent_at", "next_attempt_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(40))  # e.g. "invitation", "status_message"
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    # With no SMTP server configured the mail is logged once and kept, still unsent.
    logged_at: Mapped[datetime | None]
