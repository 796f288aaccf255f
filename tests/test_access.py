"""Organisation admins manage their roles, groups and memberships (payload style of §4)."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.schema.node import to_global_id
from tests.conftest import GraphQLClient
from tests.factories import make_organisation, make_role, make_token, make_user

CREATE_ROLE = """
mutation($input: CreateRoleInput!) {
  createRole(input: $input) { role { id name members { email } } errors { code field message } }
}"""
RENAME_ROLE = """
mutation($input: RenameRoleInput!) {
  renameRole(input: $input) { role { name } errors { code field message } }
}"""
ADD_MEMBER = """
mutation($input: RoleMemberInput!) {
  addRoleMember(input: $input) { role { name members { email } } errors { code field } }
}"""
REMOVE_MEMBER = """
mutation($input: RoleMemberInput!) {
  removeRoleMember(input: $input) { role { members { email } } errors { code field } }
}"""
ADD_GROUP_MEMBER = """
mutation($input: AuthorisationGroupMemberInput!) {
  addAuthorisationGroupMember(input: $input) {
    authorisationGroup { name members { email } } errors { code field }
  }
}"""


async def admin_of_new_organisation(session: AsyncSession) -> tuple[models.Organisation, str]:
    organisation = await make_organisation(session)
    admin = await make_user(session, organisation, organisation_admin=True)
    token = await make_token(session, admin)
    await session.commit()
    return organisation, token


async def role_count(session: AsyncSession, organisation: models.Organisation) -> int:
    statement = select(func.count()).where(models.Role.organisation_id == organisation.id)
    return int(await session.scalar(statement) or 0)


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


async def test_an_admin_creates_a_role_and_it_is_audited(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, token = await admin_of_new_organisation(session)
    # when
    result = await gql(CREATE_ROLE, {"input": {"name": "  Toezichthouder  "}}, token=token)
    # then
    created = payload(result, "createRole")
    assert created["errors"] == []
    assert created["role"]["name"] == "Toezichthouder"
    entry = await session.scalar(
        select(models.AuditEntry).where(models.AuditEntry.organisation_id == organisation.id)
    )
    assert entry is not None
    assert (entry.action, entry.changes) == ("role.created", {"name": "Toezichthouder"})


async def test_bad_role_names_are_user_errors_and_nothing_is_written(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, token = await admin_of_new_organisation(session)
    await make_role(session, organisation, name="Bestaand")
    await session.commit()
    cases = {"": "REQUIRED", "   ": "REQUIRED", "x" * 201: "TOO_LONG", "Bestaand": "DUPLICATE"}
    for name, code in cases.items():
        # when
        result = await gql(CREATE_ROLE, {"input": {"name": name}}, token=token)
        # then
        created = payload(result, "createRole")
        assert created["role"] is None
        assert [(e["code"], e["field"]) for e in created["errors"]] == [(code, ["input", "name"])]
    assert await role_count(session, organisation) == 1


async def test_renaming_to_a_taken_name_is_refused(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, token = await admin_of_new_organisation(session)
    first = await make_role(session, organisation, name="Eerste")
    await make_role(session, organisation, name="Tweede")
    await session.commit()
    role_id = to_global_id("Role", first.id)
    # when
    taken = await gql(RENAME_ROLE, {"input": {"roleId": role_id, "name": "Tweede"}}, token=token)
    renamed = await gql(RENAME_ROLE, {"input": {"roleId": role_id, "name": "Derde"}}, token=token)
    # then
    assert payload(taken, "renameRole")["errors"][0]["code"] == "DUPLICATE"
    assert payload(renamed, "renameRole") == {"role": {"name": "Derde"}, "errors": []}


async def test_members_are_added_once_and_removed(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, token = await admin_of_new_organisation(session)
    role = await make_role(session, organisation, name="Vergunningverlener")
    user = await make_user(session, organisation, email="lid@test.example")
    await session.commit()
    ids = {"roleId": to_global_id("Role", role.id), "userId": to_global_id("User", user.id)}
    # when
    added = await gql(ADD_MEMBER, {"input": ids}, token=token)
    again = await gql(ADD_MEMBER, {"input": ids}, token=token)
    removed = await gql(REMOVE_MEMBER, {"input": ids}, token=token)
    removed_again = await gql(REMOVE_MEMBER, {"input": ids}, token=token)
    # then
    assert payload(added, "addRoleMember")["role"]["members"] == [{"email": "lid@test.example"}]
    assert payload(again, "addRoleMember")["errors"] == [
        {"code": "ALREADY_MEMBER", "field": ["input", "userId"]}
    ]
    assert payload(removed, "removeRoleMember") == {"role": {"members": []}, "errors": []}
    assert payload(removed_again, "removeRoleMember")["errors"][0]["code"] == "NOT_A_MEMBER"


async def test_a_user_of_another_organisation_cannot_join(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, token = await admin_of_new_organisation(session)
    role = await make_role(session, organisation)
    stranger = await make_user(session, await make_organisation(session))
    await session.commit()
    ids = {"roleId": to_global_id("Role", role.id), "userId": to_global_id("User", stranger.id)}
    # when
    result = await gql(ADD_MEMBER, {"input": ids}, token=token)
    # then: the stranger is "not found", not "of another organisation"
    assert payload(result, "addRoleMember")["errors"] == [
        {"code": "NOT_FOUND", "field": ["input", "userId"]}
    ]


async def test_malformed_and_mistyped_ids_are_not_found(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, token = await admin_of_new_organisation(session)
    user = await make_user(session, organisation)
    await session.commit()
    user_id = to_global_id("User", user.id)
    for role_id in ("not-an-id", user_id, to_global_id("Organisation", organisation.id)):
        # when
        result = await gql(
            ADD_MEMBER, {"input": {"roleId": role_id, "userId": user_id}}, token=token
        )
        # then
        assert payload(result, "addRoleMember")["errors"] == [
            {"code": "NOT_FOUND", "field": ["input", "roleId"]}
        ]


async def test_group_membership_works_like_role_membership(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, token = await admin_of_new_organisation(session)
    group = models.AuthorisationGroup(organisation_id=organisation.id, name="Vergunningen")
    session.add(group)
    user = await make_user(session, organisation, email="g@test.example")
    await session.commit()
    ids = {
        "groupId": to_global_id("AuthorisationGroup", group.id),
        "userId": to_global_id("User", user.id),
    }
    # when
    result = await gql(ADD_GROUP_MEMBER, {"input": ids}, token=token)
    # then
    assert payload(result, "addAuthorisationGroupMember") == {
        "authorisationGroup": {"name": "Vergunningen", "members": [{"email": "g@test.example"}]},
        "errors": [],
    }


async def test_viewer_can_tells_an_admin_apart_from_a_colleague(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, admin_token = await admin_of_new_organisation(session)
    colleague_token = await make_token(session, await make_user(session, organisation))
    await session.commit()
    query = "{ viewer { organisation { viewerCan { manageAccess } } } }"
    # when
    as_admin = await gql(query, token=admin_token)
    as_colleague = await gql(query, token=colleague_token)
    # then: the same policy function that guards the mutations answers
    assert as_admin["data"]["viewer"]["organisation"]["viewerCan"] == {"manageAccess": True}
    assert as_colleague["data"]["viewer"]["organisation"]["viewerCan"] == {"manageAccess": False}
