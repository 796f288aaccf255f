"""Deny by default: every field of the schema is guarded or reviewed as inheriting its guard.

A field is *guarded* when it carries a strawberry ``PermissionExtension``. Plain scalars of a
type that can only be reached through guarded fields inherit that guard (STYLE.md: guarding
every leaf costs ~1.7x execution time). Those inheriting fields are listed here, each with the
reason, so that adding a field forces a decision in review.
"""

from strawberry.permission import PermissionExtension
from strawberry.types.base import StrawberryObjectDefinition

from samen.schema import build_schema

# type name -> fields that inherit the guard of whatever returned their object.
INHERITS_PARENT_GUARD: dict[str, set[str]] = {
    # Reached through guarded fields only (organisations, viewer, node, User.organisation …).
    # name and OIN are the directory itself; hasLicence is public by design (P1).
    "Organisation": {"id", "name", "oin", "hasLicence"},
    # Users are reached only through InsideOrganisation-guarded fields, viewer, or node().
    "User": {"id", "email", "name", "isZaaktypeAdmin", "isOrganisationAdmin"},
    "Role": {"id", "name"},
    "AuthorisationGroup": {"id", "name"},
    # The viewer's own data, returned by the SignedIn-guarded `viewer`.
    # Computed by the policy functions for the viewer; reached through Organisation.viewerCan.
    "OrganisationCapabilities": {"manageAccess"},
    "Viewer": {"user", "organisation", "isZaaktypeAdmin", "isOrganisationAdmin"},
    # Connection plumbing: returned only by guarded connection fields.
    "OrganisationConnection": {"edges", "pageInfo", "totalCount"},
    "OrganisationEdge": {"cursor", "node"},
    "PageInfo": {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"},
    # The catalogue: reached through folders, zaaktypen, node() and the catalogue payloads,
    # all guarded by ReadsCatalogue or a root guard.
    "Folder": {"id", "name", "isShared"},
    "FolderCapabilities": {"configure"},
    "Zaaktype": {"id", "identification", "name"},
    "ZaaktypeCapabilities": {"configure", "createConcept"},
    "ZaaktypeVersion": {
        "id",
        "number",
        "isConcept",
        "name",
        "description",
        "confidentiality",
        "leadTimeDays",
        "createdAt",
    },
    "Publication": {"environment", "publishedAt"},
    "GroupAccess": {"group", "level"},
    "StatusType": {"id", "key", "sequence", "name", "isFirst", "isLast"},
    "StatusTypeCapabilities": {"edit"},
    "StatusHandler": {"kind", "role", "partner"},
    "ChecklistItem": {"id", "text"},
    "Decision": {"id", "question", "options"},
    "ComputerAction": {"kind", "to", "subject", "body"},
    "ResultType": {"id", "key", "name", "description"},
    "ZaaktypeConnection": {"edges", "pageInfo", "totalCount"},
    "AuditEntry": {"at", "actor", "action", "changes"},
    "AuditEntryConnection": {"edges", "pageInfo", "totalCount"},
    "AuditEntryEdge": {"cursor", "node"},
    "ZaaktypeEdge": {"cursor", "node"},
    # Partnerships: reached through `partnerships`, node() and the partnership payloads.
    "Partnership": {"id", "state", "invitedAt", "acceptedAt", "endedAt"},
    "ZaaktypePartner": {"maxAccess"},
    # Payloads and their errors: returned only by guarded mutations.
    "UserError": {"code", "field", "message"},
    "RolePayload": {"role", "errors"},
    "DeleteRolePayload": {"deletedRoleId", "errors"},
    "AuthorisationGroupPayload": {"authorisationGroup", "errors"},
    "DeleteAuthorisationGroupPayload": {"deletedAuthorisationGroupId", "errors"},
    "FolderPayload": {"folder", "errors"},
    "DeleteFolderPayload": {"deletedFolderId", "errors"},
    "ZaaktypePayload": {"zaaktype", "errors"},
    "StatusTypePayload": {"statusType", "errors"},
    "PartnershipPayload": {"partnership", "errors"},
}


def _object_fields() -> dict[str, dict[str, bool]]:
    """type name -> field name -> whether it carries a PermissionExtension."""
    schema = build_schema()
    fields: dict[str, dict[str, bool]] = {}
    for name, concrete in schema.schema_converter.type_map.items():
        definition = concrete.definition
        if not isinstance(definition, StrawberryObjectDefinition) or definition.is_input:
            continue
        if definition.is_interface:
            continue  # interfaces are guarded through their implementations
        fields[name] = {
            schema.config.name_converter.get_graphql_name(field): any(
                isinstance(ext, PermissionExtension) for ext in field.extensions
            )
            for field in definition.fields
        }
    return fields


def test_every_field_is_guarded_or_reviewed() -> None:
    # given
    fields = _object_fields()
    # when
    unguarded = {
        f"{type_name}.{field}"
        for type_name, type_fields in fields.items()
        for field, guarded in type_fields.items()
        if not guarded and field not in INHERITS_PARENT_GUARD.get(type_name, set())
    }
    # then
    assert unguarded == set(), "add a permission extension, or review and list these"


def test_root_fields_and_mutations_are_all_guarded() -> None:
    # given
    fields = _object_fields()
    # then: no root field may rely on inheritance, there is nothing to inherit from
    for root in ("Query", "Mutation"):
        assert root not in INHERITS_PARENT_GUARD
        assert all(fields[root].values()), f"unguarded {root} fields"


def test_the_reviewed_list_names_only_fields_that_exist_unguarded() -> None:
    # given
    fields = _object_fields()
    # then: a stale entry would silently allow a future field of that name
    for type_name, names in INHERITS_PARENT_GUARD.items():
        assert type_name in fields, f"{type_name} is no longer in the schema"
        for name in names:
            assert name in fields[type_name], f"{type_name}.{name} no longer exists"
            assert not fields[type_name][name], f"{type_name}.{name} is guarded: unlist it"
