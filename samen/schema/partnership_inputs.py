"""Inputs and payloads of the partnership mutations."""

import strawberry

from samen.schema.enums import AccessLevel
from samen.schema.errors import UserError
from samen.schema.partnership import Partnership

ERRORS = "What was wrong with the input; empty on success."


@strawberry.input(description="The organisation to invite as partner (P1, P2).")
class InvitePartnerInput:
    organisation_id: strawberry.ID = strawberry.field(description="From `organisations`.")


@strawberry.input(description="The token from an invitation link (P6).")
class AcceptInvitationInput:
    token: str = strawberry.field(description="The last part of the link in the mail.")


@strawberry.input(description="The partnership to end, or the invitation to withdraw (P5).")
class EndPartnershipInput:
    partnership_id: strawberry.ID = strawberry.field(description="The partnership.")


@strawberry.input(description="A partner to link to a zaaktype (Z1, A1).")
class LinkPartnerInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    partner_id: strawberry.ID = strawberry.field(description="An accepted partner organisation.")
    max_access: AccessLevel = strawberry.field(
        default=AccessLevel.NONE, description="NONE (work queue only) or CONSULT (A1, A3)."
    )


@strawberry.input(description="A partner to unlink from a zaaktype.")
class UnlinkPartnerInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    partner_id: strawberry.ID = strawberry.field(description="The linked partner organisation.")


@strawberry.input(description="A linked partner's new maximum access (A1).")
class SetPartnerMaxAccessInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    partner_id: strawberry.ID = strawberry.field(description="The linked partner organisation.")
    max_access: AccessLevel = strawberry.field(description="NONE or CONSULT.")


@strawberry.type(description="The partnership after the mutation, or the errors that stopped it.")
class PartnershipPayload:
    partnership: Partnership | None = strawberry.field(default=None, description="Null on errors.")
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS)
