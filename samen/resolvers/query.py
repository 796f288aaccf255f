"""Root query fields: the viewer, the organisation directory, and ``node(id:)``."""

import uuid
from collections.abc import Awaitable, Callable

from strawberry.types import Info

from samen import models
from samen.permissions import policy
from samen.permissions.graphql import unauthenticated_error
from samen.permissions.standing import Standing
from samen.schema.catalogue import Folder, Zaaktype, ZaaktypeFilter, ZaaktypeVersion
from samen.schema.enums import Party
from samen.schema.errors import bad_user_input
from samen.schema.node import Node, from_global_id, parse_global_id
from samen.schema.organisation import AuthorisationGroup, Organisation, Role, User, Viewer
from samen.schema.pagination import Connection
from samen.schema.partnership import Partnership
from samen.schema.status import ResultType, StatusType
from samen.services import folders, organisations, zaaktypen
from samen.services.pagination import BadPageRequest


async def viewer(info: Info) -> Viewer:
    standing = await info.context.standing()
    if standing is None:
        raise unauthenticated_error()
    user = await info.context.loaders.user.load(standing.user_id)
    organisation = await info.context.loaders.organisation.load(standing.organisation_id)
    return Viewer(
        user=User.from_model(user),
        organisation=Organisation.from_model(organisation),
        is_zaaktype_admin=standing.is_zaaktype_admin,
        is_organisation_admin=standing.is_organisation_admin,
    )


async def organisation_directory(
    info: Info, search: str | None, first: int | None, after: str | None
) -> Connection[Organisation]:
    try:
        page = await organisations.list_organisations(
            info.context.session,
            actor=await info.context.standing(),
            search=search,
            first=first,
            after=after,
        )
    except BadPageRequest as error:
        raise bad_user_input(str(error)) from error
    return Connection[Organisation].from_page(page, Organisation.from_model)


async def root_folders(info: Info) -> list[Folder]:
    standing = await _signed_in(info)
    rows = await folders.root_folders(info.context.session, actor=standing)
    return [Folder.from_model(row) for row in rows]


async def zaaktype_list(
    info: Info, first: int | None, after: str | None, filter: ZaaktypeFilter | None
) -> Connection[Zaaktype]:
    standing = await _signed_in(info)
    where = zaaktypen.ZaaktypeQuery()
    if filter is not None:
        folder_id = parse_global_id(filter.folder_id, "Folder") if filter.folder_id else None
        if filter.folder_id and folder_id is None:
            raise bad_user_input("`filter.folderId` is not the ID of a folder.")
        where = zaaktypen.ZaaktypeQuery(
            directing=None if filter.party is None else filter.party is Party.DIRECTING,
            identification=filter.identification,
            folder_id=folder_id,
        )
    try:
        page = await zaaktypen.list_zaaktypen(
            info.context.session, actor=standing, first=first, after=after, where=where
        )
    except BadPageRequest as error:
        raise bad_user_input(str(error)) from error
    return Connection[Zaaktype].from_page(page, Zaaktype.from_model)


async def _signed_in(info: Info) -> Standing:
    standing: Standing | None = await info.context.standing()
    if standing is None:
        raise unauthenticated_error()
    return standing


NodeLoader = Callable[[Info, Standing, uuid.UUID], Awaitable[Node | None]]


async def _organisation(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await info.context.loaders.organisation.load(db_id)
    if found is None or not policy.can_read_directory(standing):
        return None
    return Organisation.from_model(found)


async def _user(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await info.context.loaders.user.load(db_id)
    if found is None or not policy.can_read_organisation_internals(standing, found.organisation_id):
        return None
    return User.from_model(found)


async def _role(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await info.context.loaders.role.load(db_id)
    if found is None or not policy.can_read_organisation_internals(standing, found.organisation_id):
        return None
    return Role.from_model(found)


async def _group(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await info.context.loaders.group.load(db_id)
    if found is None or not policy.can_read_organisation_internals(standing, found.organisation_id):
        return None
    return AuthorisationGroup.from_model(found)


async def _folder(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await info.context.loaders.folder.load(db_id)
    if found is None or not policy.can_read_catalogue(standing, found.organisation_id):
        return None
    return Folder.from_model(found)


async def _zaaktype(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await info.context.loaders.zaaktype.load(db_id)
    if found is None or not policy.can_read_zaaktype(standing, found.id, found.organisation_id):
        return None
    return Zaaktype.from_model(found)


async def _visible_version(
    info: Info, standing: Standing, version_id: uuid.UUID
) -> tuple[models.ZaaktypeVersion, models.Zaaktype] | None:
    """A version and its zaaktype, if the viewer may see that version (V2: partners, published)."""
    version = await info.context.loaders.version.load(version_id)
    zaaktype = await info.context.loaders.zaaktype.load(version.zaaktype_id) if version else None
    if version is None or zaaktype is None:
        return None
    owner = zaaktype.organisation_id
    if not policy.can_read_zaaktype(standing, zaaktype.id, owner):
        return None
    if not policy.can_see_version(standing, owner, is_concept=version.is_concept):
        return None
    return version, zaaktype


async def _version(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await _visible_version(info, standing, db_id)
    if found is None:
        return None
    version, zaaktype = found
    return ZaaktypeVersion.from_model(version, zaaktype.organisation_id)


async def _status_type(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    status = await info.context.loaders.status_type.load(db_id)
    found = await _visible_version(info, standing, status.version_id) if status else None
    if status is None or found is None:
        return None
    version, zaaktype = found
    siblings = await info.context.loaders.statuses.load(version.id)
    return StatusType.from_model(
        status, count=len(siblings), version=version, owner=zaaktype.organisation_id
    )


async def _result_type(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    result = await info.context.session.get(models.ResultType, db_id)
    found = await _visible_version(info, standing, result.version_id) if result else None
    if result is None or found is None:
        return None
    _, zaaktype = found
    return ResultType.from_model(result, owner=zaaktype.organisation_id, zaaktype_id=zaaktype.id)


async def _partnership(info: Info, standing: Standing, db_id: uuid.UUID) -> Node | None:
    found = await info.context.loaders.partnership.load(db_id)
    if found is None or not policy.can_see_partnership(
        standing, found.directing_party_id, found.partner_id
    ):
        return None
    return Partnership.from_model(found)


# Every type that implements Node, by its GraphQL name; a test keeps this complete.
NODE_LOADERS: dict[str, NodeLoader] = {
    "Organisation": _organisation,
    "User": _user,
    "Role": _role,
    "AuthorisationGroup": _group,
    "Folder": _folder,
    "Zaaktype": _zaaktype,
    "ZaaktypeVersion": _version,
    "StatusType": _status_type,
    "ResultType": _result_type,
    "Partnership": _partnership,
}


async def node(info: Info, global_id: str) -> Node | None:
    """The object, if the viewer may see it; null for anything else (never a hint why)."""
    standing = await info.context.standing()
    parsed = from_global_id(global_id)
    if standing is None or parsed is None:
        return None
    type_name, db_id = parsed
    load = NODE_LOADERS.get(type_name)
    return await load(info, standing, db_id) if load is not None else None
