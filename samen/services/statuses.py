"""Status types and result types of a concept version, and who handles each status (Z2-Z5)."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.models.enums import ComputerActionKind, HandlerKind
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services import rules
from samen.services.errors import ErrorCode, Forbidden, NotFound, Problem, Rejected
from samen.services.folders import CONFIGURE_ONLY, SHARED_READ_ONLY
from samen.services.partnerships import licence_required
from samen.services.validation import check_name, check_text, problems_of
from samen.services.zaaktype_partners import linked_partner_ids
from samen.services.zaaktypen import load_concept, load_zaaktype, record

ITEM_MAX_LENGTH = 500
MAX_ITEMS = 50


@dataclass(frozen=True)
class DecisionSpec:
    question: str
    options: list[str]


@dataclass(frozen=True)
class ComputerActionSpec:
    kind: ComputerActionKind
    to: str | None = None
    subject: str = ""
    body: str = ""


@dataclass(frozen=True)
class Located:
    """A status type with the version and zaaktype it belongs to."""

    status: models.StatusType
    version: models.ZaaktypeVersion
    zaaktype: models.Zaaktype


async def add_status_type(
    session: AsyncSession,
    *,
    actor: Standing,
    zaaktype_id: uuid.UUID,
    name: str,
    sequence: int | None,
) -> models.StatusType:
    """Insert a status into the concept at ``sequence`` (1..n+1; default: after the last)."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    concept = await load_concept(session, zaaktype)
    clean = check_name(name, ["input", "name"])
    count = await _status_count(session, concept.id)
    position = count + 1 if sequence is None else sequence
    _check_sequence(position, count + 1)
    await session.execute(
        update(models.StatusType)
        .where(models.StatusType.version_id == concept.id, models.StatusType.sequence >= position)
        .values(sequence=models.StatusType.sequence + 1)
    )
    status = models.StatusType(version_id=concept.id, sequence=position, name=clean)
    session.add(status)
    await session.flush()
    record(session, actor, "status_type.added", zaaktype, {"name": clean, "sequence": position})
    return status


async def update_status_type(
    session: AsyncSession,
    *,
    actor: Standing,
    status_type_id: uuid.UUID,
    name: str | None = None,
    checklist: Sequence[str] | None = None,
    decisions: Sequence[DecisionSpec] | None = None,
    computer_actions: Sequence[ComputerActionSpec] | None = None,
) -> models.StatusType:
    """Rename a status and replace its checklist, decisions or computer actions (None: keep)."""
    located = await locate_for_edit(session, actor, status_type_id)
    status = located.status
    problems: list[Problem] = []
    changes: dict[str, object] = {}
    if name is not None:
        problems += problems_of(_rename, status, name, changes)
    if checklist is not None:
        problems += _check_items(checklist, ["input", "checklist"])
    if decisions is not None:
        problems += _check_decisions(decisions)
    if computer_actions is not None:
        problems += _check_computer_actions(computer_actions)
    if problems:
        raise Rejected(problems)
    if checklist is not None:
        await _replace(session, models.ChecklistItem, status.id)
        for position, text in enumerate(checklist):
            session.add(
                models.ChecklistItem(status_type_id=status.id, position=position, text=text.strip())
            )
        changes["checklist"] = [t.strip() for t in checklist]
    if decisions is not None:
        await _replace(session, models.Decision, status.id)
        for position, spec in enumerate(decisions):
            session.add(
                models.Decision(
                    status_type_id=status.id,
                    position=position,
                    question=spec.question.strip(),
                    options=[o.strip() for o in spec.options],
                )
            )
        changes["decisions"] = [d.question.strip() for d in decisions]
    if computer_actions is not None:
        await _replace(session, models.ComputerAction, status.id)
        for position, action in enumerate(computer_actions):
            session.add(
                models.ComputerAction(
                    status_type_id=status.id,
                    position=position,
                    kind=action.kind,
                    to=action.to.strip() if action.to else None,
                    subject=action.subject.strip(),
                    body=action.body,
                )
            )
        changes["computerActions"] = [a.kind.value for a in computer_actions]
    if changes:
        record(
            session, actor, "status_type.updated", located.zaaktype, {"key": status.key, **changes}
        )
    await session.flush()
    return status


async def remove_status_type(
    session: AsyncSession, *, actor: Standing, status_type_id: uuid.UUID
) -> models.ZaaktypeVersion:
    """Take a status out of the concept; the ones after it move up."""
    located = await locate_for_edit(session, actor, status_type_id)
    status = located.status
    await session.delete(status)
    await session.flush()
    await session.execute(
        update(models.StatusType)
        .where(
            models.StatusType.version_id == located.version.id,
            models.StatusType.sequence > status.sequence,
        )
        .values(sequence=models.StatusType.sequence - 1)
    )
    changes = {"key": status.key, "name": status.name}
    record(session, actor, "status_type.removed", located.zaaktype, changes)
    return located.version


async def move_status_type(
    session: AsyncSession, *, actor: Standing, status_type_id: uuid.UUID, sequence: int
) -> models.StatusType:
    """Give a status another place (1..n) in the concept; the others shift to make room."""
    located = await locate_for_edit(session, actor, status_type_id)
    status = located.status
    count = await _status_count(session, located.version.id)
    _check_sequence(sequence, count)
    old = status.sequence
    if sequence == old:
        return status
    in_version = models.StatusType.version_id == located.version.id
    seq = models.StatusType.sequence
    if sequence < old:
        shift = update(models.StatusType).where(in_version, seq >= sequence, seq < old)
        await session.execute(shift.values(sequence=seq + 1))
    else:
        shift = update(models.StatusType).where(in_version, seq > old, seq <= sequence)
        await session.execute(shift.values(sequence=seq - 1))
    status.sequence = sequence
    await session.flush()
    changes = {"key": status.key, "sequence": [old, sequence]}
    record(session, actor, "status_type.moved", located.zaaktype, changes)
    return status


async def set_status_handler(
    session: AsyncSession,
    *,
    actor: Standing,
    status_type_id: uuid.UUID,
    kind: HandlerKind,
    role_id: uuid.UUID | None = None,
    partner_id: uuid.UUID | None = None,
) -> models.StatusType:
    """Decide who reaches a status (Z2), refusing what Z3, Z4 and Z5 forbid."""
    located = await locate_for_edit(session, actor, status_type_id)
    status = located.status
    if kind is HandlerKind.ROLE:
        role = await session.get(models.Role, role_id) if role_id is not None else None
        if role is None or role.organisation_id != located.zaaktype.organisation_id:
            raise NotFound(["input", "roleId"], "Role")
    if kind is HandlerKind.PARTNER:
        await _check_partner_handler(session, actor, located.zaaktype, partner_id)
    statuses = await version_statuses(session, located.version.id)
    problems = rules.handler_problems(statuses, status, kind, field=["input", "kind"])
    if problems:
        raise Rejected(problems)
    before = status.handler_kind
    status.handler_kind = kind
    status.handler_role_id = role_id if kind is HandlerKind.ROLE else None
    status.handler_partner_id = partner_id if kind is HandlerKind.PARTNER else None
    await session.flush()
    changes = {"key": status.key, "handler": [before.value, kind.value]}
    if kind is HandlerKind.ROLE:
        changes["role"] = str(role_id)
    if kind is HandlerKind.PARTNER:
        changes["partner"] = str(partner_id)
    record(session, actor, "status_type.handler_set", located.zaaktype, changes)
    return status


async def _check_partner_handler(
    session: AsyncSession,
    actor: Standing,
    zaaktype: models.Zaaktype,
    partner_id: uuid.UUID | None,
) -> None:
    """P1 and Z1: a licence, and a partner that is linked to the zaaktype."""
    if not policy.can_link_partners(actor, zaaktype.organisation_id):
        raise licence_required()
    if partner_id is None:
        raise Rejected.one(
            ErrorCode.REQUIRED, ["input", "partnerId"], "Name the partner that handles it."
        )
    if partner_id not in await linked_partner_ids(session, zaaktype.id):
        raise Rejected.one(
            ErrorCode.PARTNER_NOT_LINKED,
            ["input", "partnerId"],
            "Link the partner to the zaaktype first (general → partners) (Z1).",
        )


async def add_result_type(
    session: AsyncSession,
    *,
    actor: Standing,
    zaaktype_id: uuid.UUID,
    name: str,
    description: str = "",
) -> models.ResultType:
    """Add a possible outcome to the concept."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    concept = await load_concept(session, zaaktype)
    problems = problems_of(check_name, name, ["input", "name"])
    problems += problems_of(check_text, description, ["input", "description"], 5000)
    if problems:
        raise Rejected(problems)
    position = await session.scalar(
        select(func.count()).where(models.ResultType.version_id == concept.id)
    )
    result = models.ResultType(
        version_id=concept.id,
        position=position or 0,
        name=name.strip(),
        description=description.strip(),
    )
    session.add(result)
    await session.flush()
    record(session, actor, "result_type.added", zaaktype, {"name": result.name})
    return result


async def remove_result_type(
    session: AsyncSession, *, actor: Standing, result_type_id: uuid.UUID
) -> models.Zaaktype:
    """Take a result type out of the concept."""
    result = await session.get(models.ResultType, result_type_id)
    if result is None:
        raise NotFound(["input", "resultTypeId"], "Result type")
    _version, zaaktype = await _version_for_edit(
        session, actor, result.version_id, ["input", "resultTypeId"], "Result type"
    )
    await session.delete(result)
    await session.flush()
    record(session, actor, "result_type.removed", zaaktype, {"name": result.name})
    return zaaktype


async def locate_for_edit(
    session: AsyncSession, actor: Standing, status_type_id: uuid.UUID
) -> Located:
    """A status type of a concept the actor configures."""
    field = ["input", "statusTypeId"]
    status = await session.get(models.StatusType, status_type_id)
    if status is None:
        raise NotFound(field, "Status type")
    version, zaaktype = await _version_for_edit(
        session, actor, status.version_id, field, "Status type"
    )
    return Located(status, version, zaaktype)


async def version_statuses(session: AsyncSession, version_id: uuid.UUID) -> list[models.StatusType]:
    rows = await session.scalars(
        select(models.StatusType)
        .where(models.StatusType.version_id == version_id)
        .order_by(models.StatusType.sequence)
    )
    return list(rows)


async def _version_for_edit(
    session: AsyncSession,
    actor: Standing,
    version_id: uuid.UUID,
    field: Sequence[str],
    what: str,
) -> tuple[models.ZaaktypeVersion, models.Zaaktype]:
    version = await session.get(models.ZaaktypeVersion, version_id)
    zaaktype = await session.get(models.Zaaktype, version.zaaktype_id) if version else None
    if version is None or zaaktype is None:
        raise NotFound(field, what)
    if not policy.can_read_zaaktype(actor, zaaktype.id, zaaktype.organisation_id):
        raise NotFound(field, what)
    if not policy.can_see_version(actor, zaaktype.organisation_id, is_concept=version.is_concept):
        raise NotFound(field, what)
    if not policy.can_configure_catalogue(actor, zaaktype.organisation_id):
        raise Forbidden(
            CONFIGURE_ONLY if policy.directs(actor, zaaktype.organisation_id) else SHARED_READ_ONLY
        )
    if not policy.can_edit_version(actor, zaaktype.organisation_id, version.is_concept):
        raise Rejected.one(
            ErrorCode.VERSION_IMMUTABLE,
            list(field),
            f"Version {version.number} is published and cannot change; create a concept.",
        )
    return version, zaaktype


def _rename(status: models.StatusType, name: str, changes: dict[str, object]) -> None:
    clean = check_name(name, ["input", "name"])
    if clean != status.name:
        changes["name"] = [status.name, clean]
        status.name = clean


def _check_sequence(sequence: int, highest: int) -> None:
    if not 1 <= sequence <= highest:
        raise Rejected.one(
            ErrorCode.OUT_OF_RANGE,
            ["input", "sequence"],
            f"The sequence must be between 1 and {highest}.",
        )


def _check_items(items: Sequence[str], field: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    if len(items) > MAX_ITEMS:
        problems.append(Problem(ErrorCode.TOO_LONG, tuple(field), f"At most {MAX_ITEMS} items."))
    for index, item in enumerate(items):
        problems += problems_of(check_name, item, [*field, str(index)], max_length=ITEM_MAX_LENGTH)
    return problems


def _check_decisions(decisions: Sequence[DecisionSpec]) -> list[Problem]:
    field = ["input", "decisions"]
    problems = _check_items([d.question for d in decisions], field)
    for index, decision in enumerate(decisions):
        options = [o.strip() for o in decision.options]
        where = (*field, str(index), "options")
        if len(options) < 2:
            problems.append(
                Problem(ErrorCode.INVALID, where, "A decision needs two options at least.")
            )
        elif len(set(options)) != len(options):
            problems.append(Problem(ErrorCode.DUPLICATE, where, "Options must differ."))
        problems += _check_items(options, list(where))
    return problems


def _check_computer_actions(actions: Sequence[ComputerActionSpec]) -> list[Problem]:
    problems: list[Problem] = []
    for index, action in enumerate(actions):
        where = ("input", "computerActions", str(index))
        if action.kind is ComputerActionKind.SEND_EMAIL and not _looks_like_email(action.to):
            problems.append(
                Problem(ErrorCode.INVALID, (*where, "to"), "SEND_EMAIL needs an address in `to`.")
            )
        if action.kind is ComputerActionKind.SEND_STATUS_MESSAGE and action.to:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    (*where, "to"),
                    "The status message goes to the zaak's initiator; leave `to` empty.",
                )
            )
        problems += problems_of(check_text, action.subject, [*where, "subject"], 200)
        problems += problems_of(check_text, action.body, [*where, "body"], 10_000)
    return problems


def _looks_like_email(value: str | None) -> bool:
    if not value:
        return False
    local, _, domain = value.strip().partition("@")
    return bool(local) and "." in domain and " " not in value.strip() and len(value) <= 254


async def _replace(
    session: AsyncSession,
    model: type[models.ChecklistItem] | type[models.Decision] | type[models.ComputerAction],
    status_type_id: uuid.UUID,
) -> None:
    await session.execute(delete(model).where(model.status_type_id == status_type_id))


async def _status_count(session: AsyncSession, version_id: uuid.UUID) -> int:
    count = await session.scalar(
        select(func.count()).where(models.StatusType.version_id == version_id)
    )
    return int(count or 0)
