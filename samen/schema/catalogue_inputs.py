"""Inputs and payloads of the catalogue mutations."""

import strawberry

from samen.schema.catalogue import Folder, Zaaktype
from samen.schema.enums import AccessLevel, ComputerActionKind, Confidentiality, HandlerKind
from samen.schema.errors import UserError
from samen.schema.status import StatusType

ERRORS = "What was wrong with the input; empty on success."
NAME = "Name (1-200 characters)."


@strawberry.input(description="A new folder.")
class CreateFolderInput:
    name: str = strawberry.field(description=NAME + " Unique among its siblings.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The folder to put it in; null: at the root."
    )


@strawberry.input(description="A new name for a folder.")
class RenameFolderInput:
    folder_id: strawberry.ID = strawberry.field(description="The folder.")
    name: str = strawberry.field(description=NAME)


@strawberry.input(description="Where a folder goes.")
class MoveFolderInput:
    folder_id: strawberry.ID = strawberry.field(description="The folder.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Its new parent; null: the root."
    )


@strawberry.input(description="An empty folder to delete.")
class DeleteFolderInput:
    folder_id: strawberry.ID = strawberry.field(description="The folder.")


@strawberry.input(description="A new zaaktype; version 1 is created as its concept.")
class CreateZaaktypeInput:
    folder_id: strawberry.ID = strawberry.field(description="The folder to put it in.")
    identification: str = strawberry.field(
        description="Code, unique within the organisation (1-80 characters)."
    )
    name: str = strawberry.field(description=NAME)


@strawberry.input(description="Where a zaaktype goes.")
class MoveZaaktypeInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    folder_id: strawberry.ID = strawberry.field(description="Its new folder.")


@strawberry.input(description="Changes to the zaaktype's concept; omitted fields stay as they are.")
class UpdateZaaktypeConceptInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description=NAME)
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="Explanation (up to 5000 characters)."
    )
    confidentiality: Confidentiality | None = strawberry.field(
        default=strawberry.UNSET, description="Vertrouwelijkheidaanduiding."
    )
    lead_time_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="Doorlooptijd, 1-3650 days; null: none."
    )
    coordinating_role_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The coordinating role (Z7); null: none."
    )


@strawberry.input(description="The zaaktype to start a new concept for.")
class CreateConceptInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")


@strawberry.input(description="A new status in the zaaktype's concept.")
class AddStatusTypeInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    name: str = strawberry.field(description=NAME)
    sequence: int | None = strawberry.field(
        default=None, description="Its place, 1..n+1; null: after the last."
    )


@strawberry.input(description="A decision: a question with its options.")
class DecisionInput:
    question: str = strawberry.field(description="The question (1-500 characters).")
    options: list[str] = strawberry.field(description="Two or more distinct answers.")


@strawberry.input(description="An automatic step when the status is reached.")
class ComputerActionInput:
    kind: ComputerActionKind = strawberry.field(description="What it does.")
    to: str | None = strawberry.field(default=None, description="For SEND_EMAIL: the address.")
    subject: str = strawberry.field(default="", description="Mail subject.")
    body: str = strawberry.field(default="", description="Mail body (plain text).")


@strawberry.input(description="Changes to a status type; omitted fields stay as they are.")
class UpdateStatusTypeInput:
    status_type_id: strawberry.ID = strawberry.field(description="The status type.")
    name: str | None = strawberry.field(default=None, description=NAME)
    checklist: list[str] | None = strawberry.field(
        default=None, description="Replaces the checklist (at most 50 items)."
    )
    decisions: list[DecisionInput] | None = strawberry.field(
        default=None, description="Replaces the decisions."
    )
    computer_actions: list[ComputerActionInput] | None = strawberry.field(
        default=None, description="Replaces the computer actions."
    )


@strawberry.input(description="A status type to take out of its concept.")
class RemoveStatusTypeInput:
    status_type_id: strawberry.ID = strawberry.field(description="The status type.")


@strawberry.input(description="A new place for a status type.")
class MoveStatusTypeInput:
    status_type_id: strawberry.ID = strawberry.field(description="The status type.")
    sequence: int = strawberry.field(description="Its new place, 1..n.")


@strawberry.input(description="Who reaches a status (Z2-Z5).")
class SetStatusHandlerInput:
    status_type_id: strawberry.ID = strawberry.field(description="The status type.")
    kind: HandlerKind = strawberry.field(description="NONE, ROLE, PREVIOUS or PARTNER.")
    role_id: strawberry.ID | None = strawberry.field(
        default=None, description="For ROLE: one of the directing party's roles."
    )
    partner_id: strawberry.ID | None = strawberry.field(
        default=None, description="For PARTNER: a linked partner organisation."
    )


@strawberry.input(description="A new result type in the zaaktype's concept.")
class AddResultTypeInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    name: str = strawberry.field(description=NAME)
    description: str = strawberry.field(default="", description="Explanation.")


@strawberry.input(description="A result type to take out of its concept.")
class RemoveResultTypeInput:
    result_type_id: strawberry.ID = strawberry.field(description="The result type.")


@strawberry.input(description="What to publish where (V1, V4).")
class PublishZaaktypeInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    environments: list[str] = strawberry.field(description="The organisation's environments.")
    version_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A version to publish (e.g. an older one, to roll back); null: the concept, "
        "or else the newest version.",
    )


@strawberry.input(description="An authorisation group's access level to a zaaktype's zaken.")
class SetGroupAccessInput:
    zaaktype_id: strawberry.ID = strawberry.field(description="The zaaktype.")
    group_id: strawberry.ID = strawberry.field(description="One of the organisation's groups.")
    level: AccessLevel = strawberry.field(description="NONE removes the group's access.")


@strawberry.type(description="The folder after the mutation, or the errors that stopped it.")
class FolderPayload:
    folder: Folder | None = strawberry.field(default=None, description="Null on errors.")
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="The ID of the deleted folder, or the errors that stopped it.")
class DeleteFolderPayload:
    deleted_folder_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the deleted folder."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="The zaaktype after the mutation, or the errors that stopped it.")
class ZaaktypePayload:
    zaaktype: Zaaktype | None = strawberry.field(default=None, description="Null on errors.")
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="The status type after the mutation, or the errors that stopped it.")
class StatusTypePayload:
    status_type: StatusType | None = strawberry.field(default=None, description="Null on errors.")
    errors: list[UserError] = strawberry.field(default_factory=list, description=ERRORS)
