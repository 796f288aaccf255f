"""Tenant isolation (§7): a signed-in user attacks another organisation's data through the API.

"No tenant sees another tenant's data unless a partnership and a link share it" (P3-P5, Z1,
V1, V2, A1). What the viewer may not see is ``null`` / empty / ``NOT_FOUND`` and looks exactly
like something that does not exist (§3); what it may see but not change is ``FORBIDDEN``.

The world every test starts from (``build_world``):

- Gemeente Dirigent (D) directs zaaktype OMV: version 1 published to `productie`, then a
  concept version 2 whose name, extra status and extra result type carry ``SECRET``. OMV is
  linked to partner A (CONSULT) and partner B (NONE); D's group has CONSULT on it. D also
  directs ONGEPUBLICEERD, linked to A but never published.
- Omgevingsdienst A and Waterschap B: accepted partners of D, each with its own catalogue.
- Veiligheidsregio U: an accepted partner of D that is linked to nothing.
- Provincie I: invited by D, never accepted.
- Gemeente Vreemd (S): a stranger, no partnership at all, with its own catalogue.
"""

import asyncio
import json
import uuid
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.app import create_app
from samen.config import Settings
from samen.db import SessionFactory
from samen.models.enums import AccessLevel, HandlerKind
from samen.permissions.standing import Standing
from samen.schema.node import to_global_id
from samen.services import folders, publishing, statuses, zaaktype_partners, zaaktypen
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

# Carried by everything of D's concept version: it must never reach anyone but D.
SECRET = "CONCEPTGEHEIM"
D_MEMBER_EMAIL = "lid-dirigent@dirigent.test"
D_ADMIN_EMAIL = "admin-dirigent@dirigent.test"


@dataclass
class Catalogue:
    """One organisation's own things: an admin, a member, a role, a group, a folder, a zaaktype
    with a publishable concept."""

    admin: models.User
    member: models.User
    actor: Standing
    role: models.Role
    group: models.AuthorisationGroup
    folder: models.Folder
    zaaktype: models.Zaaktype
    last_status: models.StatusType


async def own_catalogue(
    session: AsyncSession, organisation: models.Organisation, tag: str, identification: str
) -> Catalogue:
    domain = organisation.name.split()[-1].lower()
    admin = await make_user(
        session,
        organisation,
        email=f"admin-{tag}@{domain}.test",
        zaaktype_admin=True,
        organisation_admin=True,
    )
    member = await make_user(session, organisation, email=f"lid-{tag}@{domain}.test")
    role = await make_role(session, organisation, name=f"Team {tag}")
    await add_role_member(session, role, member)
    group = await make_group(session, organisation, name=f"Groep {tag}")
    session.add(models.GroupMember(group_id=group.id, user_id=member.id))
    actor = await standing_of(session, admin)
    folder = await folders.create_folder(session, actor=actor, name=f"Map {tag}", parent_id=None)
    zaaktype = await make_publishable_zaaktype(session, actor, folder.id, identification, role)
    concept = await zaaktypen.load_concept(session, zaaktype)
    last_status = (await statuses.version_statuses(session, concept.id))[-1]
    return Catalogue(admin, member, actor, role, group, folder, zaaktype, last_status)


@dataclass
class World:
    directing: models.Organisation
    d: Catalogue
    tokens: dict[str, str]
    refs: dict[str, tuple[str, uuid.UUID]]  # name -> (GraphQL type, database id)

    def gid(self, name: str) -> str:
        type_name, db_id = self.refs[name]
        return to_global_id(type_name, db_id)

    def ghost(self, name: str) -> str:
        """A well-formed global ID of the same type that points at nothing."""
        return to_global_id(self.refs[name][0], uuid.uuid4())


async def build_world(session: AsyncSession) -> World:
    directing = await make_organisation(session, name="Gemeente Dirigent")
    d = await own_catalogue(session, directing, "dirigent", "OMV")
    orgs = {
        "a": await make_organisation(session, name="Omgevingsdienst A"),
        "b": await make_organisation(session, name="Waterschap B"),
        "u": await make_organisation(session, name="Veiligheidsregio U"),
        "i": await make_organisation(session, name="Provincie I"),
        "s": await make_organisation(session, name="Gemeente Vreemd"),
    }
    a = await own_catalogue(session, orgs["a"], "a", "EIGEN-A")
    b = await own_catalogue(session, orgs["b"], "b", "EIGEN-B")
    s = await own_catalogue(session, orgs["s"], "vreemd", "EIGEN-S")
    u_admin = await make_user(session, orgs["u"], zaaktype_admin=True, organisation_admin=True)
    i_admin = await make_user(session, orgs["i"], zaaktype_admin=True, organisation_admin=True)
    invited = models.PartnershipState.INVITED
    partnerships = {
        "a": await make_partnership(session, directing, orgs["a"]),
        "b": await make_partnership(session, directing, orgs["b"]),
        "u": await make_partnership(session, directing, orgs["u"]),
        "i": await make_partnership(session, directing, orgs["i"], state=invited),
    }
    shared_folders = {
        key: await session.scalar(
            select(models.Folder).where(models.Folder.shared_by_partnership_id == p.id)
        )
        for key, p in partnerships.items()
        if key != "i"
    }
    actor = await standing_of(session, d.admin)
    await zaaktypen.set_group_access(
        session,
        actor=actor,
        zaaktype_id=d.zaaktype.id,
        group_id=d.group.id,
        level=AccessLevel.CONSULT,
    )
    for key, level in (("a", AccessLevel.CONSULT), ("b", AccessLevel.NONE)):
        await zaaktype_partners.link_partner(
            session,
            actor=actor,
            zaaktype_id=d.zaaktype.id,
            partner_id=orgs[key].id,
            max_access=level,
        )
    v1 = await zaaktypen.load_concept(session, d.zaaktype)
    v1_status = (await statuses.version_statuses(session, v1.id))[-1]
    v1_result = await session.scalar(
        select(models.ResultType).where(models.ResultType.version_id == v1.id)
    )
    assert v1_result is not None
    await publishing.publish_zaaktype(
        session, actor=actor, zaaktype_id=d.zaaktype.id, environments=["productie"]
    )
    # D works on version 2: everything in it is D's own business (V2).
    v2 = await zaaktypen.create_concept(session, actor=actor, zaaktype_id=d.zaaktype.id)
    await zaaktypen.update_concept(
        session,
        actor=actor,
        zaaktype_id=d.zaaktype.id,
        changes=zaaktypen.ConceptChanges(name=f"Vergunning {SECRET}"),
    )
    v2_status = await statuses.add_status_type(
        session, actor=actor, zaaktype_id=d.zaaktype.id, name=f"Status {SECRET}", sequence=2
    )
    v2_result = await statuses.add_result_type(
        session, actor=actor, zaaktype_id=d.zaaktype.id, name=f"Resultaat {SECRET}"
    )
    unpublished = await make_publishable_zaaktype(
        session, actor, d.folder.id, "ONGEPUBLICEERD", d.role
    )
    await zaaktype_partners.link_partner(
        session,
        actor=actor,
        zaaktype_id=unpublished.id,
        partner_id=orgs["a"].id,
        max_access=AccessLevel.CONSULT,
    )
    tokens = {
        "d": await make_token(session, d.admin),
        "a": await make_token(session, a.admin),
        "b": await make_token(session, b.admin),
        "s": await make_token(session, s.admin),
        "u": await make_token(session, u_admin),
        "i": await make_token(session, i_admin),
    }
    refs: dict[str, tuple[str, uuid.UUID]] = {
        "directing": ("Organisation", directing.id),
        "d_admin": ("User", d.admin.id),
        "d_member": ("User", d.member.id),
        "d_role": ("Role", d.role.id),
        "d_group": ("AuthorisationGroup", d.group.id),
        "d_folder": ("Folder", d.folder.id),
        "shared": ("Zaaktype", d.zaaktype.id),
        "unpublished": ("Zaaktype", unpublished.id),
        "v1": ("ZaaktypeVersion", v1.id),
        "v2": ("ZaaktypeVersion", v2.id),
        "v1_status": ("StatusType", v1_status.id),
        "v2_status": ("StatusType", v2_status.id),
        "v1_result": ("ResultType", v1_result.id),
        "v2_result": ("ResultType", v2_result.id),
    }
    for key, organisation in orgs.items():
        refs[key] = ("Organisation", organisation.id)
    for key, partnership in partnerships.items():
        refs[f"partnership_{key}"] = ("Partnership", partnership.id)
    for key, folder in shared_folders.items():
        assert folder is not None
        refs[f"{key}_shared_folder"] = ("Folder", folder.id)
    for key, catalogue in (("a", a), ("b", b), ("s", s)):
        refs[f"{key}_admin"] = ("User", catalogue.admin.id)
        refs[f"{key}_member"] = ("User", catalogue.member.id)
        refs[f"{key}_role"] = ("Role", catalogue.role.id)
        refs[f"{key}_group"] = ("AuthorisationGroup", catalogue.group.id)
        refs[f"{key}_folder"] = ("Folder", catalogue.folder.id)
        refs[f"{key}_zaaktype"] = ("Zaaktype", catalogue.zaaktype.id)
        refs[f"{key}_status"] = ("StatusType", catalogue.last_status.id)
    await session.commit()
    return World(directing=directing, d=d, tokens=tokens, refs=refs)


# Every Node type's fields at once, so any object that slipped through would show itself.
NODE = """
query($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Organisation {
      name oin users { email } roles { name } authorisationGroups { name } environments
    }
    ... on User { email name }
    ... on Role { name }
    ... on AuthorisationGroup { name }
    ... on Folder { name isShared }
    ... on Zaaktype { identification name }
    ... on ZaaktypeVersion { number name isConcept }
    ... on StatusType { name key }
    ... on ResultType { name key }
    ... on Partnership { state }
  }
}"""

# D's private objects (and its partners' trees); nobody outside D may fetch any of them.
D_PRIVATE = (
    "d_admin",
    "d_member",
    "d_role",
    "d_group",
    "d_folder",
    "unpublished",
    "v2",
    "v2_status",
    "v2_result",
)
D_SHARED = ("shared", "v1", "v1_status", "v1_result")

LISTS = """
{
  folders { id name isShared zaaktypen { id identification } }
  zaaktypen(first: 100) { totalCount edges { node { id identification } } }
  partnerships { id state }
}"""

ZAAKTYPE_VIEW = """
query($id: ID!) {
  node(id: $id) {
    ... on Zaaktype {
      identification name viewerParty
      concept { number }
      versions { number isConcept name statuses { name } resultTypes { name } }
      live(environment: "productie") { number }
      partners { partner { name } maxAccess }
      groupAccess { group { name } level }
      directingParty {
        name users { email } roles { name } authorisationGroups { name } environments
      }
      folder { name isShared }
      viewerCan { configure createConcept }
    }
  }
}"""

# What D has; it must be exactly the same after any attack.
D_SNAPSHOT = """
{
  folders {
    name children { name }
    zaaktypen {
      identification name
      concept {
        name
        statuses { name checklist { text } handler { kind role { name } } }
        resultTypes { name }
        coordinatingRole { name }
      }
      versions { number isConcept publications { environment } }
      partners { partner { name } maxAccess }
      groupAccess { group { name } level }
      auditTrail { totalCount }
    }
  }
  partnerships { state partner { name } }
  viewer {
    organisation {
      roles { name members { email } }
      authorisationGroups { name members { email } }
    }
  }
}"""

# A viewer's own organisation and catalogue, for viewers that share in others' zaaktypen too.
OWN_SNAPSHOT = """
{
  zaaktypen(first: 100) { edges { node {
    identification name
    concept { name coordinatingRole { name } statuses { name handler { kind role { name } } } }
    versions { number isConcept publications { environment } }
    groupAccess { group { name } level }
  } } }
  folders { name children { name } }
  viewer {
    organisation {
      roles { name members { email } }
      authorisationGroups { name members { email } }
    }
  }
}"""


async def node(gql: GraphQLClient, token: str, global_id: str) -> dict[str, Any]:
    return await gql(NODE, {"id": global_id}, token=token)


def error_codes(result: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in result.get("errors", [])]


def data(result: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in result, result
    found: dict[str, Any] = result["data"]
    return found


def identifications(lists: dict[str, Any]) -> list[str]:
    return [edge["node"]["identification"] for edge in lists["zaaktypen"]["edges"]]


async def mutate(
    gql: GraphQLClient, token: str, name: str, values: dict[str, Any]
) -> dict[str, Any]:
    input_type = MUTATION_INPUTS[name]
    return await gql(
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ "
        "errors { code field message } } }",
        {"input": values},
        token=token,
    )


MUTATION_INPUTS = {
    "renameFolder": "RenameFolderInput",
    "moveFolder": "MoveFolderInput",
    "deleteFolder": "DeleteFolderInput",
    "createFolder": "CreateFolderInput",
    "createZaaktype": "CreateZaaktypeInput",
    "moveZaaktype": "MoveZaaktypeInput",
    "updateZaaktypeConcept": "UpdateZaaktypeConceptInput",
    "createConcept": "CreateConceptInput",
    "addStatusType": "AddStatusTypeInput",
    "updateStatusType": "UpdateStatusTypeInput",
    "removeStatusType": "RemoveStatusTypeInput",
    "moveStatusType": "MoveStatusTypeInput",
    "setStatusHandler": "SetStatusHandlerInput",
    "addResultType": "AddResultTypeInput",
    "removeResultType": "RemoveResultTypeInput",
    "publishZaaktype": "PublishZaaktypeInput",
    "setGroupAccess": "SetGroupAccessInput",
    "linkPartner": "LinkPartnerInput",
    "unlinkPartner": "UnlinkPartnerInput",
    "setPartnerMaxAccess": "SetPartnerMaxAccessInput",
    "renameRole": "RenameRoleInput",
    "deleteRole": "DeleteRoleInput",
    "addRoleMember": "RoleMemberInput",
    "removeRoleMember": "RoleMemberInput",
    "renameAuthorisationGroup": "RenameAuthorisationGroupInput",
    "deleteAuthorisationGroup": "DeleteAuthorisationGroupInput",
    "addAuthorisationGroupMember": "AuthorisationGroupMemberInput",
    "removeAuthorisationGroupMember": "AuthorisationGroupMemberInput",
    "endPartnership": "EndPartnershipInput",
}


@dataclass(frozen=True)
class Ref:
    """An input value that is the global ID of a world object."""

    name: str


def resolve(values: dict[str, Any], lookup: Any) -> dict[str, Any]:
    return {k: lookup(v.name) if isinstance(v, Ref) else v for k, v in values.items()}


# --- a stranger: no partnership at all ------------------------------------------------------


async def test_a_stranger_sees_only_the_directory_fields_of_another_organisation(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    # when
    result = await node(gql, world.tokens["s"], world.gid("directing"))
    # then: name and OIN, nothing of the inside
    assert data(result)["node"] == {
        "__typename": "Organisation",
        "id": world.gid("directing"),
        "name": "Gemeente Dirigent",
        "oin": world.directing.oin,
        "users": [],
        "roles": [],
        "authorisationGroups": [],
        "environments": [],
    }


async def test_a_stranger_gets_null_for_every_node_of_another_tenant_as_if_it_did_not_exist(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: D's private and shared objects, and partner A's tree and partnership
    world = await build_world(session)
    names = (
        *D_PRIVATE,
        *D_SHARED,
        "partnership_a",
        "partnership_i",
        "a_shared_folder",
        "a_folder",
        "a_role",
        "a_admin",
        "a_zaaktype",
    )
    for name in names:
        # when
        foreign = await node(gql, world.tokens["s"], world.gid(name))
        ghost = await node(gql, world.tokens["s"], world.ghost(name))
        # then: null without an error or a __typename, exactly like an ID that points nowhere
        assert foreign == {"data": {"node": None}}, name
        assert foreign == ghost, name


async def test_aliases_fetching_many_foreign_nodes_at_once_get_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    names = [*D_PRIVATE, *D_SHARED, "partnership_a", "a_shared_folder"]
    fields = "\n".join(
        f'n{i}: node(id: "{world.gid(name)}") '
        "{ __typename ... on Node { id } ... on Zaaktype { name } }"
        for i, name in enumerate(names)
    )
    # when
    result = await gql(f"{{ {fields} }}", token=world.tokens["s"])
    # then
    assert data(result) == {f"n{i}": None for i in range(len(names))}


async def test_a_stranger_lists_none_of_another_tenants_folders_zaaktypen_or_partnerships(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    # when
    lists = data(await gql(LISTS, token=world.tokens["s"]))
    # then: only its own catalogue
    assert [f["name"] for f in lists["folders"]] == ["Map vreemd"]
    assert lists["folders"][0]["zaaktypen"] == [
        {"id": world.gid("s_zaaktype"), "identification": "EIGEN-S"}
    ]
    assert lists["zaaktypen"]["totalCount"] == 1
    assert identifications(lists) == ["EIGEN-S"]
    assert lists["partnerships"] == []


async def test_anonymous_gets_no_node_of_anyone(session: AsyncSession, gql: GraphQLClient) -> None:
    # given
    world = await build_world(session)
    # when
    result = await gql(NODE, {"id": world.gid("shared")})
    # then
    assert result["data"] == {"node": None}
    assert error_codes(result) == ["UNAUTHENTICATED"]


# --- partners that should see nothing -------------------------------------------------------


async def test_an_accepted_partner_sees_nothing_of_a_zaaktype_that_is_not_linked_to_it(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: U has an accepted partnership with D, but D linked OMV to A and B only (Z1)
    world = await build_world(session)
    token = world.tokens["u"]
    # when
    lists = data(await gql(LISTS, token=token))
    nodes = {name: await node(gql, token, world.gid(name)) for name in (*D_SHARED, *D_PRIVATE)}
    # then: its shared folder is there, and empty
    assert lists["folders"] == [
        {
            "id": world.gid("u_shared_folder"),
            "name": "Gemeente Dirigent",
            "isShared": True,
            "zaaktypen": [],
        }
    ]
    assert lists["zaaktypen"] == {"totalCount": 0, "edges": []}
    assert lists["partnerships"] == [{"id": world.gid("partnership_u"), "state": "ACCEPTED"}]
    assert all(result == {"data": {"node": None}} for result in nodes.values()), nodes


async def test_an_invited_partner_that_has_not_accepted_sees_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: I was invited, never accepted; D links nothing to it (it cannot, Z1)
    world = await build_world(session)
    token = world.tokens["i"]
    # when
    lists = data(await gql(LISTS, token=token))
    nodes = {name: await node(gql, token, world.gid(name)) for name in (*D_SHARED, *D_PRIVATE)}
    # then: no shared folder yet, no zaaktypen; only its own pending partnership
    assert lists["folders"] == []
    assert lists["zaaktypen"] == {"totalCount": 0, "edges": []}
    assert lists["partnerships"] == [{"id": world.gid("partnership_i"), "state": "INVITED"}]
    assert all(result == {"data": {"node": None}} for result in nodes.values()), nodes


async def test_an_invited_partner_with_a_link_row_still_sees_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: a ZaaktypePartner row for I exists (e.g. left over), but the partnership is INVITED
    world = await build_world(session)
    session.add(
        models.ZaaktypePartner(
            zaaktype_id=world.d.zaaktype.id,
            partner_id=world.refs["i"][1],
            max_access=AccessLevel.CONSULT,
        )
    )
    await session.commit()
    # when
    lists = data(await gql(LISTS, token=world.tokens["i"]))
    shared = await node(gql, world.tokens["i"], world.gid("shared"))
    # then: the link alone shares nothing (P3: only an accepted partnership)
    assert lists["zaaktypen"]["totalCount"] == 0
    assert shared == {"data": {"node": None}}


# --- a linked partner: published versions only (V1, V2) -------------------------------------


async def test_a_linked_zaaktype_appears_for_the_partner_only_once_it_is_published(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: ONGEPUBLICEERD is linked to A but was never published
    world = await build_world(session)
    token = world.tokens["a"]
    # when
    before_lists = data(await gql(LISTS, token=token))
    before_node = await node(gql, token, world.gid("unpublished"))
    published = await gql(
        """mutation($input: PublishZaaktypeInput!) {
             publishZaaktype(input: $input) { errors { code } } }""",
        {"input": {"zaaktypeId": world.gid("unpublished"), "environments": ["test"]}},
        token=world.tokens["d"],
    )
    after_lists = data(await gql(LISTS, token=token))
    after_node = await node(gql, token, world.gid("unpublished"))
    # then: invisible before (node, shared folder, zaaktypen); visible after, same token
    assert before_node == {"data": {"node": None}}
    shared_folder = next(f for f in before_lists["folders"] if f["isShared"])
    assert [z["identification"] for z in shared_folder["zaaktypen"]] == ["OMV"]
    assert identifications(before_lists) == ["EIGEN-A", "OMV"]
    assert data(published)["publishZaaktype"]["errors"] == []
    assert data(after_node)["node"]["identification"] == "ONGEPUBLICEERD"
    shared_folder = next(f for f in after_lists["folders"] if f["isShared"])
    assert [z["identification"] for z in shared_folder["zaaktypen"]] == ["OMV", "ONGEPUBLICEERD"]
    assert identifications(after_lists) == ["EIGEN-A", "OMV", "ONGEPUBLICEERD"]


async def test_a_partner_sees_the_published_version_and_nothing_of_the_concept(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: OMV v1 published, v2 a concept with a SECRET name, status and result type
    world = await build_world(session)
    token = world.tokens["a"]
    # when
    view = await gql(ZAAKTYPE_VIEW, {"id": world.gid("shared")}, token=token)
    concept_nodes = {name: await node(gql, token, world.gid(name)) for name in D_PRIVATE}
    shared_nodes = {name: await node(gql, token, world.gid(name)) for name in D_SHARED}
    # then: v1 with its statuses and results; the concept is null everywhere (V2)
    assert data(view)["node"] == {
        "identification": "OMV",
        "name": "Vergunning",
        "viewerParty": "PARTNER",
        "concept": None,
        "versions": [
            {
                "number": 1,
                "isConcept": False,
                "name": "Vergunning",
                "statuses": [{"name": "Ontvangen"}, {"name": "Afgehandeld"}],
                "resultTypes": [{"name": "Verleend"}],
            }
        ],
        "live": {"number": 1},
        "partners": [{"partner": {"name": "Omgevingsdienst A"}, "maxAccess": "CONSULT"}],
        "groupAccess": [],
        "directingParty": {
            "name": "Gemeente Dirigent",
            "users": [],
            "roles": [],
            "authorisationGroups": [],
            "environments": [],
        },
        "folder": {"name": "Gemeente Dirigent", "isShared": True},
        "viewerCan": {"configure": False, "createConcept": False},
    }
    assert SECRET not in json.dumps(view)
    assert all(result == {"data": {"node": None}} for result in concept_nodes.values()), (
        concept_nodes
    )
    assert {name: data(r)["node"]["__typename"] for name, r in shared_nodes.items()} == {
        "shared": "Zaaktype",
        "v1": "ZaaktypeVersion",
        "v1_status": "StatusType",
        "v1_result": "ResultType",
    }
    assert SECRET not in json.dumps(shared_nodes)


async def test_the_directing_party_sees_what_the_partner_does_not(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the control for the partner's view above
    world = await build_world(session)
    # when
    view = data(await gql(ZAAKTYPE_VIEW, {"id": world.gid("shared")}, token=world.tokens["d"]))
    # then: concept, both partners, its own group, its internals
    zaaktype = view["node"]
    assert zaaktype["concept"] == {"number": 2}
    assert zaaktype["name"] == f"Vergunning {SECRET}"
    assert zaaktype["partners"] == [
        {"partner": {"name": "Omgevingsdienst A"}, "maxAccess": "CONSULT"},
        {"partner": {"name": "Waterschap B"}, "maxAccess": "NONE"},
    ]
    assert zaaktype["groupAccess"] == [{"group": {"name": "Groep dirigent"}, "level": "CONSULT"}]
    assert zaaktype["directingParty"]["roles"] == [{"name": "Team dirigent"}]


async def test_a_partner_cannot_read_the_audit_trail_of_a_shared_zaaktype(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    # when
    result = await gql(
        """query($id: ID!) { node(id: $id) { ... on Zaaktype {
             auditTrail { totalCount edges { node { actor action changes } } } } } }""",
        {"id": world.gid("shared")},
        token=world.tokens["a"],
    )
    # then: FORBIDDEN (the zaaktype is visible, its trail is D's alone); not a single entry
    assert error_codes(result) == ["FORBIDDEN"]
    assert result["data"] == {"node": None}
    assert D_ADMIN_EMAIL not in json.dumps(result)


async def test_one_partner_sees_neither_the_other_partner_nor_its_maximum_access(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: A (CONSULT) and B (NONE) both linked to OMV
    world = await build_world(session)
    query = """query($id: ID!) { node(id: $id) { ... on Zaaktype {
                 partners { partner { id name } maxAccess } } } }"""
    # when
    seen_by_a = await gql(query, {"id": world.gid("shared")}, token=world.tokens["a"])
    seen_by_b = await gql(query, {"id": world.gid("shared")}, token=world.tokens["b"])
    # then: each sees itself only (A5)
    assert data(seen_by_a)["node"]["partners"] == [
        {"partner": {"id": world.gid("a"), "name": "Omgevingsdienst A"}, "maxAccess": "CONSULT"}
    ]
    assert data(seen_by_b)["node"]["partners"] == [
        {"partner": {"id": world.gid("b"), "name": "Waterschap B"}, "maxAccess": "NONE"}
    ]
    assert "Waterschap B" not in json.dumps(seen_by_a)
    assert "Omgevingsdienst A" not in json.dumps(seen_by_b)


async def test_one_partner_cannot_fetch_the_other_partners_partnership_or_tree(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    token = world.tokens["a"]
    names = ("partnership_b", "partnership_u", "partnership_i", "b_shared_folder", "b_folder")
    # when
    lists = data(await gql(LISTS, token=token))
    nodes = {name: await node(gql, token, world.gid(name)) for name in names}
    # then
    assert lists["partnerships"] == [{"id": world.gid("partnership_a"), "state": "ACCEPTED"}]
    assert all(result == {"data": {"node": None}} for result in nodes.values()), nodes


async def test_a_partner_sees_no_members_of_the_directing_partys_roles(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: D's role (with a member) handles the last status and coordinates OMV
    world = await build_world(session)
    # when
    result = await gql(
        """query($id: ID!) { node(id: $id) { ... on Zaaktype { versions {
             coordinatingRole { id name members { email } }
             statuses { handler { kind role { id name members { email } } } }
           } } } }""",
        {"id": world.gid("shared")},
        token=world.tokens["a"],
    )
    # then: the role's name is part of the configuration; its members are D's own
    [version] = data(result)["node"]["versions"]
    role = {"id": world.gid("d_role"), "name": "Team dirigent", "members": []}
    assert version["coordinatingRole"] == role
    assert version["statuses"] == [
        {"handler": {"kind": "NONE", "role": None}},
        {"handler": {"kind": "ROLE", "role": role}},
    ]
    assert D_MEMBER_EMAIL not in json.dumps(result)


async def test_a_partner_cannot_reach_the_directing_partys_users_through_a_role(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    query = """query($id: ID!) { node(id: $id) { ... on Zaaktype { versions {
                 coordinatingRole { organisation { name users { email } } }
                 statuses { handler { role { organisation { users { email } roles { name } } } } }
               } } } }"""
    # when
    result = await gql(query, {"id": world.gid("shared")}, token=world.tokens["a"])
    role_node = await node(gql, world.tokens["a"], world.gid("d_role"))
    # then: Role.organisation is for the role's own organisation only; and the role's ID,
    # learned from the handler, fetches nothing
    assert error_codes(result)
    assert set(error_codes(result)) == {"FORBIDDEN"}
    assert D_MEMBER_EMAIL not in json.dumps(result)
    assert D_ADMIN_EMAIL not in json.dumps(result)
    assert role_node == {"data": {"node": None}}


async def test_a_partner_does_not_learn_who_at_the_directing_party_published(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: D's admin published v1
    world = await build_world(session)
    # when
    result = await gql(
        """query($id: ID!) { node(id: $id) { ... on Zaaktype {
             versions { publications { environment publishedBy } }
             live(environment: "productie") { publications { publishedBy } } } } }""",
        {"id": world.gid("shared")},
        token=world.tokens["a"],
    )
    # then: the environment, yes; the email address of one of D's users, no
    assert data(result)["node"]["versions"][0]["publications"][0]["environment"] == "productie"
    assert D_ADMIN_EMAIL not in json.dumps(result)


async def test_a_partner_handling_a_status_exposes_nothing_of_its_inside_to_other_partners(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: in v2 B handles the SECRET status, and v2 is published
    world = await build_world(session)
    actor = await standing_of(session, world.d.admin)
    await statuses.set_status_handler(
        session,
        actor=actor,
        status_type_id=world.refs["v2_status"][1],
        kind=HandlerKind.PARTNER,
        partner_id=world.refs["b"][1],
    )
    await publishing.publish_zaaktype(
        session, actor=actor, zaaktype_id=world.d.zaaktype.id, environments=["productie"]
    )
    await session.commit()
    # when: A looks at the handler of that status
    result = await gql(
        """query($id: ID!) { node(id: $id) { ... on Zaaktype {
             partners { partner { name } maxAccess }
             live(environment: "productie") { statuses { handler { kind partner {
               name users { email } roles { name } authorisationGroups { name } environments
             } } } }
           } } }""",
        {"id": world.gid("shared")},
        token=world.tokens["a"],
    )
    # then: the partner list stays A's own (A5)
    zaaktype = data(result)["node"]
    assert zaaktype["partners"] == [
        {"partner": {"name": "Omgevingsdienst A"}, "maxAccess": "CONSULT"}
    ]
    # B's name may show as the handler (Z2, and W2 names the party of a wait step); nothing of
    # B's inside does
    partner_handlers = [
        {k: v for k, v in s["handler"]["partner"].items() if k != "name"}
        for s in zaaktype["live"]["statuses"]
        if s["handler"]["partner"]
    ]
    assert partner_handlers == [
        {"users": [], "roles": [], "authorisationGroups": [], "environments": []}
    ]
    assert "lid-b@" not in json.dumps(result)


# --- losing access: end, unlink, re-accept (P5) ---------------------------------------------


async def test_after_the_partnership_ends_the_partner_loses_everything_with_the_same_token(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: A sees OMV (the control), then D ends the partnership
    world = await build_world(session)
    token = world.tokens["a"]
    before = {name: await node(gql, token, world.gid(name)) for name in D_SHARED}
    assert all(data(r)["node"] is not None for r in before.values()), before
    ended = await gql(
        """mutation($input: EndPartnershipInput!) {
             endPartnership(input: $input) { partnership { state } errors { code } } }""",
        {"input": {"partnershipId": world.gid("partnership_a")}},
        token=world.tokens["d"],
    )
    assert data(ended)["endPartnership"] == {"partnership": {"state": "ENDED"}, "errors": []}
    # when: the very same token asks again
    after = {
        name: await node(gql, token, world.gid(name))
        for name in (*D_SHARED, "a_shared_folder", "unpublished")
    }
    lists = data(await gql(LISTS, token=token))
    # then: every shared node null; the shared folder gone; only its own zaaktype left
    assert all(result == {"data": {"node": None}} for result in after.values()), after
    assert [f["name"] for f in lists["folders"]] == ["Map a"]
    assert identifications(lists) == ["EIGEN-A"]
    assert lists["partnerships"] == [{"id": world.gid("partnership_a"), "state": "ENDED"}]


async def test_after_the_partnership_ends_the_other_partner_keeps_its_access(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    await gql(
        """mutation($input: EndPartnershipInput!) {
             endPartnership(input: $input) { errors { code } } }""",
        {"input": {"partnershipId": world.gid("partnership_a")}},
        token=world.tokens["d"],
    )
    # when
    shared = await node(gql, world.tokens["b"], world.gid("shared"))
    # then: ending A's partnership touches A only
    assert data(shared)["node"]["identification"] == "OMV"


async def test_a_partnership_ended_behind_the_services_back_shares_nothing_either(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: B's partnership is ENDED, but its links and shared folder were left behind
    world = await build_world(session)
    partnership = await session.get(models.Partnership, world.refs["partnership_b"][1])
    assert partnership is not None
    partnership.state = models.PartnershipState.ENDED
    await session.commit()
    # when
    lists = data(await gql(LISTS, token=world.tokens["b"]))
    nodes = {name: await node(gql, world.tokens["b"], world.gid(name)) for name in D_SHARED}
    # then: access follows the partnership's state, not leftovers (P5, defence in depth)
    assert all(result == {"data": {"node": None}} for result in nodes.values()), nodes
    assert identifications(lists) == ["EIGEN-B"]
    assert all(f["zaaktypen"] == [] for f in lists["folders"] if f["isShared"])


async def test_a_new_partnership_after_the_end_does_not_bring_back_the_old_links(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: D ends A's partnership, then A is a partner again (accepted anew)
    world = await build_world(session)
    await gql(
        """mutation($input: EndPartnershipInput!) {
             endPartnership(input: $input) { errors { code } } }""",
        {"input": {"partnershipId": world.gid("partnership_a")}},
        token=world.tokens["d"],
    )
    partner_a = await session.get(models.Organisation, world.refs["a"][1])
    assert partner_a is not None
    await make_partnership(session, world.directing, partner_a)
    await session.commit()
    # when
    lists = data(await gql(LISTS, token=world.tokens["a"]))
    shared = await node(gql, world.tokens["a"], world.gid("shared"))
    # then: a shared folder again, but empty until D links OMV anew (Z1)
    shared_folder = next(f for f in lists["folders"] if f["isShared"])
    assert shared_folder["zaaktypen"] == []
    assert identifications(lists) == ["EIGEN-A"]
    assert shared == {"data": {"node": None}}


async def test_after_unlinking_the_partner_loses_the_zaaktype_with_the_same_token(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    token = world.tokens["a"]
    assert data(await node(gql, token, world.gid("shared")))["node"] is not None
    unlinked = await gql(
        """mutation($input: UnlinkPartnerInput!) {
             unlinkPartner(input: $input) { errors { code } } }""",
        {"input": {"zaaktypeId": world.gid("shared"), "partnerId": world.gid("a")}},
        token=world.tokens["d"],
    )
    assert data(unlinked)["unlinkPartner"]["errors"] == []
    # when
    after = {name: await node(gql, token, world.gid(name)) for name in D_SHARED}
    lists = data(await gql(LISTS, token=token))
    # then
    assert all(result == {"data": {"node": None}} for result in after.values()), after
    assert identifications(lists) == ["EIGEN-A"]
    assert next(f for f in lists["folders"] if f["isShared"])["zaaktypen"] == []


class Socket:
    """A graphql-transport-ws connection to the app in this process and event loop, so that it
    joins the test's transaction like ``gql`` does (no live server, both databases)."""

    def __init__(self, settings: Settings, factory: SessionFactory) -> None:
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.outbox: asyncio.Queue[MutableMapping[str, Any]] = asyncio.Queue()
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "http_version": "1.1",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "root_path": "",
            "query_string": b"",
            "headers": [
                (b"host", b"samen.test"),
                (b"sec-websocket-protocol", b"graphql-transport-ws"),
            ],
            "subprotocols": ["graphql-transport-ws"],
            "client": ("127.0.0.1", 50000),
            "server": ("samen.test", 80),
            "state": {},
        }
        app = create_app(settings, factory)

        async def serve() -> None:
            await app(scope, self.inbox.get, self.outbox.put)

        self.task: asyncio.Task[None] = asyncio.create_task(serve())
        self.operations = 0

    async def _next(self) -> dict[str, Any]:
        async with asyncio.timeout(10):
            message = await self.outbox.get()
        assert message["type"] == "websocket.send", message
        found: dict[str, Any] = json.loads(message["text"])
        return found

    async def sign_in(self, token: str) -> None:
        await self.inbox.put({"type": "websocket.connect"})
        async with asyncio.timeout(10):
            accepted = await self.outbox.get()
        assert accepted["type"] == "websocket.accept", accepted
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
        await self.inbox.put({"type": "websocket.receive", "text": json.dumps(init)})
        assert (await self._next())["type"] == "connection_ack"

    async def __call__(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        self.operations += 1
        operation = {
            "id": str(self.operations),
            "type": "subscribe",
            "payload": {"query": query, "variables": variables},
        }
        await self.inbox.put({"type": "websocket.receive", "text": json.dumps(operation)})
        result = await self._next()
        assert (await self._next())["type"] == "complete"
        assert result["type"] == "next", result
        payload: dict[str, Any] = result["payload"]
        return payload

    async def close(self) -> None:
        await self.inbox.put({"type": "websocket.disconnect", "code": 1000})
        async with asyncio.timeout(10):
            await self.task


async def test_after_the_partnership_ends_an_open_websocket_loses_access_too(
    session: AsyncSession, gql: GraphQLClient, settings: Settings, factory: SessionFactory
) -> None:
    # given: A is signed in on a socket and sees OMV there (the control)
    world = await build_world(session)
    socket = Socket(settings, factory)
    await socket.sign_in(world.tokens["a"])
    try:
        before = await socket(NODE, {"id": world.gid("shared")})
        assert before["data"]["node"]["identification"] == "OMV", before
        ended = await gql(
            """mutation($input: EndPartnershipInput!) {
                 endPartnership(input: $input) { errors { code } } }""",
            {"input": {"partnershipId": world.gid("partnership_a")}},
            token=world.tokens["d"],
        )
        assert data(ended)["endPartnership"]["errors"] == []
        # when: the next operation on the same, still open socket
        after = {name: await socket(NODE, {"id": world.gid(name)}) for name in D_SHARED}
    finally:
        await socket.close()
    # then: as over HTTP, nothing
    assert all(result == {"data": {"node": None}} for result in after.values()), after


# --- the directing party does not see into its partners -------------------------------------


async def test_the_directing_party_sees_nothing_inside_its_partners(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    token = world.tokens["d"]
    names = (
        "a_shared_folder",
        "a_folder",
        "a_role",
        "a_group",
        "a_admin",
        "a_zaaktype",
        "a_status",
    )
    # when
    nodes = {name: await node(gql, token, world.gid(name)) for name in names}
    partnerships = data(
        await gql(
            """{ partnerships { partner {
                   name users { email } roles { name } authorisationGroups { name } environments
                 } } }""",
            token=token,
        )
    )
    # then: a partnership shares D's zaaktypen with A, not A's inside with D
    assert all(result == {"data": {"node": None}} for result in nodes.values()), nodes
    assert {
        json.dumps(
            {k: v for k, v in p["partner"].items() if k != "name"},
        )
        for p in partnerships["partnerships"]
    } == {json.dumps({"users": [], "roles": [], "authorisationGroups": [], "environments": []})}


# --- mutations ------------------------------------------------------------------------------

# A stranger's attempts on D's objects: each must be NOT_FOUND, never FORBIDDEN.
STRANGER_ATTEMPTS: list[tuple[str, dict[str, Any]]] = [
    ("renameFolder", {"folderId": Ref("d_folder"), "name": "Overgenomen"}),
    ("moveFolder", {"folderId": Ref("d_folder"), "parentId": Ref("s_folder")}),
    ("deleteFolder", {"folderId": Ref("d_folder")}),
    ("createFolder", {"name": "Inbraak", "parentId": Ref("d_folder")}),
    ("createZaaktype", {"folderId": Ref("d_folder"), "identification": "X", "name": "X"}),
    ("moveZaaktype", {"zaaktypeId": Ref("shared"), "folderId": Ref("s_folder")}),
    ("updateZaaktypeConcept", {"zaaktypeId": Ref("shared"), "name": "Overgenomen"}),
    ("createConcept", {"zaaktypeId": Ref("unpublished")}),
    ("addStatusType", {"zaaktypeId": Ref("shared"), "name": "Inbraak"}),
    ("updateStatusType", {"statusTypeId": Ref("v2_status"), "checklist": ["Inbraak"]}),
    ("removeStatusType", {"statusTypeId": Ref("v2_status")}),
    ("moveStatusType", {"statusTypeId": Ref("v2_status"), "sequence": 1}),
    (
        "setStatusHandler",
        {"statusTypeId": Ref("v2_status"), "kind": "ROLE", "roleId": Ref("d_role")},
    ),
    ("addResultType", {"zaaktypeId": Ref("shared"), "name": "Inbraak"}),
    ("removeResultType", {"resultTypeId": Ref("v2_result")}),
    ("publishZaaktype", {"zaaktypeId": Ref("shared"), "environments": ["productie"]}),
    (
        "setGroupAccess",
        {"zaaktypeId": Ref("shared"), "groupId": Ref("d_group"), "level": "MANAGE"},
    ),
    (
        "linkPartner",
        {"zaaktypeId": Ref("shared"), "partnerId": Ref("s"), "maxAccess": "CONSULT"},
    ),
    ("unlinkPartner", {"zaaktypeId": Ref("shared"), "partnerId": Ref("a")}),
    (
        "setPartnerMaxAccess",
        {"zaaktypeId": Ref("shared"), "partnerId": Ref("b"), "maxAccess": "CONSULT"},
    ),
    ("renameRole", {"roleId": Ref("d_role"), "name": "Overgenomen"}),
    ("deleteRole", {"roleId": Ref("d_role")}),
    ("addRoleMember", {"roleId": Ref("d_role"), "userId": Ref("s_admin")}),
    ("removeRoleMember", {"roleId": Ref("d_role"), "userId": Ref("d_member")}),
    ("renameAuthorisationGroup", {"groupId": Ref("d_group"), "name": "Overgenomen"}),
    ("deleteAuthorisationGroup", {"groupId": Ref("d_group")}),
    ("addAuthorisationGroupMember", {"groupId": Ref("d_group"), "userId": Ref("s_admin")}),
    ("removeAuthorisationGroupMember", {"groupId": Ref("d_group"), "userId": Ref("d_member")}),
    ("endPartnership", {"partnershipId": Ref("partnership_a")}),
]


async def test_a_strangers_mutations_on_another_tenants_ids_are_not_found_and_change_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the stranger is zaaktype admin and organisation admin of its own organisation
    world = await build_world(session)
    token = world.tokens["s"]
    before = data(await gql(D_SNAPSHOT, token=world.tokens["d"]))

    def ghost(name: str) -> str:
        # The stranger's own objects stay; D's and its partners' become IDs of nothing.
        return world.gid(name) if name.startswith("s_") else world.ghost(name)

    for mutation, values in STRANGER_ATTEMPTS:
        # when
        foreign = await mutate(gql, token, mutation, resolve(values, world.gid))
        missing = await mutate(gql, token, mutation, resolve(values, ghost))
        # then: NOT_FOUND in the payload, word for word what an ID of nothing gets
        assert "errors" not in foreign, (mutation, foreign)
        assert [e["code"] for e in foreign["data"][mutation]["errors"]] == ["NOT_FOUND"], (
            mutation,
            foreign,
        )
        assert foreign == missing, mutation
    after = data(await gql(D_SNAPSHOT, token=world.tokens["d"]))
    assert after == before


# A partner's attempts on what it sees: read-only (P4), so FORBIDDEN.
PARTNER_FORBIDDEN: list[tuple[str, dict[str, Any]]] = [
    ("updateZaaktypeConcept", {"zaaktypeId": Ref("shared"), "name": "Overgenomen"}),
    ("createConcept", {"zaaktypeId": Ref("shared")}),
    ("addStatusType", {"zaaktypeId": Ref("shared"), "name": "Inbraak"}),
    ("addResultType", {"zaaktypeId": Ref("shared"), "name": "Inbraak"}),
    ("publishZaaktype", {"zaaktypeId": Ref("shared"), "environments": ["productie"]}),
    ("moveZaaktype", {"zaaktypeId": Ref("shared"), "folderId": Ref("a_folder")}),
    ("updateStatusType", {"statusTypeId": Ref("v1_status"), "name": "Inbraak"}),
    ("removeStatusType", {"statusTypeId": Ref("v1_status")}),
    ("moveStatusType", {"statusTypeId": Ref("v1_status"), "sequence": 1}),
    ("setStatusHandler", {"statusTypeId": Ref("v1_status"), "kind": "PREVIOUS"}),
    ("removeResultType", {"resultTypeId": Ref("v1_result")}),
    (
        "linkPartner",
        {"zaaktypeId": Ref("shared"), "partnerId": Ref("a"), "maxAccess": "CONSULT"},
    ),
    ("unlinkPartner", {"zaaktypeId": Ref("shared"), "partnerId": Ref("a")}),
    (
        "setPartnerMaxAccess",
        {"zaaktypeId": Ref("shared"), "partnerId": Ref("b"), "maxAccess": "CONSULT"},
    ),
    ("renameFolder", {"folderId": Ref("a_shared_folder"), "name": "Overgenomen"}),
    ("deleteFolder", {"folderId": Ref("a_shared_folder")}),
    ("moveFolder", {"folderId": Ref("a_shared_folder"), "parentId": Ref("a_folder")}),
    ("moveFolder", {"folderId": Ref("a_folder"), "parentId": Ref("a_shared_folder")}),
    ("endPartnership", {"partnershipId": Ref("partnership_a")}),
]

# ... and on what it does not see: D's own tree, the concept, D's inside, B's partnership.
PARTNER_NOT_FOUND: list[tuple[str, dict[str, Any]]] = [
    ("renameFolder", {"folderId": Ref("d_folder"), "name": "Overgenomen"}),
    ("createZaaktype", {"folderId": Ref("d_folder"), "identification": "X", "name": "X"}),
    ("updateZaaktypeConcept", {"zaaktypeId": Ref("unpublished"), "name": "Overgenomen"}),
    ("addStatusType", {"zaaktypeId": Ref("unpublished"), "name": "Inbraak"}),
    ("updateStatusType", {"statusTypeId": Ref("v2_status"), "name": "Inbraak"}),
    ("removeStatusType", {"statusTypeId": Ref("v2_status")}),
    ("setStatusHandler", {"statusTypeId": Ref("v2_status"), "kind": "PREVIOUS"}),
    ("removeResultType", {"resultTypeId": Ref("v2_result")}),
    ("renameRole", {"roleId": Ref("d_role"), "name": "Overgenomen"}),
    ("addRoleMember", {"roleId": Ref("d_role"), "userId": Ref("a_admin")}),
    ("renameAuthorisationGroup", {"groupId": Ref("d_group"), "name": "Overgenomen"}),
    ("endPartnership", {"partnershipId": Ref("partnership_b")}),
]


async def test_a_partners_mutations_on_the_shared_zaaktype_are_forbidden_and_change_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    before = data(await gql(D_SNAPSHOT, token=world.tokens["d"]))
    for mutation, values in PARTNER_FORBIDDEN:
        # when
        result = await mutate(gql, world.tokens["a"], mutation, resolve(values, world.gid))
        # then: visible, so not "not found"; read-only, so FORBIDDEN
        assert error_codes(result) == ["FORBIDDEN"], (mutation, result)
    after = data(await gql(D_SNAPSHOT, token=world.tokens["d"]))
    assert after == before


async def test_a_partners_mutations_on_what_it_cannot_see_are_not_found_and_change_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    before = data(await gql(D_SNAPSHOT, token=world.tokens["d"]))

    def ghost(name: str) -> str:
        return world.gid(name) if name.startswith("a_") else world.ghost(name)

    for mutation, values in PARTNER_NOT_FOUND:
        # when
        hidden = await mutate(gql, world.tokens["a"], mutation, resolve(values, world.gid))
        missing = await mutate(gql, world.tokens["a"], mutation, resolve(values, ghost))
        # then: a concept, D's tree and D's roles do not exist for A (existence not revealed)
        assert "errors" not in hidden, (mutation, hidden)
        assert [e["code"] for e in hidden["data"][mutation]["errors"]] == ["NOT_FOUND"], (
            mutation,
            hidden,
        )
        assert hidden == missing, mutation
    after = data(await gql(D_SNAPSHOT, token=world.tokens["d"]))
    assert after == before


async def test_a_partner_cannot_use_ids_it_learned_from_a_shared_zaaktype_in_its_own_catalogue(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: A reads D's role and version IDs off the shared zaaktype, legitimately
    world = await build_world(session)
    token = world.tokens["a"]
    learned = data(
        await gql(
            """query($id: ID!) { node(id: $id) { ... on Zaaktype {
                 versions { id coordinatingRole { id } } } } }""",
            {"id": world.gid("shared")},
            token=token,
        )
    )["node"]["versions"][0]
    role_id, version_id = learned["coordinatingRole"]["id"], learned["id"]
    attempts = [
        (
            "updateZaaktypeConcept",
            {"zaaktypeId": world.gid("a_zaaktype"), "coordinatingRoleId": role_id},
            ["input", "coordinatingRoleId"],
        ),
        (
            "setStatusHandler",
            {"statusTypeId": world.gid("a_status"), "kind": "ROLE", "roleId": role_id},
            ["input", "roleId"],
        ),
        (
            "publishZaaktype",
            {
                "zaaktypeId": world.gid("a_zaaktype"),
                "environments": ["test"],
                "versionId": version_id,
            },
            ["input", "versionId"],
        ),
        (
            "addRoleMember",
            {"roleId": role_id, "userId": world.gid("a_member")},
            ["input", "roleId"],
        ),
    ]
    before = data(await gql(D_SNAPSHOT, token=world.tokens["d"]))
    own_before = data(await gql(OWN_SNAPSHOT, token=token))
    for mutation, values, field in attempts:
        # when
        result = await mutate(gql, token, mutation, values)
        # then: another organisation's role or version is not found in A's own catalogue
        assert "errors" not in result, (mutation, result)
        assert [(e["code"], e["field"]) for e in result["data"][mutation]["errors"]] == [
            ("NOT_FOUND", field)
        ], (mutation, result)
    assert data(await gql(D_SNAPSHOT, token=world.tokens["d"])) == before
    assert data(await gql(OWN_SNAPSHOT, token=token)) == own_before


async def test_a_stranger_cannot_pull_another_tenants_objects_into_its_own_catalogue(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the stranger's own zaaktype, folder, role and group, and D's IDs
    world = await build_world(session)
    token = world.tokens["s"]
    attempts = [
        (
            "setGroupAccess",
            {"zaaktypeId": world.gid("s_zaaktype"), "groupId": world.gid("d_group")},
            ["input", "groupId"],
        ),
        (
            "addRoleMember",
            {"roleId": world.gid("s_role"), "userId": world.gid("d_member")},
            ["input", "userId"],
        ),
        (
            "addAuthorisationGroupMember",
            {"groupId": world.gid("s_group"), "userId": world.gid("d_member")},
            ["input", "userId"],
        ),
        (
            "moveZaaktype",
            {"zaaktypeId": world.gid("s_zaaktype"), "folderId": world.gid("d_folder")},
            ["input", "folderId"],
        ),
        (
            "moveFolder",
            {"folderId": world.gid("s_folder"), "parentId": world.gid("d_folder")},
            ["input", "parentId"],
        ),
        (
            "updateZaaktypeConcept",
            {"zaaktypeId": world.gid("s_zaaktype"), "coordinatingRoleId": world.gid("d_role")},
            ["input", "coordinatingRoleId"],
        ),
    ]
    own_before = data(await gql(OWN_SNAPSHOT, token=token))
    for mutation, values, field in attempts:
        if mutation == "setGroupAccess":
            values = {**values, "level": "CONSULT"}
        # when
        result = await mutate(gql, token, mutation, values)
        # then: D's member never shows up as the stranger's role member, etc.
        assert "errors" not in result, (mutation, result)
        assert [(e["code"], e["field"]) for e in result["data"][mutation]["errors"]] == [
            ("NOT_FOUND", field)
        ], (mutation, result)
    own_after = data(await gql(OWN_SNAPSHOT, token=token))
    assert own_after == own_before
    assert D_MEMBER_EMAIL not in json.dumps(own_after)


async def test_the_directing_party_cannot_reach_into_or_borrow_from_its_partners(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: D knows A's shared folder, role, group and member IDs (say, from a leak elsewhere)
    world = await build_world(session)
    token = world.tokens["d"]
    attempts = [
        ("renameFolder", {"folderId": world.gid("a_shared_folder"), "name": "X"}, "folderId"),
        ("deleteFolder", {"folderId": world.gid("a_shared_folder")}, "folderId"),
        ("createFolder", {"name": "X", "parentId": world.gid("a_shared_folder")}, "parentId"),
        (
            "moveZaaktype",
            {"zaaktypeId": world.gid("shared"), "folderId": world.gid("a_shared_folder")},
            "folderId",
        ),
        (
            "setGroupAccess",
            {"zaaktypeId": world.gid("shared"), "groupId": world.gid("a_group"), "level": "NONE"},
            "groupId",
        ),
        (
            "updateZaaktypeConcept",
            {"zaaktypeId": world.gid("shared"), "coordinatingRoleId": world.gid("a_role")},
            "coordinatingRoleId",
        ),
        (
            "setStatusHandler",
            {"statusTypeId": world.gid("v2_status"), "kind": "ROLE", "roleId": world.gid("a_role")},
            "roleId",
        ),
        (
            "addRoleMember",
            {"roleId": world.gid("d_role"), "userId": world.gid("a_member")},
            "userId",
        ),
        ("renameRole", {"roleId": world.gid("a_role"), "name": "X"}, "roleId"),
    ]
    partner_before = data(await gql(OWN_SNAPSHOT, token=world.tokens["a"]))
    before = data(await gql(D_SNAPSHOT, token=token))
    for mutation, values, field in attempts:
        # when
        result = await mutate(gql, token, mutation, values)
        # then: a partner's tree, roles, groups and users are not D's to touch or use (P4 is
        # one-way: the partner's own things stay its own)
        assert "errors" not in result, (mutation, result)
        assert [(e["code"], e["field"]) for e in result["data"][mutation]["errors"]] == [
            ("NOT_FOUND", ["input", field])
        ], (mutation, result)
    assert data(await gql(D_SNAPSHOT, token=token)) == before
    assert data(await gql(OWN_SNAPSHOT, token=world.tokens["a"])) == partner_before


async def test_names_taken_in_another_tenant_are_free_in_ones_own(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: D has zaaktype OMV, folder "Map dirigent", role "Team dirigent", group "Groep
    # dirigent"; a DUPLICATE for the stranger would confirm that they exist somewhere
    world = await build_world(session)
    token = world.tokens["s"]
    attempts = [
        (
            "createZaaktype",
            "CreateZaaktypeInput",
            {"folderId": world.gid("s_folder"), "identification": "OMV", "name": "Eigen"},
        ),
        ("createFolder", "CreateFolderInput", {"name": "Map dirigent"}),
        ("createRole", "CreateRoleInput", {"name": "Team dirigent"}),
        ("createAuthorisationGroup", "CreateAuthorisationGroupInput", {"name": "Groep dirigent"}),
    ]
    for mutation, input_type, values in attempts:
        # when
        result = await gql(
            f"mutation($input: {input_type}!) {{ {mutation}(input: $input) "
            "{ errors { code field } } }",
            {"input": values},
            token=token,
        )
        # then: uniqueness is per organisation
        assert data(result)[mutation]["errors"] == [], (mutation, result)


async def test_the_directory_lists_other_organisations_without_their_inside(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    # when
    result = data(
        await gql(
            """{ organisations(first: 100) { edges { node {
                   id name users { email } roles { name } authorisationGroups { name }
                   environments viewerCan { manageAccess }
                 } } } }""",
            token=world.tokens["s"],
        )
    )
    # then: every other organisation by name only; the stranger's own in full
    others = [
        e["node"] for e in result["organisations"]["edges"] if e["node"]["id"] != world.gid("s")
    ]
    assert {o["name"] for o in others} >= {"Gemeente Dirigent", "Omgevingsdienst A"}
    assert all(
        (o["users"], o["roles"], o["authorisationGroups"], o["environments"], o["viewerCan"])
        == ([], [], [], [], {"manageAccess": False})
        for o in others
    ), others
    assert D_MEMBER_EMAIL not in json.dumps(result)


async def test_a_global_id_relabelled_with_another_type_fetches_nothing(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the UUIDs of D's objects wrapped as other types (a type-confusion attempt)
    world = await build_world(session)
    relabelled = [
        ("Zaaktype", "d_folder"),
        ("Folder", "shared"),
        ("ZaaktypeVersion", "v2_status"),
        ("StatusType", "v2"),
        ("ResultType", "v2_status"),
        ("Organisation", "d_role"),
        ("Partnership", "shared"),
        ("Viewer", "d_admin"),
        ("ChecklistItem", "v2_status"),
    ]
    for viewer in ("s", "a"):
        for type_name, name in relabelled:
            # when
            result = await node(
                gql, world.tokens[viewer], to_global_id(type_name, world.refs[name][1])
            )
            # then
            assert result == {"data": {"node": None}}, (viewer, type_name, name)


# --- connections and the schema -------------------------------------------------------------


async def test_a_cursor_from_another_tenants_page_yields_none_of_its_rows(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: a cursor from D's first page
    world = await build_world(session)
    page = data(
        await gql(
            "{ zaaktypen(first: 1) { edges { cursor node { identification } } } }",
            token=world.tokens["d"],
        )
    )
    [edge] = page["zaaktypen"]["edges"]
    assert edge["node"]["identification"] == "OMV"
    query = """query($after: String) { zaaktypen(first: 100, after: $after) {
                 totalCount edges { node { identification } } } }"""
    # when
    for_stranger = data(await gql(query, {"after": edge["cursor"]}, token=world.tokens["s"]))
    for_partner = data(await gql(query, {"after": edge["cursor"]}, token=world.tokens["a"]))
    # then: the cursor is only a position; the filter stays the viewer's
    assert identifications(for_stranger) == []
    assert for_stranger["zaaktypen"]["totalCount"] == 1
    assert identifications(for_partner) == []
    assert for_partner["zaaktypen"]["totalCount"] == 2  # EIGEN-A and the shared OMV
    # and from the start, the stranger's list holds nothing of D's either
    everything = data(await gql(query, {"after": None}, token=world.tokens["s"]))
    assert identifications(everything) == ["EIGEN-S"]


async def test_introspection_shows_no_private_field_of_any_type(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    world = await build_world(session)
    private = {
        "dbId",
        "organisationId",
        "zaaktypeId",
        "folderId",
        "model",
        "partnerId",
        "directingPartyId",
        "handlerRoleId",
        "handlerPartnerId",
        "handlerKind",
        "coordinatingRoleId",
        "sharedByPartnershipId",
        "licenceValidUntil",
        "invitedByEmail",
        "acceptedByEmail",
        "endedByEmail",
        "tokenHash",
    }
    # when
    result = data(
        await gql(
            "{ __schema { types { name kind fields(includeDeprecated: true) { name } } } }",
            token=world.tokens["s"],
        )
    )
    # then: output types carry no database keys or internal columns
    leaked = {
        (t["name"], f["name"])
        for t in result["__schema"]["types"]
        if t["kind"] in ("OBJECT", "INTERFACE") and not t["name"].startswith("__")
        for f in t["fields"] or []
        if f["name"] in private
        or (f["name"].endswith("Id") and not f["name"].startswith("deleted"))
    }
    assert leaked == set()
