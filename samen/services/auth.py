"""API tokens and the viewer's standing."""

import hashlib
import secrets
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, literal, select, union_all, update
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


async def load_standing(
    session: AsyncSession, user: models.User, *, today: date | None = None
) -> Standing:
    """The user's flags, roles, groups, licence and partnerships, in one round trip."""
    today = today or utcnow().date()
    organisation_id = user.organisation_id
    accepted = (
        select(models.Partnership.directing_party_id)
        .where(
            models.Partnership.partner_id == organisation_id,
            models.Partnership.state == models.PartnershipState.ACCEPTED,
        )
        .scalar_subquery()
    )
    published = select(models.Publication.id).where(
        models.Publication.zaaktype_id == models.Zaaktype.id
    )
    facts = union_all(
        _fact(models.RoleMember.role_id, "role").where(models.RoleMember.user_id == user.id),
        _fact(models.GroupMember.group_id, "group").where(models.GroupMember.user_id == user.id),
        _fact(models.Organisation.id, "licensed").where(
            models.Organisation.id == organisation_id,
            models.Organisation.licence_valid_until >= today,
        ),
        _fact(models.Partnership.directing_party_id, "partner_of").where(
            models.Partnership.partner_id == organisation_id,
            models.Partnership.state == models.PartnershipState.ACCEPTED,
        ),
        _fact(models.ZaaktypePartner.zaaktype_id, "shared")
        .join(models.Zaaktype, models.Zaaktype.id == models.ZaaktypePartner.zaaktype_id)
        .where(
            models.ZaaktypePartner.partner_id == organisation_id,
            models.Zaaktype.organisation_id.in_(accepted),
            published.exists(),
        ),
    )
    rows = (await session.execute(facts)).all()
    kinds: dict[str, set[uuid.UUID]] = {}
    for fact_id, kind in rows:
        kinds.setdefault(kind, set()).add(fact_id)
    return Standing(
        user_id=user.id,
        email=user.email,
        organisation_id=organisation_id,
        is_zaaktype_admin=user.is_zaaktype_admin,
        is_organisation_admin=user.is_organisation_admin,
        role_ids=frozenset(kinds.get("role", ())),
        group_ids=frozenset(kinds.get("group", ())),
        has_licence=bool(kinds.get("licensed")),
        partner_of=frozenset(kinds.get("partner_of", ())),
        shared_zaaktype_ids=frozenset(kinds.get("shared", ())),
    )


def _fact(column: Any, kind: str) -> Select[Any]:
    return select(column.label("id"), literal(kind).label("kind"))
