"""Root query fields: the viewer, the organisation directory, and ``node(id:)``."""

import uuid
from collections.abc import Awaitable, Callable

from strawberry.types import Info

from samen.permissions import policy
from samen.permissions.graphql import unauthenticated_error
from samen.permissions.standing import Standing
from samen.schema.errors import bad_user_input
from samen.schema.node import Node, from_global_id
from samen.schema.organisation import AuthorisationGroup, Organisation, Role, User, Viewer
from samen.schema.pagination import Connection
from samen.services import organisations
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


# Every type that implements Node, by its GraphQL name; a test keeps this complete.
NODE_LOADERS: dict[str, NodeLoader] = {
    "Organisation": _organisation,
    "User": _user,
    "Role": _role,
    "AuthorisationGroup": _group,
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
