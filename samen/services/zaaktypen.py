"""Zaaktypen and their versions, as the directing party configures them (Z7, V1)."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.models.enums import AccessLevel, Confidentiality
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services import audit
from samen.services.errors import ErrorCode, Forbidden, NotFound, Rejected
from samen.services.folders import CONFIGURE_ONLY, SHARED_READ_ONLY, load_folder
from samen.services.pagination import Page, paginate
from samen.services.validation import check_name, check_text, has_control_characters

IDENTIFICATION_MAX_LENGTH = 80
DESCRIPTION_MAX_LENGTH = 5000
LEAD_TIME_RANGE = range(1, 3651)
# Concept fields that may be left out of an update but never set to null.
NOT_NULL = frozenset({"name", "description", "confidentiality"})


@dataclass(frozen=True)
class ZaaktypeQuery:
    """Narrowing of ``list_zaaktypen``; None leaves a criterion out."""

    directing: bool | None = None  # True: own zaaktypen; False: shared with the organisation
    identification: str | None = None  # exact
    folder_id: uuid.UUID | None = None  # a folder of the viewer's tree, shared ones included


async def list_zaaktypen(
    session: AsyncSession,
    *,
    actor: Standing,
    first: int | None,
    after: str | None,
    where: ZaaktypeQuery = ZaaktypeQuery(),
) -> Page[models.Zaaktype]:
    """The zaaktypen the actor's organisation directs or shares in, by identification."""
    own = models.Zaaktype.organisation_id == actor.organisation_id
    shared = models.Zaaktype.id.in_(actor.shared_zaaktype_ids)
    visible = {None: own | shared, True: own, False: shared}[where.directing]
    statement = select(models.Zaaktype).where(visible)
    if where.identification is not None:
        # No identification holds a control character, and PostgreSQL refuses NUL outright.
        statement = statement.where(
            false()
            if has_control_characters(where.identification, allow_newlines=False)
            else models.Zaaktype.identification == where.identification
        )
    if where.folder_id is not None:
        statement = statement.where(await _in_folder(session, actor, where.folder_id))
    return await paginate(
        session,
        statement,
        order_by=[models.Zaaktype.identification, models.Zaaktype.id],
        first=first,
        after=after,
    )


async def _in_folder(session: AsyncSession, actor: Standing, folder_id: uuid.UUID) -> Any:
    """The condition "in this folder of the viewer's tree"; a shared folder holds the zaaktypen
    its directing party shares (P3). Any other folder holds nothing the viewer may see."""
    folder = await session.get(models.Folder, folder_id)
    if folder is None or not policy.can_read_catalogue(actor, folder.organisation_id):
        return false()
    if folder.shared_by_partnership_id is None:
        return models.Zaaktype.folder_id == folder.id
    partnership = await session.get(models.Partnership, folder.shared_by_partnership_id)
    assert partnership is not None
    return models.Zaaktype.organisation_id == partnership.directing_party_id


async def create_zaaktype(
    session: AsyncSession,
    *,
    actor: Standing,
    folder_id: uuid.UUID,
    identification: str,
    name: str,
) -> models.Zaaktype:
    """A new zaaktype in a folder, with version 1 as its concept."""
    await load_folder(session, actor, folder_id, ["input", "folderId"])
    code = check_name(
        identification, ["input", "identification"], max_length=IDENTIFICATION_MAX_LENGTH
    )
    clean_name = check_name(name, ["input", "name"])
    duplicate = Rejected.one(
        ErrorCode.DUPLICATE,
        ["input", "identification"],
        f"The organisation already has a zaaktype {code!r}.",
    )
    if await session.scalar(
        select(models.Zaaktype.id).where(
            models.Zaaktype.organisation_id == actor.organisation_id,
            models.Zaaktype.identification == code,
        )
    ):
        raise duplicate
    zaaktype = models.Zaaktype(
        organisation_id=actor.organisation_id, folder_id=folder_id, identification=code
    )
    session.add(zaaktype)
    try:
        await session.flush()
    except IntegrityError as error:  # a concurrent request took the identification first
        raise duplicate from error
    session.add(models.ZaaktypeVersion(zaaktype_id=zaaktype.id, number=1, name=clean_name))
    await session.flush()
    record(
        session, actor, "zaaktype.created", zaaktype, {"identification": code, "name": clean_name}
    )
    return zaaktype


async def move_zaaktype(
    session: AsyncSession, *, actor: Standing, zaaktype_id: uuid.UUID, folder_id: uuid.UUID
) -> models.Zaaktype:
    """Put a zaaktype in another folder of its organisation."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    await load_folder(session, actor, folder_id, ["input", "folderId"])
    if zaaktype.folder_id != folder_id:
        changes = {"folder": [str(zaaktype.folder_id), str(folder_id)]}
        record(session, actor, "zaaktype.moved", zaaktype, changes)
        zaaktype.folder_id = folder_id
        await session.flush()
    return zaaktype


class _Unchanged:
    """Marks a field of ConceptChanges that the request leaves as it is."""


UNCHANGED: Any = _Unchanged()


@dataclass(frozen=True)
class ConceptChanges:
    name: str = UNCHANGED
    description: str = UNCHANGED
    confidentiality: Confidentiality = UNCHANGED
    lead_time_days: int | None = UNCHANGED
    coordinating_role_id: uuid.UUID | None = UNCHANGED


async def update_concept(
    session: AsyncSession, *, actor: Standing, zaaktype_id: uuid.UUID, changes: ConceptChanges
) -> models.Zaaktype:
    """Edit the zaaktype's concept version; every problem of the input is reported at once."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    concept = await load_concept(session, zaaktype)
    problems: list[Rejected] = []
    values: dict[str, Any] = {}
    for field, path, check in (
        ("name", "name", lambda v: check_name(v, ["input", "name"])),
        (
            "description",
            "description",
            lambda v: check_text(v, ["input", "description"], DESCRIPTION_MAX_LENGTH),
        ),
        ("confidentiality", "confidentiality", lambda v: v),
        ("lead_time_days", "leadTimeDays", _check_lead_time),
    ):
        value = getattr(changes, field)
        if value is UNCHANGED:
            continue
        if value is None and field in NOT_NULL:
            problems.append(
                Rejected.one(ErrorCode.REQUIRED, ["input", path], f"{path} cannot be null.")
            )
            continue
        try:
            values[field] = check(value)
        except Rejected as rejected:
            problems.append(rejected)
    if changes.coordinating_role_id is not UNCHANGED:
        role_id = changes.coordinating_role_id
        if role_id is not None and not await _is_own_role(session, zaaktype, role_id):
            problems.append(NotFound(["input", "coordinatingRoleId"], "Role"))
        values["coordinating_role_id"] = role_id
    if problems:
        raise Rejected([p for rejected in problems for p in rejected.problems])
    changed = {
        field: [_plain(getattr(concept, field)), _plain(value)]
        for field, value in values.items()
        if getattr(concept, field) != value
    }
    for field, value in values.items():
        setattr(concept, field, value)
    if changed:
        record(session, actor, "zaaktype.concept_updated", zaaktype, changed)
        await session.flush()
    return zaaktype


async def create_concept(
    session: AsyncSession, *, actor: Standing, zaaktype_id: uuid.UUID
) -> models.ZaaktypeVersion:
    """Copy the newest version into a new concept; statuses and results keep their keys."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    newest = await session.scalar(
        select(models.ZaaktypeVersion)
        .where(models.ZaaktypeVersion.zaaktype_id == zaaktype.id)
        .order_by(models.ZaaktypeVersion.number.desc())
        .limit(1)
    )
    assert newest is not None  # a zaaktype is created with its first version
    exists = Rejected.one(
        ErrorCode.CONCEPT_EXISTS,
        ["input", "zaaktypeId"],
        f"Version {newest.number} is still a concept; edit or publish it first.",
    )
    if newest.is_concept:
        raise exists
    concept = await _copy_version(session, newest)
    try:
        await session.flush()
    except IntegrityError as error:  # a concurrent createConcept won
        raise exists from error
    record(session, actor, "zaaktype.concept_created", zaaktype, {"from": newest.number})
    return concept


async def set_group_access(
    session: AsyncSession,
    *,
    actor: Standing,
    zaaktype_id: uuid.UUID,
    group_id: uuid.UUID,
    level: AccessLevel,
) -> models.Zaaktype:
    """Give one of the organisation's authorisation groups an access level to the zaken."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    group = await session.get(models.AuthorisationGroup, group_id)
    if group is None or group.organisation_id != zaaktype.organisation_id:
        raise NotFound(["input", "groupId"], "Authorisation group")
    current = await session.get(models.GroupAccess, (zaaktype.id, group.id))
    before = current.level if current is not None else AccessLevel.NONE
    if before == level:
        return zaaktype
    if current is not None and level is AccessLevel.NONE:
        await session.delete(current)
    elif current is not None:
        current.level = level
    else:
        session.add(models.GroupAccess(zaaktype_id=zaaktype.id, group_id=group.id, level=level))
    changes = {"group": group.name, "level": [before.value, level.value]}
    record(session, actor, "zaaktype.group_access_set", zaaktype, changes)
    await session.flush()
    return zaaktype


async def load_zaaktype(
    session: AsyncSession,
    actor: Standing,
    zaaktype_id: uuid.UUID,
    field: Sequence[str] = ("input", "zaaktypeId"),
) -> models.Zaaktype:
    """A zaaktype the actor configures; another tenant's is not found."""
    zaaktype = await session.get(models.Zaaktype, zaaktype_id)
    if zaaktype is None or not policy.can_read_zaaktype(
        actor, zaaktype.id, zaaktype.organisation_id
    ):
        raise NotFound(field, "Zaaktype")
    if not policy.can_configure_catalogue(actor, zaaktype.organisation_id):
        raise Forbidden(
            CONFIGURE_ONLY if policy.directs(actor, zaaktype.organisation_id) else SHARED_READ_ONLY
        )
    return zaaktype


async def load_concept(session: AsyncSession, zaaktype: models.Zaaktype) -> models.ZaaktypeVersion:
    """The zaaktype's concept version; NO_CONCEPT when every version is published."""
    concept = await session.scalar(
        select(models.ZaaktypeVersion).where(
            models.ZaaktypeVersion.zaaktype_id == zaaktype.id,
            models.ZaaktypeVersion.is_concept.is_(True),
        )
    )
    if concept is None:
        raise Rejected.one(
            ErrorCode.NO_CONCEPT,
            ["input", "zaaktypeId"],
            "Every version is published and immutable; create a concept to change it.",
        )
    return concept


def record(
    session: AsyncSession,
    actor: Standing,
    action: str,
    zaaktype: models.Zaaktype,
    changes: dict[str, Any],
) -> None:
    """Audit a configuration change of a zaaktype (W10)."""
    audit.record(
        session,
        actor=actor,
        action=action,
        subject_type="Zaaktype",
        subject_id=zaaktype.id,
        changes=changes,
    )


def _check_lead_time(value: int | None) -> int | None:
    if value is not None and value not in LEAD_TIME_RANGE:
        raise Rejected.one(
            ErrorCode.OUT_OF_RANGE,
            ["input", "leadTimeDays"],
            f"The lead time is {LEAD_TIME_RANGE.start} to {LEAD_TIME_RANGE.stop - 1} days.",
        )
    return value


async def _is_own_role(
    session: AsyncSession, zaaktype: models.Zaaktype, role_id: uuid.UUID
) -> bool:
    role = await session.get(models.Role, role_id)
    return role is not None and role.organisation_id == zaaktype.organisation_id


def _plain(value: object) -> object:
    if isinstance(value, Confidentiality):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


async def _copy_version(
    session: AsyncSession, source: models.ZaaktypeVersion
) -> models.ZaaktypeVersion:
    number = await session.scalar(
        select(func.max(models.ZaaktypeVersion.number)).where(
            models.ZaaktypeVersion.zaaktype_id == source.zaaktype_id
        )
    )
    concept = models.ZaaktypeVersion(
        zaaktype_id=source.zaaktype_id,
        number=(number or 0) + 1,
        name=source.name,
        description=source.description,
        confidentiality=source.confidentiality,
        lead_time_days=source.lead_time_days,
        coordinating_role_id=source.coordinating_role_id,
    )
    session.add(concept)
    await session.flush()
    statuses = (
        await session.scalars(
            select(models.StatusType).where(models.StatusType.version_id == source.id)
        )
    ).all()
    copies = {}
    for status in statuses:
        copy = models.StatusType(
            version_id=concept.id,
            key=status.key,
            sequence=status.sequence,
            name=status.name,
            handler_kind=status.handler_kind,
            handler_role_id=status.handler_role_id,
            handler_partner_id=status.handler_partner_id,
        )
        session.add(copy)
        copies[status.id] = copy
    await session.flush()
    for model, columns in (
        (models.ChecklistItem, ("position", "text")),
        (models.Decision, ("position", "question", "options")),
        (models.ComputerAction, ("position", "kind", "to", "subject", "body")),
    ):
        rows = await session.scalars(select(model).where(model.status_type_id.in_(copies)))
        for row in rows:
            values = {c: getattr(row, c) for c in columns}
            session.add(model(status_type_id=copies[row.status_type_id].id, **values))  # type: ignore[attr-defined]
    results = await session.scalars(
        select(models.ResultType).where(models.ResultType.version_id == source.id)
    )
    for result in results:
        session.add(
            models.ResultType(
                version_id=concept.id,
                key=result.key,
                position=result.position,
                name=result.name,
                description=result.description,
            )
        )
    return concept
