"""The organisation directory and an organisation's own users."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services.errors import Forbidden
from samen.services.pagination import Page, paginate

SEARCH_MAX_LENGTH = 200


async def list_organisations(
    session: AsyncSession,
    *,
    actor: Standing | None,
    search: str | None,
    first: int | None,
    after: str | None,
) -> Page[models.Organisation]:
    """The directory of organisations, by name, optionally filtered on name or OIN."""
    if not policy.can_read_directory(actor):
        raise Forbidden()
    statement = select(models.Organisation)
    # NUL cannot reach PostgreSQL; no name or OIN holds one anyway.
    if search and (term := search.replace("\x00", "").strip()[:SEARCH_MAX_LENGTH]):
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(
            models.Organisation.name.ilike(f"%{escaped}%", escape="\\")
            | (models.Organisation.oin == term)
        )
    return await paginate(
        session,
        statement,
        order_by=[models.Organisation.name, models.Organisation.id],
        first=first,
        after=after,
    )
