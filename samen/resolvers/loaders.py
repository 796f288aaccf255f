"""Per-request dataloaders: one statement per kind of object, however long the list.

Created per request (``Context.loaders``); a shared loader would leak rows across tenants.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from samen import models

M = TypeVar("M")
Load = Callable[[list[uuid.UUID]], Coroutine[Any, Any, list[Any]]]


class Loaders:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.organisation = DataLoader[uuid.UUID, models.Organisation | None](
            self._by_id(models.Organisation)
        )
        self.user = DataLoader[uuid.UUID, models.User | None](self._by_id(models.User))
        self.role = DataLoader[uuid.UUID, models.Role | None](self._by_id(models.Role))
        self.group = DataLoader[uuid.UUID, models.AuthorisationGroup | None](
            self._by_id(models.AuthorisationGroup)
        )
        self.environments = DataLoader[uuid.UUID, list[models.Environment]](
            self._grouped(
                models.Environment, models.Environment.organisation_id, models.Environment.position
            )
        )
        self.users_of_organisation = DataLoader[uuid.UUID, list[models.User]](
            self._grouped(models.User, models.User.organisation_id, models.User.email)
        )
        self.roles_of_organisation = DataLoader[uuid.UUID, list[models.Role]](
            self._grouped(models.Role, models.Role.organisation_id, models.Role.name)
        )
        self.groups_of_organisation = DataLoader[uuid.UUID, list[models.AuthorisationGroup]](
            self._grouped(
                models.AuthorisationGroup,
                models.AuthorisationGroup.organisation_id,
                models.AuthorisationGroup.name,
            )
        )
        self.role_members = DataLoader[uuid.UUID, list[models.User]](
            self._members(models.RoleMember.role_id, models.RoleMember.user_id)
        )
        self.group_members = DataLoader[uuid.UUID, list[models.User]](
            self._members(models.GroupMember.group_id, models.GroupMember.user_id)
        )

    def _by_id(self, model: type[M]) -> Load:
        async def load(ids: list[uuid.UUID]) -> list[Any]:
            rows = await self._session.scalars(select(model).where(model.id.in_(ids)))  # type: ignore[attr-defined]
            found = {row.id: row for row in rows}  # type: ignore[attr-defined]
            return [found.get(i) for i in ids]

        return load

    def _grouped(self, model: type[M], key: Any, order: Any) -> Load:
        async def load(ids: list[uuid.UUID]) -> list[Any]:
            rows = await self._session.scalars(select(model).where(key.in_(ids)).order_by(order))
            return _group(rows, ids, lambda row: getattr(row, key.key))

        return load

    def _members(self, set_column: Any, user_column: Any) -> Load:
        async def load(ids: list[uuid.UUID]) -> list[Any]:
            rows = await self._session.execute(
                select(set_column, models.User)
                .join(models.User, models.User.id == user_column)
                .where(set_column.in_(ids))
                .order_by(models.User.email)
            )
            grouped: dict[uuid.UUID, list[models.User]] = defaultdict(list)
            for set_id, user in rows:
                grouped[set_id].append(user)
            return [grouped.get(i, []) for i in ids]

        return load


def _group(rows: Any, ids: Sequence[uuid.UUID], key: Callable[[Any], uuid.UUID]) -> list[Any]:
    grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return [grouped.get(i, []) for i in ids]
