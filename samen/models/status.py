"""What a zaaktype version consists of: status types with their checklists, decisions and
computer actions, and result types."""

import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from samen.db import Base
from samen.models.enums import ComputerActionKind, HandlerKind, stored


def new_key() -> str:
    return uuid.uuid4().hex


class StatusType(Base):
    __tablename__ = "status_type"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("zaaktype_version.id", ondelete="CASCADE"), index=True
    )
    # Stable across versions (V3): partner settings are keyed by it.
    key: Mapped[str] = mapped_column(String(32), default=new_key)
    sequence: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    handler_kind: Mapped[HandlerKind] = mapped_column(stored(HandlerKind), default=HandlerKind.NONE)
    handler_role_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("role.id", ondelete="RESTRICT")
    )
    # For PARTNER: the linked partner organisation (Z2).
    handler_partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT")
    )


class ChecklistItem(Base):
    __tablename__ = "checklist_item"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    status_type_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("status_type.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(500))


class Decision(Base):
    __tablename__ = "decision"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    status_type_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("status_type.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    question: Mapped[str] = mapped_column(String(500))
    options: Mapped[list[Any]] = mapped_column(JSON)


class ComputerAction(Base):
    __tablename__ = "computer_action"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    status_type_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("status_type.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    kind: Mapped[ComputerActionKind] = mapped_column(stored(ComputerActionKind))
    to: Mapped[str | None] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")


class ResultType(Base):
    __tablename__ = "result_type"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("zaaktype_version.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(32), default=new_key)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
