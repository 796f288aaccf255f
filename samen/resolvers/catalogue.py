"""Glue of the catalogue mutations: folders, zaaktypen, statuses, results, publishing."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from samen import models
from samen.permissions.standing import Standing
from samen.resolvers.mutations import decode, decode_optional, run_mutation
from samen.schema import catalogue_inputs as inputs
from samen.schema.catalogue import Folder, Zaaktype
from samen.schema.catalogue_inputs import (
    DeleteFolderPayload,
    FolderPayload,
    StatusTypePayload,
    ZaaktypePayload,
)
from samen.schema.node import to_global_id
from samen.schema.status import StatusType
from samen.services import folders, publishing, statuses, zaaktypen

Work = Callable[[AsyncSession, Standing], Awaitable[models.Zaaktype]]


def _zaaktype_id(global_id: str) -> uuid.UUID:
    return decode(global_id, "Zaaktype", "zaaktypeId", "Zaaktype")


def _status_type_id(global_id: str) -> uuid.UUID:
    return decode(global_id, "StatusType", "statusTypeId", "Status type")


async def _folder_mutation(
    info: Info, work: Callable[[AsyncSession, Standing], Awaitable[models.Folder]]
) -> FolderPayload:
    async def run(session: AsyncSession, actor: Standing) -> FolderPayload:
        return FolderPayload(folder=Folder.from_model(await work(session, actor)))

    return await run_mutation(info, FolderPayload, run)


async def zaaktype_mutation(info: Info, work: Work) -> ZaaktypePayload:
    async def run(session: AsyncSession, actor: Standing) -> ZaaktypePayload:
        return ZaaktypePayload(zaaktype=Zaaktype.from_model(await work(session, actor)))

    return await run_mutation(info, ZaaktypePayload, run)


async def _status_mutation(
    info: Info, work: Callable[[AsyncSession, Standing], Awaitable[models.StatusType]]
) -> StatusTypePayload:
    async def run(session: AsyncSession, actor: Standing) -> StatusTypePayload:
        status = await work(session, actor)
        return StatusTypePayload(status_type=await status_type_out(session, status))

    return await run_mutation(info, StatusTypePayload, run)


async def status_type_out(session: AsyncSession, status: models.StatusType) -> StatusType:
    """The GraphQL status type, with what it needs to know of its version."""
    version = await session.get(models.ZaaktypeVersion, status.version_id)
    assert version is not None
    zaaktype = await session.get(models.Zaaktype, version.zaaktype_id)
    assert zaaktype is not None
    count = await session.scalar(
        select(func.count()).where(models.StatusType.version_id == version.id)
    )
    return StatusType.from_model(
        status, count=int(count or 0), version=version, owner=zaaktype.organisation_id
    )


async def create_folder(info: Info, input: inputs.CreateFolderInput) -> FolderPayload:
    return await _folder_mutation(
        info,
        lambda s, actor: folders.create_folder(
            s,
            actor=actor,
            name=input.name,
            parent_id=decode_optional(input.parent_id, "Folder", "parentId", "Folder"),
        ),
    )


async def rename_folder(info: Info, input: inputs.RenameFolderInput) -> FolderPayload:
    return await _folder_mutation(
        info,
        lambda s, actor: folders.rename_folder(
            s,
            actor=actor,
            folder_id=decode(input.folder_id, "Folder", "folderId", "Folder"),
            name=input.name,
        ),
    )


async def move_folder(info: Info, input: inputs.MoveFolderInput) -> FolderPayload:
    return await _folder_mutation(
        info,
        lambda s, actor: folders.move_folder(
            s,
            actor=actor,
            folder_id=decode(input.folder_id, "Folder", "folderId", "Folder"),
            parent_id=decode_optional(input.parent_id, "Folder", "parentId", "Folder"),
        ),
    )


async def delete_folder(info: Info, input: inputs.DeleteFolderInput) -> DeleteFolderPayload:
    async def run(session: AsyncSession, actor: Standing) -> DeleteFolderPayload:
        folder_id = decode(input.folder_id, "Folder", "folderId", "Folder")
        await folders.delete_folder(session, actor=actor, folder_id=folder_id)
        return DeleteFolderPayload(deleted_folder_id=to_global_id("Folder", folder_id))

    return await run_mutation(info, DeleteFolderPayload, run)


async def create_zaaktype(info: Info, input: inputs.CreateZaaktypeInput) -> ZaaktypePayload:
    return await zaaktype_mutation(
        info,
        lambda s, actor: zaaktypen.create_zaaktype(
            s,
            actor=actor,
            folder_id=decode(input.folder_id, "Folder", "folderId", "Folder"),
            identification=input.identification,
            name=input.name,
        ),
    )


async def move_zaaktype(info: Info, input: inputs.MoveZaaktypeInput) -> ZaaktypePayload:
    return await zaaktype_mutation(
        info,
        lambda s, actor: zaaktypen.move_zaaktype(
            s,
            actor=actor,
            zaaktype_id=_zaaktype_id(input.zaaktype_id),
            folder_id=decode(input.folder_id, "Folder", "folderId", "Folder"),
        ),
    )


def _given(value: Any) -> Any:
    """Strawberry's UNSET (field omitted) becomes the service's UNCHANGED."""
    return zaaktypen.UNCHANGED if value is strawberry.UNSET else value


async def update_zaaktype_concept(
    info: Info, input: inputs.UpdateZaaktypeConceptInput
) -> ZaaktypePayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Zaaktype:
        role = input.coordinating_role_id
        changes = zaaktypen.ConceptChanges(
            name=_given(input.name),
            description=_given(input.description),
            confidentiality=_given(input.confidentiality),
            lead_time_days=_given(input.lead_time_days),
            coordinating_role_id=_given(
                role
                if role is strawberry.UNSET
                else decode_optional(role, "Role", "coordinatingRoleId", "Role")
            ),
        )
        return await zaaktypen.update_concept(
            session, actor=actor, zaaktype_id=_zaaktype_id(input.zaaktype_id), changes=changes
        )

    return await zaaktype_mutation(info, work)


async def create_concept(info: Info, input: inputs.CreateConceptInput) -> ZaaktypePayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Zaaktype:
        zaaktype_id = _zaaktype_id(input.zaaktype_id)
        await zaaktypen.create_concept(session, actor=actor, zaaktype_id=zaaktype_id)
        return await zaaktypen.load_zaaktype(session, actor, zaaktype_id)

    return await zaaktype_mutation(info, work)


async def add_status_type(info: Info, input: inputs.AddStatusTypeInput) -> StatusTypePayload:
    return await _status_mutation(
        info,
        lambda s, actor: statuses.add_status_type(
            s,
            actor=actor,
            zaaktype_id=_zaaktype_id(input.zaaktype_id),
            name=input.name,
            sequence=input.sequence,
        ),
    )


async def update_status_type(info: Info, input: inputs.UpdateStatusTypeInput) -> StatusTypePayload:
    decisions = input.decisions
    actions = input.computer_actions
    return await _status_mutation(
        info,
        lambda s, actor: statuses.update_status_type(
            s,
            actor=actor,
            status_type_id=_status_type_id(input.status_type_id),
            name=input.name,
            checklist=input.checklist,
            decisions=None
            if decisions is None
            else [statuses.DecisionSpec(d.question, list(d.options)) for d in decisions],
            computer_actions=None
            if actions is None
            else [statuses.ComputerActionSpec(a.kind, a.to, a.subject, a.body) for a in actions],
        ),
    )


async def remove_status_type(info: Info, input: inputs.RemoveStatusTypeInput) -> ZaaktypePayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Zaaktype:
        version = await statuses.remove_status_type(
            session, actor=actor, status_type_id=_status_type_id(input.status_type_id)
        )
        zaaktype = await session.get(models.Zaaktype, version.zaaktype_id)
        assert zaaktype is not None
        return zaaktype

    return await zaaktype_mutation(info, work)


async def move_status_type(info: Info, input: inputs.MoveStatusTypeInput) -> StatusTypePayload:
    return await _status_mutation(
        info,
        lambda s, actor: statuses.move_status_type(
            s,
            actor=actor,
            status_type_id=_status_type_id(input.status_type_id),
            sequence=input.sequence,
        ),
    )


async def set_status_handler(info: Info, input: inputs.SetStatusHandlerInput) -> StatusTypePayload:
    return await _status_mutation(
        info,
        lambda s, actor: statuses.set_status_handler(
            s,
            actor=actor,
            status_type_id=_status_type_id(input.status_type_id),
            kind=input.kind,
            role_id=decode_optional(input.role_id, "Role", "roleId", "Role"),
            partner_id=decode_optional(input.partner_id, "Organisation", "partnerId", "Partner"),
        ),
    )


async def add_result_type(info: Info, input: inputs.AddResultTypeInput) -> ZaaktypePayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Zaaktype:
        zaaktype_id = _zaaktype_id(input.zaaktype_id)
        await statuses.add_result_type(
            session,
            actor=actor,
            zaaktype_id=zaaktype_id,
            name=input.name,
            description=input.description,
        )
        return await zaaktypen.load_zaaktype(session, actor, zaaktype_id)

    return await zaaktype_mutation(info, work)


async def remove_result_type(info: Info, input: inputs.RemoveResultTypeInput) -> ZaaktypePayload:
    return await zaaktype_mutation(
        info,
        lambda s, actor: statuses.remove_result_type(
            s,
            actor=actor,
            result_type_id=decode(
                input.result_type_id, "ResultType", "resultTypeId", "Result type"
            ),
        ),
    )


async def publish_zaaktype(info: Info, input: inputs.PublishZaaktypeInput) -> ZaaktypePayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Zaaktype:
        zaaktype_id = _zaaktype_id(input.zaaktype_id)
        await publishing.publish_zaaktype(
            session,
            actor=actor,
            zaaktype_id=zaaktype_id,
            environments=input.environments,
            version_id=decode_optional(input.version_id, "ZaaktypeVersion", "versionId", "Version"),
        )
        return await zaaktypen.load_zaaktype(session, actor, zaaktype_id)

    return await zaaktype_mutation(info, work)


async def set_group_access(info: Info, input: inputs.SetGroupAccessInput) -> ZaaktypePayload:
    return await zaaktype_mutation(
        info,
        lambda s, actor: zaaktypen.set_group_access(
            s,
            actor=actor,
            zaaktype_id=_zaaktype_id(input.zaaktype_id),
            group_id=decode(input.group_id, "AuthorisationGroup", "groupId", "Authorisation group"),
            level=input.level,
        ),
    )
