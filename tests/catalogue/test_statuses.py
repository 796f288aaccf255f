"""Status types and result types of a concept: order 1..n, contents, stable keys."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.permissions.standing import Standing
from samen.schema.node import to_global_id
from samen.services import folders, statuses, zaaktypen
from tests.conftest import GraphQLClient
from tests.factories import make_organisation, make_role, make_token, make_user, standing_of

ERRORS = "errors { code field }"
ADD = f"""
mutation($input: AddStatusTypeInput!) {{
  addStatusType(input: $input) {{ statusType {{ name sequence isFirst isLast }} {ERRORS} }}
}}"""
MOVE = f"""
mutation($input: MoveStatusTypeInput!) {{
  moveStatusType(input: $input) {{ statusType {{ name sequence }} {ERRORS} }}
}}"""
REMOVE = f"""
mutation($input: RemoveStatusTypeInput!) {{
  removeStatusType(input: $input) {{
    zaaktype {{ concept {{ statuses {{ name sequence isFirst isLast }} }} }} {ERRORS}
  }}
}}"""
CONTENTS = """
  name
  checklist { text }
  decisions { question options }
  computerActions { kind to subject body }
"""
UPDATE = f"""
mutation($input: UpdateStatusTypeInput!) {{
  updateStatusType(input: $input) {{ statusType {{ {CONTENTS} }} {ERRORS} }}
}}"""
SET_HANDLER = f"""
mutation($input: SetStatusHandlerInput!) {{
  setStatusHandler(input: $input) {{ statusType {{ name }} {ERRORS} }}
}}"""
ADD_RESULT = f"""
mutation($input: AddResultTypeInput!) {{
  addResultType(input: $input) {{
    zaaktype {{ concept {{ resultTypes {{ id name description }} }} }} {ERRORS}
  }}
}}"""
REMOVE_RESULT = f"""
mutation($input: RemoveResultTypeInput!) {{
  removeResultType(input: $input) {{
    zaaktype {{ concept {{ resultTypes {{ name }} }} }} {ERRORS}
  }}
}}"""
STATUSES = """
query($id: ID!) {
  node(id: $id) {
    ... on Zaaktype { concept { statuses { id key name sequence isFirst isLast } } }
  }
}"""
STATUS = f"query($id: ID!) {{ node(id: $id) {{ ... on StatusType {{ {CONTENTS} }} }} }}"


async def zaaktype_of_new_organisation(
    session: AsyncSession, *names: str
) -> tuple[Standing, str, models.Zaaktype, list[models.StatusType]]:
    """A zaaktype admin, their token, and a zaaktype whose concept has these statuses."""
    organisation = await make_organisation(session)
    admin = await make_user(session, organisation, zaaktype_admin=True)
    actor = await standing_of(session, admin)
    home = await folders.create_folder(session, actor=actor, name="Catalogus", parent_id=None)
    zaaktype = await zaaktypen.create_zaaktype(
        session, actor=actor, folder_id=home.id, identification="ZT-1", name="Vergunning"
    )
    added = [
        await statuses.add_status_type(
            session, actor=actor, zaaktype_id=zaaktype.id, name=name, sequence=None
        )
        for name in names
    ]
    return actor, await make_token(session, admin), zaaktype, added


def gid(status: models.StatusType) -> str:
    return to_global_id("StatusType", status.id)


def payload(result: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in result, result
    data: dict[str, Any] = result["data"][field]
    return data


def problems(result: dict[str, Any], field: str) -> list[tuple[str, list[str]]]:
    return [(e["code"], e["field"]) for e in payload(result, field)["errors"]]


async def concept_statuses(
    gql: GraphQLClient, token: str, zaaktype: models.Zaaktype
) -> list[dict[str, Any]]:
    result = await gql(STATUSES, {"id": to_global_id("Zaaktype", zaaktype.id)}, token=token)
    found: list[dict[str, Any]] = payload(result, "node")["concept"]["statuses"]
    return found


async def order(gql: GraphQLClient, token: str, zaaktype: models.Zaaktype) -> list[tuple[Any, ...]]:
    """(name, sequence, isFirst, isLast) of each concept status, as the API lists them."""
    return [
        (s["name"], s["sequence"], s["isFirst"], s["isLast"])
        for s in await concept_statuses(gql, token, zaaktype)
    ]


def contiguous(*names: str) -> list[tuple[Any, ...]]:
    last = len(names)
    return [(name, i, i == 1, i == last) for i, name in enumerate(names, start=1)]


async def test_a_status_is_appended_by_default_and_inserted_at_a_given_sequence(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, zaaktype, _ = await zaaktype_of_new_organisation(session)
    await session.commit()
    zaaktype_id = to_global_id("Zaaktype", zaaktype.id)
    steps: list[tuple[str, int | None, list[str]]] = [
        ("Ontvangen", None, ["Ontvangen"]),
        ("Afgehandeld", None, ["Ontvangen", "Afgehandeld"]),
        ("In behandeling", 2, ["Ontvangen", "In behandeling", "Afgehandeld"]),
        ("Aangevraagd", 1, ["Aangevraagd", "Ontvangen", "In behandeling", "Afgehandeld"]),
        (
            "Gearchiveerd",
            5,
            ["Aangevraagd", "Ontvangen", "In behandeling", "Afgehandeld", "Gearchiveerd"],
        ),
    ]
    for name, sequence, expected in steps:
        # when
        result = await gql(
            ADD,
            {"input": {"zaaktypeId": zaaktype_id, "name": name, "sequence": sequence}},
            token=token,
        )
        # then
        added = payload(result, "addStatusType")
        assert added["errors"] == []
        position = expected.index(name) + 1
        assert added["statusType"] == {
            "name": name,
            "sequence": position,
            "isFirst": position == 1,
            "isLast": position == len(expected),
        }
        assert await order(gql, token, zaaktype) == contiguous(*expected)


async def test_a_sequence_outside_1_to_n_plus_1_is_out_of_range(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, zaaktype, _ = await zaaktype_of_new_organisation(session, "Eerste", "Laatste")
    await session.commit()
    zaaktype_id = to_global_id("Zaaktype", zaaktype.id)
    for sequence in (0, -1, 4):
        # when
        result = await gql(
            ADD,
            {"input": {"zaaktypeId": zaaktype_id, "name": "Tussen", "sequence": sequence}},
            token=token,
        )
        # then
        assert problems(result, "addStatusType") == [("OUT_OF_RANGE", ["input", "sequence"])]
    assert await order(gql, token, zaaktype) == contiguous("Eerste", "Laatste")


async def test_moving_a_status_up_and_down_keeps_the_sequence_contiguous(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, zaaktype, added = await zaaktype_of_new_organisation(session, "A", "B", "C", "D")
    await session.commit()
    a, _, _, d = added
    steps = [
        (d, 1, ["D", "A", "B", "C"]),
        (d, 3, ["A", "B", "D", "C"]),
        (a, 4, ["B", "D", "C", "A"]),
        (a, 4, ["B", "D", "C", "A"]),
    ]
    for status, sequence, expected in steps:
        # when
        result = await gql(
            MOVE, {"input": {"statusTypeId": gid(status), "sequence": sequence}}, token=token
        )
        # then
        assert payload(result, "moveStatusType") == {
            "statusType": {"name": status.name, "sequence": sequence},
            "errors": [],
        }
        assert await order(gql, token, zaaktype) == contiguous(*expected)


async def test_moving_a_status_outside_1_to_n_is_out_of_range(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, zaaktype, added = await zaaktype_of_new_organisation(session, "A", "B", "C")
    await session.commit()
    for sequence in (0, 4):
        # when
        result = await gql(
            MOVE, {"input": {"statusTypeId": gid(added[1]), "sequence": sequence}}, token=token
        )
        # then
        assert problems(result, "moveStatusType") == [("OUT_OF_RANGE", ["input", "sequence"])]
    assert await order(gql, token, zaaktype) == contiguous("A", "B", "C")


async def test_removing_a_status_closes_the_gap(session: AsyncSession, gql: GraphQLClient) -> None:
    # given
    _, token, zaaktype, added = await zaaktype_of_new_organisation(session, "A", "B", "C", "D")
    await session.commit()
    # when
    middle = await gql(REMOVE, {"input": {"statusTypeId": gid(added[1])}}, token=token)
    last = await gql(REMOVE, {"input": {"statusTypeId": gid(added[3])}}, token=token)
    # then: the payload and a fresh read agree
    removed = payload(middle, "removeStatusType")
    assert removed["errors"] == []
    after_middle = removed["zaaktype"]["concept"]["statuses"]
    assert [(s["name"], s["sequence"], s["isFirst"], s["isLast"]) for s in after_middle] == (
        contiguous("A", "C", "D")
    )
    assert payload(last, "removeStatusType")["errors"] == []
    assert await order(gql, token, zaaktype) == contiguous("A", "C")


async def test_updating_a_status_replaces_the_given_lists_and_keeps_the_omitted_ones(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, _, added = await zaaktype_of_new_organisation(session, "Ontvangen", "Besluit")
    await session.commit()
    status_id = gid(added[1])
    everything = {
        "statusTypeId": status_id,
        "checklist": [" Aanvraag compleet ", "Leges betaald"],
        "decisions": [{"question": "Verlenen?", "options": ["Ja", " Nee "]}],
        "computerActions": [
            {"kind": "SEND_STATUS_MESSAGE", "subject": "Besluit genomen", "body": "Zie bijlage."},
            {"kind": "SEND_EMAIL", "to": "archief@gemeente.example", "subject": "Kopie"},
        ],
    }
    # when
    full = await gql(UPDATE, {"input": everything}, token=token)
    checklist_only = await gql(
        UPDATE, {"input": {"statusTypeId": status_id, "checklist": ["Alleen dit"]}}, token=token
    )
    name_only = await gql(
        UPDATE, {"input": {"statusTypeId": status_id, "name": "Beslissen"}}, token=token
    )
    cleared = await gql(
        UPDATE,
        {"input": {"statusTypeId": status_id, "checklist": [], "decisions": []}},
        token=token,
    )
    # then
    decisions = [{"question": "Verlenen?", "options": ["Ja", "Nee"]}]
    actions = [
        {
            "kind": "SEND_STATUS_MESSAGE",
            "to": None,
            "subject": "Besluit genomen",
            "body": "Zie bijlage.",
        },
        {"kind": "SEND_EMAIL", "to": "archief@gemeente.example", "subject": "Kopie", "body": ""},
    ]
    assert payload(full, "updateStatusType") == {
        "statusType": {
            "name": "Besluit",
            "checklist": [{"text": "Aanvraag compleet"}, {"text": "Leges betaald"}],
            "decisions": decisions,
            "computerActions": actions,
        },
        "errors": [],
    }
    assert payload(checklist_only, "updateStatusType")["statusType"] == {
        "name": "Besluit",
        "checklist": [{"text": "Alleen dit"}],
        "decisions": decisions,
        "computerActions": actions,
    }
    assert payload(name_only, "updateStatusType")["statusType"]["checklist"] == [
        {"text": "Alleen dit"}
    ]
    assert payload(cleared, "updateStatusType")["errors"] == []
    assert payload(await gql(STATUS, {"id": status_id}, token=token), "node") == {
        "name": "Beslissen",
        "checklist": [],
        "decisions": [],
        "computerActions": actions,
    }


async def test_a_decision_needs_two_distinct_options(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, _, added = await zaaktype_of_new_organisation(session, "Ontvangen", "Besluit")
    await session.commit()
    good = {"question": "Verlenen?", "options": ["Ja", "Nee"]}
    cases = [
        ([{"question": "Verlenen?", "options": ["Ja"]}], ("INVALID", "0")),
        ([good, {"question": "Leges?", "options": []}], ("INVALID", "1")),
        ([good, {"question": "Leges?", "options": ["Ja", " Ja "]}], ("DUPLICATE", "1")),
    ]
    for decisions, (code, index) in cases:
        # when
        result = await gql(
            UPDATE, {"input": {"statusTypeId": gid(added[1]), "decisions": decisions}}, token=token
        )
        # then
        assert problems(result, "updateStatusType") == [
            (code, ["input", "decisions", index, "options"])
        ]
    stored = await gql(STATUS, {"id": gid(added[1])}, token=token)
    assert payload(stored, "node")["decisions"] == []


async def test_computer_actions_need_a_to_for_email_and_none_for_the_status_message(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, _, added = await zaaktype_of_new_organisation(session, "Ontvangen", "Besluit")
    await session.commit()
    cases: list[dict[str, Any]] = [
        {"kind": "SEND_EMAIL"},
        {"kind": "SEND_EMAIL", "to": ""},
        {"kind": "SEND_EMAIL", "to": "niet-een-adres"},
        {"kind": "SEND_EMAIL", "to": "twee woorden@gemeente.example"},
        {"kind": "SEND_STATUS_MESSAGE", "to": "aanvrager@example.test"},
    ]
    for action in cases:
        # when
        result = await gql(
            UPDATE,
            {"input": {"statusTypeId": gid(added[1]), "computerActions": [action]}},
            token=token,
        )
        # then
        assert problems(result, "updateStatusType") == [
            ("INVALID", ["input", "computerActions", "0", "to"])
        ], action
    stored = await gql(STATUS, {"id": gid(added[1])}, token=token)
    assert payload(stored, "node")["computerActions"] == []


async def test_every_problem_of_an_update_is_reported_and_nothing_is_written(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    actor, token, _, added = await zaaktype_of_new_organisation(session, "Ontvangen", "Besluit")
    await statuses.update_status_type(
        session, actor=actor, status_type_id=added[1].id, checklist=["Bestaand punt"]
    )
    await session.commit()
    status_id = gid(added[1])
    before = payload(await gql(STATUS, {"id": status_id}, token=token), "node")
    # when: a valid name next to three bad lists
    result = await gql(
        UPDATE,
        {
            "input": {
                "statusTypeId": status_id,
                "name": "Nieuwe naam",
                "checklist": ["Goed", " "],
                "decisions": [{"question": "Verlenen?", "options": ["Ja"]}],
                "computerActions": [
                    {"kind": "SEND_STATUS_MESSAGE"},
                    {"kind": "SEND_EMAIL", "to": "geen adres"},
                ],
            }
        },
        token=token,
    )
    # then
    assert payload(result, "updateStatusType")["statusType"] is None
    assert problems(result, "updateStatusType") == [
        ("REQUIRED", ["input", "checklist", "1"]),
        ("INVALID", ["input", "decisions", "0", "options"]),
        ("INVALID", ["input", "computerActions", "1", "to"]),
    ]
    assert payload(await gql(STATUS, {"id": status_id}, token=token), "node") == before
    assert before["name"] == "Besluit"
    assert before["checklist"] == [{"text": "Bestaand punt"}]


async def test_a_status_keeps_its_key_when_renamed_or_moved(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, zaaktype, added = await zaaktype_of_new_organisation(session, "A", "B", "C")
    await session.commit()
    keys = {s["id"]: s["key"] for s in await concept_statuses(gql, token, zaaktype)}
    # when
    renamed = await gql(
        UPDATE, {"input": {"statusTypeId": gid(added[1]), "name": "Bee"}}, token=token
    )
    moved = await gql(MOVE, {"input": {"statusTypeId": gid(added[1]), "sequence": 3}}, token=token)
    # then
    assert payload(renamed, "updateStatusType")["errors"] == []
    assert payload(moved, "moveStatusType")["errors"] == []
    after = await concept_statuses(gql, token, zaaktype)
    assert [s["name"] for s in after] == ["A", "C", "Bee"]
    assert {s["id"]: s["key"] for s in after} == keys
    assert len(set(keys.values())) == 3


async def test_result_types_are_added_and_removed(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, zaaktype, _ = await zaaktype_of_new_organisation(session)
    await session.commit()
    zaaktype_id = to_global_id("Zaaktype", zaaktype.id)
    # when
    first = await gql(
        ADD_RESULT,
        {"input": {"zaaktypeId": zaaktype_id, "name": " Verleend ", "description": "Ja."}},
        token=token,
    )
    second = await gql(
        ADD_RESULT, {"input": {"zaaktypeId": zaaktype_id, "name": "Geweigerd"}}, token=token
    )
    nameless = await gql(
        ADD_RESULT, {"input": {"zaaktypeId": zaaktype_id, "name": ""}}, token=token
    )
    granted_id = payload(first, "addResultType")["zaaktype"]["concept"]["resultTypes"][0]["id"]
    removed = await gql(REMOVE_RESULT, {"input": {"resultTypeId": granted_id}}, token=token)
    removed_again = await gql(REMOVE_RESULT, {"input": {"resultTypeId": granted_id}}, token=token)
    # then
    assert payload(first, "addResultType")["errors"] == []
    assert [
        (r["name"], r["description"])
        for r in payload(second, "addResultType")["zaaktype"]["concept"]["resultTypes"]
    ] == [("Verleend", "Ja."), ("Geweigerd", "")]
    assert problems(nameless, "addResultType") == [("REQUIRED", ["input", "name"])]
    assert payload(removed, "removeResultType") == {
        "zaaktype": {"concept": {"resultTypes": [{"name": "Geweigerd"}]}},
        "errors": [],
    }
    assert problems(removed_again, "removeResultType") == [("NOT_FOUND", ["input", "resultTypeId"])]


async def test_another_organisations_status_and_result_types_are_not_found(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    _, token, _, _ = await zaaktype_of_new_organisation(session, "Eigen")
    stranger, stranger_token, theirs, their_statuses = await zaaktype_of_new_organisation(
        session, "Ontvangen", "Afgehandeld"
    )
    result_type = await statuses.add_result_type(
        session, actor=stranger, zaaktype_id=theirs.id, name="Verleend"
    )
    role = await make_role(session, await make_organisation(session))
    await session.commit()
    status_id = gid(their_statuses[1])
    before = await concept_statuses(gql, stranger_token, theirs)
    attempts = [
        ("updateStatusType", UPDATE, {"statusTypeId": status_id, "name": "Gekaapt"}),
        ("moveStatusType", MOVE, {"statusTypeId": status_id, "sequence": 1}),
        ("removeStatusType", REMOVE, {"statusTypeId": status_id}),
        (
            "setStatusHandler",
            SET_HANDLER,
            {"statusTypeId": status_id, "kind": "ROLE", "roleId": to_global_id("Role", role.id)},
        ),
    ]
    for mutation, query, variables in attempts:
        # when
        result = await gql(query, {"input": variables}, token=token)
        # then: never FORBIDDEN, which would confirm that the status exists
        assert problems(result, mutation) == [("NOT_FOUND", ["input", "statusTypeId"])], mutation
    zaaktype_id = to_global_id("Zaaktype", theirs.id)
    for mutation, query, variables, field in [
        ("addStatusType", ADD, {"zaaktypeId": zaaktype_id, "name": "Erbij"}, "zaaktypeId"),
        ("addResultType", ADD_RESULT, {"zaaktypeId": zaaktype_id, "name": "Erbij"}, "zaaktypeId"),
        (
            "removeResultType",
            REMOVE_RESULT,
            {"resultTypeId": to_global_id("ResultType", result_type.id)},
            "resultTypeId",
        ),
    ]:
        result = await gql(query, {"input": variables}, token=token)
        assert problems(result, mutation) == [("NOT_FOUND", ["input", field])], mutation
    assert await concept_statuses(gql, stranger_token, theirs) == before
