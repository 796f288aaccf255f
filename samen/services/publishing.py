"""Publishing a zaaktype version to environments (V1, V4) and what is live where."""

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.db import utcnow
from samen.permissions.standing import Standing
from samen.services import rules
from samen.services.errors import ErrorCode, NotFound, Problem, Rejected
from samen.services.statuses import version_statuses
from samen.services.zaaktype_partners import linked_partner_ids
from samen.services.zaaktypen import load_zaaktype, record


async def publish_zaaktype(
    session: AsyncSession,
    *,
    actor: Standing,
    zaaktype_id: uuid.UUID,
    environments: Sequence[str],
    version_id: uuid.UUID | None = None,
) -> list[models.Publication]:
    """Put a version live in environments: the concept by default, or an older one (rollback).

    The whole configuration is checked first and every problem is reported at once (V4); a
    concept becomes immutable with its first publication.
    """
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    version = await _version_to_publish(session, zaaktype, version_id)
    targets, problems = await _check_environments(session, zaaktype, environments)
    statuses = await version_statuses(session, version.id)
    result_types = await session.scalar(
        select(func.count()).where(models.ResultType.version_id == version.id)
    )
    linked = await linked_partner_ids(session, zaaktype.id)
    problems += rules.configuration_problems(version, statuses, int(result_types or 0), linked)
    if problems:
        raise Rejected(problems)
    now = utcnow()
    if version.is_concept:
        version.is_concept = False
        version.frozen_at = now
    publications = [
        models.Publication(
            zaaktype_id=zaaktype.id,
            version_id=version.id,
            environment=environment,
            published_at=now,
            published_by_id=actor.user_id,
            published_by_email=actor.email,
        )
        for environment in targets
    ]
    session.add_all(publications)
    await session.flush()
    changes = {"version": version.number, "environments": targets}
    record(session, actor, "zaaktype.published", zaaktype, changes)
    return publications


async def _version_to_publish(
    session: AsyncSession, zaaktype: models.Zaaktype, version_id: uuid.UUID | None
) -> models.ZaaktypeVersion:
    if version_id is not None:
        version = await session.get(models.ZaaktypeVersion, version_id)
        if version is None or version.zaaktype_id != zaaktype.id:
            raise NotFound(["input", "versionId"], "Version")
        return version
    # The concept if there is one, else the newest version.
    newest = await session.scalar(
        select(models.ZaaktypeVersion)
        .where(models.ZaaktypeVersion.zaaktype_id == zaaktype.id)
        .order_by(models.ZaaktypeVersion.is_concept.desc(), models.ZaaktypeVersion.number.desc())
        .limit(1)
    )
    assert newest is not None  # a zaaktype is created with its first version
    return newest


async def _check_environments(
    session: AsyncSession, zaaktype: models.Zaaktype, environments: Sequence[str]
) -> tuple[list[str], list[Problem]]:
    known = set(
        await session.scalars(
            select(models.Environment.name).where(
                models.Environment.organisation_id == zaaktype.organisation_id
            )
        )
    )
    problems: list[Problem] = []
    if not environments:
        problems.append(
            Problem(ErrorCode.REQUIRED, ("input", "environments"), "Name one environment at least.")
        )
    targets: list[str] = []
    for index, name in enumerate(environments):
        if name not in known:
            problems.append(
                Problem(
                    ErrorCode.UNKNOWN_ENVIRONMENT,
                    ("input", "environments", str(index)),
                    f"The organisation has no environment {name!r}; "
                    f"it has {', '.join(sorted(known))}.",
                )
            )
        elif name not in targets:
            targets.append(name)
    return targets, problems
