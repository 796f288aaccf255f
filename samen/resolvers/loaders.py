"""Per-request dataloaders: one statement per kind of object, however long the list.

Created per request (``Context.loaders``); a shared loader would leak rows across tenants.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from sqlalchemy import func, select
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

        self.folder = DataLoader[uuid.UUID, models.Folder | None](self._by_id(models.Folder))
        self.child_folders = DataLoader[uuid.UUID, list[models.Folder]](
            self._grouped(models.Folder, models.Folder.parent_id, models.Folder.name)
        )
        self.zaaktypen_in_folder = DataLoader[uuid.UUID, list[models.Zaaktype]](
            self._grouped(
                models.Zaaktype, models.Zaaktype.folder_id, models.Zaaktype.identification
            )
        )
        self.zaaktype = DataLoader[uuid.UUID, models.Zaaktype | None](self._by_id(models.Zaaktype))
        self.version = DataLoader[uuid.UUID, models.ZaaktypeVersion | None](
            self._by_id(models.ZaaktypeVersion)
        )
        self.versions = DataLoader[uuid.UUID, list[models.ZaaktypeVersion]](
            self._grouped(
                models.ZaaktypeVersion,
                models.ZaaktypeVersion.zaaktype_id,
                models.ZaaktypeVersion.number,
            )
        )
        self.live_version = DataLoader[tuple[uuid.UUID, str], models.ZaaktypeVersion | None](
            self._live_versions
        )
        self.publications = DataLoader[uuid.UUID, list[models.Publication]](
            self._grouped(models.Publication, models.Publication.version_id, models.Publication.id)
        )
        self.statuses = DataLoader[uuid.UUID, list[models.StatusType]](
            self._grouped(
                models.StatusType, models.StatusType.version_id, models.StatusType.sequence
            )
        )
        self.status_type = DataLoader[uuid.UUID, models.StatusType | None](
            self._by_id(models.StatusType)
        )
        self.result_types = DataLoader[uuid.UUID, list[models.ResultType]](
            self._grouped(
                models.ResultType, models.ResultType.version_id, models.ResultType.position
            )
        )
        self.checklist = DataLoader[uuid.UUID, list[models.ChecklistItem]](
            self._grouped(
                models.ChecklistItem,
                models.ChecklistItem.status_type_id,
                models.ChecklistItem.position,
            )
        )
        self.decisions = DataLoader[uuid.UUID, list[models.Decision]](
            self._grouped(models.Decision, models.Decision.status_type_id, models.Decision.position)
        )
        self.computer_actions = DataLoader[uuid.UUID, list[models.ComputerAction]](
            self._grouped(
                models.ComputerAction,
                models.ComputerAction.status_type_id,
                models.ComputerAction.position,
            )
        )
        self.group_access = DataLoader[uuid.UUID, list[models.GroupAccess]](
            self._grouped(
                models.GroupAccess, models.GroupAccess.zaaktype_id, models.GroupAccess.group_id
            )
        )

        self.partnership = DataLoader[uuid.UUID, models.Partnership | None](
            self._by_id(models.Partnership)
        )
        self.zaaktypen_of = DataLoader[uuid.UUID, list[models.Zaaktype]](
            self._grouped(
                models.Zaaktype, models.Zaaktype.organisation_id, models.Zaaktype.identification
            )
        )
        self.zaaktype_partners = DataLoader[uuid.UUID, list[models.ZaaktypePartner]](
            self._grouped(
                models.ZaaktypePartner,
                models.ZaaktypePartner.zaaktype_id,
                models.ZaaktypePartner.linked_at,
            )
        )
        self.shared_folder = DataLoader[tuple[uuid.UUID, uuid.UUID], models.Folder | None](
            self._shared_folders
        )

    async def _shared_folders(
        self, keys: list[tuple[uuid.UUID, uuid.UUID]]
    ) -> list[models.Folder | None]:
        """The folder P3 added to a partner's tree, per (partner, directing party)."""
        rows = await self._session.execute(
            select(
                models.Partnership.partner_id, models.Partnership.directing_party_id, models.Folder
            )
            .join(models.Folder, models.Folder.shared_by_partnership_id == models.Partnership.id)
            .where(
                models.Partnership.partner_id.in_({p for p, _ in keys}),
                models.Partnership.state == models.PartnershipState.ACCEPTED,
            )
        )
        found = {(partner, directing): folder for partner, directing, folder in rows}
        return [found.get(key) for key in keys]

    async def _live_versions(
        self, keys: list[tuple[uuid.UUID, str]]
    ) -> list[models.ZaaktypeVersion | None]:
        """The version of each (zaaktype, environment) whose publication there is the newest."""
        newest = (
            select(func.max(models.Publication.id))
            .where(
                models.Publication.zaaktype_id.in_({z for z, _ in keys}),
                models.Publication.environment.in_({e for _, e in keys}),
            )
            .group_by(models.Publication.zaaktype_id, models.Publication.environment)
        )
        rows = await self._session.execute(
            select(
                models.Publication.zaaktype_id,
                models.Publication.environment,
                models.ZaaktypeVersion,
            )
            .join(
                models.ZaaktypeVersion, models.ZaaktypeVersion.id == models.Publication.version_id
            )
            .where(models.Publication.id.in_(newest))
        )
        live = {(zaaktype_id, environment): version for zaaktype_id, environment, version in rows}
        return [live.get(key) for key in keys]

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
