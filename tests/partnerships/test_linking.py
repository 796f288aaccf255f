"""Linking partners to a zaaktype (Z1, A1, A5), partners as handlers (Z2, Z4, Z5), and what a
partner sees of a shared zaaktype (P3, P4, V1, V2)."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.models.enums import AccessLevel, HandlerKind
from samen.permissions.standing import Standing
from samen.schema.node import to_global_id
from samen.services import folders, publishing, statuses, zaaktype_partners, zaaktypen
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

LINK = """
mutation($input: LinkPartnerInput!) {
  linkPartner(input: $input) {
    zaaktype { partners { partner { name } maxAccess } groupAccess { level } }
    errors { code field message }
  }
}"""
SET_HANDLER = """
mutation($input: SetStatusHandlerInput!) {
  setStatusHandler(input: $input) {
    statusType { handler { kind partner { name } } } errors { code field }
  }
}"""
PUBLISH = """
mutation($input: PublishZaaktypeInput!) {
  publishZaaktype(input: $input) { errors { code field } }
}"""


class Setting:
    """Gemeente (licensed, directing) with a publishable zaaktype; an accepted partner."""

    directing: models.Organisation
    partner: models.Organisation
    actor: Standing
    token: str
    partner_token: str
    zaaktype: models.Zaaktype

    async def build(self, session: AsyncSession, *, licence: bool = True) -> "Setting":
        self.directing = await make_organisation(session, name="Gemeente", licence=licence)
        self.partner = await make_organisation(session, name="Omgevingsdienst")
        admin = await make_user(session, self.directing, zaaktype_admin=True)
        partner_admin = await make_user(session, self.partner, zaaktype_admin=True)
        self.token = await make_token(session, admin)
        self.partner_token = await make_token(session, partner_admin)
        self.actor = await standing_of(session, admin)
        self.role = await make_role(session, self.directing)
        folder = await folders.create_folder(session, actor=self.actor, name="Map", parent_id=None)
        self.zaaktype = await make_publishable_zaaktype(
            session, self.actor, folder.id, "OMV", self.role
        )
        self.partnership = await make_partnership(session, self.directing, self.partner)
        self.actor = await standing_of(session, admin)  # now with the partnership
        await session.commit()
        return self

    @property
    def ids(self) -> dict[str, str]:
        return {
            "zaaktypeId": to_global_id("Zaaktype", self.zaaktype.id),
            "partnerId": to_global_id("Organisation", self.partner.id),
        }

    async def link(self, session: AsyncSession, level: AccessLevel = AccessLevel.CONSULT) -> None:
        await zaaktype_partners.link_partner(
            session,
            actor=self.actor,
            zaaktype_id=self.zaaktype.id,
            partner_id=self.partner.id,
            max_access=level,
        )

    async def partner_handles_a_middle_status(self, session: AsyncSession) -> None:
        """Link the partner and make it the handler of a new status 2, "Advies"."""
        await self.link(session)
        middle = await statuses.add_status_type(
            session, actor=self.actor, zaaktype_id=self.zaaktype.id, name="Advies", sequence=2
        )
        await statuses.set_status_handler(
            session,
            actor=self.actor,
            status_type_id=middle.id,
            kind=HandlerKind.PARTNER,
            partner_id=self.partner.id,
        )

    async def statuses(self, session: AsyncSession) -> list[models.StatusType]:
        concept = await zaaktypen.load_concept(session, self.zaaktype)
        return await statuses.version_statuses(session, concept.id)


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


def codes(result: dict[str, Any], field: str) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["field"]) for e in payload(result, field)["errors"]]


async def test_a1_a5_a_linked_partner_is_listed_apart_with_its_ceiling(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session)
    # when
    result = await gql(
        LINK, {"input": {**setting.ids, "maxAccess": "CONSULT"}}, token=setting.token
    )
    # then: partners apart from the own groups' access
    linked = payload(result, "linkPartner")
    assert linked["errors"] == []
    assert linked["zaaktype"] == {
        "partners": [{"partner": {"name": "Omgevingsdienst"}, "maxAccess": "CONSULT"}],
        "groupAccess": [],
    }


async def test_a1_consult_is_the_ceiling_for_partners(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session)
    for level in ("HANDLE", "MANAGE"):
        # when
        result = await gql(
            LINK, {"input": {**setting.ids, "maxAccess": level}}, token=setting.token
        )
        # then
        assert codes(result, "linkPartner") == [("ACCESS_ABOVE_CEILING", ["input", "maxAccess"])]


async def test_z1_only_accepted_partners_can_be_linked(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session)
    invited = await make_organisation(session)
    await make_partnership(
        session, setting.directing, invited, state=models.PartnershipState.INVITED
    )
    stranger = await make_organisation(session)
    await session.commit()
    for organisation in (invited, stranger):
        ids = {**setting.ids, "partnerId": to_global_id("Organisation", organisation.id)}
        # when
        result = await gql(LINK, {"input": ids}, token=setting.token)
        # then
        assert codes(result, "linkPartner") == [("PARTNERSHIP_REQUIRED", ["input", "partnerId"])]


async def test_p1_without_a_licence_linking_and_partner_handlers_are_refused(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session, licence=False)
    _, last = await setting.statuses(session)
    # when
    link = await gql(LINK, {"input": setting.ids}, token=setting.token)
    handler = await gql(
        SET_HANDLER,
        {
            "input": {
                "statusTypeId": to_global_id("StatusType", last.id),
                "kind": "PARTNER",
                "partnerId": setting.ids["partnerId"],
            }
        },
        token=setting.token,
    )
    # then
    assert [c for c, _ in codes(link, "linkPartner")] == ["LICENCE_REQUIRED"]
    assert [c for c, _ in codes(handler, "setStatusHandler")] == ["LICENCE_REQUIRED"]


async def test_z1_a_partner_handles_a_status_only_once_linked(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: a middle status
    setting = await Setting().build(session)
    middle = await statuses.add_status_type(
        session, actor=setting.actor, zaaktype_id=setting.zaaktype.id, name="Advies", sequence=2
    )
    await session.commit()
    variables = {
        "input": {
            "statusTypeId": to_global_id("StatusType", middle.id),
            "kind": "PARTNER",
            "partnerId": setting.ids["partnerId"],
        }
    }
    # when
    before = await gql(SET_HANDLER, variables, token=setting.token)
    await setting.link(session)
    await session.commit()
    after = await gql(SET_HANDLER, variables, token=setting.token)
    # then: shown as "partner: NAME"
    assert codes(before, "setStatusHandler") == [("PARTNER_NOT_LINKED", ["input", "partnerId"])]
    assert payload(after, "setStatusHandler") == {
        "statusType": {"handler": {"kind": "PARTNER", "partner": {"name": "Omgevingsdienst"}}},
        "errors": [],
    }


async def test_z4_last_status_cannot_be_partner_through_the_api(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session)
    await setting.link(session)
    first, last = await setting.statuses(session)
    await session.commit()
    for status in (first, last):
        # when
        result = await gql(
            SET_HANDLER,
            {
                "input": {
                    "statusTypeId": to_global_id("StatusType", status.id),
                    "kind": "PARTNER",
                    "partnerId": setting.ids["partnerId"],
                }
            },
            token=setting.token,
        )
        # then: strictly between the first and the last
        expected = (
            "HANDLER_NOT_ALLOWED_ON_FIRST_STATUS"
            if status is first
            else "PARTNER_NOT_ALLOWED_ON_LAST_STATUS"
        )
        assert codes(result, "setStatusHandler") == [(expected, ["input", "kind"])]


async def test_z5_after_a_partner_status_the_last_needs_an_own_role(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: Ontvangen → Advies (partner) → Afgehandeld
    setting = await Setting().build(session)
    await setting.partner_handles_a_middle_status(session)
    _, _, last = await setting.statuses(session)
    await session.commit()
    # when
    result = await gql(
        SET_HANDLER,
        {"input": {"statusTypeId": to_global_id("StatusType", last.id), "kind": "PREVIOUS"}},
        token=setting.token,
    )
    # then
    assert codes(result, "setStatusHandler") == [("PREVIOUS_AFTER_PARTNER", ["input", "kind"])]


async def test_z1_publishing_refuses_a_partner_that_was_unlinked_since(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the partner handles a status, then its partnership ends
    setting = await Setting().build(session)
    await setting.partner_handles_a_middle_status(session)
    setting.partnership.state = models.PartnershipState.ENDED
    await session.commit()
    # when
    result = await gql(
        PUBLISH,
        {"input": {"zaaktypeId": setting.ids["zaaktypeId"], "environments": ["test"]}},
        token=setting.token,
    )
    # then
    assert codes(result, "publishZaaktype") == [
        ("PARTNER_NOT_LINKED", ["statuses", "2", "handler"])
    ]


async def test_unlinking_a_partner_that_handles_a_status_is_refused(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session)
    await setting.partner_handles_a_middle_status(session)
    await session.commit()
    query = """mutation($input: UnlinkPartnerInput!) {
        unlinkPartner(input: $input) { errors { code field } } }"""
    # when
    result = await gql(query, {"input": setting.ids}, token=setting.token)
    # then
    assert codes(result, "unlinkPartner") == [("IN_USE", ["input", "partnerId"])]


SHARED = """
{
  folders {
    name isShared
    zaaktypen {
      identification name viewerParty concept { number }
      versions { number isConcept }
      live(environment: "productie") { statuses { name } }
      partners { partner { name } maxAccess }
      viewerCan { configure }
    }
  }
}"""


async def test_p3_v1_a_shared_zaaktype_appears_once_linked_and_published(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session)
    await setting.link(session)
    await session.commit()
    # when: linked, not yet published
    unpublished = await gql(SHARED, token=setting.partner_token)
    await publishing.publish_zaaktype(
        session, actor=setting.actor, zaaktype_id=setting.zaaktype.id, environments=["productie"]
    )
    await zaaktypen.create_concept(session, actor=setting.actor, zaaktype_id=setting.zaaktype.id)
    await session.commit()
    published = await gql(SHARED, token=setting.partner_token)
    # then: the partner sees published versions only, never the concept (V2)
    assert unpublished["data"]["folders"] == [
        {"name": "Gemeente", "isShared": True, "zaaktypen": []}
    ]
    assert "errors" not in published
    [shared] = published["data"]["folders"][0]["zaaktypen"]
    assert shared == {
        "identification": "OMV",
        "name": "Vergunning",
        "viewerParty": "PARTNER",
        "concept": None,
        "versions": [{"number": 1, "isConcept": False}],
        "live": {"statuses": [{"name": "Ontvangen"}, {"name": "Afgehandeld"}]},
        "partners": [{"partner": {"name": "Omgevingsdienst"}, "maxAccess": "CONSULT"}],
        "viewerCan": {"configure": False},
    }


async def test_p4_the_partner_cannot_change_the_shared_folder_or_zaaktype(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    setting = await Setting().build(session)
    await setting.link(session)
    await publishing.publish_zaaktype(
        session, actor=setting.actor, zaaktype_id=setting.zaaktype.id, environments=["productie"]
    )
    await session.commit()
    listing = await gql("{ folders { id } }", token=setting.partner_token)
    shared_folder = listing["data"]["folders"][0]["id"]
    attempts = {
        "renameFolder": ("RenameFolderInput", {"folderId": shared_folder, "name": "Anders"}),
        "deleteFolder": ("DeleteFolderInput", {"folderId": shared_folder}),
        "createFolder": ("CreateFolderInput", {"name": "Eigen", "parentId": shared_folder}),
        "createZaaktype": (
            "CreateZaaktypeInput",
            {"folderId": shared_folder, "identification": "X", "name": "X"},
        ),
        "moveZaaktype": (
            "MoveZaaktypeInput",
            {"zaaktypeId": setting.ids["zaaktypeId"], "folderId": shared_folder},
        ),
        "createConcept": ("CreateConceptInput", {"zaaktypeId": setting.ids["zaaktypeId"]}),
    }
    for mutation, (input_type, values) in attempts.items():
        # when
        result = await gql(
            f"mutation($input: {input_type}!) "
            f"{{ {mutation}(input: $input) {{ errors {{ code }} }} }}",
            {"input": values},
            token=setting.partner_token,
        )
        # then: visible, so not "not found"; read-only, so FORBIDDEN
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN", (mutation, result)
