"""An organisation's zaaktype catalogue: folders, zaaktypen, versions and publications.

A zaaktype is the identity that lasts; what it *is* at any moment lives in its versions. A
version is a concept (editable) until its first publication; then it is immutable.
"""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from samen.db import Base, utcnow
from samen.models.enums import AccessLevel, Confidentiality, stored


class Folder(Base):
    """A node of an organisation's zaaktype tree."""

    __tablename__ = "folder"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("folder.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set on the folder P3 adds to a partner's tree: read-only there (P4), gone when it ends (P5).
    shared_by_partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), unique=True
    )


class Zaaktype(Base):
    __tablename__ = "zaaktype"
    __table_args__ = (UniqueConstraint("organisation_id", "identification"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # The directing party: the owner of the zaaktype and its zaken.
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    folder_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("folder.id", ondelete="RESTRICT"), index=True
    )
    identification: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ZaaktypeVersion(Base):
    __tablename__ = "zaaktype_version"
    __table_args__ = (
        UniqueConstraint("zaaktype_id", "number"),
        # One concept per zaaktype at a time, also under concurrent createConcept calls.
        Index(
            "uq_zaaktype_version_one_concept",
            "zaaktype_id",
            unique=True,
            sqlite_where=text("is_concept"),
            postgresql_where=text("is_concept"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    zaaktype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    is_concept: Mapped[bool] = mapped_column(default=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    confidentiality: Mapped[Confidentiality] = mapped_column(
        stored(Confidentiality), default=Confidentiality.ZAAKVERTROUWELIJK
    )
    lead_time_days: Mapped[int | None]
    # Z7: owns the result decision and takes over handed-back actions.
    coordinating_role_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("role.id", ondelete="RESTRICT")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    frozen_at: Mapped[datetime | None]  # first publication: immutable from then on


class Publication(Base):
    """A version put live in an environment (V1, V4); the newest per environment is live."""

    __tablename__ = "publication"

    # An integer key orders publications exactly as they happened, even within one clock tick.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    zaaktype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("zaaktype_version.id", ondelete="CASCADE"), index=True
    )
    environment: Mapped[str] = mapped_column(String(50))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    published_by_email: Mapped[str] = mapped_column(String(254))


class GroupAccess(Base):
    """An authorisation group's access level to a zaaktype's zaken; outlives versions."""

    __tablename__ = "group_access"

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("zaaktype.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("authorisation_group.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    level: Mapped[AccessLevel] = mapped_column(stored(AccessLevel))
