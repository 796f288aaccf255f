"""SQLAlchemy mappings, one module per aggregate. Import as ``from samen import models``."""

from samen.models.access import AuthorisationGroup, GroupMember, Role, RoleMember
from samen.models.audit import AuditEntry
from samen.models.organisation import DEFAULT_ENVIRONMENTS, Environment, Organisation
from samen.models.user import ApiToken, User

__all__ = [
    "DEFAULT_ENVIRONMENTS",
    "ApiToken",
    "AuditEntry",
    "AuthorisationGroup",
    "Environment",
    "GroupMember",
    "Organisation",
    "Role",
    "RoleMember",
    "User",
]
