"""Glue of the role and authorisation-group mutations."""

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from samen.permissions.standing import Standing
from samen.resolvers.mutations import decode, run_mutation
from samen.schema.access import (
    AuthorisationGroupPayload,
    DeleteAuthorisationGroupPayload,
    DeleteRolePayload,
    RolePayload,
)
from samen.schema.node import to_global_id
from samen.schema.organisation import AuthorisationGroup, Role
from samen.services import access


async def create_role(info: Info, name: str) -> RolePayload:
    async def work(session: AsyncSession, actor: Standing) -> RolePayload:
        role = await access.create(session, access.ROLE, actor=actor, name=name)
        return RolePayload(role=Role.from_model(role))

    return await run_mutation(info, RolePayload, work)


async def rename_role(info: Info, role_id: strawberry.ID, name: str) -> RolePayload:
    async def work(session: AsyncSession, actor: Standing) -> RolePayload:
        set_id = decode(role_id, "Role", "roleId", "Role")
        role = await access.rename(session, access.ROLE, actor=actor, set_id=set_id, name=name)
        return RolePayload(role=Role.from_model(role))

    return await run_mutation(info, RolePayload, work)


async def delete_role(info: Info, role_id: strawberry.ID) -> DeleteRolePayload:
    async def work(session: AsyncSession, actor: Standing) -> DeleteRolePayload:
        set_id = decode(role_id, "Role", "roleId", "Role")
        await access.remove(session, access.ROLE, actor=actor, set_id=set_id)
        return DeleteRolePayload(deleted_role_id=to_global_id("Role", set_id))

    return await run_mutation(info, DeleteRolePayload, work)


async def change_role_member(
    info: Info, role_id: strawberry.ID, user_id: strawberry.ID, *, add: bool
) -> RolePayload:
    async def work(session: AsyncSession, actor: Standing) -> RolePayload:
        set_id = decode(role_id, "Role", "roleId", "Role")
        member_id = decode(user_id, "User", "userId", "User")
        change = access.add_member if add else access.remove_member
        role = await change(session, access.ROLE, actor=actor, set_id=set_id, user_id=member_id)
        return RolePayload(role=Role.from_model(role))

    return await run_mutation(info, RolePayload, work)


async def create_group(info: Info, name: str) -> AuthorisationGroupPayload:
    async def work(session: AsyncSession, actor: Standing) -> AuthorisationGroupPayload:
        group = await access.create(session, access.GROUP, actor=actor, name=name)
        return AuthorisationGroupPayload(authorisation_group=AuthorisationGroup.from_model(group))

    return await run_mutation(info, AuthorisationGroupPayload, work)


async def rename_group(info: Info, group_id: strawberry.ID, name: str) -> AuthorisationGroupPayload:
    async def work(session: AsyncSession, actor: Standing) -> AuthorisationGroupPayload:
        set_id = decode(group_id, "AuthorisationGroup", "groupId", "Authorisation group")
        group = await access.rename(session, access.GROUP, actor=actor, set_id=set_id, name=name)
        return AuthorisationGroupPayload(authorisation_group=AuthorisationGroup.from_model(group))

    return await run_mutation(info, AuthorisationGroupPayload, work)


async def delete_group(info: Info, group_id: strawberry.ID) -> DeleteAuthorisationGroupPayload:
    async def work(session: AsyncSession, actor: Standing) -> DeleteAuthorisationGroupPayload:
        set_id = decode(group_id, "AuthorisationGroup", "groupId", "Authorisation group")
        await access.remove(session, access.GROUP, actor=actor, set_id=set_id)
        return DeleteAuthorisationGroupPayload(
            deleted_authorisation_group_id=to_global_id("AuthorisationGroup", set_id)
        )

    return await run_mutation(info, DeleteAuthorisationGroupPayload, work)


async def change_group_member(
    info: Info, group_id: strawberry.ID, user_id: strawberry.ID, *, add: bool
) -> AuthorisationGroupPayload:
    async def work(session: AsyncSession, actor: Standing) -> AuthorisationGroupPayload:
        set_id = decode(group_id, "AuthorisationGroup", "groupId", "Authorisation group")
        member_id = decode(user_id, "User", "userId", "User")
        change = access.add_member if add else access.remove_member
        group = await change(session, access.GROUP, actor=actor, set_id=set_id, user_id=member_id)
        return AuthorisationGroupPayload(authorisation_group=AuthorisationGroup.from_model(group))

    return await run_mutation(info, AuthorisationGroupPayload, work)
