"""The permission matrix: every mutation x every kind of actor, in one declarative table.

Outcomes: ``OK`` (payload without errors), ``UNAUTHENTICATED`` / ``FORBIDDEN`` (top-level
error codes), ``NOT_FOUND`` (payload error: another tenant's object is never revealed).
A denied or refused mutation leaves no trace in the audit trail; an allowed one leaves one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.schema import build_schema
from samen.schema.node import parse_global_id, to_global_id
from samen.services import folders, partnerships, publishing, statuses, zaaktypen
from tests.conftest import GraphQLClient
from tests.factories import (
    add_role_member,
    make_group,
    make_organisation,
    make_partnership,
    make_publishable_zaaktype,
    make_role,
    make_token,
    make_user,
    standing_of,
)

ACTORS = ("anonymous", "colleague", "zaaktype_admin", "organisation_admin", "foreign_admin")


@dataclass
class World:
    """Organisation A (the target) with its people and objects, and organisation B."""

    tokens: dict[str, str | None]
    role: str
    group: str
    member: str  # a user of A in the role and the group
    outsider: str  # a user of A in neither
    folder: str  # empty
    other_folder: str  # holds the zaaktypen
    zaaktype: str  # with a publishable concept
    published: str  # a zaaktype whose only version is published
    status: str  # the concept's second (last) status
    result_type: str
    invitee: str  # an organisation with a zaaktype admin, not yet invited by A
    invitation_token: str  # C's invitation of A, for A's zaaktype admins
    partner: str  # D, an accepted partner of A, linked to the published zaaktype
    partnership: str  # A → D


async def build_world(session: AsyncSession) -> World:
    a = await make_organisation(session)
    b = await make_organisation(session)
    people = {
        "colleague": await make_user(session, a),
        "zaaktype_admin": await make_user(session, a, zaaktype_admin=True),
        "organisation_admin": await make_user(session, a, organisation_admin=True),
        "foreign_admin": await make_user(session, b, organisation_admin=True, zaaktype_admin=True),
    }
    member = await make_user(session, a)
    outsider = await make_user(session, a)
    role = await make_role(session, a)
    group = await make_group(session, a)
    await add_role_member(session, role, member)
    session.add(models.GroupMember(group_id=group.id, user_id=member.id))
    tokens: dict[str, str | None] = {"anonymous": None}
    for actor, user in people.items():
        tokens[actor] = await make_token(session, user)
    coordinator = await make_role(session, a, name="Coördinator")
    catalogue = await make_catalogue(session, people["zaaktype_admin"], coordinator)
    sharing = await make_sharing(session, a, people["zaaktype_admin"], catalogue["published"])
    await session.commit()
    return World(
        tokens=tokens,
        role=to_global_id("Role", role.id),
        group=to_global_id("AuthorisationGroup", group.id),
        member=to_global_id("User", member.id),
        outsider=to_global_id("User", outsider.id),
        **catalogue,
        **sharing,
    )


async def make_sharing(
    session: AsyncSession, a: models.Organisation, admin: models.User, published: str
) -> dict[str, str]:
    """C invites A (through the service, so a real token exists); D is A's linked partner."""
    invitee = await make_organisation(session)
    await make_user(session, invitee, zaaktype_admin=True)
    c = await make_organisation(session)
    c_admin = await standing_of(session, await make_user(session, c, zaaktype_admin=True))
    await partnerships.invite_partner(
        session, actor=c_admin, organisation_id=a.id, base_url="http://samen.test"
    )
    mail = await session.scalar(
        select(models.OutboxMail).where(models.OutboxMail.to_address == admin.email)
    )
    assert mail is not None
    token = mail.text_body.split("/invitations/")[1].split()[0]
    d = await make_organisation(session)
    partnership = await make_partnership(session, a, d)
    published_id = parse_global_id(published, "Zaaktype")
    assert published_id is not None
    session.add(
        models.ZaaktypePartner(
            zaaktype_id=published_id, partner_id=d.id, max_access=models.AccessLevel.CONSULT
        )
    )
    return {
        "invitee": to_global_id("Organisation", invitee.id),
        "invitation_token": token,
        "partner": to_global_id("Organisation", d.id),
        "partnership": to_global_id("Partnership", partnership.id),
    }


async def make_catalogue(
    session: AsyncSession, admin: models.User, role: models.Role
) -> dict[str, str]:
    """Folders and zaaktypen of A, made through the services themselves."""
    actor = await standing_of(session, admin)
    folder = await folders.create_folder(session, actor=actor, name="Leeg", parent_id=None)
    other = await folders.create_folder(session, actor=actor, name="Vergunningen", parent_id=None)
    zaaktype = await make_publishable_zaaktype(session, actor, other.id, "OMV", role)
    published = await make_publishable_zaaktype(session, actor, other.id, "KAP", role)
    await publishing.publish_zaaktype(
        session, actor=actor, zaaktype_id=published.id, environments=["test"]
    )
    concept = await zaaktypen.load_concept(session, zaaktype)
    last = (await statuses.version_statuses(session, concept.id))[-1]
    result = await session.scalar(
        select(models.ResultType).where(models.ResultType.version_id == concept.id)
    )
    assert result is not None
    return {
        "folder": to_global_id("Folder", folder.id),
        "other_folder": to_global_id("Folder", other.id),
        "zaaktype": to_global_id("Zaaktype", zaaktype.id),
        "published": to_global_id("Zaaktype", published.id),
        "status": to_global_id("StatusType", last.id),
        "result_type": to_global_id("ResultType", result.id),
    }


@dataclass(frozen=True)
class Operation:
    payload_field: str  # selected in the payload besides `errors`
    input: Callable[[World], dict[str, Any]]


OPERATIONS: dict[str, Operation] = {
    "invitePartner": Operation("partnership { id }", lambda w: {"organisationId": w.invitee}),
    "acceptInvitation": Operation("partnership { id }", lambda w: {"token": w.invitation_token}),
    "endPartnership": Operation("partnership { id }", lambda w: {"partnershipId": w.partnership}),
    "linkPartner": Operation(
        "zaaktype { id }",
        lambda w: {"zaaktypeId": w.zaaktype, "partnerId": w.partner, "maxAccess": "CONSULT"},
    ),
    "unlinkPartner": Operation(
        "zaaktype { id }", lambda w: {"zaaktypeId": w.published, "partnerId": w.partner}
    ),
    "setPartnerMaxAccess": Operation(
        "zaaktype { id }",
        lambda w: {"zaaktypeId": w.published, "partnerId": w.partner, "maxAccess": "NONE"},
    ),
    "createFolder": Operation("folder { id }", lambda w: {"name": "Nieuw"}),
    "renameFolder": Operation("folder { id }", lambda w: {"folderId": w.folder, "name": "Anders"}),
    "moveFolder": Operation(
        "folder { id }", lambda w: {"folderId": w.folder, "parentId": w.other_folder}
    ),
    "deleteFolder": Operation("deletedFolderId", lambda w: {"folderId": w.folder}),
    "createZaaktype": Operation(
        "zaaktype { id }",
        lambda w: {"folderId": w.folder, "identification": "NIEUW", "name": "Nieuw zaaktype"},
    ),
    "moveZaaktype": Operation(
        "zaaktype { id }", lambda w: {"zaaktypeId": w.zaaktype, "folderId": w.folder}
    ),
    "updateZaaktypeConcept": Operation(
        "zaaktype { id }", lambda w: {"zaaktypeId": w.zaaktype, "leadTimeDays": 56}
    ),
    "createConcept": Operation("zaaktype { id }", lambda w: {"zaaktypeId": w.published}),
    "addStatusType": Operation(
        "statusType { id }", lambda w: {"zaaktypeId": w.zaaktype, "name": "Advies"}
    ),
    "updateStatusType": Operation(
        "statusType { id }", lambda w: {"statusTypeId": w.status, "checklist": ["Gecontroleerd"]}
    ),
    "removeStatusType": Operation("zaaktype { id }", lambda w: {"statusTypeId": w.status}),
    "moveStatusType": Operation(
        "statusType { id }", lambda w: {"statusTypeId": w.status, "sequence": 1}
    ),
    "setStatusHandler": Operation(
        "statusType { id }", lambda w: {"statusTypeId": w.status, "kind": "PREVIOUS"}
    ),
    "addResultType": Operation(
        "zaaktype { id }", lambda w: {"zaaktypeId": w.zaaktype, "name": "Geweigerd"}
    ),
    "removeResultType": Operation("zaaktype { id }", lambda w: {"resultTypeId": w.result_type}),
    "publishZaaktype": Operation(
        "zaaktype { id }", lambda w: {"zaaktypeId": w.zaaktype, "environments": ["productie"]}
    ),
    "setGroupAccess": Operation(
        "zaaktype { id }",
        lambda w: {"zaaktypeId": w.zaaktype, "groupId": w.group, "level": "CONSULT"},
    ),
    "createRole": Operation("role { id }", lambda w: {"name": "Nieuwe rol"}),
    "renameRole": Operation("role { id }", lambda w: {"roleId": w.role, "name": "Andere naam"}),
    "deleteRole": Operation("deletedRoleId", lambda w: {"roleId": w.role}),
    "addRoleMember": Operation("role { id }", lambda w: {"roleId": w.role, "userId": w.outsider}),
    "removeRoleMember": Operation("role { id }", lambda w: {"roleId": w.role, "userId": w.member}),
    "createAuthorisationGroup": Operation(
        "authorisationGroup { id }", lambda w: {"name": "Nieuwe groep"}
    ),
    "renameAuthorisationGroup": Operation(
        "authorisationGroup { id }", lambda w: {"groupId": w.group, "name": "Andere naam"}
    ),
    "deleteAuthorisationGroup": Operation(
        "deletedAuthorisationGroupId", lambda w: {"groupId": w.group}
    ),
    "addAuthorisationGroupMember": Operation(
        "authorisationGroup { id }", lambda w: {"groupId": w.group, "userId": w.outsider}
    ),
    "removeAuthorisationGroupMember": Operation(
        "authorisationGroup { id }", lambda w: {"groupId": w.group, "userId": w.member}
    ),
}

# Managing roles and groups: organisation admins of the object's own organisation. An admin
# of another organisation may create in *their* organisation, but A's objects are not found.
_ACCESS_ADMIN = {
    "anonymous": "UNAUTHENTICATED",
    "colleague": "FORBIDDEN",
    "zaaktype_admin": "FORBIDDEN",
    "organisation_admin": "OK",
    "foreign_admin": "NOT_FOUND",
}
_ACCESS_CREATE = {**_ACCESS_ADMIN, "foreign_admin": "OK"}

# Configuring the catalogue: zaaktype admins of the owning organisation. Another
# organisation's zaaktype admin may create a root folder in *their* tree only.
_CATALOGUE = {
    "anonymous": "UNAUTHENTICATED",
    "colleague": "FORBIDDEN",
    "zaaktype_admin": "OK",
    "organisation_admin": "FORBIDDEN",
    "foreign_admin": "NOT_FOUND",
}
_CATALOGUE_ROOT = {**_CATALOGUE, "foreign_admin": "OK"}

# Sharing: zaaktype admins. Another organisation's admin may invite for *its* organisation,
# but A's partnerships and zaaktypen are not found, and C's invitation of A is not for it.
_SHARING = _CATALOGUE
_SHARING_OWN = _CATALOGUE_ROOT

EXPECTED: dict[str, dict[str, str]] = {
    "invitePartner": _SHARING_OWN,
    "acceptInvitation": {**_SHARING, "foreign_admin": "INVITATION_INVALID"},
    "endPartnership": _SHARING,
    "linkPartner": _SHARING,
    "unlinkPartner": _SHARING,
    "setPartnerMaxAccess": _SHARING,
    "createFolder": _CATALOGUE_ROOT,
    "renameFolder": _CATALOGUE,
    "moveFolder": _CATALOGUE,
    "deleteFolder": _CATALOGUE,
    "createZaaktype": _CATALOGUE,
    "moveZaaktype": _CATALOGUE,
    "updateZaaktypeConcept": _CATALOGUE,
    "createConcept": _CATALOGUE,
    "addStatusType": _CATALOGUE,
    "updateStatusType": _CATALOGUE,
    "removeStatusType": _CATALOGUE,
    "moveStatusType": _CATALOGUE,
    "setStatusHandler": _CATALOGUE,
    "addResultType": _CATALOGUE,
    "removeResultType": _CATALOGUE,
    "publishZaaktype": _CATALOGUE,
    "setGroupAccess": _CATALOGUE,
    "createRole": _ACCESS_CREATE,
    "renameRole": _ACCESS_ADMIN,
    "deleteRole": _ACCESS_ADMIN,
    "addRoleMember": _ACCESS_ADMIN,
    "removeRoleMember": _ACCESS_ADMIN,
    "createAuthorisationGroup": _ACCESS_CREATE,
    "renameAuthorisationGroup": _ACCESS_ADMIN,
    "deleteAuthorisationGroup": _ACCESS_ADMIN,
    "addAuthorisationGroupMember": _ACCESS_ADMIN,
    "removeAuthorisationGroupMember": _ACCESS_ADMIN,
}

MATRIX = [
    pytest.param(actor, operation, expected[actor], id=f"{operation}-{actor}")
    for operation, expected in EXPECTED.items()
    for actor in ACTORS
]


def _input_type(operation: str) -> str:
    schema = build_schema()
    field = schema.get_field_for_type(operation, "Mutation")
    assert field is not None
    return str(schema.schema_converter.from_argument(field.arguments[0]).type)


def outcome(result: dict[str, Any], operation: str) -> str:
    if result.get("errors"):
        return str(result["errors"][0]["extensions"]["code"])
    errors = result["data"][operation]["errors"]
    return str(errors[0]["code"]) if errors else "OK"


async def audit_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(models.AuditEntry)) or 0)


@pytest.mark.parametrize(("actor", "operation", "expected"), MATRIX)
async def test_permission_matrix(
    session: AsyncSession, gql: GraphQLClient, actor: str, operation: str, expected: str
) -> None:
    # given
    world = await build_world(session)
    spec = OPERATIONS[operation]
    document = (
        f"mutation($input: {_input_type(operation)}) "
        f"{{ {operation}(input: $input) {{ {spec.payload_field} errors {{ code }} }} }}"
    )
    before = await audit_count(session)
    # when
    result = await gql(document, {"input": spec.input(world)}, token=world.tokens[actor])
    # then
    assert outcome(result, operation) == expected, result
    assert await audit_count(session) == before + (1 if expected == "OK" else 0)


def test_matrix_covers_every_mutation_and_actor() -> None:
    # given
    schema = build_schema()
    mutation_type = schema.get_type_by_name("Mutation")
    assert mutation_type is not None
    names = {schema.config.name_converter.get_graphql_name(f) for f in mutation_type.fields}  # type: ignore[union-attr]
    # then
    assert set(EXPECTED) == names == set(OPERATIONS)
    assert all(set(row) == set(ACTORS) for row in EXPECTED.values())
