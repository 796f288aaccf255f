"""The partnership mutations, and linking partners to zaaktypen."""

import strawberry
from strawberry.types import Info

from samen.permissions.graphql import ZaaktypeAdmin, guard
from samen.resolvers import partnerships
from samen.schema import partnership_inputs as inputs
from samen.schema.catalogue_inputs import ZaaktypePayload


@strawberry.type(description="Sharing with partners.")
class PartnershipMutation:
    @strawberry.mutation(
        description="Invite an organisation as partner; each of its zaaktype admins gets a "
        "personal link by mail (P1, P2). "
        "Zaaktype admins of a licensed organisation.",
        extensions=guard(ZaaktypeAdmin()),
    )
    async def invite_partner(
        self, info: Info, input: inputs.InvitePartnerInput
    ) -> inputs.PartnershipPayload:
        return await partnerships.invite_partner(info, input)

    @strawberry.mutation(
        description="Accept an invitation with a token from its link (P6). "
        "Zaaktype admins of the invited organisation.",
        extensions=guard(ZaaktypeAdmin()),
    )
    async def accept_invitation(
        self, info: Info, input: inputs.AcceptInvitationInput
    ) -> inputs.PartnershipPayload:
        return await partnerships.accept_invitation(info, input)

    @strawberry.mutation(
        description="End a partnership or withdraw an invitation; the partner loses access at "
        "once (P5). "
        "Zaaktype admins of the directing party.",
        extensions=guard(ZaaktypeAdmin()),
    )
    async def end_partnership(
        self, info: Info, input: inputs.EndPartnershipInput
    ) -> inputs.PartnershipPayload:
        return await partnerships.end_partnership(info, input)

    @strawberry.mutation(
        description="Link an accepted partner to a zaaktype with its maximum access (Z1, A1). "
        "Zaaktype admins of the directing party, with a licence.",
        extensions=guard(ZaaktypeAdmin()),
    )
    async def link_partner(self, info: Info, input: inputs.LinkPartnerInput) -> ZaaktypePayload:
        return await partnerships.link_partner(info, input)

    @strawberry.mutation(
        description="Unlink a partner that handles no status of the concept. "
        "Zaaktype admins of the directing party.",
        extensions=guard(ZaaktypeAdmin()),
    )
    async def unlink_partner(self, info: Info, input: inputs.UnlinkPartnerInput) -> ZaaktypePayload:
        return await partnerships.unlink_partner(info, input)

    @strawberry.mutation(
        description="Change a linked partner's maximum access (A1). "
        "Zaaktype admins of the directing party.",
        extensions=guard(ZaaktypeAdmin()),
    )
    async def set_partner_max_access(
        self, info: Info, input: inputs.SetPartnerMaxAccessInput
    ) -> ZaaktypePayload:
        return await partnerships.set_partner_max_access(info, input)
