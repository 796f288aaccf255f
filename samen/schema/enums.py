"""The domain's enums, registered as GraphQL enums."""

import enum

import strawberry

from samen.models.enums import AccessLevel, ComputerActionKind, Confidentiality, HandlerKind

strawberry.enum(
    AccessLevel,
    description="What an authorisation group may do with a zaaktype's zaken: NONE < CONSULT "
    "(read) < HANDLE (also start and edit) < MANAGE (also delete).",
)
strawberry.enum(
    Confidentiality,
    description="The ZGW vertrouwelijkheidaanduiding, from openbaar to zeer_geheim.",
)
strawberry.enum(
    HandlerKind,
    description="Who reaches a status: NONE (only the first status: reached at the start), "
    "ROLE (one of the directing party's roles), PREVIOUS (whoever handled the previous "
    "action), PARTNER (a linked partner).",
)
strawberry.enum(
    ComputerActionKind,
    description="An automatic step when the status is reached: SEND_STATUS_MESSAGE (email to "
    "the zaak's initiator) or SEND_EMAIL (to a fixed address).",
)


@strawberry.enum(description="The viewer's organisation's part in a zaaktype.")
class Party(enum.Enum):
    DIRECTING = "DIRECTING"
    PARTNER = "PARTNER"


__all__ = ["AccessLevel", "ComputerActionKind", "Confidentiality", "HandlerKind", "Party"]
