"""`samen demo` seeds exactly the demo data of DESIGN.md §4, and running it twice adds nothing."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.db import utcnow
from samen.services import auth, demo
from tests.conftest import GraphQLClient

EXPECTED: dict[tuple[str, str, bool], dict[str, object]] = {
    ("Gemeente Voorbeeldstad", "00000001001234567000", True): {
        "beheerder@voorbeeldstad.example": (True, True, set(), set()),
        "behandelaar@voorbeeldstad.example": (
            False,
            False,
            {"Vergunningverlener"},
            {"Vergunningen"},
        ),
    },
    ("Omgevingsdienst Regio", "00000001007654321000", True): {
        "beheerder@odregio.example": (True, True, set(), set()),
        "adviseur@odregio.example": (False, False, {"Adviseur milieu"}, {"Advies"}),
    },
    ("Waterschap Elders", "00000001009999999000", False): {
        "beheerder@elders.example": (True, True, set(), set()),
    },
}


async def snapshot(session: AsyncSession) -> dict[tuple[str, str, bool], dict[str, object]]:
    today = utcnow().date()
    result: dict[tuple[str, str, bool], dict[str, object]] = {}
    for organisation in await session.scalars(select(models.Organisation)):
        users: dict[str, object] = {}
        for user in await session.scalars(
            select(models.User).where(models.User.organisation_id == organisation.id)
        ):
            roles = set(
                await session.scalars(
                    select(models.Role.name)
                    .join(models.RoleMember, models.RoleMember.role_id == models.Role.id)
                    .where(models.RoleMember.user_id == user.id)
                )
            )
            groups = set(
                await session.scalars(
                    select(models.AuthorisationGroup.name)
                    .join(models.GroupMember)
                    .where(models.GroupMember.user_id == user.id)
                )
            )
            users[user.email] = (user.is_zaaktype_admin, user.is_organisation_admin, roles, groups)
        key = (organisation.name, organisation.oin, organisation.has_licence(today))
        result[key] = users
    return result


async def counts(session: AsyncSession) -> list[int]:
    tables = [models.Organisation, models.Environment, models.User, models.Role]
    tables += [models.RoleMember, models.AuthorisationGroup, models.GroupMember]
    return [int(await session.scalar(select(func.count()).select_from(t)) or 0) for t in tables]


async def test_demo_seeds_exactly_the_documented_organisations(session: AsyncSession) -> None:
    # when
    tokens = await demo.seed_demo(session)
    # then
    assert await snapshot(session) == EXPECTED
    environments = (await session.scalars(select(models.Environment.name))).all()
    assert set(environments) == {"test", "productie"}
    assert set(tokens) == {email for users in EXPECTED.values() for email in users}


async def test_demo_is_idempotent_and_leaves_one_live_token_per_user(
    session: AsyncSession,
) -> None:
    # given
    first = await demo.seed_demo(session)
    before = await counts(session)
    # when
    second = await demo.seed_demo(session)
    # then
    assert await counts(session) == before
    email = "beheerder@voorbeeldstad.example"
    assert await auth.authenticate(session, first[email]) is None
    standing = await auth.authenticate(session, second[email])
    assert standing is not None
    assert standing.email == email


async def test_the_demo_scenario_shares_the_omgevingsvergunning_and_runs_once(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    tokens = await demo.seed_demo(session)
    # when
    first = await demo.play_scenario(session, base_url="http://samen.test")
    second = await demo.play_scenario(session, base_url="http://samen.test")
    await session.commit()
    seen = await gql(
        '{ folders { name isShared zaaktypen { name viewerParty live(environment: "productie") '
        "{ statuses { name handler { kind partner { name } } } } } } }",
        token=tokens["beheerder@odregio.example"],
    )
    # then
    assert "Omgevingsvergunning" in first
    assert second == "the scenario was played before; nothing to do"
    assert "errors" not in seen
    [folder] = seen["data"]["folders"]
    assert (folder["name"], folder["isShared"]) == ("Gemeente Voorbeeldstad", True)
    [zaaktype] = folder["zaaktypen"]
    assert (zaaktype["name"], zaaktype["viewerParty"]) == ("Omgevingsvergunning", "PARTNER")
    assert [s["handler"]["kind"] for s in zaaktype["live"]["statuses"]] == [
        "NONE",
        "PARTNER",
        "ROLE",
        "ROLE",
    ]
    assert zaaktype["live"]["statuses"][1]["handler"]["partner"] == {
        "name": "Omgevingsdienst Regio"
    }
