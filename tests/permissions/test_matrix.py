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
from samen.schema.node import to_global_id
from tests.conftest import GraphQLClient
from tests.factories import (
    add_role_member,
    make_group,
    make_organisation,
    make_role,
    make_token,
    make_user,
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
    await session.commit()
    return World(
        tokens=tokens,
        role=to_global_id("Role", role.id),
        group=to_global_id("AuthorisationGroup", group.id),
        member=to_global_id("User", member.id),
        outsider=to_global_id("User", outsider.id),
    )


@dataclass(frozen=True)
class Operation:
    payload_field: str  # selected in the payload besides `errors`
    input: Callable[[World], dict[str, Any]]


OPERATIONS: dict[str, Operation] = {
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

EXPECTED: dict[str, dict[str, str]] = {
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
