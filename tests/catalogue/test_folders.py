"""Folders: an organisation's zaaktype tree, configured by its zaaktype admins (§4)."""

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions.standing import Standing
from samen.schema.node import to_global_id
from samen.services import folders, zaaktypen
from tests.conftest import GraphQLClient
from tests.factories import make_organisation, make_token, make_user, standing_of

CREATE = """
mutation($input: CreateFolderInput!) {
  createFolder(input: $input) { folder { id name } errors { code field } }
}"""
RENAME = """
mutation($input: RenameFolderInput!) {
  renameFolder(input: $input) { folder { name } errors { code field } }
}"""
MOVE = """
mutation($input: MoveFolderInput!) {
  moveFolder(input: $input) { folder { name } errors { code field } }
}"""
DELETE = """
mutation($input: DeleteFolderInput!) {
  deleteFolder(input: $input) { deletedFolderId errors { code field } }
}"""
CREATE_ZAAKTYPE = """
mutation($input: CreateZaaktypeInput!) {
  createZaaktype(input: $input) { zaaktype { id } errors { code field } }
}"""
TREE = """
{
  folders {
    name
    children { name children { name } zaaktypen { identification } }
    zaaktypen { identification }
  }
}"""
NODE = "query($id: ID!) { node(id: $id) { id ... on Folder { name } } }"


async def zaaktype_admin(session: AsyncSession) -> tuple[models.Organisation, Standing, str]:
    organisation = await make_organisation(session)
    admin = await make_user(session, organisation, zaaktype_admin=True)
    return organisation, await standing_of(session, admin), await make_token(session, admin)


async def folder(
    session: AsyncSession, actor: Standing, name: str, parent: models.Folder | None = None
) -> models.Folder:
    return await folders.create_folder(
        session, actor=actor, name=name, parent_id=parent.id if parent else None
    )


def gid(item: models.Folder) -> str:
    return to_global_id("Folder", item.id)


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


def problems(result: dict[str, Any], field: str) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["field"]) for e in payload(result, field)["errors"]]


def roots(result: dict[str, Any]) -> list[dict[str, Any]]:
    assert "errors" not in result, result
    found: list[dict[str, Any]] = result["data"]["folders"]
    return found


async def tree(gql: GraphQLClient, token: str) -> list[dict[str, Any]]:
    return roots(await gql(TREE, token=token))


async def folder_count(session: AsyncSession, organisation: models.Organisation) -> int:
    statement = select(func.count()).where(models.Folder.organisation_id == organisation.id)
    return int(await session.scalar(statement) or 0)


async def test_folders_are_created_at_the_root_and_nested(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, _, token = await zaaktype_admin(session)
    await session.commit()
    # when
    root = payload(
        await gql(CREATE, {"input": {"name": "  Vergunningen "}}, token=token), "createFolder"
    )
    nested = payload(
        await gql(
            CREATE,
            {"input": {"name": "Milieu", "parentId": root["folder"]["id"]}},
            token=token,
        ),
        "createFolder",
    )
    # then
    assert root["errors"] == []
    assert root["folder"]["name"] == "Vergunningen"
    assert nested["errors"] == []
    assert nested["folder"]["name"] == "Milieu"
    assert await tree(gql, token) == [
        {
            "name": "Vergunningen",
            "children": [{"name": "Milieu", "children": [], "zaaktypen": []}],
            "zaaktypen": [],
        }
    ]


async def test_folders_lists_the_roots_by_name_with_their_children_and_zaaktypen(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    zeta = await folder(session, actor, "Zeta")
    alpha = await folder(session, actor, "Alpha")
    await folder(session, actor, "Tweede", alpha)
    eerste = await folder(session, actor, "Eerste", alpha)
    for code, home in (("ZT-2", alpha), ("ZT-1", alpha), ("ZT-3", eerste), ("ZT-4", zeta)):
        await zaaktypen.create_zaaktype(
            session, actor=actor, folder_id=home.id, identification=code, name="Vergunning"
        )
    _, stranger, _ = await zaaktype_admin(session)
    await folder(session, stranger, "Aardappel")
    await session.commit()
    # when
    roots = await tree(gql, token)
    # then: only the viewer's organisation's tree, roots and children by name
    assert roots == [
        {
            "name": "Alpha",
            "children": [
                {"name": "Eerste", "children": [], "zaaktypen": [{"identification": "ZT-3"}]},
                {"name": "Tweede", "children": [], "zaaktypen": []},
            ],
            "zaaktypen": [{"identification": "ZT-1"}, {"identification": "ZT-2"}],
        },
        {"name": "Zeta", "children": [], "zaaktypen": [{"identification": "ZT-4"}]},
    ]


async def test_a_folder_is_renamed(session: AsyncSession, gql: GraphQLClient) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    target = await folder(session, actor, "Vergunningen")
    await session.commit()
    # when
    result = await gql(
        RENAME, {"input": {"folderId": gid(target), "name": "Omgeving"}}, token=token
    )
    # then
    assert payload(result, "renameFolder") == {"folder": {"name": "Omgeving"}, "errors": []}
    assert [root["name"] for root in await tree(gql, token)] == ["Omgeving"]


async def test_a_name_is_unique_among_siblings_only(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, actor, token = await zaaktype_admin(session)
    alpha = await folder(session, actor, "Alpha")
    beta = await folder(session, actor, "Beta")
    await folder(session, actor, "Milieu", alpha)
    await session.commit()
    # when
    root_twin = await gql(CREATE, {"input": {"name": " Alpha "}}, token=token)
    child_twin = await gql(
        CREATE, {"input": {"name": "Milieu", "parentId": gid(alpha)}}, token=token
    )
    renamed_twin = await gql(
        RENAME, {"input": {"folderId": gid(beta), "name": "Alpha"}}, token=token
    )
    count_after_refusals = await folder_count(session, organisation)
    cousin = await gql(CREATE, {"input": {"name": "Milieu", "parentId": gid(beta)}}, token=token)
    # then
    duplicate = [("DUPLICATE", ["input", "name"])]
    assert problems(root_twin, "createFolder") == duplicate
    assert problems(child_twin, "createFolder") == duplicate
    assert problems(renamed_twin, "renameFolder") == duplicate
    assert count_after_refusals == 3
    assert payload(cousin, "createFolder")["errors"] == []
    assert [(r["name"], r["children"]) for r in await tree(gql, token)] == [
        ("Alpha", [{"name": "Milieu", "children": [], "zaaktypen": []}]),
        ("Beta", [{"name": "Milieu", "children": [], "zaaktypen": []}]),
    ]


async def test_a_folder_moves_under_another_folder(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    alpha = await folder(session, actor, "Alpha")
    beta = await folder(session, actor, "Beta")
    await folder(session, actor, "Binnen", beta)
    await session.commit()
    # when
    result = await gql(
        MOVE, {"input": {"folderId": gid(beta), "parentId": gid(alpha)}}, token=token
    )
    # then: the folder moves with what it holds
    assert payload(result, "moveFolder") == {"folder": {"name": "Beta"}, "errors": []}
    assert await tree(gql, token) == [
        {
            "name": "Alpha",
            "children": [{"name": "Beta", "children": [{"name": "Binnen"}], "zaaktypen": []}],
            "zaaktypen": [],
        }
    ]


async def test_a_folder_moves_to_the_root_with_a_null_parent(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    alpha = await folder(session, actor, "Alpha")
    beta = await folder(session, actor, "Beta", alpha)
    await session.commit()
    # when
    result = await gql(MOVE, {"input": {"folderId": gid(beta), "parentId": None}}, token=token)
    # then
    assert payload(result, "moveFolder") == {"folder": {"name": "Beta"}, "errors": []}
    assert [(r["name"], r["children"]) for r in await tree(gql, token)] == [
        ("Alpha", []),
        ("Beta", []),
    ]


async def test_moving_next_to_a_folder_of_the_same_name_is_refused(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    alpha = await folder(session, actor, "Alpha")
    await folder(session, actor, "Milieu", alpha)
    loose = await folder(session, actor, "Milieu")
    await session.commit()
    # when
    result = await gql(
        MOVE, {"input": {"folderId": gid(loose), "parentId": gid(alpha)}}, token=token
    )
    # then
    moved = payload(result, "moveFolder")
    assert [e["code"] for e in moved["errors"]] == ["DUPLICATE"]
    assert [(r["name"], len(r["children"])) for r in await tree(gql, token)] == [
        ("Alpha", 1),
        ("Milieu", 0),
    ]
    assert moved["errors"][0]["field"] == ["input", "parentId"]


async def test_a_folder_cannot_move_under_itself_or_a_descendant(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    top = await folder(session, actor, "Boven")
    middle = await folder(session, actor, "Midden", top)
    bottom = await folder(session, actor, "Onder", middle)
    await session.commit()
    before = await tree(gql, token)
    for target in (top, middle, bottom):
        # when
        result = await gql(
            MOVE, {"input": {"folderId": gid(top), "parentId": gid(target)}}, token=token
        )
        # then
        assert problems(result, "moveFolder") == [("FOLDER_CYCLE", ["input", "parentId"])]
    assert await tree(gql, token) == before
    assert before[0]["children"][0]["children"] == [{"name": "Onder"}]


async def test_an_empty_folder_is_deleted(session: AsyncSession, gql: GraphQLClient) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    keep = await folder(session, actor, "Blijft")
    empty = await folder(session, actor, "Leeg", keep)
    await session.commit()
    # when
    result = await gql(DELETE, {"input": {"folderId": gid(empty)}}, token=token)
    # then
    assert payload(result, "deleteFolder") == {"deletedFolderId": gid(empty), "errors": []}
    assert payload(await gql(NODE, {"id": gid(empty)}, token=token), "node") is None
    assert await tree(gql, token) == [{"name": "Blijft", "children": [], "zaaktypen": []}]


async def test_a_folder_holding_a_folder_or_a_zaaktype_is_not_deleted(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, actor, token = await zaaktype_admin(session)
    with_child = await folder(session, actor, "Met map")
    await folder(session, actor, "Kind", with_child)
    with_zaaktype = await folder(session, actor, "Met zaaktype")
    await zaaktypen.create_zaaktype(
        session, actor=actor, folder_id=with_zaaktype.id, identification="ZT", name="Vergunning"
    )
    await session.commit()
    for full in (with_child, with_zaaktype):
        # when
        result = await gql(DELETE, {"input": {"folderId": gid(full)}}, token=token)
        # then
        assert payload(result, "deleteFolder") == {
            "deletedFolderId": None,
            "errors": [{"code": "FOLDER_NOT_EMPTY", "field": ["input", "folderId"]}],
        }
    assert await folder_count(session, organisation) == 3
    assert [r["name"] for r in await tree(gql, token)] == ["Met map", "Met zaaktype"]


async def test_another_organisations_folder_is_not_found(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, actor, token = await zaaktype_admin(session)
    own = await folder(session, actor, "Eigen")
    _, stranger, stranger_token = await zaaktype_admin(session)
    theirs = await folder(session, stranger, "Van hen")
    await session.commit()
    attempts = [
        ("renameFolder", RENAME, {"folderId": gid(theirs), "name": "Gekaapt"}, "folderId"),
        ("moveFolder", MOVE, {"folderId": gid(theirs), "parentId": gid(own)}, "folderId"),
        ("moveFolder", MOVE, {"folderId": gid(own), "parentId": gid(theirs)}, "parentId"),
        ("deleteFolder", DELETE, {"folderId": gid(theirs)}, "folderId"),
        ("createFolder", CREATE, {"name": "Erin", "parentId": gid(theirs)}, "parentId"),
        (
            "createZaaktype",
            CREATE_ZAAKTYPE,
            {"folderId": gid(theirs), "identification": "ZT", "name": "Vergunning"},
            "folderId",
        ),
    ]
    for mutation, query, variables, field in attempts:
        # when
        result = await gql(query, {"input": variables}, token=token)
        # then: a payload error, never a FORBIDDEN that would confirm the folder exists
        assert problems(result, mutation) == [("NOT_FOUND", ["input", field])], mutation
    assert await tree(gql, stranger_token) == [{"name": "Van hen", "children": [], "zaaktypen": []}]
    assert await tree(gql, token) == [{"name": "Eigen", "children": [], "zaaktypen": []}]


async def test_an_unknown_or_mistyped_folder_id_is_not_found(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, _, token = await zaaktype_admin(session)
    await session.commit()
    unknown = to_global_id("Folder", uuid.uuid4())
    mistyped = to_global_id("Organisation", organisation.id)
    for folder_id in (unknown, mistyped, "not-an-id"):
        # when
        result = await gql(RENAME, {"input": {"folderId": folder_id, "name": "X"}}, token=token)
        # then
        assert problems(result, "renameFolder") == [("NOT_FOUND", ["input", "folderId"])]


async def test_bad_folder_names_are_refused_on_create_and_rename(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, actor, token = await zaaktype_admin(session)
    existing = await folder(session, actor, "Bestaand")
    await session.commit()
    cases = {
        "": "REQUIRED",
        "  \t ": "REQUIRED",
        "x" * 201: "TOO_LONG",
        "Map\x00": "INVALID",
        "Twee\nregels": "INVALID",
        "Bel\x07": "INVALID",
    }
    for name, code in cases.items():
        # when
        created = await gql(CREATE, {"input": {"name": name}}, token=token)
        renamed = await gql(
            RENAME, {"input": {"folderId": gid(existing), "name": name}}, token=token
        )
        # then
        assert problems(created, "createFolder") == [(code, ["input", "name"])], repr(name)
        assert problems(renamed, "renameFolder") == [(code, ["input", "name"])], repr(name)
    longest = await gql(CREATE, {"input": {"name": "x" * 200}}, token=token)
    assert payload(longest, "createFolder")["errors"] == []
    assert await folder_count(session, organisation) == 2
    assert sorted(r["name"] for r in await tree(gql, token)) == ["Bestaand", "x" * 200]


async def test_viewer_can_configure_for_a_zaaktype_admin_only(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation, actor, admin_token = await zaaktype_admin(session)
    await folder(session, actor, "Vergunningen")
    colleague_token = await make_token(session, await make_user(session, organisation))
    await session.commit()
    query = "{ folders { name viewerCan { configure } } }"
    # when
    as_admin = await gql(query, token=admin_token)
    as_colleague = await gql(query, token=colleague_token)
    # then: the colleague sees the tree, but may not change it
    assert roots(as_admin) == [{"name": "Vergunningen", "viewerCan": {"configure": True}}]
    assert roots(as_colleague) == [{"name": "Vergunningen", "viewerCan": {"configure": False}}]
