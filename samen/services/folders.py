"""An organisation's zaaktype tree: folders that hold folders and zaaktypen."""

import uuid
from collections.abc import Sequence

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services import audit
from samen.services.errors import ErrorCode, Forbidden, NotFound, Rejected
from samen.services.validation import check_name

CONFIGURE_ONLY = "Only zaaktype admins of this organisation configure its zaaktypen."
SHARED_READ_ONLY = (
    "A shared folder and its zaaktypen belong to the directing party: they cannot be renamed, "
    "moved, deleted or added to (P4)."
)


async def root_folders(session: AsyncSession, *, actor: Standing) -> list[models.Folder]:
    """The roots of the actor's organisation's tree, shared folders included, by name."""
    return list(
        await session.scalars(
            select(models.Folder)
            .where(
                models.Folder.organisation_id == actor.organisation_id,
                models.Folder.parent_id.is_(None),
            )
            .order_by(models.Folder.name, models.Folder.id)
        )
    )


async def create_folder(
    session: AsyncSession, *, actor: Standing, name: str, parent_id: uuid.UUID | None
) -> models.Folder:
    """Create a folder at the root or under a folder of the actor's organisation."""
    if not policy.can_configure_catalogue(actor, actor.organisation_id):
        raise Forbidden(CONFIGURE_ONLY)
    clean = check_name(name, ["input", "name"])
    if parent_id is not None:
        await load_folder(session, actor, parent_id, ["input", "parentId"])
    await _check_name_free(session, actor.organisation_id, parent_id, clean)
    folder = models.Folder(organisation_id=actor.organisation_id, parent_id=parent_id, name=clean)
    session.add(folder)
    await session.flush()
    _audit(session, actor, "folder.created", folder.id, {"name": clean})
    return folder


async def rename_folder(
    session: AsyncSession, *, actor: Standing, folder_id: uuid.UUID, name: str
) -> models.Folder:
    """Give a folder another name, unique among its siblings."""
    folder = await load_folder(session, actor, folder_id, ["input", "folderId"])
    clean = check_name(name, ["input", "name"])
    if clean != folder.name:
        await _check_name_free(session, folder.organisation_id, folder.parent_id, clean)
        _audit(session, actor, "folder.renamed", folder.id, {"name": [folder.name, clean]})
        folder.name = clean
        await session.flush()
    return folder


async def move_folder(
    session: AsyncSession, *, actor: Standing, folder_id: uuid.UUID, parent_id: uuid.UUID | None
) -> models.Folder:
    """Move a folder under another folder, or to the root; never under itself."""
    folder = await load_folder(session, actor, folder_id, ["input", "folderId"])
    if parent_id is not None:
        await load_folder(session, actor, parent_id, ["input", "parentId"])
        if folder.id in await _ancestry(session, folder.organisation_id, parent_id):
            raise Rejected.one(
                ErrorCode.FOLDER_CYCLE,
                ["input", "parentId"],
                "A folder cannot move under itself or one of its own folders.",
            )
    if parent_id != folder.parent_id:
        await _check_name_free(
            session, folder.organisation_id, parent_id, folder.name, field=("input", "parentId")
        )
        _audit(
            session,
            actor,
            "folder.moved",
            folder.id,
            {"parent": [_text(folder.parent_id), _text(parent_id)]},
        )
        folder.parent_id = parent_id
        await session.flush()
    return folder


async def delete_folder(session: AsyncSession, *, actor: Standing, folder_id: uuid.UUID) -> None:
    """Delete a folder that holds neither folders nor zaaktypen."""
    folder = await load_folder(session, actor, folder_id, ["input", "folderId"])
    has_content = await session.scalar(
        select(
            exists().where(models.Folder.parent_id == folder.id)
            | exists().where(models.Zaaktype.folder_id == folder.id)
        )
    )
    if has_content:
        raise Rejected.one(
            ErrorCode.FOLDER_NOT_EMPTY,
            ["input", "folderId"],
            "Only an empty folder can be deleted; move or delete what it holds first.",
        )
    _audit(session, actor, "folder.deleted", folder.id, {"name": folder.name})
    await session.delete(folder)
    await session.flush()


async def load_folder(
    session: AsyncSession, actor: Standing, folder_id: uuid.UUID, field: Sequence[str]
) -> models.Folder:
    """A folder the actor may configure; another tenant's folder is not found."""
    folder = await session.get(models.Folder, folder_id)
    if folder is None or not policy.can_read_catalogue(actor, folder.organisation_id):
        raise NotFound(field, "Folder")
    if not policy.can_configure_folder(
        actor, folder.organisation_id, is_shared=folder.shared_by_partnership_id is not None
    ):
        raise Forbidden(
            SHARED_READ_ONLY if folder.shared_by_partnership_id is not None else CONFIGURE_ONLY
        )
    return folder


async def _ancestry(
    session: AsyncSession, organisation_id: uuid.UUID, folder_id: uuid.UUID
) -> set[uuid.UUID]:
    """The folder and all its ancestors, from one read of the organisation's tree."""
    rows = await session.execute(
        select(models.Folder.id, models.Folder.parent_id).where(
            models.Folder.organisation_id == organisation_id
        )
    )
    parents: dict[uuid.UUID, uuid.UUID | None] = {row[0]: row[1] for row in rows}
    chain: set[uuid.UUID] = set()
    current: uuid.UUID | None = folder_id
    while current is not None and current not in chain:
        chain.add(current)
        current = parents.get(current)
    return chain


async def _check_name_free(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    parent_id: uuid.UUID | None,
    name: str,
    *,
    field: Sequence[str] = ("input", "name"),
) -> None:
    sibling = (
        models.Folder.parent_id == parent_id if parent_id else models.Folder.parent_id.is_(None)
    )
    taken = await session.scalar(
        select(models.Folder.id).where(
            models.Folder.organisation_id == organisation_id, sibling, models.Folder.name == name
        )
    )
    if taken is not None:
        raise Rejected.one(ErrorCode.DUPLICATE, field, f"A folder named {name!r} is already there.")


def _audit(
    session: AsyncSession,
    actor: Standing,
    action: str,
    folder_id: uuid.UUID,
    changes: dict[str, object],
) -> None:
    audit.record(
        session,
        actor=actor,
        action=action,
        subject_type="Folder",
        subject_id=folder_id,
        changes=changes,
    )


def _text(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None
