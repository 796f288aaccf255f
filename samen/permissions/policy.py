"""Who may do what: pure functions over already-loaded objects.

Services call these before they change anything and the strawberry permission classes in
``samen.permissions.graphql`` adapt them, so every door into Samen asks the same question.
``None`` stands for an anonymous viewer.
"""

import uuid

from samen.permissions.standing import Standing


def is_signed_in(standing: Standing | None) -> bool:
    """Any authenticated user."""
    return standing is not None


def can_read_directory(standing: Standing | None) -> bool:
    """The organisation directory (name, OIN) is open to every signed-in user."""
    return standing is not None


def can_read_organisation_internals(standing: Standing | None, organisation_id: uuid.UUID) -> bool:
    """Users, roles, groups and environments are visible inside the organisation only."""
    return standing is not None and standing.organisation_id == organisation_id


def can_manage_access(standing: Standing | None, organisation_id: uuid.UUID) -> bool:
    """Organisation admins manage the roles and groups of their own organisation."""
    return (
        standing is not None
        and standing.is_organisation_admin
        and standing.organisation_id == organisation_id
    )


def can_manage_any_access(standing: Standing | None) -> bool:
    """Whether the viewer administers the access of some organisation (theirs)."""
    return standing is not None and standing.is_organisation_admin


def can_read_catalogue(standing: Standing | None, organisation_id: uuid.UUID) -> bool:
    """An organisation's folders and zaaktypen are visible to its own members."""
    return standing is not None and standing.organisation_id == organisation_id


def can_configure_catalogue(standing: Standing | None, organisation_id: uuid.UUID) -> bool:
    """Zaaktype admins configure the folders and zaaktypen their organisation directs."""
    return (
        standing is not None
        and standing.is_zaaktype_admin
        and standing.organisation_id == organisation_id
    )


def can_configure_any_catalogue(standing: Standing | None) -> bool:
    """Whether the viewer is a zaaktype admin at all (the coarse guard of config mutations)."""
    return standing is not None and standing.is_zaaktype_admin


def can_edit_version(
    standing: Standing | None, organisation_id: uuid.UUID, is_concept: bool
) -> bool:
    """A version is edited by its zaaktype admins while it is a concept, never after (V1)."""
    return is_concept and can_configure_catalogue(standing, organisation_id)


def can_invite_partners(standing: Standing | None) -> bool:
    """P1: zaaktype admins of an organisation with a valid licence."""
    return standing is not None and standing.is_zaaktype_admin and standing.has_licence


def can_see_partnership(
    standing: Standing | None, directing_party_id: uuid.UUID, partner_id: uuid.UUID
) -> bool:
    """Both sides see their partnership."""
    return standing is not None and standing.organisation_id in (directing_party_id, partner_id)


def can_end_partnership(standing: Standing | None, directing_party_id: uuid.UUID) -> bool:
    """P5: the directing party's zaaktype admins end a partnership."""
    return can_configure_catalogue(standing, directing_party_id)


def can_accept_invitation(standing: Standing | None, partner_id: uuid.UUID) -> bool:
    """P6: zaaktype admins of the invited organisation."""
    return can_configure_catalogue(standing, partner_id)


def can_read_zaaktype(
    standing: Standing | None, zaaktype_id: uuid.UUID, owner_id: uuid.UUID
) -> bool:
    """The directing party's members, and partners it is shared with once published (P3, V1)."""
    return standing is not None and (
        standing.organisation_id == owner_id or zaaktype_id in standing.shared_zaaktype_ids
    )


def can_link_partners(standing: Standing | None, owner_id: uuid.UUID) -> bool:
    """P1, Z1: the directing party's zaaktype admins, with a valid licence."""
    return (
        can_configure_catalogue(standing, owner_id)
        and standing is not None
        and standing.has_licence
    )


def can_configure_folder(
    standing: Standing | None, organisation_id: uuid.UUID, *, is_shared: bool
) -> bool:
    """Own folders are configured by zaaktype admins; a shared folder by nobody (P4)."""
    return not is_shared and can_configure_catalogue(standing, organisation_id)


def directs(standing: Standing | None, owner_id: uuid.UUID) -> bool:
    """The viewer's organisation is the directing party of what it looks at."""
    return standing is not None and standing.organisation_id == owner_id


def can_see_version(standing: Standing | None, owner_id: uuid.UUID, *, is_concept: bool) -> bool:
    """Concepts are the directing party's own business; partners see published versions (V2)."""
    return directs(standing, owner_id) or not is_concept


def can_see_linked_partner(
    standing: Standing | None, owner_id: uuid.UUID, partner_id: uuid.UUID
) -> bool:
    """The directing party sees every partner of a zaaktype (A5); a partner only itself."""
    return directs(standing, owner_id) or (
        standing is not None and standing.organisation_id == partner_id
    )
