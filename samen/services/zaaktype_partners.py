"""Partners linked to a zaaktype (Z1) and the directing party's ceiling on their access (A1)."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.models.enums import AccessLevel
from samen.models.partnership import PartnershipState
from samen.permissions import policy
from samen.permissions.standing import Standing
from samen.services.errors import ErrorCode, NotFound, Rejected
from samen.services.partnerships import licence_required
from samen.services.zaaktypen import load_zaaktype, record

# A1: a partner never starts, edits or deletes zaken, so CONSULT is as high as it goes.
PARTNER_CEILING = AccessLevel.CONSULT


async def link_partner(
    session: AsyncSession,
    *,
    actor: Standing,
    zaaktype_id: uuid.UUID,
    partner_id: uuid.UUID,
    max_access: AccessLevel,
) -> models.ZaaktypePartner:
    """Link an accepted partner to the zaaktype, with a maximum access level (Z1, A1, P1)."""
    zaaktype = await _load_for_linking(session, actor, zaaktype_id)
    _check_ceiling(max_access)
    partner = await accepted_partner(session, zaaktype.organisation_id, partner_id)
    existing = await _link(session, zaaktype.id, partner.id)
    if existing is not None:
        raise Rejected.one(
            ErrorCode.ALREADY_LINKED,
            ("input", "partnerId"),
            f"{partner.name} is linked to this zaaktype already.",
        )
    link = models.ZaaktypePartner(
        zaaktype_id=zaaktype.id, partner_id=partner.id, max_access=max_access
    )
    session.add(link)
    await session.flush()
    changes = {"partner": partner.name, "maxAccess": max_access.value}
    record(session, actor, "zaaktype.partner_linked", zaaktype, changes)
    return link


async def unlink_partner(
    session: AsyncSession, *, actor: Standing, zaaktype_id: uuid.UUID, partner_id: uuid.UUID
) -> models.Zaaktype:
    """Unlink a partner that handles no status of the zaaktype's concept."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    link = await _existing_link(session, zaaktype, partner_id)
    handled = await session.scalar(
        select(models.StatusType.name)
        .join(models.ZaaktypeVersion, models.ZaaktypeVersion.id == models.StatusType.version_id)
        .where(
            models.ZaaktypeVersion.zaaktype_id == zaaktype.id,
            models.ZaaktypeVersion.is_concept.is_(True),
            models.StatusType.handler_partner_id == partner_id,
        )
        .limit(1)
    )
    if handled is not None:
        raise Rejected.one(
            ErrorCode.IN_USE,
            ("input", "partnerId"),
            f"The partner handles status {handled!r} in the concept; choose another handler "
            "there first.",
        )
    await session.delete(link)
    await session.flush()
    record(session, actor, "zaaktype.partner_unlinked", zaaktype, {"partner": str(partner_id)})
    return zaaktype


async def set_partner_max_access(
    session: AsyncSession,
    *,
    actor: Standing,
    zaaktype_id: uuid.UUID,
    partner_id: uuid.UUID,
    max_access: AccessLevel,
) -> models.ZaaktypePartner:
    """Change a linked partner's maximum access level (A1)."""
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    _check_ceiling(max_access)
    link = await _existing_link(session, zaaktype, partner_id)
    if link.max_access != max_access:
        changes = {
            "partner": str(partner_id),
            "maxAccess": [link.max_access.value, max_access.value],
        }
        record(session, actor, "zaaktype.partner_max_access_set", zaaktype, changes)
        link.max_access = max_access
        await session.flush()
    return link


async def accepted_partner(
    session: AsyncSession, directing_party_id: uuid.UUID, partner_id: uuid.UUID
) -> models.Organisation:
    """The partner organisation, if the directing party has an accepted partnership with it."""
    partner = await session.get(models.Organisation, partner_id)
    if partner is None:
        raise NotFound(("input", "partnerId"), "Organisation")
    accepted = await session.scalar(
        select(models.Partnership.id).where(
            models.Partnership.directing_party_id == directing_party_id,
            models.Partnership.partner_id == partner.id,
            models.Partnership.state == PartnershipState.ACCEPTED,
        )
    )
    if accepted is None:
        raise Rejected.one(
            ErrorCode.PARTNERSHIP_REQUIRED,
            ("input", "partnerId"),
            f"Only partners with an accepted partnership can be linked; invite {partner.name} "
            "first.",
        )
    return partner


async def linked_partner_ids(session: AsyncSession, zaaktype_id: uuid.UUID) -> set[uuid.UUID]:
    """The partners linked to a zaaktype whose partnership is still accepted."""
    zaaktype = select(models.Zaaktype.organisation_id).where(models.Zaaktype.id == zaaktype_id)
    rows = await session.scalars(
        select(models.ZaaktypePartner.partner_id)
        .join(
            models.Partnership,
            (models.Partnership.partner_id == models.ZaaktypePartner.partner_id)
            & (models.Partnership.state == PartnershipState.ACCEPTED),
        )
        .where(
            models.ZaaktypePartner.zaaktype_id == zaaktype_id,
            models.Partnership.directing_party_id == zaaktype.scalar_subquery(),
        )
    )
    return set(rows)


async def _load_for_linking(
    session: AsyncSession, actor: Standing, zaaktype_id: uuid.UUID
) -> models.Zaaktype:
    zaaktype = await load_zaaktype(session, actor, zaaktype_id)
    if not policy.can_link_partners(actor, zaaktype.organisation_id):
        raise licence_required()
    return zaaktype


async def _link(
    session: AsyncSession, zaaktype_id: uuid.UUID, partner_id: uuid.UUID
) -> models.ZaaktypePartner | None:
    return await session.scalar(
        select(models.ZaaktypePartner).where(
            models.ZaaktypePartner.zaaktype_id == zaaktype_id,
            models.ZaaktypePartner.partner_id == partner_id,
        )
    )


async def _existing_link(
    session: AsyncSession, zaaktype: models.Zaaktype, partner_id: uuid.UUID
) -> models.ZaaktypePartner:
    link = await _link(session, zaaktype.id, partner_id)
    if link is None:
        raise Rejected.one(
            ErrorCode.PARTNER_NOT_LINKED,
            ("input", "partnerId"),
            "This organisation is not linked to the zaaktype.",
        )
    return link


def _check_ceiling(level: AccessLevel) -> None:
    if level.rank > PARTNER_CEILING.rank:
        raise Rejected.one(
            ErrorCode.ACCESS_ABOVE_CEILING,
            ("input", "maxAccess"),
            "A partner's access goes no higher than CONSULT: partners never start, edit or "
            "delete zaken (A1).",
        )
