"""Writing the audit trail (W10) in the same transaction as the change it records."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions.standing import Standing


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
