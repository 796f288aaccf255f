"""Bearer tokens: random, stored only as a hash, bound to a user, revocable, expiring."""

import base64
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.context import bearer_token
from samen.db import utcnow
from samen.services import auth
from tests.factories import add_role_member, make_group, make_organisation, make_role, make_user


async def test_a_token_carries_at_least_128_random_bits_and_only_its_hash_is_stored(
    session: AsyncSession,
) -> None:
    # given
    user = await make_user(session, await make_organisation(session))
    # when
    token = await auth.create_token(session, email=user.email)
    other = await auth.create_token(session, email=user.email)
    # then
    secret = token.removeprefix(auth.TOKEN_PREFIX)
    assert len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))) * 8 >= 128
    assert token != other
    stored = (await session.scalars(select(models.ApiToken.token_hash))).all()
    assert auth.hash_token(token) in stored
    assert token not in stored
    assert secret not in stored


async def test_authenticate_loads_the_standing_with_roles_and_groups(
    session: AsyncSession,
) -> None:
    # given
    organisation = await make_organisation(session)
    user = await make_user(session, organisation, zaaktype_admin=True)
    role = await make_role(session, organisation)
    group = await make_group(session, organisation)
    await add_role_member(session, role, user)
    session.add(models.GroupMember(group_id=group.id, user_id=user.id))
    token = await auth.create_token(session, email=user.email)
    # when
    standing = await auth.authenticate(session, token)
    # then
    assert standing is not None
    assert (standing.user_id, standing.organisation_id) == (user.id, organisation.id)
    assert standing.is_zaaktype_admin
    assert not standing.is_organisation_admin
    assert standing.role_ids == {role.id}
    assert standing.group_ids == {group.id}


async def test_unknown_revoked_and_expired_tokens_do_not_authenticate(
    session: AsyncSession,
) -> None:
    # given
    user = await make_user(session, await make_organisation(session))
    expiring = await auth.create_token(session, email=user.email, expires_in=timedelta(hours=1))
    # then: expiry
    assert await auth.authenticate(session, expiring) is not None
    assert await auth.authenticate(session, expiring, now=utcnow() + timedelta(hours=2)) is None
    # then: unknown, malformed, absurdly long
    assert await auth.authenticate(session, auth.TOKEN_PREFIX + "x" * 43) is None
    assert await auth.authenticate(session, "Bearer nonsense") is None
    assert await auth.authenticate(session, auth.TOKEN_PREFIX + "x" * 5000) is None
    # when: revocation
    revoked = await auth.revoke_tokens(session, email=user.email)
    # then
    assert revoked == 1
    assert await auth.authenticate(session, expiring) is None


def test_the_bearer_scheme_is_case_insensitive_and_nothing_else_is_a_token() -> None:
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("bearer   abc ") == "abc"
    assert bearer_token("Basic abc") is None
    assert bearer_token("Bearer ") is None
    assert bearer_token(None) is None
