"""The configuration rules of a zaaktype: Z2-Z5 and Z7, V1 and V4, and the audit trail (W10)."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.models.enums import HandlerKind
from samen.permissions.standing import Standing
from samen.schema.node import to_global_id
from samen.services import folders, rules, statuses, zaaktypen
from samen.services.errors import ErrorCode
from tests.conftest import GraphQLClient
from tests.factories import (
    make_organisation,
    make_publishable_zaaktype,
    make_role,
    make_token,
    make_user,
    standing_of,
)

SET_HANDLER = """
mutation($input: SetStatusHandlerInput!) {
  setStatusHandler(input: $input) {
    statusType { handler { kind role { name } } }
    errors { code field }
  }
}"""
PUBLISH = """
mutation($input: PublishZaaktypeInput!) {
  publishZaaktype(input: $input) {
    zaaktype { live(environment: "productie") { number isConcept } concept { number } }
    errors { code field message }
  }
}"""
UPDATE_STATUS = """
mutation($input: UpdateStatusTypeInput!) {
  updateStatusType(input: $input) { statusType { name } errors { code field } }
}"""


class Setup:
    """A zaaktype admin of a fresh organisation, with a role and a folder."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def __aenter__(self) -> "Setup":
        self.organisation = await make_organisation(self.session)
        self.admin = await make_user(self.session, self.organisation, zaaktype_admin=True)
        self.token = await make_token(self.session, self.admin)
        self.role = await make_role(self.session, self.organisation, name="Vergunningverlener")
        self.actor: Standing = await standing_of(self.session, self.admin)
        self.folder = await folders.create_folder(
            self.session, actor=self.actor, name="Map", parent_id=None
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.session.commit()

    async def zaaktype(self, identification: str = "OMV") -> models.Zaaktype:
        return await make_publishable_zaaktype(
            self.session, self.actor, self.folder.id, identification, self.role
        )

    async def statuses(self, zaaktype: models.Zaaktype) -> list[models.StatusType]:
        concept = await zaaktypen.load_concept(self.session, zaaktype)
        return await statuses.version_statuses(self.session, concept.id)


def gid(type_name: str, obj: Any) -> str:
    return to_global_id(type_name, obj.id)


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


def codes(errors: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["field"]) for e in errors]


async def test_z2_a_role_handler_is_one_of_the_directing_partys_roles(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    async with Setup(session) as setup:
        zaaktype = await setup.zaaktype()
        _, last = await setup.statuses(zaaktype)
        foreign_role = await make_role(session, await make_organisation(session))
    status_id = gid("StatusType", last)
    # when
    foreign = await gql(
        SET_HANDLER,
        {"input": {"statusTypeId": status_id, "kind": "ROLE", "roleId": gid("Role", foreign_role)}},
        token=setup.token,
    )
    previous = await gql(
        SET_HANDLER, {"input": {"statusTypeId": status_id, "kind": "PREVIOUS"}}, token=setup.token
    )
    # then
    assert codes(payload(foreign, "setStatusHandler")["errors"]) == [
        ("NOT_FOUND", ["input", "roleId"])
    ]
    assert payload(previous, "setStatusHandler") == {
        "statusType": {"handler": {"kind": "PREVIOUS", "role": None}},
        "errors": [],
    }


async def test_z3_first_status_has_no_handler(session: AsyncSession, gql: GraphQLClient) -> None:
    # given
    async with Setup(session) as setup:
        first, _ = await setup.statuses(await setup.zaaktype())
    for kind in ("ROLE", "PREVIOUS"):
        # when
        result = await gql(
            SET_HANDLER,
            {
                "input": {
                    "statusTypeId": gid("StatusType", first),
                    "kind": kind,
                    "roleId": gid("Role", setup.role),
                }
            },
            token=setup.token,
        )
        # then
        assert codes(payload(result, "setStatusHandler")["errors"]) == [
            ("HANDLER_NOT_ALLOWED_ON_FIRST_STATUS", ["input", "kind"])
        ]


async def test_z3_moving_a_handled_status_to_the_front_is_caught_at_publish(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the last status (handled by a role) becomes the first
    async with Setup(session) as setup:
        zaaktype = await setup.zaaktype()
        _, last = await setup.statuses(zaaktype)
        await statuses.move_status_type(
            session, actor=setup.actor, status_type_id=last.id, sequence=1
        )
    # when
    result = await gql(
        PUBLISH,
        {"input": {"zaaktypeId": gid("Zaaktype", zaaktype), "environments": ["productie"]}},
        token=setup.token,
    )
    # then
    published = payload(result, "publishZaaktype")
    assert codes(published["errors"]) == [
        ("HANDLER_NOT_ALLOWED_ON_FIRST_STATUS", ["statuses", "1", "handler"]),
        ("HANDLER_REQUIRED", ["statuses", "2", "handler"]),
    ]
    assert published["zaaktype"] is None


def status(sequence: int, kind: HandlerKind, name: str = "") -> models.StatusType:
    return models.StatusType(sequence=sequence, name=name or f"S{sequence}", handler_kind=kind)


def test_z4_last_status_cannot_be_partner() -> None:
    # given: three statuses, the partner on the last
    chain = [
        status(1, HandlerKind.NONE),
        status(2, HandlerKind.ROLE),
        status(3, HandlerKind.PARTNER),
    ]
    version = models.ZaaktypeVersion(coordinating_role_id=None)
    # when
    at_set = rules.handler_problems(chain, chain[2], HandlerKind.PARTNER, field=["input", "kind"])
    at_publish = rules.configuration_problems(version, chain, result_type_count=1)
    # then
    assert ErrorCode.PARTNER_NOT_ALLOWED_ON_LAST_STATUS in {p.code for p in at_set}
    assert (ErrorCode.PARTNER_NOT_ALLOWED_ON_LAST_STATUS, ("statuses", "3", "handler")) in {
        (p.code, p.field) for p in at_publish
    }


def test_z5_previous_is_refused_after_a_partner_status() -> None:
    # given: the second-to-last status is a partner's
    chain = [
        status(1, HandlerKind.NONE),
        status(2, HandlerKind.PARTNER),
        status(3, HandlerKind.PREVIOUS, "Besluit"),
    ]
    version = models.ZaaktypeVersion(coordinating_role_id=None)
    # when
    setting_previous = rules.handler_problems(
        chain, chain[2], HandlerKind.PREVIOUS, field=["input", "kind"]
    )
    setting_partner = rules.handler_problems(
        chain, chain[1], HandlerKind.PARTNER, field=["input", "kind"]
    )
    at_publish = rules.configuration_problems(version, chain, result_type_count=1)
    # then: whichever is set second, and again at publish
    assert ErrorCode.PREVIOUS_AFTER_PARTNER in {p.code for p in setting_previous}
    assert ErrorCode.PREVIOUS_AFTER_PARTNER in {p.code for p in setting_partner}
    assert (ErrorCode.PREVIOUS_AFTER_PARTNER, ("statuses", "3", "handler")) in {
        (p.code, p.field) for p in at_publish
    }


async def test_z5_previous_after_a_role_status_is_fine(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    async with Setup(session) as setup:
        zaaktype = await setup.zaaktype()
        third = await statuses.add_status_type(
            session, actor=setup.actor, zaaktype_id=zaaktype.id, name="Besluit", sequence=None
        )
    # when
    result = await gql(
        SET_HANDLER,
        {"input": {"statusTypeId": gid("StatusType", third), "kind": "PREVIOUS"}},
        token=setup.token,
    )
    # then
    assert payload(result, "setStatusHandler")["errors"] == []


async def test_z7_publishing_requires_a_coordinating_role(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    async with Setup(session) as setup:
        zaaktype = await setup.zaaktype()
        await zaaktypen.update_concept(
            session,
            actor=setup.actor,
            zaaktype_id=zaaktype.id,
            changes=zaaktypen.ConceptChanges(coordinating_role_id=None),
        )
    # when
    result = await gql(
        PUBLISH,
        {"input": {"zaaktypeId": gid("Zaaktype", zaaktype), "environments": ["productie"]}},
        token=setup.token,
    )
    # then
    assert codes(payload(result, "publishZaaktype")["errors"]) == [
        ("COORDINATING_ROLE_REQUIRED", ["coordinatingRole"])
    ]


async def test_v4_publishing_lists_every_problem_at_once_and_publishes_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: a bare zaaktype, one status without anything else
    async with Setup(session) as setup:
        zaaktype = await zaaktypen.create_zaaktype(
            session, actor=setup.actor, folder_id=setup.folder.id, identification="X", name="X"
        )
        await statuses.add_status_type(
            session, actor=setup.actor, zaaktype_id=zaaktype.id, name="Enige", sequence=None
        )
    # when
    result = await gql(
        PUBLISH,
        {"input": {"zaaktypeId": gid("Zaaktype", zaaktype), "environments": ["productie", "acc"]}},
        token=setup.token,
    )
    after = await gql(
        "query($id: ID!) { node(id: $id) { ... on Zaaktype { "
        'live(environment: "productie") { number } concept { number isConcept } } } }',
        {"id": gid("Zaaktype", zaaktype)},
        token=setup.token,
    )
    # then
    published = payload(result, "publishZaaktype")
    assert codes(published["errors"]) == [
        ("UNKNOWN_ENVIRONMENT", ["input", "environments", "1"]),
        ("TOO_FEW_STATUSES", ["statuses"]),
        ("RESULT_TYPE_REQUIRED", ["resultTypes"]),
        ("COORDINATING_ROLE_REQUIRED", ["coordinatingRole"]),
    ]
    assert all(e["message"] for e in published["errors"])
    assert after["data"]["node"] == {"live": None, "concept": {"number": 1, "isConcept": True}}


async def test_v1_a_published_version_is_immutable(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    async with Setup(session) as setup:
        zaaktype = await setup.zaaktype()
        _, last = await setup.statuses(zaaktype)
    zaaktype_id = gid("Zaaktype", zaaktype)
    published = await gql(
        PUBLISH,
        {"input": {"zaaktypeId": zaaktype_id, "environments": ["productie"]}},
        token=setup.token,
    )
    # when
    rename = await gql(
        UPDATE_STATUS,
        {"input": {"statusTypeId": gid("StatusType", last), "name": "Anders"}},
        token=setup.token,
    )
    edit_concept = await gql(
        "mutation($input: UpdateZaaktypeConceptInput!) { updateZaaktypeConcept(input: $input) "
        "{ errors { code field } } }",
        {"input": {"zaaktypeId": zaaktype_id, "name": "Anders"}},
        token=setup.token,
    )
    # then
    assert payload(published, "publishZaaktype")["zaaktype"] == {
        "live": {"number": 1, "isConcept": False},
        "concept": None,
    }
    assert codes(payload(rename, "updateStatusType")["errors"]) == [
        ("VERSION_IMMUTABLE", ["input", "statusTypeId"])
    ]
    assert codes(payload(edit_concept, "updateZaaktypeConcept")["errors"]) == [
        ("NO_CONCEPT", ["input", "zaaktypeId"])
    ]


async def test_v4_a_publication_records_version_environment_time_and_user(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    async with Setup(session) as setup:
        zaaktype = await setup.zaaktype()
    zaaktype_id = gid("Zaaktype", zaaktype)
    # when
    await gql(
        PUBLISH,
        {"input": {"zaaktypeId": zaaktype_id, "environments": ["test", "productie", "test"]}},
        token=setup.token,
    )
    result = await gql(
        "query($id: ID!) { node(id: $id) { ... on Zaaktype { versions { number "
        "publications { environment publishedAt publishedBy } } } } }",
        {"id": zaaktype_id},
        token=setup.token,
    )
    # then: each environment once, by whom and when
    assert "errors" not in result
    [version] = result["data"]["node"]["versions"]
    assert version["number"] == 1
    assert [(p["environment"], p["publishedBy"]) for p in version["publications"]] == [
        ("test", setup.admin.email),
        ("productie", setup.admin.email),
    ]
    assert all(p["publishedAt"].endswith("+00:00") for p in version["publications"])


async def test_w10_every_configuration_change_is_in_the_audit_trail(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    async with Setup(session) as setup:
        zaaktype = await setup.zaaktype()
    zaaktype_id = gid("Zaaktype", zaaktype)
    await gql(
        PUBLISH, {"input": {"zaaktypeId": zaaktype_id, "environments": ["test"]}}, token=setup.token
    )
    # when
    result = await gql(
        "query($id: ID!) { node(id: $id) { ... on Zaaktype { auditTrail(first: 100) { "
        "totalCount edges { node { actor action changes } } } } } }",
        {"id": zaaktype_id},
        token=setup.token,
    )
    # then
    assert "errors" not in result
    trail = result["data"]["node"]["auditTrail"]
    assert [e["node"]["action"] for e in trail["edges"]] == [
        "zaaktype.created",
        "zaaktype.concept_updated",
        "status_type.added",
        "status_type.added",
        "status_type.handler_set",
        "result_type.added",
        "zaaktype.published",
    ]
    assert {e["node"]["actor"] for e in trail["edges"]} == {setup.admin.email}
    assert trail["edges"][-1]["node"]["changes"] == {"version": 1, "environments": ["test"]}
