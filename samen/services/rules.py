"""The configuration rules of a zaaktype (Z3, Z4, Z5, Z7, V4) as pure functions.

Setting a handler asks ``handler_problems`` about that one change; publishing asks
``configuration_problems`` about the whole version, so a rule that moving or removing statuses
broke is still caught before anything goes live.
"""

import uuid
from collections.abc import Sequence, Set

from samen import models
from samen.models.enums import HandlerKind
from samen.services.errors import ErrorCode, Problem

MIN_STATUSES = 2


def handler_problems(
    statuses: Sequence[models.StatusType],
    status: models.StatusType,
    kind: HandlerKind,
    *,
    field: Sequence[str],
) -> list[Problem]:
    """What is wrong with giving ``status`` a handler of ``kind`` (statuses by sequence)."""
    where = tuple(field)
    by_sequence = {s.sequence: s for s in statuses}
    previous = by_sequence.get(status.sequence - 1)
    following = by_sequence.get(status.sequence + 1)
    is_first = status.sequence == 1
    is_last = status.sequence == len(statuses)
    problems: list[Problem] = []
    if is_first and kind is not HandlerKind.NONE:
        problems.append(_z3(where))
    if kind is HandlerKind.PARTNER:
        if is_last:
            problems.append(_z4(where))
        if following is not None and following.handler_kind is HandlerKind.PREVIOUS:
            problems.append(_z5(where, following.name))
    previous_is_partner = previous is not None and previous.handler_kind is HandlerKind.PARTNER
    if kind is HandlerKind.PREVIOUS and previous_is_partner:
        problems.append(_z5(where, status.name))
    return problems


def configuration_problems(
    version: models.ZaaktypeVersion,
    statuses: Sequence[models.StatusType],
    result_type_count: int,
    linked_partner_ids: Set[uuid.UUID] = frozenset(),
) -> list[Problem]:
    """Every reason the version cannot be published (V4), each with a code and a field."""
    problems: list[Problem] = []
    ordered = sorted(statuses, key=lambda s: s.sequence)
    if len(ordered) < MIN_STATUSES:
        problems.append(
            Problem(
                ErrorCode.TOO_FEW_STATUSES,
                ("statuses",),
                f"A zaaktype needs at least {MIN_STATUSES} statuses: a first and a last.",
            )
        )
    if result_type_count == 0:
        problems.append(
            Problem(ErrorCode.RESULT_TYPE_REQUIRED, ("resultTypes",), "Add a result type.")
        )
    if version.coordinating_role_id is None:
        problems.append(
            Problem(
                ErrorCode.COORDINATING_ROLE_REQUIRED,
                ("coordinatingRole",),
                "Choose the coordinating role that decides the result (Z7).",
            )
        )
    for index, status in enumerate(ordered):
        where = ("statuses", str(status.sequence), "handler")
        kind = status.handler_kind
        if index == 0:
            if kind is not HandlerKind.NONE:
                problems.append(_z3(where))
            continue
        if kind is HandlerKind.NONE:
            problems.append(
                Problem(
                    ErrorCode.HANDLER_REQUIRED,
                    where,
                    f"Status {status.name!r} needs a handler: a role, PREVIOUS or a partner.",
                )
            )
        if kind is HandlerKind.PARTNER:
            if status.handler_partner_id not in linked_partner_ids:
                problems.append(
                    Problem(
                        ErrorCode.PARTNER_NOT_LINKED,
                        where,
                        f"Status {status.name!r} is handled by a partner that is no longer "
                        "linked to the zaaktype (Z1).",
                    )
                )
            if index == len(ordered) - 1:
                problems.append(_z4(where))
        if kind is HandlerKind.PREVIOUS and ordered[index - 1].handler_kind is HandlerKind.PARTNER:
            problems.append(_z5(where, status.name))
    return problems


def _z3(where: tuple[str, ...]) -> Problem:
    return Problem(
        ErrorCode.HANDLER_NOT_ALLOWED_ON_FIRST_STATUS,
        where,
        "The first status is reached when the zaak starts; it has no handler (Z3).",
    )


def _z4(where: tuple[str, ...]) -> Problem:
    return Problem(
        ErrorCode.PARTNER_NOT_ALLOWED_ON_LAST_STATUS,
        where,
        "The last status is always the directing party's; a partner cannot handle it (Z4).",
    )


def _z5(where: tuple[str, ...], name: str) -> Problem:
    return Problem(
        ErrorCode.PREVIOUS_AFTER_PARTNER,
        where,
        f"Status {name!r} follows a partner's status, so PREVIOUS would be a handler in "
        "another organisation; choose one of your roles (Z5).",
    )
