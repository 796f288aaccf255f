"""Inviting partners (P1, P2), accepting (P3, P6) and ending (P5) partnerships."""

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.db import utcnow
from samen.models.partnership import PartnershipState
from samen.schema.node import to_global_id
from samen.services import partnerships
from tests.conftest import GraphQLClient
from tests.factories import make_organisation, make_partnership, make_token, make_user

INVITE = """
mutation($input: InvitePartnerInput!) {
  invitePartner(input: $input) {
    partnership { id state invitedAt directingParty { name } partner { name } }
    errors { code field message }
  }
}"""
ACCEPT = """
mutation($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { partnership { state acceptedAt } errors { code field } }
}"""
END = """
mutation($input: EndPartnershipInput!) {
  endPartnership(input: $input) { partnership { state endedAt } errors { code field } }
}"""
FOLDERS = "{ folders { name isShared sharedBy { name } viewerCan { configure } } }"


class Pair:
    """A licensed directing party and a partner with two zaaktype admins and a colleague."""

    async def build(self, session: AsyncSession, *, licence: bool = True) -> "Pair":
        self.directing = await make_organisation(
            session, name="Gemeente Voorbeeld", licence=licence
        )
        self.partner = await make_organisation(session, name="Omgevingsdienst Test")
        self.inviter = await make_user(session, self.directing, zaaktype_admin=True)
        self.admins = [
            await make_user(session, self.partner, zaaktype_admin=True, email=f"{n}@od.test")
            for n in ("ana", "bob")
        ]
        self.colleague = await make_user(session, self.partner, email="carl@od.test")
        self.inviter_token = await make_token(session, self.inviter)
        self.admin_token = await make_token(session, self.admins[0])
        self.colleague_token = await make_token(session, self.colleague)
        await session.commit()
        return self

    @property
    def partner_id(self) -> str:
        return to_global_id("Organisation", self.partner.id)


async def outbox(session: AsyncSession, kind: str) -> list[models.OutboxMail]:
    rows = await session.scalars(
        select(models.OutboxMail)
        .where(models.OutboxMail.kind == kind)
        .order_by(models.OutboxMail.to_address)
    )
    return list(rows)


def token_of(mail: models.OutboxMail) -> str:
    """The token in the personal link of an invitation mail."""
    marker = "/invitations/"
    start = mail.text_body.index(marker) + len(marker)
    return mail.text_body[start:].split()[0]


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


async def test_p2_every_zaaktype_admin_of_the_partner_gets_a_personal_link(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    # when
    result = await gql(
        INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token
    )
    # then
    invited = payload(result, "invitePartner")
    assert invited["errors"] == []
    assert invited["partnership"]["state"] == "INVITED"
    assert invited["partnership"]["directingParty"] == {"name": "Gemeente Voorbeeld"}
    mails = await outbox(session, "invitation")
    assert [m.to_address for m in mails] == ["ana@od.test", "bob@od.test"]
    tokens = {token_of(m) for m in mails}
    assert len(tokens) == 2  # personal: one link per recipient
    assert all("Gemeente Voorbeeld" in m.subject for m in mails)
    assert all("/invitations/" in m.html_body for m in mails)


async def test_p6_tokens_are_long_random_and_stored_only_as_hashes(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    # when
    await gql(INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token)
    # then
    [mail, _] = await outbox(session, "invitation")
    token = token_of(mail)
    assert len(token) >= 43  # 32 random bytes, url-safe base64
    stored = list(await session.scalars(select(models.InvitationLink)))
    assert {link.token_hash for link in stored} >= {partnerships.token_hash(token)}
    assert all(token not in link.token_hash for link in stored)
    lifetime = stored[0].expires_at - stored[0].created_at
    assert lifetime == timedelta(days=7)


async def test_p1_without_a_licence_inviting_is_refused(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session, licence=False)
    # when
    result = await gql(
        INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token
    )
    # then
    invited = payload(result, "invitePartner")
    assert [e["code"] for e in invited["errors"]] == ["LICENCE_REQUIRED"]
    assert "licence" in invited["errors"][0]["message"]
    assert await outbox(session, "invitation") == []


async def test_inviting_yourself_an_accepted_partner_or_a_stranger_is_refused(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    await make_partnership(session, pair.directing, pair.partner)
    empty = await make_organisation(session)
    await session.commit()
    cases = {
        to_global_id("Organisation", pair.directing.id): "CANNOT_INVITE_SELF",
        pair.partner_id: "ALREADY_PARTNER",
        to_global_id("Organisation", empty.id): "NO_RECIPIENTS",
        "bm9wZQ==": "NOT_FOUND",
    }
    for organisation_id, code in cases.items():
        # when
        result = await gql(
            INVITE, {"input": {"organisationId": organisation_id}}, token=pair.inviter_token
        )
        # then
        errors = payload(result, "invitePartner")["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [(code, ["input", "organisationId"])]


async def test_p6_reinviting_spends_the_earlier_links(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    variables = {"input": {"organisationId": pair.partner_id}}
    await gql(INVITE, variables, token=pair.inviter_token)
    first = {token_of(m) for m in await outbox(session, "invitation")}
    # when
    again = await gql(INVITE, variables, token=pair.inviter_token)
    # then
    assert payload(again, "invitePartner")["errors"] == []
    count = await session.scalar(select(func.count()).select_from(models.Partnership))
    assert count == 1
    old = await gql(ACCEPT, {"input": {"token": first.pop()}}, token=pair.admin_token)
    assert [e["code"] for e in payload(old, "acceptInvitation")["errors"]] == ["INVITATION_SPENT"]


async def test_p3_accepting_adds_a_read_only_folder_named_after_the_directing_party(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    await gql(INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token)
    token = token_of((await outbox(session, "invitation"))[1])  # bob's link, used by ana
    # when
    result = await gql(ACCEPT, {"input": {"token": token}}, token=pair.admin_token)
    folders = await gql(FOLDERS, token=pair.admin_token)
    # then
    accepted = payload(result, "acceptInvitation")
    assert accepted["errors"] == []
    assert accepted["partnership"]["state"] == "ACCEPTED"
    assert folders["data"]["folders"] == [
        {
            "name": "Gemeente Voorbeeld",
            "isShared": True,
            "sharedBy": {"name": "Gemeente Voorbeeld"},
            "viewerCan": {"configure": False},
        }
    ]


async def test_p6_acceptance_spends_every_link_of_the_invitation(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    await gql(INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token)
    ana, bob = (token_of(m) for m in await outbox(session, "invitation"))
    await gql(ACCEPT, {"input": {"token": ana}}, token=pair.admin_token)
    # when
    again = await gql(ACCEPT, {"input": {"token": bob}}, token=pair.admin_token)
    # then
    assert [e["code"] for e in payload(again, "acceptInvitation")["errors"]] == ["INVITATION_SPENT"]
    spent = await session.scalars(select(models.InvitationLink.spent_at))
    assert all(at is not None for at in spent)


@pytest.mark.parametrize("case", ["unknown", "expired", "other organisation", "not an admin"])
async def test_p6_bad_tokens_change_nothing(
    session: AsyncSession, gql: GraphQLClient, case: str
) -> None:
    # given
    pair = await Pair().build(session)
    await gql(INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token)
    token = token_of((await outbox(session, "invitation"))[0])
    actor = pair.admin_token
    expected = "INVITATION_INVALID"
    if case == "unknown":
        token = "x" * 43
    elif case == "expired":
        link = await session.scalar(
            select(models.InvitationLink).where(
                models.InvitationLink.token_hash == partnerships.token_hash(token)
            )
        )
        assert link is not None
        link.expires_at = utcnow() - timedelta(seconds=1)
        await session.commit()
        expected = "INVITATION_EXPIRED"
    elif case == "other organisation":
        actor = pair.inviter_token  # a zaaktype admin, but of the directing party
    # when
    if case == "not an admin":
        result = await gql(ACCEPT, {"input": {"token": token}}, token=pair.colleague_token)
        # then: the coarse guard refuses before the token is even looked at
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    else:
        result = await gql(ACCEPT, {"input": {"token": token}}, token=actor)
        # then
        errors = payload(result, "acceptInvitation")["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [(expected, ["input", "token"])]
    state = await session.scalar(select(models.Partnership.state))
    assert state is PartnershipState.INVITED
    assert await session.scalar(select(func.count()).select_from(models.Folder)) == 0


async def test_p5_ending_removes_the_folder_and_the_links_and_tells_both_sides(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    partnership = await make_partnership(session, pair.directing, pair.partner)
    session.add(
        models.ZaaktypePartner(
            zaaktype_id=(await _zaaktype_of(session, pair)).id,
            partner_id=pair.partner.id,
            max_access=models.AccessLevel.CONSULT,
        )
    )
    await session.commit()
    variables = {"input": {"partnershipId": to_global_id("Partnership", partnership.id)}}
    # when
    by_partner = await gql(END, variables, token=pair.admin_token)
    result = await gql(END, variables, token=pair.inviter_token)
    again = await gql(END, variables, token=pair.inviter_token)
    folders = await gql(FOLDERS, token=pair.admin_token)
    # then
    assert by_partner["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert payload(result, "endPartnership")["partnership"]["state"] == "ENDED"
    assert [e["code"] for e in payload(again, "endPartnership")["errors"]] == ["PARTNERSHIP_ENDED"]
    assert folders["data"]["folders"] == []
    assert await session.scalar(select(func.count()).select_from(models.ZaaktypePartner)) == 0
    told = {m.to_address for m in await outbox(session, "partnership_ended")}
    assert told == {pair.inviter.email, "ana@od.test", "bob@od.test"}


async def test_partnerships_are_listed_for_both_sides_with_their_times(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    pair = await Pair().build(session)
    await make_partnership(session, pair.directing, pair.partner)
    other = await make_organisation(session)
    await make_partnership(session, other, pair.directing, state=PartnershipState.INVITED)
    await session.commit()
    query = """query($state: PartnershipState) { partnerships(state: $state) {
        state directingParty { name } partner { name } invitedAt acceptedAt endedAt } }"""
    # when
    everything = await gql(query, token=pair.inviter_token)
    invited = await gql(query, {"state": "INVITED"}, token=pair.inviter_token)
    seen_by_partner = await gql(query, token=pair.admin_token)
    # then
    assert "errors" not in everything
    assert {p["state"] for p in everything["data"]["partnerships"]} == {"ACCEPTED", "INVITED"}
    [pending] = invited["data"]["partnerships"]
    assert pending["partner"] == {"name": "Gemeente Voorbeeld"}
    assert pending["acceptedAt"] is None
    [shared] = seen_by_partner["data"]["partnerships"]
    assert shared["directingParty"] == {"name": "Gemeente Voorbeeld"}
    assert shared["acceptedAt"] is not None


async def _zaaktype_of(session: AsyncSession, pair: Pair) -> models.Zaaktype:
    folder = models.Folder(organisation_id=pair.directing.id, name="Map")
    session.add(folder)
    await session.flush()
    zaaktype = models.Zaaktype(
        organisation_id=pair.directing.id, folder_id=folder.id, identification="OMV"
    )
    session.add(zaaktype)
    await session.flush()
    return zaaktype
