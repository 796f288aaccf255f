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
