"""The page behind an invitation link (P6, P3): GET shows, only the button's POST accepts."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from samen import models
from samen.app import create_app
from samen.config import Settings
from samen.db import create_engine, session_factory, utcnow
from samen.migrate import upgrade_to_head
from samen.models.partnership import PartnershipState
from samen.services import partnerships
from tests.conftest import GraphQLClient, _create_postgres_database, _drop_postgres_database
from tests.factories import standing_of
from tests.partnerships.test_invitations import INVITE, Pair, outbox, token_of

SPENT = "al gebruikt"
REFUSED = "Uitnodiging niet bruikbaar"


@dataclass(frozen=True)
class Invited:
    pair: Pair
    ana: str  # ana@od.test's token
    bob: str  # bob@od.test's token


@dataclass(frozen=True)
class Snapshot:
    """What accepting would change, read fresh from the database."""

    state: PartnershipState
    accepted_at: datetime | None
    accepted_by_email: str | None
    spent: list[bool]
    shared_folders: list[str]


async def invite(session: AsyncSession, gql: GraphQLClient) -> Invited:
    """A partner with two zaaktype admins, invited through the real mutation."""
    pair = await Pair().build(session)
    result = await gql(
        INVITE, {"input": {"organisationId": pair.partner_id}}, token=pair.inviter_token
    )
    assert "errors" not in result, result
    assert result["data"]["invitePartner"]["errors"] == []
    ana, bob = (token_of(m) for m in await outbox(session, "invitation"))
    return Invited(pair, ana, bob)


async def snapshot(session: AsyncSession) -> Snapshot:
    # The app committed through sessions of its own; don't trust this session's identity map.
    session.expire_all()
    partnership = (await session.scalars(select(models.Partnership))).one()
    links = await session.scalars(
        select(models.InvitationLink).where(models.InvitationLink.partnership_id == partnership.id)
    )
    folders = await session.scalars(
        select(models.Folder.name).where(
            models.Folder.shared_by_partnership_id == partnership.id,
            models.Folder.organisation_id == partnership.partner_id,
        )
    )
    return Snapshot(
        state=partnership.state,
        accepted_at=partnership.accepted_at,
        accepted_by_email=partnership.accepted_by_email,
        spent=[link.spent_at is not None for link in links],
        shared_folders=list(folders),
    )


UNTOUCHED = Snapshot(
    state=PartnershipState.INVITED,
    accepted_at=None,
    accepted_by_email=None,
    spent=[False, False],
    shared_folders=[],
)


def assert_refused(response: httpx.Response, status: int, says: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert REFUSED in response.text
    assert says in response.text
    assert '<form method="post">' not in response.text


async def test_p6_opening_the_link_accepts_nothing(
    session: AsyncSession, gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    # given
    invited = await invite(session, gql)
    # when: a person, or a mail scanner, opens the link (twice)
    first = await http.get(f"/invitations/{invited.ana}")
    second = await http.get(f"/invitations/{invited.ana}")
    # then
    for response in (first, second):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/html")
        assert "<strong>Gemeente Voorbeeld</strong>" in response.text  # the inviting party
        assert "<strong>Omgevingsdienst Test</strong>" in response.text  # the invited one
        assert '<form method="post">' in response.text
        assert '<button type="submit">Samenwerking bevestigen</button>' in response.text
    assert await snapshot(session) == UNTOUCHED


async def test_p6_p3_the_button_accepts_in_the_recipients_name_and_adds_the_shared_folder(
    session: AsyncSession, gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    # given
    invited = await invite(session, gql)
    before = utcnow()
    # when: bob presses the button on the page of his link
    response = await http.post(f"/invitations/{invited.bob}")
    # then
    assert response.status_code == 200, response.text
    assert "Samenwerking bevestigd" in response.text
    assert "<strong>Gemeente Voorbeeld</strong>" in response.text
    after = await snapshot(session)
    assert after.state is PartnershipState.ACCEPTED
    assert after.accepted_by_email == "bob@od.test"
    assert after.accepted_at is not None
    assert after.accepted_at >= before
    assert after.spent == [True, True]  # ana's link too
    assert after.shared_folders == ["Gemeente Voorbeeld"]


async def test_p6_after_acceptance_every_link_of_the_invitation_is_gone(
    session: AsyncSession, gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    # given
    invited = await invite(session, gql)
    accepted = await http.post(f"/invitations/{invited.bob}")
    assert accepted.status_code == 200, accepted.text
    # when
    again = await http.post(f"/invitations/{invited.bob}")
    other = await http.post(f"/invitations/{invited.ana}")
    opened = await http.get(f"/invitations/{invited.ana}")
    # then
    for response in (again, other, opened):
        assert_refused(response, 410, SPENT)
    after = await snapshot(session)
    assert after.accepted_by_email == "bob@od.test"
    assert after.shared_folders == ["Gemeente Voorbeeld"]  # one folder, not one per click


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_p6_an_unknown_link_is_not_found(
    session: AsyncSession, gql: GraphQLClient, http: httpx.AsyncClient, method: str
) -> None:
    # given
    await invite(session, gql)
    # when
    response = await http.request(method, f"/invitations/{'x' * 43}")
    # then
    assert_refused(response, 404, "onbekend")
    assert await snapshot(session) == UNTOUCHED


async def test_p6_an_expired_link_is_gone_and_changes_nothing(
    session: AsyncSession, gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    # given
    invited = await invite(session, gql)
    link = models.InvitationLink
    await session.execute(
        update(link)
        .where(link.token_hash == partnerships.token_hash(invited.ana))
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    await session.commit()
    # when
    opened = await http.get(f"/invitations/{invited.ana}")
    pressed = await http.post(f"/invitations/{invited.ana}")
    # then
    assert_refused(opened, 410, "verlopen")
    assert_refused(pressed, 410, "verlopen")
    assert await snapshot(session) == UNTOUCHED


async def test_p6_a_withdrawn_invitation_cannot_be_accepted(
    session: AsyncSession, gql: GraphQLClient, http: httpx.AsyncClient
) -> None:
    # given: the directing party withdraws the invitation before anyone accepts
    invited = await invite(session, gql)
    partnership = (await session.scalars(select(models.Partnership))).one()
    await partnerships.end_partnership(
        session,
        actor=await standing_of(session, invited.pair.inviter),
        partnership_id=partnership.id,
    )
    await session.commit()
    # when
    opened = await http.get(f"/invitations/{invited.ana}")
    pressed = await http.post(f"/invitations/{invited.bob}")
    # then
    assert_refused(opened, 410, "ingetrokken")
    assert_refused(pressed, 410, "ingetrokken")
    after = await snapshot(session)
    assert (after.state, after.accepted_at, after.shared_folders) == (
        PartnershipState.ENDED,
        None,
        [],
    )


@pytest.mark.parametrize(
    ("_case", "method", "known", "status"),
    [
        ("the page", "GET", True, 200),
        ("the confirmation", "POST", True, 200),
        ("a refusal", "GET", False, 404),
    ],
)
async def test_p6_pages_are_not_cached_referred_framed_or_scripted(
    session: AsyncSession,
    gql: GraphQLClient,
    http: httpx.AsyncClient,
    _case: str,
    method: str,
    known: bool,
    status: int,
) -> None:
    # given
    invited = await invite(session, gql)
    token = invited.ana if known else "y" * 43
    # when
    response = await http.request(method, f"/invitations/{token}")
    # then
    assert response.status_code == status, response.text
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    csp = [d.strip() for d in response.headers["content-security-policy"].split(";")]
    assert "frame-ancestors 'none'" in csp
    assert "<script" not in response.text.lower()  # works, and must work, without JavaScript
    assert '<html lang="nl">' in response.text


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("%00", id="nul"),
        pytest.param("%00" + "a" * 42, id="nul-prefixed"),
        pytest.param("a" * 5000, id="5000-chars"),
        pytest.param("samenwerking-ü-€-🤝", id="unicode"),
        pytest.param("%C3%A9%E2%82%AC", id="percent-encoded-unicode"),
        pytest.param("%FF%FE", id="invalid-utf8"),
        pytest.param("%20", id="space"),
        pytest.param('"><script>alert(1)', id="markup"),
        pytest.param("a%2Fb", id="encoded-slash"),
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_p6_odd_tokens_get_a_clear_page_never_a_500(
    session: AsyncSession, gql: GraphQLClient, http: httpx.AsyncClient, method: str, token: str
) -> None:
    # given
    await invite(session, gql)
    # when
    response = await http.request(method, f"/invitations/{token}")
    # then
    if "%2F" in token:
        # The path no longer matches /invitations/{token}: the router's own plain 404.
        assert (response.status_code, response.text) == (404, "Not Found")
    else:
        assert_refused(response, 404, "onbekend")
        assert "<script" not in response.text.lower()  # the token is never echoed
    assert await snapshot(session) == UNTOUCHED


@pytest.fixture
async def own_engine(database_url: str, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A fresh database of the test's kind that commits for real.

    The usual fixtures put every request on the test's one connection, where nothing can run
    at the same time; a race needs connections of its own.
    """
    sqlite = database_url.startswith("sqlite")
    url = (
        f"sqlite+aiosqlite:///{tmp_path / 'race.db'}"
        if sqlite
        else await _create_postgres_database()
    )
    engine = create_engine(url)
    try:
        await upgrade_to_head(engine)
        yield engine
    finally:
        await engine.dispose()
        if not sqlite:
            await _drop_postgres_database(url)


async def test_p6_presses_at_the_same_time_accept_once_and_the_others_are_told_why(
    own_engine: AsyncEngine, settings: Settings
) -> None:
    # given: two admins' links, on a database where requests really run side by side
    factory = session_factory(own_engine)
    app = create_app(settings, factory)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://samen.test") as http,
        factory() as session,
    ):
        invited = await invite(session, GraphQLClient(http))
        # when: ana presses, and bob double-clicks, at the same moment
        responses = await asyncio.gather(
            *(
                http.post(f"/invitations/{token}")
                for token in (invited.ana, invited.bob, invited.bob)
            )
        )
        # then: one acceptance; the other presses get the page saying the link was used
        assert sorted(r.status_code for r in responses) == [200, 410, 410]
        for response in responses:
            if response.status_code == 410:
                assert_refused(response, 410, SPENT)
        await session.rollback()  # end the read transaction begun before the presses
        after = await snapshot(session)
        assert after.state is PartnershipState.ACCEPTED
        assert after.spent == [True, True]
        assert after.shared_folders == ["Gemeente Voorbeeld"]
