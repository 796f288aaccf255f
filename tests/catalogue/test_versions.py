"""Zaaktypen and their versions: concepts, publishing, what is live where (V1, V4)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions.standing import Standing
from samen.schema.node import to_global_id
from samen.services import folders, publishing, statuses, zaaktypen
from tests.conftest import GraphQLClient
from tests.factories import (
    make_group,
    make_organisation,
    make_publishable_zaaktype,
    make_role,
    make_token,
    make_user,
    standing_of,
)

ERRORS = "errors { code field }"
CREATE_ZAAKTYPE = f"""
mutation($input: CreateZaaktypeInput!) {{
  createZaaktype(input: $input) {{
    zaaktype {{
      identification name folder {{ name }}
      concept {{ number isConcept name }}
      versions {{ number isConcept }}
    }}
    {ERRORS}
  }}
}}"""
CONCEPT_FIELDS = "name description confidentiality leadTimeDays coordinatingRole { name }"
UPDATE_CONCEPT = f"""
mutation($input: UpdateZaaktypeConceptInput!) {{
  updateZaaktypeConcept(input: $input) {{ zaaktype {{ concept {{ {CONCEPT_FIELDS} }} }} {ERRORS} }}
}}"""
VERSION_FIELDS = """
  id number isConcept name coordinatingRole { name }
  statuses {
    id key name sequence handler { kind role { name } }
    checklist { text } decisions { question options } computerActions { kind to subject body }
  }
  resultTypes { id key name description }
"""
CREATE_CONCEPT = f"""
mutation($input: CreateConceptInput!) {{
  createConcept(input: $input) {{
    zaaktype {{ versions {{ number isConcept }} concept {{ {VERSION_FIELDS} }} }}
    {ERRORS}
  }}
}}"""
LIVE = """
  test: live(environment: "test") { number }
  productie: live(environment: "productie") { number }
"""
PUBLISH = f"""
mutation($input: PublishZaaktypeInput!) {{
  publishZaaktype(input: $input) {{ zaaktype {{ {LIVE} }} {ERRORS} }}
}}"""
ZAAKTYPE = f"""
query($id: ID!) {{
  node(id: $id) {{
    ... on Zaaktype {{
      {LIVE}
      concept {{ {CONCEPT_FIELDS} }}
      versions {{
        {VERSION_FIELDS}
        publications {{ environment publishedAt publishedBy }}
      }}
    }}
  }}
}}"""
SET_ACCESS = f"""
mutation($input: SetGroupAccessInput!) {{
  setGroupAccess(input: $input) {{
    zaaktype {{ groupAccess {{ group {{ name }} level }} }} {ERRORS}
  }}
}}"""


@dataclass
class Catalogue:
    """An organisation with a zaaktype admin, a folder and a role to coordinate with."""

    organisation: models.Organisation
    admin: models.User
    actor: Standing
    token: str
    folder: models.Folder
    role: models.Role


async def new_catalogue(session: AsyncSession) -> Catalogue:
    organisation = await make_organisation(session)
    admin = await make_user(session, organisation, zaaktype_admin=True)
    actor = await standing_of(session, admin)
    home = await folders.create_folder(session, actor=actor, name="Catalogus", parent_id=None)
    role = await make_role(session, organisation, name="Vergunningverlener")
    token = await make_token(session, admin)
    return Catalogue(organisation, admin, actor, token, home, role)


async def publishable(
    session: AsyncSession, catalogue: Catalogue, identification: str = "ZT-1"
) -> models.Zaaktype:
    return await make_publishable_zaaktype(
        session, catalogue.actor, catalogue.folder.id, identification, catalogue.role
    )


async def publish(
    session: AsyncSession, catalogue: Catalogue, zaaktype: models.Zaaktype, *environments: str
) -> None:
    await publishing.publish_zaaktype(
        session, actor=catalogue.actor, zaaktype_id=zaaktype.id, environments=environments
    )


def gid(type_name: str, item: Any) -> str:
    return to_global_id(type_name, item.id)


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


def problems(result: dict[str, Any], field: str) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["field"]) for e in payload(result, field)["errors"]]


async def read(gql: GraphQLClient, token: str, zaaktype: models.Zaaktype) -> dict[str, Any]:
    return payload(await gql(ZAAKTYPE, {"id": gid("Zaaktype", zaaktype)}, token=token), "node")


async def read_versions(
    session: AsyncSession, zaaktype: models.Zaaktype
) -> list[models.ZaaktypeVersion]:
    rows = await session.scalars(
        select(models.ZaaktypeVersion)
        .where(models.ZaaktypeVersion.zaaktype_id == zaaktype.id)
        .order_by(models.ZaaktypeVersion.number)
    )
    return list(rows)


async def zaaktype_count(session: AsyncSession, organisation: models.Organisation) -> int:
    statement = select(func.count()).where(models.Zaaktype.organisation_id == organisation.id)
    return int(await session.scalar(statement) or 0)


async def test_create_zaaktype_makes_version_1_its_concept(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    await session.commit()
    # when
    result = await gql(
        CREATE_ZAAKTYPE,
        {
            "input": {
                "folderId": gid("Folder", catalogue.folder),
                "identification": " ZT-OMG ",
                "name": " Omgevingsvergunning ",
            }
        },
        token=catalogue.token,
    )
    # then
    assert payload(result, "createZaaktype") == {
        "zaaktype": {
            "identification": "ZT-OMG",
            "name": "Omgevingsvergunning",
            "folder": {"name": "Catalogus"},
            "concept": {"number": 1, "isConcept": True, "name": "Omgevingsvergunning"},
            "versions": [{"number": 1, "isConcept": True}],
        },
        "errors": [],
    }


async def test_an_identification_is_unique_within_an_organisation_only(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    ours = await new_catalogue(session)
    theirs = await new_catalogue(session)
    await zaaktypen.create_zaaktype(
        session, actor=ours.actor, folder_id=ours.folder.id, identification="ZT-1", name="Eerste"
    )
    await session.commit()

    def create(catalogue: Catalogue, identification: str) -> dict[str, Any]:
        return {
            "input": {
                "folderId": gid("Folder", catalogue.folder),
                "identification": identification,
                "name": "Tweede",
            }
        }

    # when
    twin = await gql(CREATE_ZAAKTYPE, create(ours, " ZT-1"), token=ours.token)
    elsewhere = await gql(CREATE_ZAAKTYPE, create(theirs, "ZT-1"), token=theirs.token)
    # then
    assert problems(twin, "createZaaktype") == [("DUPLICATE", ["input", "identification"])]
    assert payload(twin, "createZaaktype")["zaaktype"] is None
    assert payload(elsewhere, "createZaaktype")["errors"] == []
    assert await zaaktype_count(session, ours.organisation) == 1
    assert await zaaktype_count(session, theirs.organisation) == 1


async def test_an_identification_is_at_most_80_characters(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    await session.commit()
    folder_id = gid("Folder", catalogue.folder)
    # when
    too_long = await gql(
        CREATE_ZAAKTYPE,
        {"input": {"folderId": folder_id, "identification": "Z" * 81, "name": "Vergunning"}},
        token=catalogue.token,
    )
    longest = await gql(
        CREATE_ZAAKTYPE,
        {"input": {"folderId": folder_id, "identification": "Z" * 80, "name": "Vergunning"}},
        token=catalogue.token,
    )
    # then
    assert problems(too_long, "createZaaktype") == [("TOO_LONG", ["input", "identification"])]
    assert payload(longest, "createZaaktype")["errors"] == []
    assert await zaaktype_count(session, catalogue.organisation) == 1


async def test_update_concept_changes_only_the_given_fields(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await zaaktypen.create_zaaktype(
        session,
        actor=catalogue.actor,
        folder_id=catalogue.folder.id,
        identification="ZT-1",
        name="Vergunning",
    )
    await session.commit()
    zaaktype_id = gid("Zaaktype", zaaktype)
    # when
    everything = await gql(
        UPDATE_CONCEPT,
        {
            "input": {
                "zaaktypeId": zaaktype_id,
                "name": "Omgevingsvergunning",
                "description": "Bouwen en slopen.",
                "confidentiality": "INTERN",
                "leadTimeDays": 56,
                "coordinatingRoleId": gid("Role", catalogue.role),
            }
        },
        token=catalogue.token,
    )
    description_only = await gql(
        UPDATE_CONCEPT,
        {"input": {"zaaktypeId": zaaktype_id, "description": "Alleen bouwen."}},
        token=catalogue.token,
    )
    cleared = await gql(
        UPDATE_CONCEPT,
        {"input": {"zaaktypeId": zaaktype_id, "leadTimeDays": None, "coordinatingRoleId": None}},
        token=catalogue.token,
    )
    # then
    full = {
        "name": "Omgevingsvergunning",
        "description": "Bouwen en slopen.",
        "confidentiality": "INTERN",
        "leadTimeDays": 56,
        "coordinatingRole": {"name": "Vergunningverlener"},
    }
    assert payload(everything, "updateZaaktypeConcept") == {
        "zaaktype": {"concept": full},
        "errors": [],
    }
    assert payload(description_only, "updateZaaktypeConcept")["zaaktype"]["concept"] == {
        **full,
        "description": "Alleen bouwen.",
    }
    assert payload(cleared, "updateZaaktypeConcept")["errors"] == []
    assert (await read(gql, catalogue.token, zaaktype))["concept"] == {
        **full,
        "description": "Alleen bouwen.",
        "leadTimeDays": None,
        "coordinatingRole": None,
    }


async def test_an_explicit_null_for_a_required_concept_field_is_refused_on_that_field(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    await session.commit()
    before = (await read(gql, catalogue.token, zaaktype))["concept"]
    for field in ("name", "description", "confidentiality"):
        # when
        result = await gql(
            UPDATE_CONCEPT,
            {"input": {"zaaktypeId": gid("Zaaktype", zaaktype), field: None}},
            token=catalogue.token,
        )
        # then: refused on that field, never a 500
        assert problems(result, "updateZaaktypeConcept") == [("REQUIRED", ["input", field])]
    assert (await read(gql, catalogue.token, zaaktype))["concept"] == before


async def test_a_lead_time_is_1_to_3650_days(session: AsyncSession, gql: GraphQLClient) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    await session.commit()
    zaaktype_id = gid("Zaaktype", zaaktype)
    for days in (0, 3651, -5):
        # when
        result = await gql(
            UPDATE_CONCEPT,
            {"input": {"zaaktypeId": zaaktype_id, "leadTimeDays": days}},
            token=catalogue.token,
        )
        # then
        assert problems(result, "updateZaaktypeConcept") == [
            ("OUT_OF_RANGE", ["input", "leadTimeDays"])
        ]
    assert (await read(gql, catalogue.token, zaaktype))["concept"]["leadTimeDays"] is None
    for days in (1, 3650):
        result = await gql(
            UPDATE_CONCEPT,
            {"input": {"zaaktypeId": zaaktype_id, "leadTimeDays": days}},
            token=catalogue.token,
        )
        assert payload(result, "updateZaaktypeConcept")["zaaktype"]["concept"]["leadTimeDays"] == (
            days
        )


async def test_an_unknown_or_foreign_coordinating_role_is_not_found(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    foreign = await make_role(session, await make_organisation(session))
    await session.commit()
    candidates = [
        gid("Role", foreign),
        to_global_id("Role", uuid.uuid4()),
        gid("Organisation", catalogue.organisation),
    ]
    for role_id in candidates:
        # when
        result = await gql(
            UPDATE_CONCEPT,
            {"input": {"zaaktypeId": gid("Zaaktype", zaaktype), "coordinatingRoleId": role_id}},
            token=catalogue.token,
        )
        # then
        assert problems(result, "updateZaaktypeConcept") == [
            ("NOT_FOUND", ["input", "coordinatingRoleId"])
        ]
    concept = (await read(gql, catalogue.token, zaaktype))["concept"]
    assert concept["coordinatingRole"] == {"name": "Vergunningverlener"}


async def test_every_problem_of_a_concept_update_is_reported_and_none_is_applied(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    foreign = await make_role(session, await make_organisation(session))
    await session.commit()
    before = (await read(gql, catalogue.token, zaaktype))["concept"]
    # when: a good description and confidentiality next to three bad fields
    result = await gql(
        UPDATE_CONCEPT,
        {
            "input": {
                "zaaktypeId": gid("Zaaktype", zaaktype),
                "name": " ",
                "description": "Mag erin, maar niet alleen.",
                "confidentiality": "GEHEIM",
                "leadTimeDays": 0,
                "coordinatingRoleId": gid("Role", foreign),
            }
        },
        token=catalogue.token,
    )
    # then
    assert payload(result, "updateZaaktypeConcept")["zaaktype"] is None
    assert problems(result, "updateZaaktypeConcept") == [
        ("REQUIRED", ["input", "name"]),
        ("OUT_OF_RANGE", ["input", "leadTimeDays"]),
        ("NOT_FOUND", ["input", "coordinatingRoleId"]),
    ]
    assert (await read(gql, catalogue.token, zaaktype))["concept"] == before
    assert before["description"] == ""


async def test_create_concept_while_a_concept_exists_is_refused(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    await session.commit()
    # when
    result = await gql(
        CREATE_CONCEPT, {"input": {"zaaktypeId": gid("Zaaktype", zaaktype)}}, token=catalogue.token
    )
    # then
    assert problems(result, "createConcept") == [("CONCEPT_EXISTS", ["input", "zaaktypeId"])]
    assert [v["number"] for v in (await read(gql, catalogue.token, zaaktype))["versions"]] == [1]


async def test_a_new_concept_copies_the_published_version_with_new_ids_and_the_same_keys(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    await statuses.add_status_type(
        session, actor=catalogue.actor, zaaktype_id=zaaktype.id, name="Gearchiveerd", sequence=2
    )
    middle = await statuses.add_status_type(
        session, actor=catalogue.actor, zaaktype_id=zaaktype.id, name="Beoordelen", sequence=2
    )
    await statuses.set_status_handler(
        session,
        actor=catalogue.actor,
        status_type_id=middle.id,
        kind=models.HandlerKind.ROLE,
        role_id=catalogue.role.id,
    )
    for status in await statuses.version_statuses(session, middle.version_id):
        if status.sequence > 2:
            await statuses.set_status_handler(
                session,
                actor=catalogue.actor,
                status_type_id=status.id,
                kind=models.HandlerKind.PREVIOUS,
            )
    await statuses.update_status_type(
        session,
        actor=catalogue.actor,
        status_type_id=middle.id,
        checklist=["Tekening compleet", "Leges betaald"],
        decisions=[statuses.DecisionSpec("Advies nodig?", ["Ja", "Nee"])],
        computer_actions=[
            statuses.ComputerActionSpec(models.ComputerActionKind.SEND_STATUS_MESSAGE),
            statuses.ComputerActionSpec(
                models.ComputerActionKind.SEND_EMAIL, to="team@gemeente.example", subject="Let op"
            ),
        ],
    )
    await statuses.add_result_type(
        session, actor=catalogue.actor, zaaktype_id=zaaktype.id, name="Geweigerd", description="Nee"
    )
    await publish(session, catalogue, zaaktype, "test")
    await session.commit()
    # when
    result = await gql(
        CREATE_CONCEPT, {"input": {"zaaktypeId": gid("Zaaktype", zaaktype)}}, token=catalogue.token
    )
    # then
    created = payload(result, "createConcept")
    assert created["errors"] == []
    assert created["zaaktype"]["versions"] == [
        {"number": 1, "isConcept": False},
        {"number": 2, "isConcept": True},
    ]
    original = (await read(gql, catalogue.token, zaaktype))["versions"][0]
    copy = created["zaaktype"]["concept"]

    def without_ids(version: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": version["name"],
            "coordinatingRole": version["coordinatingRole"],
            "statuses": [{k: v for k, v in s.items() if k != "id"} for s in version["statuses"]],
            "resultTypes": [
                {k: v for k, v in r.items() if k != "id"} for r in version["resultTypes"]
            ],
        }

    assert copy["number"] == 2
    assert without_ids(copy) == without_ids(original)
    assert [s["name"] for s in copy["statuses"]] == [
        "Ontvangen",
        "Beoordelen",
        "Gearchiveerd",
        "Afgehandeld",
    ]
    assert copy["statuses"][1]["checklist"] == [
        {"text": "Tekening compleet"},
        {"text": "Leges betaald"},
    ]
    assert [s["handler"]["kind"] for s in copy["statuses"]] == [
        "NONE",
        "ROLE",
        "PREVIOUS",
        "PREVIOUS",
    ]
    assert [r["name"] for r in copy["resultTypes"]] == ["Verleend", "Geweigerd"]
    old_ids = {s["id"] for s in original["statuses"]} | {r["id"] for r in original["resultTypes"]}
    new_ids = {s["id"] for s in copy["statuses"]} | {r["id"] for r in copy["resultTypes"]}
    assert copy["id"] != original["id"]
    assert old_ids.isdisjoint(new_ids)
    assert len(new_ids) == 6


async def test_live_is_null_before_publishing_and_the_published_version_after(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    await session.commit()
    before = await read(gql, catalogue.token, zaaktype)
    # when
    result = await gql(
        PUBLISH,
        {"input": {"zaaktypeId": gid("Zaaktype", zaaktype), "environments": ["productie"]}},
        token=catalogue.token,
    )
    # then
    assert (before["test"], before["productie"]) == (None, None)
    assert payload(result, "publishZaaktype") == {
        "zaaktype": {"test": None, "productie": {"number": 1}},
        "errors": [],
    }
    after = await read(gql, catalogue.token, zaaktype)
    assert (after["test"], after["productie"]) == (None, {"number": 1})
    assert after["concept"] is None
    assert [v["isConcept"] for v in after["versions"]] == [False]


async def test_a_newer_version_replaces_the_live_one_in_its_environment_only(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    await publish(session, catalogue, zaaktype, "test", "productie")
    await zaaktypen.create_concept(session, actor=catalogue.actor, zaaktype_id=zaaktype.id)
    await session.commit()
    # when
    result = await gql(
        PUBLISH,
        {"input": {"zaaktypeId": gid("Zaaktype", zaaktype), "environments": ["productie"]}},
        token=catalogue.token,
    )
    # then
    assert payload(result, "publishZaaktype") == {
        "zaaktype": {"test": {"number": 1}, "productie": {"number": 2}},
        "errors": [],
    }
    after = await read(gql, catalogue.token, zaaktype)
    assert (after["test"], after["productie"]) == ({"number": 1}, {"number": 2})


async def test_publishing_an_older_version_rolls_back_and_every_publication_is_recorded(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    await publish(session, catalogue, zaaktype, "test", "productie")
    await zaaktypen.create_concept(session, actor=catalogue.actor, zaaktype_id=zaaktype.id)
    await publish(session, catalogue, zaaktype, "productie")
    await session.commit()
    first_version = (await read(gql, catalogue.token, zaaktype))["versions"][0]
    # when
    result = await gql(
        PUBLISH,
        {
            "input": {
                "zaaktypeId": gid("Zaaktype", zaaktype),
                "environments": ["productie"],
                "versionId": first_version["id"],
            }
        },
        token=catalogue.token,
    )
    # then
    assert payload(result, "publishZaaktype") == {
        "zaaktype": {"test": {"number": 1}, "productie": {"number": 1}},
        "errors": [],
    }
    versions = (await read(gql, catalogue.token, zaaktype))["versions"]
    email = catalogue.admin.email
    assert [(p["environment"], p["publishedBy"]) for p in versions[0]["publications"]] == [
        ("test", email),
        ("productie", email),
        ("productie", email),
    ]
    assert [(p["environment"], p["publishedBy"]) for p in versions[1]["publications"]] == [
        ("productie", email)
    ]
    moments = [
        datetime.fromisoformat(p["publishedAt"])
        for p in (*versions[0]["publications"], *versions[1]["publications"])
    ]
    assert all(moment.tzinfo is not None for moment in moments)
    assert moments[0] <= moments[3] <= moments[2]


async def test_a_version_of_another_zaaktype_is_not_found(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue, "ZT-1")
    other = await publishable(session, catalogue, "ZT-2")
    other_version = (await read_versions(session, other))[0]
    await session.commit()
    # when
    result = await gql(
        PUBLISH,
        {
            "input": {
                "zaaktypeId": gid("Zaaktype", zaaktype),
                "environments": ["test"],
                "versionId": gid("ZaaktypeVersion", other_version),
            }
        },
        token=catalogue.token,
    )
    # then
    assert problems(result, "publishZaaktype") == [("NOT_FOUND", ["input", "versionId"])]
    for item in (zaaktype, other):
        after = await read(gql, catalogue.token, item)
        assert (after["test"], [v["isConcept"] for v in after["versions"]]) == (None, [True])


async def test_node_returns_catalogue_objects_to_their_owner_only(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    version = (await read_versions(session, zaaktype))[0]
    status = (await statuses.version_statuses(session, version.id))[0]
    result_type = await session.scalar(
        select(models.ResultType).where(models.ResultType.version_id == version.id)
    )
    stranger = await new_catalogue(session)
    await session.commit()
    ids = {
        "Folder": gid("Folder", catalogue.folder),
        "Zaaktype": gid("Zaaktype", zaaktype),
        "ZaaktypeVersion": gid("ZaaktypeVersion", version),
        "StatusType": gid("StatusType", status),
        "ResultType": gid("ResultType", result_type),
    }
    query = "query($id: ID!) { node(id: $id) { __typename id } }"
    for type_name, global_id in ids.items():
        # when
        as_owner = await gql(query, {"id": global_id}, token=catalogue.token)
        as_stranger = await gql(query, {"id": global_id}, token=stranger.token)
        # then
        assert payload(as_owner, "node") == {"__typename": type_name, "id": global_id}
        assert as_stranger == {"data": {"node": None}}, type_name


async def test_group_access_is_set_changed_and_removed(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    permits = await make_group(session, catalogue.organisation, name="Vergunningen")
    enforcement = await make_group(session, catalogue.organisation, name="Handhaving")
    await session.commit()

    async def set_access(group: models.AuthorisationGroup, level: str) -> list[tuple[str, str]]:
        result = await gql(
            SET_ACCESS,
            {
                "input": {
                    "zaaktypeId": gid("Zaaktype", zaaktype),
                    "groupId": gid("AuthorisationGroup", group),
                    "level": level,
                }
            },
            token=catalogue.token,
        )
        done = payload(result, "setGroupAccess")
        assert done["errors"] == []
        return sorted((a["group"]["name"], a["level"]) for a in done["zaaktype"]["groupAccess"])

    # when
    set_both = [await set_access(permits, "CONSULT"), await set_access(enforcement, "HANDLE")]
    changed = await set_access(permits, "MANAGE")
    removed = await set_access(enforcement, "NONE")
    # then
    assert set_both == [
        [("Vergunningen", "CONSULT")],
        [("Handhaving", "HANDLE"), ("Vergunningen", "CONSULT")],
    ]
    assert changed == [("Handhaving", "HANDLE"), ("Vergunningen", "MANAGE")]
    assert removed == [("Vergunningen", "MANAGE")]


async def test_a_group_of_another_organisation_is_not_found(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    catalogue = await new_catalogue(session)
    zaaktype = await publishable(session, catalogue)
    foreign = await make_group(session, await make_organisation(session))
    await session.commit()
    for group_id in (gid("AuthorisationGroup", foreign), to_global_id("Role", catalogue.role.id)):
        # when
        result = await gql(
            SET_ACCESS,
            {
                "input": {
                    "zaaktypeId": gid("Zaaktype", zaaktype),
                    "groupId": group_id,
                    "level": "CONSULT",
                }
            },
            token=catalogue.token,
        )
        # then
        assert problems(result, "setGroupAccess") == [("NOT_FOUND", ["input", "groupId"])]
    groups = await session.scalar(
        select(func.count()).where(models.GroupAccess.zaaktype_id == zaaktype.id)
    )
    assert groups == 0
