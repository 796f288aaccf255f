"""SQLAlchemy mappings, one module per aggregate. Import as ``from samen import models``."""

from samen.models.access import AuthorisationGroup, GroupMember, Role, RoleMember
from samen.models.audit import AuditEntry
from samen.models.catalogue import Folder, GroupAccess, Publication, Zaaktype, ZaaktypeVersion
from samen.models.enums import AccessLevel, ComputerActionKind, Confidentiality, HandlerKind
from samen.models.organisation import DEFAULT_ENVIRONMENTS, Environment, Organisation
from samen.models.outbox import OutboxMail
from samen.models.partnership import (
    InvitationLink,
    Partnership,
    PartnershipState,
    ZaaktypePartner,
)
from samen.models.status import ChecklistItem, ComputerAction, Decision, ResultType, StatusType
from samen.models.user import ApiToken, User

__all__ = [
    "DEFAULT_ENVIRONMENTS",
    "AccessLevel",
    "ApiToken",
    "AuditEntry",
    "AuthorisationGroup",
    "ChecklistItem",
    "ComputerAction",
    "ComputerActionKind",
    "Confidentiality",
    "Decision",
    "Environment",
    "Folder",
    "GroupAccess",
    "GroupMember",
    "HandlerKind",
    "InvitationLink",
    "Organisation",
    "OutboxMail",
    "Partnership",
    "PartnershipState",
    "Publication",
    "ResultType",
    "Role",
    "RoleMember",
    "StatusType",
    "User",
    "Zaaktype",
    "ZaaktypePartner",
    "ZaaktypeVersion",
]
