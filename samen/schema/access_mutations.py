"""The mutations of roles and authorisation groups: each takes one ``input``, returns a payload."""

import strawberry
from strawberry.types import Info

from samen.permissions.graphql import OrganisationAdmin, guard
from samen.resolvers import access
from samen.schema.access import (
    AuthorisationGroupMemberInput,
    AuthorisationGroupPayload,
    CreateAuthorisationGroupInput,
    CreateRoleInput,
    DeleteAuthorisationGroupInput,
    DeleteAuthorisationGroupPayload,
    DeleteRoleInput,
    DeleteRolePayload,
    RenameAuthorisationGroupInput,
    RenameRoleInput,
    RoleMemberInput,
    RolePayload,
)

ADMIN = "Organisation admins of the role's or group's own organisation."


@strawberry.type(description="Managing an organisation's roles and authorisation groups.")
class AccessMutation:
    @strawberry.mutation(
        description=f"Create a role. {ADMIN}", extensions=guard(OrganisationAdmin())
    )
    async def create_role(self, info: Info, input: CreateRoleInput) -> RolePayload:
        return await access.create_role(info, input.name)

    @strawberry.mutation(
        description=f"Rename a role. {ADMIN}", extensions=guard(OrganisationAdmin())
    )
    async def rename_role(self, info: Info, input: RenameRoleInput) -> RolePayload:
        return await access.rename_role(info, input.role_id, input.name)

    @strawberry.mutation(
        description=f"Delete a role. {ADMIN}", extensions=guard(OrganisationAdmin())
    )
    async def delete_role(self, info: Info, input: DeleteRoleInput) -> DeleteRolePayload:
        return await access.delete_role(info, input.role_id)

    @strawberry.mutation(
        description=f"Add a user to a role. {ADMIN}", extensions=guard(OrganisationAdmin())
    )
    async def add_role_member(self, info: Info, input: RoleMemberInput) -> RolePayload:
        return await access.change_role_member(info, input.role_id, input.user_id, add=True)

    @strawberry.mutation(
        description=f"Take a user out of a role. {ADMIN}", extensions=guard(OrganisationAdmin())
    )
    async def remove_role_member(self, info: Info, input: RoleMemberInput) -> RolePayload:
        return await access.change_role_member(info, input.role_id, input.user_id, add=False)

    @strawberry.mutation(
        description=f"Create an authorisation group. {ADMIN}",
        extensions=guard(OrganisationAdmin()),
    )
    async def create_authorisation_group(
        self, info: Info, input: CreateAuthorisationGroupInput
    ) -> AuthorisationGroupPayload:
        return await access.create_group(info, input.name)

    @strawberry.mutation(
        description=f"Rename an authorisation group. {ADMIN}",
        extensions=guard(OrganisationAdmin()),
    )
    async def rename_authorisation_group(
        self, info: Info, input: RenameAuthorisationGroupInput
    ) -> AuthorisationGroupPayload:
        return await access.rename_group(info, input.group_id, input.name)

    @strawberry.mutation(
        description=f"Delete an authorisation group. {ADMIN}",
        extensions=guard(OrganisationAdmin()),
    )
    async def delete_authorisation_group(
        self, info: Info, input: DeleteAuthorisationGroupInput
    ) -> DeleteAuthorisationGroupPayload:
        return await access.delete_group(info, input.group_id)

    @strawberry.mutation(
        description=f"Add a user to an authorisation group. {ADMIN}",
        extensions=guard(OrganisationAdmin()),
    )
    async def add_authorisation_group_member(
        self, info: Info, input: AuthorisationGroupMemberInput
    ) -> AuthorisationGroupPayload:
        return await access.change_group_member(info, input.group_id, input.user_id, add=True)

    @strawberry.mutation(
        description=f"Take a user out of an authorisation group. {ADMIN}",
        extensions=guard(OrganisationAdmin()),
    )
    async def remove_authorisation_group_member(
        self, info: Info, input: AuthorisationGroupMemberInput
    ) -> AuthorisationGroupPayload:
        return await access.change_group_member(info, input.group_id, input.user_id, add=False)
