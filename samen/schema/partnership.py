"""Partnerships and the partners linked to a zaaktype."""

import uuid
from datetime import datetime

import strawberry
from strawberry.types import Info

from samen import models
from samen.models.partnership import PartnershipState
from samen.permissions.graphql import ReadsZaaktype, SeesPartnership, guard
from samen.schema.enums import AccessLevel
from samen.schema.node import Node, to_global_id
from samen.schema.organisation import Organisation

strawberry.enum(
    PartnershipState,
    description="INVITED (links sent) → ACCEPTED (the partner confirmed) → ENDED.",
)


@strawberry.type(
    description="A partnership between a directing party and a partner. Visible to both."
)
class Partnership(Node):
    directing_party_id: strawberry.Private[uuid.UUID]
    partner_id: strawberry.Private[uuid.UUID]
    state: PartnershipState = strawberry.field(description="Where it stands.")
    invited_at: datetime = strawberry.field(description="When the (latest) invitation went out.")
    accepted_at: datetime | None = strawberry.field(description="When the partner accepted.")
    ended_at: datetime | None = strawberry.field(description="When it ended.")

    @classmethod
    def from_model(cls, model: models.Partnership) -> "Partnership":
        return cls(
            id=to_global_id("Partnership", model.id),
            directing_party_id=model.directing_party_id,
            partner_id=model.partner_id,
            state=model.state,
            invited_at=model.invited_at,
            accepted_at=model.accepted_at,
            ended_at=model.ended_at,
        )

    @strawberry.field(
        description="The organisation that shares its zaaktypen.",
        extensions=guard(SeesPartnership()),
    )
    async def directing_party(self, info: Info) -> Organisation:
        return Organisation.from_model(
            await info.context.loaders.organisation.load(self.directing_party_id)
        )

    @strawberry.field(
        description="The organisation it shares them with.", extensions=guard(SeesPartnership())
    )
    async def partner(self, info: Info) -> Organisation:
        return Organisation.from_model(
            await info.context.loaders.organisation.load(self.partner_id)
        )


@strawberry.type(description="A partner linked to a zaaktype, with its maximum access (Z1, A1).")
class ZaaktypePartner:
    partner_id: strawberry.Private[uuid.UUID]
    zaaktype_id: strawberry.Private[uuid.UUID]
    organisation_id: strawberry.Private[uuid.UUID]
    max_access: AccessLevel = strawberry.field(
        description="The directing party's ceiling for the partner: NONE or CONSULT."
    )

    @strawberry.field(
        description="The partner organisation, marked as partner (A5).",
        extensions=guard(ReadsZaaktype()),
    )
    async def partner(self, info: Info) -> Organisation:
        return Organisation.from_model(
            await info.context.loaders.organisation.load(self.partner_id)
        )
