"""Inputs and payloads of the role and authorisation-group mutations."""

import strawberry

from samen.schema.errors import UserError
from samen.schema.organisation import AuthorisationGroup, Role


@strawberry.input(description="A new role in the viewer's organisation.")
class CreateRoleInput:
    name: str = strawberry.field(description="Name, unique within the organisation (≤ 200).")


@strawberry.input(description="A new name for a role.")
class RenameRoleInput:
    role_id: strawberry.ID = strawberry.field(description="The role.")
    name: str = strawberry.field(description="Name, unique within the organisation (≤ 200).")


@strawberry.input(description="The role to delete; its memberships go with it.")
class DeleteRoleInput:
    role_id: strawberry.ID = strawberry.field(description="The role.")


@strawberry.input(description="A user of the organisation and one of its roles.")
class RoleMemberInput:
    role_id: strawberry.ID = strawberry.field(description="The role.")
    user_id: strawberry.ID = strawberry.field(description="A user of the same organisation.")


@strawberry.input(description="A new authorisation group in the viewer's organisation.")
class CreateAuthorisationGroupInput:
    name: str = strawberry.field(description="Name, unique within the organisation (≤ 200).")


@strawberry.input(description="A new name for an authorisation group.")
class RenameAuthorisationGroupInput:
    group_id: strawberry.ID = strawberry.field(description="The authorisation group.")
    name: str = strawberry.field(description="Name, unique within the organisation (≤ 200).")


@strawberry.input(description="The authorisation group to delete; its memberships go with it.")
class DeleteAuthorisationGroupInput:
    group_id: strawberry.ID = strawberry.field(description="The authorisation group.")


@strawberry.input(description="A user of the organisation and one of its authorisation groups.")
class AuthorisationGroupMemberInput:
    group_id: strawberry.ID = strawberry.field(description="The authorisation group.")
    user_id: strawberry.ID = strawberry.field(description="A user of the same organisation.")


ERRORS_DESCRIPTION = "What was wrong with the input; empty on success."


@strawberry.type(description="The role after the mutation, or the errors that stopped it.")
class RolePayload:
    role: Role | None = strawberry.field(default=None, description="The role; null on errors.")
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS_DESCRIPTION)


@strawberry.type(description="The ID of the deleted role, or the errors that stopped it.")
class DeleteRolePayload:
    deleted_role_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the role that was deleted."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS_DESCRIPTION)


@strawberry.type(description="The group after the mutation, or the errors that stopped it.")
class AuthorisationGroupPayload:
    authorisation_group: AuthorisationGroup | None = strawberry.field(
        default=None, description="The authorisation group; null on errors."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS_DESCRIPTION)


@strawberry.type(description="The ID of the deleted group, or the errors that stopped it.")
class DeleteAuthorisationGroupPayload:
    deleted_authorisation_group_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the group that was deleted."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS_DESCRIPTION)
