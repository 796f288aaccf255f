"""Root query fields: the viewer, the organisation directory, and ``node(id:)``."""

from strawberry.types import Info

from samen import models
from samen.permissions import policy
from samen.permissions.graphql import unauthenticated_error
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


async def node(info: Info, global_id: str) -> Node | None:
    """The object, if the viewer may see it; null for anything else (never a hint why)."""
    standing = await info.context.standing()
    parsed = from_global_id(global_id)
    if standing is None or parsed is None:
        return None
    type_name, db_id = parsed
    loaders = info.context.loaders
    if type_name == "Organisation":
        found = await loaders.organisation.load(db_id)
        return Organisation.from_model(found) if found is not None else None
    if type_name == "User":
        user = await loaders.user.load(db_id)
        if user is not None and policy.can_read_organisation_internals(
            standing, user.organisation_id
        ):
            return User.from_model(user)
        return None
    if type_name in ("Role", "AuthorisationGroup"):
        model = models.Role if type_name == "Role" else models.AuthorisationGroup
        obj = await info.context.session.get(model, db_id)
        if obj is None or not policy.can_read_organisation_internals(standing, obj.organisation_id):
            return None
        if isinstance(obj, models.Role):
            return Role.from_model(obj)
        return AuthorisationGroup.from_model(obj)
    return None
