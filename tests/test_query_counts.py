"""SQL statements per request do not grow with list sizes (DESIGN.md §7)."""

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.models.enums import HandlerKind
from samen.services import folders, publishing, statuses, zaaktype_partners
from tests.conftest import GraphQLClient, SQLCounter
from tests.factories import (
    add_role_member,
    make_group,
    make_organisation,
    make_partnership,
    make_publishable_zaaktype,
    make_role,
    make_token,
    make_user,
    standing_of,
)

ORGANISATION_TREE = """
{
  viewer {
    user { email }
    organisation {
      name environments users { email }
      roles { name members { email organisation { name } } }
      authorisationGroups { name members { email } }
    }
  }
}"""
# token -> user, the viewer's memberships, user, organisation, environments, users, roles,
# groups, role members, group members
EXPECTED_STATEMENTS = 10


@pytest.mark.parametrize("size", [1, 12])
async def test_organisation_tree_costs_the_same_for_any_size(
    session: AsyncSession, gql: GraphQLClient, count_sql: SQLCounter, size: int
) -> None:
    # given
    organisation = await make_organisation(session)
    admin = await make_user(session, organisation, organisation_admin=True)
    token = await make_token(session, admin)
    for _ in range(size):
        role = await make_role(session, organisation)
        group = await make_group(session, organisation)
        for _ in range(size):
            user = await make_user(session, organisation)
            await add_role_member(session, role, user)
            session.add(models.GroupMember(group_id=group.id, user_id=user.id))
    await session.commit()
    # when
    with count_sql:
        result = await gql(ORGANISATION_TREE, token=token)
    # then
    assert "errors" not in result
    assert len(result["data"]["viewer"]["organisation"]["roles"]) == size
    assert count_sql.count == EXPECTED_STATEMENTS, "\n".join(count_sql.statements)


async def test_directory_page_costs_two_statements_beyond_sign_in(
    session: AsyncSession, gql: GraphQLClient, count_sql: SQLCounter
) -> None:
    # given
    organisation = await make_organisation(session)
    token = await make_token(session, await make_user(session, organisation))
    for _ in range(30):
        await make_organisation(session)
    await session.commit()
    # when
    with count_sql:
        result = await gql(
            "{ organisations(first: 25) { totalCount edges { node { name } } } }", token=token
        )
    # then: sign-in (2), count, page
    assert "errors" not in result
    assert count_sql.count == 4, "\n".join(count_sql.statements)


CATALOGUE = """
{
  zaaktypen(first: 100) {
    edges { node {
      name
      live(environment: "productie") {
        statuses { name handler { kind role { name } } checklist { text } }
        resultTypes { name }
      }
    } }
  }
}"""
# sign-in (2), page, versions (name), live versions, statuses, roles, checklists, results; no
# count(*), since totalCount is not asked for
CATALOGUE_STATEMENTS = 9


@pytest.mark.parametrize(("zaaktype_count", "extra_statuses"), [(1, 0), (6, 4)])
async def test_the_catalogue_query_costs_the_same_for_any_size(
    session: AsyncSession,
    gql: GraphQLClient,
    count_sql: SQLCounter,
    zaaktype_count: int,
    extra_statuses: int,
) -> None:
    # given
    organisation = await make_organisation(session)
    admin = await make_user(session, organisation, zaaktype_admin=True)
    token = await make_token(session, admin)
    actor = await standing_of(session, admin)
    folder = await folders.create_folder(session, actor=actor, name="Map", parent_id=None)
    for number in range(zaaktype_count):
        role = await make_role(session, organisation)
        zaaktype = await make_publishable_zaaktype(session, actor, folder.id, f"Z{number}", role)
        for extra in range(extra_statuses):
            added = await statuses.add_status_type(
                session, actor=actor, zaaktype_id=zaaktype.id, name=f"Stap {extra}", sequence=2
            )
            await statuses.set_status_handler(
                session,
                actor=actor,
                status_type_id=added.id,
                kind=HandlerKind.ROLE,
                role_id=role.id,
            )
            await statuses.update_status_type(
                session, actor=actor, status_type_id=added.id, checklist=["Eén", "Twee"]
            )
        await publishing.publish_zaaktype(
            session, actor=actor, zaaktype_id=zaaktype.id, environments=["productie"]
        )
    await session.commit()
    # when
    with count_sql:
        result = await gql(CATALOGUE, token=token)
    # then
    assert "errors" not in result
    edges = result["data"]["zaaktypen"]["edges"]
    assert len(edges) == zaaktype_count
    assert len(edges[-1]["node"]["live"]["statuses"]) == 2 + extra_statuses
    assert count_sql.count == CATALOGUE_STATEMENTS, "\n".join(count_sql.statements)


PARTNER_VIEW = """
{
  folders {
    name isShared sharedBy { name }
    zaaktypen { name viewerParty live(environment: "productie") { statuses { name } } }
  }
}"""
# sign-in (2), root folders, partnerships, their directing parties' zaaktypen, versions
# (name), live versions, statuses, directing parties (sharedBy)
PARTNER_VIEW_STATEMENTS = 9


@pytest.mark.parametrize("shared_count", [1, 5])
async def test_a_partners_shared_folder_costs_the_same_for_any_size(
    session: AsyncSession, gql: GraphQLClient, count_sql: SQLCounter, shared_count: int
) -> None:
    # given: a directing party shares several published zaaktypen with one partner
    directing = await make_organisation(session)
    partner = await make_organisation(session)
    admin = await make_user(session, directing, zaaktype_admin=True)
    partner_token = await make_token(session, await make_user(session, partner))
    await make_partnership(session, directing, partner)
    actor = await standing_of(session, admin)
    folder = await folders.create_folder(session, actor=actor, name="Map", parent_id=None)
    role = await make_role(session, directing)
    for number in range(shared_count):
        zaaktype = await make_publishable_zaaktype(session, actor, folder.id, f"Z{number}", role)
        await zaaktype_partners.link_partner(
            session,
            actor=actor,
            zaaktype_id=zaaktype.id,
            partner_id=partner.id,
            max_access=models.AccessLevel.CONSULT,
        )
        await publishing.publish_zaaktype(
            session, actor=actor, zaaktype_id=zaaktype.id, environments=["productie"]
        )
    await session.commit()
    # when
    with count_sql:
        result = await gql(PARTNER_VIEW, token=partner_token)
    # then
    assert "errors" not in result
    [shared] = result["data"]["folders"]
    assert len(shared["zaaktypen"]) == shared_count
    assert count_sql.count == PARTNER_VIEW_STATEMENTS, "\n".join(count_sql.statements)
