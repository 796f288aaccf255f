"""Writing the audit trail (W10) in the same transaction as the change it records."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services.errors import Forbidden
from samen.services.pagination import Page, paginate


def record(
    session: AsyncSession,
    *,
    actor: Standing,
    action: str,
    subject_type: str,
    subject_id: uuid.UUID,
    changes: dict[str, Any] | None = None,
) -> None:
    """Add one audit entry; it commits or rolls back with the change itself."""
    session.add(
        models.AuditEntry(
            actor_user_id=actor.user_id,
            actor_email=actor.email,
            organisation_id=actor.organisation_id,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            changes=changes or {},
        )
    )


async def list_entries(
    session: AsyncSession,
    *,
    actor: Standing,
    subject_type: str,
    subject_id: uuid.UUID,
    owner_id: uuid.UUID,
    first: int | None,
    after: str | None,
) -> Page[models.AuditEntry]:
    """The audit trail of one object, oldest first; only its owner's members may read it."""
    if not policy.can_read_catalogue(actor, owner_id):
        raise Forbidden()
    statement = select(models.AuditEntry).where(
        models.AuditEntry.subject_type == subject_type,
        models.AuditEntry.subject_id == subject_id,
    )
    return await paginate(
        session,
        statement,
        order_by=[models.AuditEntry.id],
        first=first,
        after=after,
    )
