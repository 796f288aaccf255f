"""Glue of the partnership mutations and of linking partners to zaaktypen."""

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from samen import models
from samen.models.partnership import PartnershipState
from samen.permissions.graphql import unauthenticated_error
from samen.permissions.standing import Standing
from samen.resolvers.catalogue import zaaktype_mutation
from samen.resolvers.mutations import decode, run_mutation
from samen.schema import partnership_inputs as inputs
from samen.schema.catalogue_inputs import ZaaktypePayload
from samen.schema.partnership import Partnership
from samen.schema.partnership_inputs import PartnershipPayload
from samen.services import partnerships, zaaktype_partners, zaaktypen


async def list_partnerships(info: Info, state: PartnershipState | None) -> list[Partnership]:
    standing = await info.context.standing()
    if standing is None:
        raise unauthenticated_error()
    rows = await partnerships.list_partnerships(info.context.session, actor=standing, state=state)
    return [Partnership.from_model(row) for row in rows]


PartnershipWork = Callable[[AsyncSession, Standing], Awaitable[models.Partnership]]


async def _partnership_mutation(info: Info, work: PartnershipWork) -> PartnershipPayload:
    async def run(session: AsyncSession, actor: Standing) -> PartnershipPayload:
        return PartnershipPayload(partnership=Partnership.from_model(await work(session, actor)))

    return await run_mutation(info, PartnershipPayload, run)


async def invite_partner(info: Info, input: inputs.InvitePartnerInput) -> PartnershipPayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Partnership:
        invitation = await partnerships.invite_partner(
            session,
            actor=actor,
            organisation_id=decode(
                input.organisation_id, "Organisation", "organisationId", "Organisation"
            ),
            base_url=info.context.settings.base_url,
        )
        return invitation.partnership

    return await _partnership_mutation(info, work)


async def accept_invitation(info: Info, input: inputs.AcceptInvitationInput) -> PartnershipPayload:
    return await _partnership_mutation(
        info, lambda s, actor: partnerships.accept_invitation(s, token=input.token, actor=actor)
    )


async def end_partnership(info: Info, input: inputs.EndPartnershipInput) -> PartnershipPayload:
    return await _partnership_mutation(
        info,
        lambda s, actor: partnerships.end_partnership(
            s,
            actor=actor,
            partnership_id=decode(
                input.partnership_id, "Partnership", "partnershipId", "Partnership"
            ),
        ),
    )


async def link_partner(info: Info, input: inputs.LinkPartnerInput) -> ZaaktypePayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Zaaktype:
        zaaktype_id = decode(input.zaaktype_id, "Zaaktype", "zaaktypeId", "Zaaktype")
        await zaaktype_partners.link_partner(
            session,
            actor=actor,
            zaaktype_id=zaaktype_id,
            partner_id=decode(input.partner_id, "Organisation", "partnerId", "Organisation"),
            max_access=input.max_access,
        )
        return await zaaktypen.load_zaaktype(session, actor, zaaktype_id)

    return await zaaktype_mutation(info, work)


async def unlink_partner(info: Info, input: inputs.UnlinkPartnerInput) -> ZaaktypePayload:
    return await zaaktype_mutation(
        info,
        lambda s, actor: zaaktype_partners.unlink_partner(
            s,
            actor=actor,
            zaaktype_id=decode(input.zaaktype_id, "Zaaktype", "zaaktypeId", "Zaaktype"),
            partner_id=decode(input.partner_id, "Organisation", "partnerId", "Organisation"),
        ),
    )


async def set_partner_max_access(
    info: Info, input: inputs.SetPartnerMaxAccessInput
) -> ZaaktypePayload:
    async def work(session: AsyncSession, actor: Standing) -> models.Zaaktype:
        zaaktype_id = decode(input.zaaktype_id, "Zaaktype", "zaaktypeId", "Zaaktype")
        await zaaktype_partners.set_partner_max_access(
            session,
            actor=actor,
            zaaktype_id=zaaktype_id,
            partner_id=decode(input.partner_id, "Organisation", "partnerId", "Organisation"),
            max_access=input.max_access,
        )
        return await zaaktypen.load_zaaktype(session, actor, zaaktype_id)

    return await zaaktype_mutation(info, work)
