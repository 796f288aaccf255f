"""What every mutation does around its service call: commit, or roll back and report."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from samen.db import retry_transient
from samen.permissions.graphql import forbidden_error, unauthenticated_error
from samen.permissions.standing import Standing
from samen.schema.errors import UserError
from samen.schema.node import parse_global_id
from samen.services.errors import Forbidden, NotFound, Rejected


def decode(global_id: str, type_name: str, field: str, what: str) -> uuid.UUID:
    """The database id behind an input's global ID; NOT_FOUND when it is not one of that type."""
    db_id = parse_global_id(global_id, type_name)
    if db_id is None:
        raise NotFound(["input", field], what)
    return db_id


def decode_optional(
    global_id: str | None, type_name: str, field: str, what: str
) -> uuid.UUID | None:
    return None if global_id is None else decode(global_id, type_name, field, what)


class Payload(Protocol):
    errors: list[UserError]


P = TypeVar("P", bound=Payload)


async def run_mutation(
    info: Info,
    payload_type: Callable[..., P],
    work: Callable[[AsyncSession, Standing], Awaitable[P]],
) -> P:
    """Run ``work`` in the request's session; commit on success, roll back on any error.

    Business-rule violations come back in the payload's ``errors``; a denial is a top-level
    ``FORBIDDEN`` error; anything unexpected is rolled back and re-raised (and masked).
    """
    context = info.context
    actor = await context.standing()
    if actor is None:
        raise unauthenticated_error()
    session: AsyncSession = context.session

    async def attempt() -> P:
        try:
            payload = await work(session, actor)
            await session.commit()
        except Rejected as rejected:
            await session.rollback()
            return payload_type(errors=[UserError.from_problem(p) for p in rejected.problems])
        except Forbidden as denied:
            await session.rollback()
            raise forbidden_error(denied.message) from denied
        except BaseException:
            await session.rollback()
            raise
        return payload

    payload = await retry_transient(attempt)
    if context.mail_sender is not None:
        context.mail_sender.wake()
    return payload
