"""Partnerships between a directing party and a partner, their invitation links, and the
partners linked to a zaaktype."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from samen.db import Base, utcnow
from samen.models.enums import AccessLevel, stored


class PartnershipState(enum.Enum):
    INVITED = "INVITED"
    ACCEPTED = "ACCEPTED"
    ENDED = "ENDED"


class Partnership(Base):
    """invited → accepted → ended, between a directing party and a partner."""

    __tablename__ = "partnership"
    __table_args__ = (
        # At most one live (invited or accepted) partnership per pair.
        Index(
            "uq_partnership_live_pair",
            "directing_party_id",
            "partner_id",
            unique=True,
            sqlite_where=text("state != 'ENDED'"),
            postgresql_where=text("state != 'ENDED'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    directing_party_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[PartnershipState] = mapped_column(stored(PartnershipState))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    invited_by_email: Mapped[str] = mapped_column(String(254))
    accepted_at: Mapped[datetime | None]
    accepted_by_email: Mapped[str | None] = mapped_column(String(254))
    ended_at: Mapped[datetime | None]
    ended_by_email: Mapped[str | None] = mapped_column(String(254))


class InvitationLink(Base):
    """A personal, expiring confirmation link (P6); only the token's hash is stored."""

    __tablename__ = "invitation_link"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    recipient_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE")
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    spent_at: Mapped[datetime | None]


class ZaaktypePartner(Base):
    """A partner linked to a zaaktype (Z1) with the directing party's ceiling on access (A1)."""

    __tablename__ = "zaaktype_partner"
    __table_args__ = (UniqueConstraint("zaaktype_id", "partner_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    zaaktype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    max_access: Mapped[AccessLevel] = mapped_column(stored(AccessLevel))
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)
