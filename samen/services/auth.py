"""API tokens and the viewer's standing."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.db import utcnow
from samen.permissions.standing import Standing
from samen.services.errors import NotFound

TOKEN_PREFIX = "samen_"
# 32 bytes = 256 bits of randomness, well above the 128 the design asks for.
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 200


def hash_token(token: str) -> str:
    """SHA-256 suffices: tokens carry 256 random bits, so there is nothing to brute-force."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(
    session: AsyncSession,
    *,
    email: str,
    expires_in: timedelta | None = None,
    description: str = "",
) -> str:
    """Issue a new bearer token for the user with this email; return the secret once."""
    user = await session.scalar(
        select(models.User).where(models.User.email == email.strip().lower())
    )
    if user is None:
        raise NotFound(["email"], "User")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    session.add(
        models.ApiToken(
            user_id=user.id,
            token_hash=hash_token(secret),
            description=description,
            created_at=now,
            expires_at=now + expires_in if expires_in is not None else None,
        )
    )
    await session.flush()
    return secret


async def revoke_tokens(session: AsyncSession, *, email: str) -> int:
    """Revoke every live token of the user with this email; return how many."""
    user_id = await session.scalar(
        select(models.User.id).where(models.User.email == email.strip().lower())
    )
    if user_id is None:
        raise NotFound(["email"], "User")
    result = await session.execute(
        update(models.ApiToken)
        .where(models.ApiToken.user_id == user_id, models.ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def authenticate(
    session: AsyncSession, token: str, *, now: datetime | None = None
) -> Standing | None:
    """The standing of the token's user, or None for an unknown, revoked or expired token."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN_LENGTH:
        return None
    now = now or utcnow()
    user = await session.scalar(
        select(models.User)
        .join(models.ApiToken, models.ApiToken.user_id == models.User.id)
        .where(
            models.ApiToken.token_hash == hash_token(token),
            models.ApiToken.revoked_at.is_(None),
            (models.ApiToken.expires_at.is_(None)) | (models.ApiToken.expires_at > now),
        )
    )
    if user is None:
        return None
    return await load_standing(session, user)


async def load_standing(session: AsyncSession, user: models.User) -> Standing:
    """The user's organisation, flags, roles and groups, in one round trip."""
    memberships = (
        select(models.RoleMember.role_id.label("id"), literal("role").label("kind"))
        .where(models.RoleMember.user_id == user.id)
        .union_all(
            select(models.GroupMember.group_id.label("id"), literal("group").label("kind")).where(
                models.GroupMember.user_id == user.id
            )
        )
    )
    rows = (await session.execute(memberships)).all()
    return Standing(
        user_id=user.id,
        email=user.email,
        organisation_id=user.organisation_id,
        is_zaaktype_admin=user.is_zaaktype_admin,
        is_organisation_admin=user.is_organisation_admin,
        role_ids=frozenset(row[0] for row in rows if row[1] == "role"),
        group_ids=frozenset(row[0] for row in rows if row[1] == "group"),
    )
