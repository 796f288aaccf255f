"""`zaaktypen(filter:)`: by party, identification and folder, shared folders included."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.schema.node import to_global_id
from samen.services import folders, publishing, zaaktype_partners
from tests.conftest import GraphQLClient
from tests.factories import (
    make_organisation,
    make_partnership,
    make_publishable_zaaktype,
    make_role,
    make_token,
    make_user,
    standing_of,
)

LIST = """
query($filter: ZaaktypeFilter) {
  zaaktypen(first: 100, filter: $filter) { edges { node { identification viewerParty } } }
}"""


def identifications(result: dict[str, Any]) -> list[str]:
    assert "errors" not in result, result
    return [e["node"]["identification"] for e in result["data"]["zaaktypen"]["edges"]]


async def test_zaaktypen_filter_by_party_identification_and_folder(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the partner has zaaktype EIGEN; the directing party shares OMV and keeps KAP
    directing = await make_organisation(session, name="Gemeente")
    partner = await make_organisation(session)
    admin = await make_user(session, directing, zaaktype_admin=True)
    partner_admin = await make_user(session, partner, zaaktype_admin=True)
    token = await make_token(session, partner_admin)
    await make_partnership(session, directing, partner)
    actor = await standing_of(session, admin)
    role = await make_role(session, directing)
    map_ = await folders.create_folder(session, actor=actor, name="Map", parent_id=None)
    for code in ("OMV", "KAP"):
        zaaktype = await make_publishable_zaaktype(session, actor, map_.id, code, role)
        await publishing.publish_zaaktype(
            session, actor=actor, zaaktype_id=zaaktype.id, environments=["test"]
        )
        if code == "OMV":
            await zaaktype_partners.link_partner(
                session,
                actor=actor,
                zaaktype_id=zaaktype.id,
                partner_id=partner.id,
                max_access=models.AccessLevel.NONE,
            )
    own_actor = await standing_of(session, partner_admin)
    own = await folders.create_folder(session, actor=own_actor, name="Eigen", parent_id=None)
    own_role = await make_role(session, partner)
    await make_publishable_zaaktype(session, own_actor, own.id, "EIGEN", own_role)
    await session.commit()
    roots = await gql("{ folders { id name } }", token=token)
    shared_folder = next(f["id"] for f in roots["data"]["folders"] if f["name"] == "Gemeente")
    cases: list[tuple[dict[str, Any] | None, list[str]]] = [
        (None, ["EIGEN", "OMV"]),
        ({"party": "DIRECTING"}, ["EIGEN"]),
        ({"party": "PARTNER"}, ["OMV"]),
        ({"identification": "OMV"}, ["OMV"]),
        ({"identification": "KAP"}, []),  # not shared: as if it did not exist
        ({"identification": "OMV\u0000"}, []),
        ({"folderId": shared_folder}, ["OMV"]),
        ({"folderId": to_global_id("Folder", own.id)}, ["EIGEN"]),
        ({"folderId": to_global_id("Folder", map_.id)}, []),  # the directing party's own folder
        ({"party": "DIRECTING", "folderId": shared_folder}, []),
    ]
    for filter_, expected in cases:
        # when
        result = await gql(LIST, {"filter": filter_}, token=token)
        # then
        assert identifications(result) == expected, filter_


async def test_a_folder_filter_that_is_no_folder_id_is_bad_input(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    organisation = await make_organisation(session)
    token = await make_token(session, await make_user(session, organisation))
    await session.commit()
    # when
    result = await gql(LIST, {"filter": {"folderId": "nonsense"}}, token=token)
    # then
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
