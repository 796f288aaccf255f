"""Partnerships: invitations by mail (P1, P2, P6), acceptance with the shared folder (P3),
and ending them (P5)."""

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.db import utcnow
from samen.events.mail import enqueue_mail
from samen.models.partnership import PartnershipState
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services import audit, mails
from samen.services.auth import load_standing
from samen.services.errors import ErrorCode, Forbidden, NotFound, Rejected

INVITATION_TTL = timedelta(days=7)
TOKEN_BYTES = 32  # 256 bits, above P6's 128


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/invitations/{token}"


async def list_partnerships(
    session: AsyncSession, *, actor: Standing, state: PartnershipState | None
) -> list[models.Partnership]:
    """The actor's organisation's partnerships in both directions, newest invitation first."""
    organisation = actor.organisation_id
    statement = select(models.Partnership).where(
        (models.Partnership.directing_party_id == organisation)
        | (models.Partnership.partner_id == organisation)
    )
    if state is not None:
        statement = statement.where(models.Partnership.state == state)
    ordered = statement.order_by(models.Partnership.invited_at.desc(), models.Partnership.id)
    return list(await session.scalars(ordered))


@dataclass(frozen=True)
class Invitation:
    """A partnership just invited, and the secret tokens mailed out (never stored as such)."""

    partnership: models.Partnership
    tokens: dict[str, str]  # recipient email -> token


async def invite_partner(
    session: AsyncSession,
    *,
    actor: Standing,
    organisation_id: uuid.UUID,
    base_url: str,
    now: datetime | None = None,
) -> Invitation:
    """Invite an organisation; each of its zaaktype admins gets a personal link by mail (P2).

    Re-inviting a pending partner spends the links sent before and sends fresh ones.
    """
    now = now or utcnow()
    if not actor.is_zaaktype_admin:
        raise Forbidden("Only zaaktype admins invite partners.")
    if not policy.can_invite_partners(actor):
        raise _licence_required()
    field = ("input", "organisationId")
    partner = await session.get(models.Organisation, organisation_id)
    if partner is None:
        raise NotFound(field, "Organisation")
    if partner.id == actor.organisation_id:
        raise Rejected.one(ErrorCode.CANNOT_INVITE_SELF, field, "You cannot invite yourself.")
    live = await _live_partnership(session, actor.organisation_id, partner.id)
    if live is not None and live.state is PartnershipState.ACCEPTED:
        raise Rejected.one(
            ErrorCode.ALREADY_PARTNER, field, f"{partner.name} is already a partner."
        )
    recipients = list(
        await session.scalars(
            select(models.User)
            .where(models.User.organisation_id == partner.id, models.User.is_zaaktype_admin)
            .order_by(models.User.email)
        )
    )
    if not recipients:
        raise Rejected.one(
            ErrorCode.NO_RECIPIENTS,
            field,
            f"{partner.name} has no zaaktype admin to receive the invitation.",
        )
    if live is None:
        live = models.Partnership(
            directing_party_id=actor.organisation_id,
            partner_id=partner.id,
            state=PartnershipState.INVITED,
        )
        session.add(live)
    else:
        await _spend_links(session, live.id, now)
    live.invited_at = now
    live.invited_by_email = actor.email
    await session.flush()
    directing = await session.get(models.Organisation, actor.organisation_id)
    assert directing is not None
    tokens: dict[str, str] = {}
    for recipient in recipients:
        token = tokens[recipient.email] = secrets.token_urlsafe(TOKEN_BYTES)
        session.add(
            models.InvitationLink(
                partnership_id=live.id,
                recipient_id=recipient.id,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=now + INVITATION_TTL,
            )
        )
        mail = mails.invitation(
            recipient=recipient.name,
            directing_party=directing.name,
            partner=partner.name,
            link=invitation_url(base_url, token),
            expires_at=now + INVITATION_TTL,
        )
        enqueue_mail(
            session,
            kind="invitation",
            to=recipient.email,
            subject=mail.subject,
            text=mail.text,
            html=mail.html,
        )
    _record(session, actor, "partnership.invited", live, {"partner": partner.name})
    await session.flush()
    return Invitation(live, tokens)


async def find_invitation(
    session: AsyncSession, token: str, *, now: datetime | None = None
) -> tuple[models.InvitationLink, models.Partnership]:
    """The link and partnership a token stands for, if it can still be accepted; reads only."""
    now = now or utcnow()
    field = ("input", "token")
    link = await session.scalar(
        select(models.InvitationLink).where(models.InvitationLink.token_hash == token_hash(token))
    )
    if link is None:
        raise Rejected.one(ErrorCode.INVITATION_INVALID, field, "This invitation link is unknown.")
    partnership = await session.get(models.Partnership, link.partnership_id)
    assert partnership is not None
    if partnership.state is PartnershipState.ENDED:
        raise Rejected.one(
            ErrorCode.PARTNERSHIP_ENDED, field, "This invitation was withdrawn or has ended."
        )
    if link.spent_at is not None or partnership.state is not PartnershipState.INVITED:
        raise Rejected.one(
            ErrorCode.INVITATION_SPENT,
            field,
            "This link was used already, or replaced by a newer invitation.",
        )
    if link.expires_at <= now:
        raise Rejected.one(
            ErrorCode.INVITATION_EXPIRED,
            field,
            "This invitation link has expired; ask for a new one.",
        )
    return link, partnership


async def accept_invitation(
    session: AsyncSession,
    *,
    token: str,
    actor: Standing | None,
    now: datetime | None = None,
) -> models.Partnership:
    """Accept: in the signed-in actor's name, or (actor None) in the link recipient's (P6).

    Every link of the invitation is spent, and the partner's tree gets a folder named after
    the directing party (P3).
    """
    now = now or utcnow()
    link, partnership = await find_invitation(session, token, now=now)
    recipient = await session.get(models.User, link.recipient_id)
    assert recipient is not None
    accepting = actor if actor is not None else await load_standing(session, recipient)
    if not policy.can_accept_invitation(accepting, partnership.partner_id):
        # A token of another organisation is as good as unknown to this actor.
        raise Rejected.one(
            ErrorCode.INVITATION_INVALID,
            ("input", "token"),
            "This invitation is not for you or your organisation.",
        )
    # Only the first of simultaneous acceptances finds the partnership still INVITED; the row
    # lock makes the others wait and then find nothing to update.
    claimed = await session.execute(
        update(models.Partnership)
        .where(
            models.Partnership.id == partnership.id,
            models.Partnership.state == PartnershipState.INVITED,
        )
        .values(state=PartnershipState.ACCEPTED, accepted_at=now, accepted_by_email=accepting.email)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise Rejected.one(
            ErrorCode.INVITATION_SPENT, ("input", "token"), "This invitation was just accepted."
        )
    await session.refresh(partnership)
    await _spend_links(session, partnership.id, now)
    directing = await session.get(models.Organisation, partnership.directing_party_id)
    assert directing is not None
    session.add(
        models.Folder(
            organisation_id=partnership.partner_id,
            parent_id=None,
            name=directing.name,
            shared_by_partnership_id=partnership.id,
        )
    )
    _record(session, accepting, "partnership.accepted", partnership, {"by": accepting.email})
    await session.flush()
    return partnership


async def end_partnership(
    session: AsyncSession,
    *,
    actor: Standing,
    partnership_id: uuid.UUID,
    now: datetime | None = None,
) -> models.Partnership:
    """End a partnership (or withdraw an invitation); the partner loses access at once (P5)."""
    now = now or utcnow()
    field = ("input", "partnershipId")
    partnership = await session.get(models.Partnership, partnership_id)
    if partnership is None or not policy.can_see_partnership(
        actor, partnership.directing_party_id, partnership.partner_id
    ):
        raise NotFound(field, "Partnership")
    if not policy.can_end_partnership(actor, partnership.directing_party_id):
        raise Forbidden("Only the directing party's zaaktype admins end a partnership.")
    if partnership.state is PartnershipState.ENDED:
        raise Rejected.one(ErrorCode.PARTNERSHIP_ENDED, field, "This partnership has ended.")
    partnership.state = PartnershipState.ENDED
    partnership.ended_at = now
    partnership.ended_by_email = actor.email
    await _spend_links(session, partnership.id, now)
    await session.execute(
        delete(models.Folder).where(models.Folder.shared_by_partnership_id == partnership.id)
    )
    owned = select(models.Zaaktype.id).where(
        models.Zaaktype.organisation_id == partnership.directing_party_id
    )
    await session.execute(
        delete(models.ZaaktypePartner).where(
            models.ZaaktypePartner.partner_id == partnership.partner_id,
            models.ZaaktypePartner.zaaktype_id.in_(owned),
        )
    )
    await _tell_both_sides(session, partnership)
    _record(session, actor, "partnership.ended", partnership, {})
    await session.flush()
    return partnership


async def _tell_both_sides(session: AsyncSession, partnership: models.Partnership) -> None:
    directing = await session.get(models.Organisation, partnership.directing_party_id)
    partner = await session.get(models.Organisation, partnership.partner_id)
    assert directing is not None
    assert partner is not None
    admins = await session.scalars(
        select(models.User)
        .where(
            models.User.organisation_id.in_([directing.id, partner.id]),
            models.User.is_zaaktype_admin,
        )
        .order_by(models.User.email)
    )
    for admin in admins:
        mail = mails.partnership_ended(
            recipient=admin.name, directing_party=directing.name, partner=partner.name
        )
        enqueue_mail(
            session,
            kind="partnership_ended",
            to=admin.email,
            subject=mail.subject,
            text=mail.text,
            html=mail.html,
        )


async def _live_partnership(
    session: AsyncSession, directing_party_id: uuid.UUID, partner_id: uuid.UUID
) -> models.Partnership | None:
    return await session.scalar(
        select(models.Partnership).where(
            models.Partnership.directing_party_id == directing_party_id,
            models.Partnership.partner_id == partner_id,
            models.Partnership.state != PartnershipState.ENDED,
        )
    )


async def _spend_links(session: AsyncSession, partnership_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(models.InvitationLink)
        .where(
            models.InvitationLink.partnership_id == partnership_id,
            models.InvitationLink.spent_at.is_(None),
        )
        .values(spent_at=now)
    )


def _licence_required(field: Sequence[str] | None = None) -> Rejected:
    return Rejected.one(
        ErrorCode.LICENCE_REQUIRED,
        field,
        "Your organisation needs a valid Samen licence to share zaaktypen with partners (P1).",
    )


def licence_required() -> Rejected:
    """P1's refusal, shared with the services that link partners and make them handlers."""
    return _licence_required()


def _record(
    session: AsyncSession,
    actor: Standing,
    action: str,
    partnership: models.Partnership,
    changes: dict[str, object],
) -> None:
    audit.record(
        session,
        actor=actor,
        action=action,
        subject_type="Partnership",
        subject_id=partnership.id,
        changes=changes,
    )
