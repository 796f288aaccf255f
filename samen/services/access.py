"""Roles and authorisation groups: named sets of users that an organisation admin manages.

Both behave the same (create, rename, delete, add and remove members, all within one
organisation), so one implementation serves both through an ``AccessKind``.
"""

import uuid
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services import audit
from samen.services.errors import ErrorCode, Forbidden, NotFound, Rejected
from samen.services.validation import check_name

S = TypeVar("S", models.Role, models.AuthorisationGroup)


@dataclass(frozen=True, slots=True)
class AccessKind(Generic[S]):
    model: type[S]
    member_model: type[models.RoleMember] | type[models.GroupMember]
    member_column: str  # the member table's column naming the set
    label: str  # for messages and the audit trail
    id_field: str  # the input field that names the set


ROLE = AccessKind(models.Role, models.RoleMember, "role_id", "Role", "roleId")
GROUP = AccessKind(
    models.AuthorisationGroup, models.GroupMember, "group_id", "Authorisation group", "groupId"
)


async def create(session: AsyncSession, kind: AccessKind[S], *, actor: Standing, name: str) -> S:
    """Create a role or group in the actor's organisation."""
    if not policy.can_manage_access(actor, actor.organisation_id):
        raise Forbidden("Only organisation admins manage roles and groups.")
    clean = check_name(name, ["input", "name"])
    await _check_name_free(session, kind, actor.organisation_id, clean)
    obj = kind.model(organisation_id=actor.organisation_id, name=clean)
    session.add(obj)
    await _flush_unique_name(session, kind, clean)
    _audit(session, kind, actor, "created", obj.id, {"name": clean})
    return obj


async def rename(
    session: AsyncSession, kind: AccessKind[S], *, actor: Standing, set_id: uuid.UUID, name: str
) -> S:
    """Rename a role or group of the actor's organisation."""
    obj = await _load_managed(session, kind, actor, set_id)
    clean = check_name(name, ["input", "name"])
    if clean != obj.name:
        await _check_name_free(session, kind, obj.organisation_id, clean)
        _audit(session, kind, actor, "renamed", obj.id, {"name": [obj.name, clean]})
        obj.name = clean
        await _flush_unique_name(session, kind, clean)
    return obj


async def remove(
    session: AsyncSession, kind: AccessKind[S], *, actor: Standing, set_id: uuid.UUID
) -> uuid.UUID:
    """Delete a role or group (its memberships go with it); return its id."""
    obj = await _load_managed(session, kind, actor, set_id)
    if isinstance(obj, models.Role) and await _role_in_use(session, obj.id):
        raise Rejected.one(
            ErrorCode.IN_USE,
            ["input", kind.id_field],
            f"Role {obj.name!r} handles statuses or coordinates a zaaktype; choose another "
            "role there first.",
        )
    _audit(session, kind, actor, "deleted", obj.id, {"name": obj.name})
    await session.delete(obj)
    await session.flush()
    return set_id


async def add_member(
    session: AsyncSession,
    kind: AccessKind[S],
    *,
    actor: Standing,
    set_id: uuid.UUID,
    user_id: uuid.UUID,
) -> S:
    """Make a user of the same organisation a member of a role or group."""
    obj = await _load_managed(session, kind, actor, set_id)
    user = await _load_colleague(session, actor, user_id)
    if await _membership(session, kind, obj.id, user.id) is not None:
        raise Rejected.one(
            ErrorCode.ALREADY_MEMBER, ["input", "userId"], f"{user.email} is already a member."
        )
    session.add(kind.member_model(**{kind.member_column: obj.id, "user_id": user.id}))
    _audit(session, kind, actor, "member_added", obj.id, {"user": user.email})
    await session.flush()
    return obj


async def remove_member(
    session: AsyncSession,
    kind: AccessKind[S],
    *,
    actor: Standing,
    set_id: uuid.UUID,
    user_id: uuid.UUID,
) -> S:
    """Take a user out of a role or group."""
    obj = await _load_managed(session, kind, actor, set_id)
    user = await _load_colleague(session, actor, user_id)
    if await _membership(session, kind, obj.id, user.id) is None:
        raise Rejected.one(
            ErrorCode.NOT_A_MEMBER, ["input", "userId"], f"{user.email} is not a member."
        )
    member_column = getattr(kind.member_model, kind.member_column)
    await session.execute(
        delete(kind.member_model).where(
            member_column == obj.id, kind.member_model.user_id == user.id
        )
    )
    _audit(session, kind, actor, "member_removed", obj.id, {"user": user.email})
    await session.flush()
    return obj


async def _role_in_use(session: AsyncSession, role_id: uuid.UUID) -> bool:
    """Whether any zaaktype version, published or not, names the role (they reference it)."""
    used = await session.scalar(
        select(
            exists().where(models.StatusType.handler_role_id == role_id)
            | exists().where(models.ZaaktypeVersion.coordinating_role_id == role_id)
        )
    )
    return bool(used)


async def _load_managed(
    session: AsyncSession, kind: AccessKind[S], actor: Standing, set_id: uuid.UUID
) -> S:
    obj = await session.get(kind.model, set_id)
    # Another organisation's role is "not found": its existence is not ours to reveal.
    if obj is None or not policy.can_read_organisation_internals(actor, obj.organisation_id):
        raise NotFound(["input", kind.id_field], kind.label)
    if not policy.can_manage_access(actor, obj.organisation_id):
        raise Forbidden("Only organisation admins manage roles and groups.")
    return obj


async def _load_colleague(
    session: AsyncSession, actor: Standing, user_id: uuid.UUID
) -> models.User:
    user = await session.get(models.User, user_id)
    if user is None or user.organisation_id != actor.organisation_id:
        raise NotFound(["input", "userId"], "User")
    return user


async def _membership(
    session: AsyncSession, kind: AccessKind[S], set_id: uuid.UUID, user_id: uuid.UUID
) -> object | None:
    member_column = getattr(kind.member_model, kind.member_column)
    return await session.scalar(
        select(member_column).where(member_column == set_id, kind.member_model.user_id == user_id)
    )


async def _check_name_free(
    session: AsyncSession, kind: AccessKind[S], organisation_id: uuid.UUID, name: str
) -> None:
    taken = await session.scalar(
        select(kind.model.id).where(
            kind.model.organisation_id == organisation_id, kind.model.name == name
        )
    )
    if taken is not None:
        raise Rejected.one(
            ErrorCode.DUPLICATE, ["input", "name"], f"{kind.label} {name!r} already exists."
        )


def _audit(
    session: AsyncSession,
    kind: AccessKind[S],
    actor: Standing,
    action: str,
    subject_id: uuid.UUID,
    changes: dict[str, object],
) -> None:
    subject_type = kind.model.__name__
    audit.record(
        session,
        actor=actor,
        action=f"{subject_type.lower()}.{action}",
        subject_type=subject_type,
        subject_id=subject_id,
        changes=changes,
    )


async def _flush_unique_name(session: AsyncSession, kind: AccessKind[S], name: str) -> None:
    """Flush; a concurrent request that took the name first loses with DUPLICATE, not a 500."""
    try:
        await session.flush()
    except IntegrityError as error:
        raise Rejected.one(
            ErrorCode.DUPLICATE, ["input", "name"], f"{kind.label} {name!r} already exists."
        ) from error
