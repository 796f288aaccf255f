"""Organisations, their users, roles and authorisation groups, and the viewer."""

import uuid
from datetime import date

import strawberry
from strawberry.types import Info

from samen import models
from samen.db import utcnow
from samen.permissions import policy
from samen.permissions.graphql import InsideOrganisation, SignedIn, guard
from samen.schema.node import Node, to_global_id


@strawberry.type(description="What the viewer may do with an organisation, right now.")
class OrganisationCapabilities:
    manage_access: bool = strawberry.field(
        description="Create, rename and delete its roles and authorisation groups and change "
        "their members."
    )


@strawberry.type(
    description="A tenant of Samen: a municipality, an environmental service, … "
    "Any signed-in user sees the directory fields (name, OIN, licence); the rest only "
    "members of the organisation itself."
)
class Organisation(Node):
    db_id: strawberry.Private[uuid.UUID]
    licence_valid_until: strawberry.Private[date | None]
    name: str = strawberry.field(description="Official name.")
    oin: str = strawberry.field(description="Organisatie-identificatienummer (20 digits).")

    @property
    def organisation_id(self) -> uuid.UUID:
        return self.db_id

    @classmethod
    def from_model(cls, model: models.Organisation) -> "Organisation":
        return cls(
            id=to_global_id("Organisation", model.id),
            db_id=model.id,
            licence_valid_until=model.licence_valid_until,
            name=model.name,
            oin=model.oin,
        )

    @strawberry.field(
        description="Whether it holds a valid Samen licence today, which it needs to invite "
        "partners (P1)."
    )
    def has_licence(self) -> bool:
        return self.licence_valid_until is not None and utcnow().date() <= self.licence_valid_until

    @strawberry.field(
        description="What the viewer may do with this organisation.",
        extensions=guard(SignedIn()),
    )
    async def viewer_can(self, info: Info) -> OrganisationCapabilities:
        standing = await info.context.standing()
        return OrganisationCapabilities(
            manage_access=policy.can_manage_access(standing, self.db_id)
        )

    @strawberry.field(
        description="Its environments (`test`, `productie`, …). Members of the organisation "
        "only; empty for others.",
        extensions=guard(InsideOrganisation(), fail_silently=True),
    )
    async def environments(self, info: Info) -> list[str]:
        return [e.name for e in await info.context.loaders.environments.load(self.db_id)]

    @strawberry.field(
        description="Its users. Members of the organisation only; empty for others.",
        extensions=guard(InsideOrganisation(), fail_silently=True),
    )
    async def users(self, info: Info) -> list["User"]:
        rows = await info.context.loaders.users_of_organisation.load(self.db_id)
        return [User.from_model(row) for row in rows]

    @strawberry.field(
        description="Its roles: teams that handle statuses. Members of the organisation only; "
        "empty for others.",
        extensions=guard(InsideOrganisation(), fail_silently=True),
    )
    async def roles(self, info: Info) -> list["Role"]:
        rows = await info.context.loaders.roles_of_organisation.load(self.db_id)
        return [Role.from_model(row) for row in rows]

    @strawberry.field(
        description="Its authorisation groups: who may see which zaaktypen. Members of the "
        "organisation only; empty for others.",
        extensions=guard(InsideOrganisation(), fail_silently=True),
    )
    async def authorisation_groups(self, info: Info) -> list["AuthorisationGroup"]:
        rows = await info.context.loaders.groups_of_organisation.load(self.db_id)
        return [AuthorisationGroup.from_model(row) for row in rows]


@strawberry.type(description="A person who signs in to Samen. Visible inside their organisation.")
class User(Node):
    organisation_id: strawberry.Private[uuid.UUID]
    email: str = strawberry.field(description="Sign-in address, lower case.")
    name: str = strawberry.field(description="Full name.")
    is_zaaktype_admin: bool = strawberry.field(
        description="May configure zaaktypen and partnerships of the organisation."
    )
    is_organisation_admin: bool = strawberry.field(
        description="Manages the organisation's roles and authorisation groups."
    )

    @classmethod
    def from_model(cls, model: models.User) -> "User":
        return cls(
            id=to_global_id("User", model.id),
            organisation_id=model.organisation_id,
            email=model.email,
            name=model.name,
            is_zaaktype_admin=model.is_zaaktype_admin,
            is_organisation_admin=model.is_organisation_admin,
        )

    @strawberry.field(
        description="The organisation the user belongs to.",
        extensions=guard(InsideOrganisation()),
    )
    async def organisation(self, info: Info) -> Organisation:
        return await _organisation(info, self.organisation_id)


@strawberry.type(
    description="A team of users inside one organisation that handles statuses (behandelende "
    "rol). Its members are visible inside the organisation only."
)
class Role(Node):
    db_id: strawberry.Private[uuid.UUID]
    organisation_id: strawberry.Private[uuid.UUID]
    name: str = strawberry.field(description="Name, unique within the organisation.")

    @classmethod
    def from_model(cls, model: models.Role) -> "Role":
        return cls(
            id=to_global_id("Role", model.id),
            db_id=model.id,
            organisation_id=model.organisation_id,
            name=model.name,
        )

    @strawberry.field(
        description="The organisation the role belongs to.", extensions=guard(InsideOrganisation())
    )
    async def organisation(self, info: Info) -> Organisation:
        return await _organisation(info, self.organisation_id)

    @strawberry.field(
        description="Its members. Members of the organisation only; empty for others.",
        extensions=guard(InsideOrganisation(), fail_silently=True),
    )
    async def members(self, info: Info) -> list[User]:
        return [
            User.from_model(u) for u in await info.context.loaders.role_members.load(self.db_id)
        ]


@strawberry.type(
    description="A group of users of one organisation that gets an access level per zaaktype "
    "(autorisatiegroep). Visible inside the organisation only."
)
class AuthorisationGroup(Node):
    db_id: strawberry.Private[uuid.UUID]
    organisation_id: strawberry.Private[uuid.UUID]
    name: str = strawberry.field(description="Name, unique within the organisation.")

    @classmethod
    def from_model(cls, model: models.AuthorisationGroup) -> "AuthorisationGroup":
        return cls(
            id=to_global_id("AuthorisationGroup", model.id),
            db_id=model.id,
            organisation_id=model.organisation_id,
            name=model.name,
        )

    @strawberry.field(
        description="The organisation the group belongs to.",
        extensions=guard(InsideOrganisation()),
    )
    async def organisation(self, info: Info) -> Organisation:
        return await _organisation(info, self.organisation_id)

    @strawberry.field(
        description="Its members. Members of the organisation only; empty for others.",
        extensions=guard(InsideOrganisation(), fail_silently=True),
    )
    async def members(self, info: Info) -> list[User]:
        rows = await info.context.loaders.group_members.load(self.db_id)
        return [User.from_model(u) for u in rows]


@strawberry.type(description="The signed-in user and what they may do in general.")
class Viewer:
    user: User = strawberry.field(description="The signed-in user.")
    organisation: Organisation = strawberry.field(description="The user's organisation.")
    is_zaaktype_admin: bool = strawberry.field(
        description="May configure zaaktypen and partnerships (zaaktypebeheerder)."
    )
    is_organisation_admin: bool = strawberry.field(
        description="Manages users' roles and groups (beheerder)."
    )


async def _organisation(info: Info, organisation_id: uuid.UUID) -> Organisation:
    model = await info.context.loaders.organisation.load(organisation_id)
    if model is None:  # a foreign key guarantees it; this keeps the type honest
        raise LookupError(f"organisation {organisation_id} vanished")
    return Organisation.from_model(model)
