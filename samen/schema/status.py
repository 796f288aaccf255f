"""Status types and what they hold, and result types: the parts of a zaaktype version."""

import uuid

import strawberry
from strawberry.types import Info

from samen import models
from samen.permissions import policy
from samen.permissions.graphql import ReadsZaaktype, SignedIn, guard
from samen.schema.enums import ComputerActionKind, HandlerKind
from samen.schema.node import Node, to_global_id
from samen.schema.organisation import Organisation, Role


@strawberry.type(description="One item of a status's checklist.")
class ChecklistItem:
    id: strawberry.ID = strawberry.field(description="Global ID, used when completing actions.")
    text: str = strawberry.field(description="What to check.")


@strawberry.type(description="A question with fixed options, answered when the action completes.")
class Decision:
    id: strawberry.ID = strawberry.field(description="Global ID, used when completing actions.")
    question: str = strawberry.field(description="The question.")
    options: list[str] = strawberry.field(description="The possible answers, in order.")


@strawberry.type(description="An automatic step run when the status is reached.")
class ComputerAction:
    kind: ComputerActionKind = strawberry.field(description="What it does.")
    to: str | None = strawberry.field(description="For SEND_EMAIL: the fixed address.")
    subject: str = strawberry.field(description="Mail subject.")
    body: str = strawberry.field(description="Mail body (plain text).")


@strawberry.type(description="Who reaches a status.")
class StatusHandler:
    kind: HandlerKind = strawberry.field(description="NONE, ROLE, PREVIOUS or PARTNER.")
    role: Role | None = strawberry.field(description="For ROLE: the directing party's role.")
    partner: Organisation | None = strawberry.field(
        description='For PARTNER: the linked partner (shown as "partner: NAME").'
    )


@strawberry.type(description="What the viewer may do with a status type, right now.")
class StatusTypeCapabilities:
    edit: bool = strawberry.field(
        description="Rename, move, remove it and change its checklist, decisions, computer "
        "actions and handler: zaaktype admins of the directing party, in a concept only."
    )


@strawberry.type(
    description="One ordered step of a zaaktype version. Visible to members of the organisation "
    "that owns the zaaktype."
)
class StatusType(Node):
    db_id: strawberry.Private[uuid.UUID]
    organisation_id: strawberry.Private[uuid.UUID]
    zaaktype_id: strawberry.Private[uuid.UUID]
    is_concept: strawberry.Private[bool]
    handler_kind: strawberry.Private[models.HandlerKind]
    handler_role_id: strawberry.Private[uuid.UUID | None]
    handler_partner_id: strawberry.Private[uuid.UUID | None]
    key: str = strawberry.field(
        description="Stable across versions: the same status keeps its key in the next version."
    )
    sequence: int = strawberry.field(description="Position, 1..n.")
    name: str = strawberry.field(description="Name.")
    is_first: bool = strawberry.field(description="Reached when the zaak starts (Z3).")
    is_last: bool = strawberry.field(description="Closes the zaak (W9).")

    @classmethod
    def from_model(
        cls,
        model: models.StatusType,
        *,
        count: int,
        version: models.ZaaktypeVersion,
        owner: uuid.UUID,
    ) -> "StatusType":
        return cls(
            id=to_global_id("StatusType", model.id),
            db_id=model.id,
            organisation_id=owner,
            zaaktype_id=version.zaaktype_id,
            is_concept=version.is_concept,
            handler_kind=model.handler_kind,
            handler_role_id=model.handler_role_id,
            handler_partner_id=model.handler_partner_id,
            key=model.key,
            sequence=model.sequence,
            name=model.name,
            is_first=model.sequence == 1,
            is_last=model.sequence == count,
        )

    @strawberry.field(
        description="Who reaches this status (Z2).", extensions=guard(ReadsZaaktype())
    )
    async def handler(self, info: Info) -> StatusHandler:
        role = None
        if self.handler_role_id is not None:
            found = await info.context.loaders.role.load(self.handler_role_id)
            role = Role.from_model(found) if found is not None else None
        partner = None
        if self.handler_partner_id is not None:
            organisation = await info.context.loaders.organisation.load(self.handler_partner_id)
            partner = Organisation.from_model(organisation) if organisation is not None else None
        return StatusHandler(kind=self.handler_kind, role=role, partner=partner)

    @strawberry.field(
        description="What to check before completing the action.",
        extensions=guard(ReadsZaaktype()),
    )
    async def checklist(self, info: Info) -> list[ChecklistItem]:
        rows = await info.context.loaders.checklist.load(self.db_id)
        return [
            ChecklistItem(id=to_global_id("ChecklistItem", row.id), text=row.text) for row in rows
        ]

    @strawberry.field(
        description="Questions answered when completing the action.",
        extensions=guard(ReadsZaaktype()),
    )
    async def decisions(self, info: Info) -> list[Decision]:
        rows = await info.context.loaders.decisions.load(self.db_id)
        return [
            Decision(
                id=to_global_id("Decision", row.id), question=row.question, options=row.options
            )
            for row in rows
        ]

    @strawberry.field(
        description="Automatic steps when the status is reached (W6).",
        extensions=guard(ReadsZaaktype()),
    )
    async def computer_actions(self, info: Info) -> list[ComputerAction]:
        rows = await info.context.loaders.computer_actions.load(self.db_id)
        return [
            ComputerAction(kind=row.kind, to=row.to, subject=row.subject, body=row.body)
            for row in rows
        ]

    @strawberry.field(
        description="What the viewer may do with this status type.", extensions=guard(SignedIn())
    )
    async def viewer_can(self, info: Info) -> StatusTypeCapabilities:
        standing = await info.context.standing()
        return StatusTypeCapabilities(
            edit=policy.can_edit_version(standing, self.organisation_id, self.is_concept)
        )


@strawberry.type(description="A possible outcome of a zaak, decided by the directing party (W7).")
class ResultType(Node):
    organisation_id: strawberry.Private[uuid.UUID]
    zaaktype_id: strawberry.Private[uuid.UUID]
    key: str = strawberry.field(description="Stable across versions.")
    name: str = strawberry.field(description="Name.")
    description: str = strawberry.field(description="Explanation.")

    @classmethod
    def from_model(
        cls, model: models.ResultType, *, owner: uuid.UUID, zaaktype_id: uuid.UUID
    ) -> "ResultType":
        return cls(
            id=to_global_id("ResultType", model.id),
            organisation_id=owner,
            zaaktype_id=zaaktype_id,
            key=model.key,
            name=model.name,
            description=model.description,
        )
