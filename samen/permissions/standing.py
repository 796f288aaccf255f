"""The viewer's standing: who they are and what they belong to, loaded once per request."""

import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Standing:
    """Everything the policy functions need to know about the viewer, without a database."""

    user_id: uuid.UUID
    email: str
    organisation_id: uuid.UUID
    is_zaaktype_admin: bool = False
    is_organisation_admin: bool = False
    role_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    group_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    # P1: the organisation holds a licence that is valid today.
    has_licence: bool = False
    # Directing parties the organisation has an accepted partnership with, as partner.
    partner_of: frozenset[uuid.UUID] = field(default_factory=frozenset)
    # Zaaktypen of those directing parties linked to the organisation and published (P3, V1).
    shared_zaaktype_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
