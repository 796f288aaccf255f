"""Strawberry permission classes: adapters of the policy functions, nothing more.

Each class asks one function of ``samen.permissions.policy``. An anonymous viewer gets
``UNAUTHENTICATED``; a signed-in one who may not, ``FORBIDDEN``.
"""

from typing import Any

from graphql import GraphQLError
from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from samen.permissions import policy
from samen.permissions.standing import Standing

UNAUTHENTICATED_MESSAGE = "Sign in: send a valid token as 'Authorization: Bearer <token>'."


def unauthenticated_error() -> GraphQLError:
    return GraphQLError(UNAUTHENTICATED_MESSAGE, extensions={"code": "UNAUTHENTICATED"})


def forbidden_error(message: str = "You may not do this.") -> GraphQLError:
    return GraphQLError(message, extensions={"code": "FORBIDDEN"})


class Guard(BasePermission):
    """Base of Samen's permission classes: signed in first, then the policy's verdict."""

    message = "You may not do this."
    error_extensions = {"code": "FORBIDDEN"}

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        standing = await info.context.standing()
        if standing is None:
            raise unauthenticated_error()
        return self.allows(standing, source)

    def allows(self, standing: Standing, source: Any) -> bool:
        raise NotImplementedError


class SignedIn(Guard):
    """Any signed-in user."""

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.is_signed_in(standing)


class ReadsDirectory(Guard):
    """The organisation directory."""

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.can_read_directory(standing)


class InsideOrganisation(Guard):
    """The source object belongs to the viewer's organisation (``source.organisation_id``)."""

    message = "Only members of this organisation may see this."

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.can_read_organisation_internals(standing, source.organisation_id)


class OrganisationAdmin(Guard):
    """Organisation admins; the service checks that the object is of their organisation."""

    message = "Only organisation admins manage roles and groups."

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.can_manage_any_access(standing)


def guard(permission: Guard, *, fail_silently: bool = False) -> list[FieldExtension]:
    """The extensions list of a guarded field. ``fail_silently``: null or [] instead of an error."""
    return [PermissionExtension(permissions=[permission], fail_silently=fail_silently)]


class ZaaktypeAdmin(Guard):
    """Zaaktype admins; the service checks that the object is of their organisation."""

    message = "Only zaaktype admins configure zaaktypen."

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.can_configure_any_catalogue(standing)


class ReadsCatalogue(Guard):
    """The source (folder, zaaktype, version, status …) is in a catalogue the viewer may read."""

    message = "Only organisations that share this zaaktype may see this."

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.can_read_catalogue(standing, source.organisation_id)


class ReadsZaaktype(Guard):
    """The source belongs to a zaaktype (``source.zaaktype_id``) the viewer may read: its
    directing party, or a partner it is shared with (P3)."""

    message = "Only organisations that share this zaaktype may see this."

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.can_read_zaaktype(standing, source.zaaktype_id, source.organisation_id)


class DirectsZaaktype(Guard):
    """Only the directing party (``source.organisation_id``): concepts, the audit trail, …"""

    message = "Only the directing party sees this."

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.directs(standing, source.organisation_id)


class SeesPartnership(Guard):
    """Both sides of a partnership (``source.directing_party_id``, ``source.partner_id``)."""

    def allows(self, standing: Standing, source: Any) -> bool:
        return policy.can_see_partnership(standing, source.directing_party_id, source.partner_id)
