"""What every mutation does around its service call: commit, or roll back and report."""

from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from samen.permissions.graphql import forbidden_error, unauthenticated_error
from samen.permissions.standing import Standing
from samen.schema.errors import UserError
from samen.services.errors import Forbidden, Rejected


class Payload(Protocol):
    errors: list[UserError]


P = TypeVar("P", bound=Payload)


async def run_mutation(
    info: Info,
    failed: Callable[[list[UserError]], P],
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
    try:
        payload = await work(session, actor)
        await session.commit()
    except Rejected as rejected:
        await session.rollback()
        return failed([UserError.from_problem(p) for p in rejected.problems])
    except Forbidden as denied:
        await session.rollback()
        raise forbidden_error(denied.message) from denied
    except BaseException:
        await session.rollback()
        raise
    return payload
