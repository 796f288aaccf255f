"""The organisation directory, `node(id:)`, and tenant isolation of organisation internals."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from samen.resolvers.query import NODE_LOADERS
from samen.schema import build_schema
from samen.schema.node import to_global_id
from tests.conftest import GraphQLClient
from tests.factories import make_group, make_organisation, make_role, make_token, make_user

DIRECTORY = """
query($search: String, $first: Int, $after: String) {
  organisations(search: $search, first: $first, after: $after) {
    totalCount
    edges { node { name oin } }
    pageInfo { hasNextPage endCursor }
  }
}"""
ORGANISATION_INTERNALS = """
query($id: ID!) {
  node(id: $id) {
    ... on Organisation {
      name environments users { email } roles { name } authorisationGroups { name }
      viewerCan { manageAccess }
    }
  }
}"""


async def signed_in(session: AsyncSession) -> tuple[Any, str]:
    organisation = await make_organisation(session, name="Zzz Eigen Gemeente")
    token = await make_token(session, await make_user(session, organisation))
    await session.commit()
    return organisation, token


async def test_the_directory_is_searchable_by_name_or_oin(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token = await signed_in(session)
    target = await make_organisation(session, name="Omgevingsdienst 100%_Zuid")
    await make_organisation(session, name="Omgevingsdienst Noord")
    await session.commit()
    # when
    by_name = await gql(DIRECTORY, {"search": "100%_z"}, token=token)
    by_oin = await gql(DIRECTORY, {"search": target.oin}, token=token)
    # then: % and _ are taken literally, the match ignores case
    assert "errors" not in by_name
    assert [e["node"]["name"] for e in by_name["data"]["organisations"]["edges"]] == [
        "Omgevingsdienst 100%_Zuid"
    ]
    assert by_oin["data"]["organisations"]["edges"] == [
        {"node": {"name": target.name, "oin": target.oin}}
    ]


async def test_the_directory_pages_with_cursors(session: AsyncSession, gql: GraphQLClient) -> None:
    # given
    _, token = await signed_in(session)
    for letter in "CAB":
        await make_organisation(session, name=f"Paging {letter}")
    await session.commit()
    seen: list[str] = []
    after = None
    # when
    while True:
        result = await gql(DIRECTORY, {"search": "Paging", "first": 2, "after": after}, token=token)
        assert "errors" not in result
        page = result["data"]["organisations"]
        seen += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    assert seen == ["Paging A", "Paging B", "Paging C"]
    assert page["totalCount"] == 3


async def test_another_organisations_internals_are_hidden(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token = await signed_in(session)
    other = await make_organisation(session, name="Andere Gemeente")
    await make_user(session, other)
    await make_role(session, other)
    await make_group(session, other)
    await session.commit()
    # when
    result = await gql(
        ORGANISATION_INTERNALS, {"id": to_global_id("Organisation", other.id)}, token=token
    )
    # then: the directory fields, and nothing of the inside
    assert "errors" not in result
    assert result["data"]["node"] == {
        "name": "Andere Gemeente",
        "environments": [],
        "users": [],
        "roles": [],
        "authorisationGroups": [],
        "viewerCan": {"manageAccess": False},
    }


async def test_own_organisation_internals_are_visible(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    own, token = await signed_in(session)
    await make_role(session, own, name="Vergunningverlener")
    await make_group(session, own, name="Vergunningen")
    await session.commit()
    # when
    result = await gql(
        ORGANISATION_INTERNALS, {"id": to_global_id("Organisation", own.id)}, token=token
    )
    # then
    assert "errors" not in result
    node = result["data"]["node"]
    assert node["environments"] == ["test", "productie"]
    assert node["roles"] == [{"name": "Vergunningverlener"}]
    assert node["authorisationGroups"] == [{"name": "Vergunningen"}]
    assert len(node["users"]) == 1
    assert node["viewerCan"] == {"manageAccess": False}  # a member, not an admin


async def test_node_returns_null_for_another_tenants_objects_and_for_junk(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    own, token = await signed_in(session)
    other = await make_organisation(session)
    foreign_ids = [
        to_global_id("Role", (await make_role(session, other)).id),
        to_global_id("AuthorisationGroup", (await make_group(session, other)).id),
        to_global_id("User", (await make_user(session, other)).id),
    ]
    own_role = to_global_id("Role", (await make_role(session, own, name="Eigen")).id)
    await session.commit()
    query = "query($id: ID!) { node(id: $id) { id ... on Role { name } } }"
    for global_id in [*foreign_ids, "junk", to_global_id("Zaak", other.id)]:
        # when
        result = await gql(query, {"id": global_id}, token=token)
        # then: the same answer as for an id that never existed
        assert result == {"data": {"node": None}}
    assert (await gql(query, {"id": own_role}, token=token))["data"]["node"] == {
        "id": own_role,
        "name": "Eigen",
    }


def test_node_can_fetch_every_type_that_implements_node() -> None:
    # given
    schema = build_schema()
    # when
    implementers = {
        name
        for name, concrete in schema.schema_converter.type_map.items()
        if any(i.name == "Node" for i in getattr(concrete.definition, "interfaces", []))
    }
    # then
    assert implementers == set(NODE_LOADERS)
