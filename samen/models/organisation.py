"""Organisations (tenants) and their environments."""

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from samen.db import Base, utcnow

DEFAULT_ENVIRONMENTS = ("test", "productie")


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    oin: Mapped[str] = mapped_column(String(20), unique=True)
    licence_valid_until: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    environments: Mapped[list["Environment"]] = relationship(
        lazy="raise", order_by="Environment.position", cascade="all, delete-orphan"
    )

    def has_licence(self, today: date) -> bool:
        """P1: a licence is valid through its last day."""
        return self.licence_valid_until is not None and today <= self.licence_valid_until


class Environment(Base):
    """One of an organisation's environments (``test``, ``productie``, …)."""

    __tablename__ = "environment"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(default=0)
