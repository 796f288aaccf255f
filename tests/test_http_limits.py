"""The bounds of one HTTP/GraphQL request (DESIGN.md §7) and what an anonymous caller gets.

Depth, aliases, tokens, body size and page size are bounded; bad input gets a clear 4xx or a
GraphQL error with a code, never a 500; unexpected errors are masked but traceable by request id.
"""

import base64
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp

from samen.app import create_app
from samen.config import Settings
from samen.services import auth
from tests.conftest import GraphQLClient, LiveServer
from tests.factories import make_organisation, make_token, make_user

REQUEST_ID = re.compile(r"^[0-9a-f]{16}$")
VIEWER_EMAIL = "{ viewer { user { email } } }"


async def signed_in(session: AsyncSession, *, organisation_admin: bool = False) -> str:
    """A token of a fresh user in a fresh organisation, committed so requests see it."""
    organisation = await make_organisation(session)
    user = await make_user(session, organisation, organisation_admin=organisation_admin)
    token = await make_token(session, user)
    await session.commit()
    return token


def nested_query(depth: int) -> str:
    """``query Deep`` whose leaf sits ``depth`` fields below the root field (strawberry's count)."""
    path = ["viewer", *(("organisation", "roles")[i % 2] for i in range(depth - 1)), "name"]
    return "query Deep { " + " { ".join(path) + " }" * (len(path) - 1) + " }"


def padded_body(size: int) -> bytes:
    """A valid GraphQL JSON body of exactly ``size`` bytes."""
    body = json.dumps({"query": "{ __typename }"}).encode()
    return body[:-1] + b" " * (size - len(body)) + b"}"


def broken_database_app() -> ASGIApp:
    """The app on a database that cannot be opened (no factory: it makes its own engine)."""
    settings = Settings(  # type: ignore[call-arg]
        database_url="sqlite+aiosqlite:////nonexistent-dir/x.db", _env_file=None
    )
    return create_app(settings)


# --- depth, aliases, tokens -----------------------------------------------------------------


async def test_a_query_as_deep_as_the_limit_is_served(
    session: AsyncSession, gql: GraphQLClient, settings: Settings
) -> None:
    # given
    token = await signed_in(session)
    # when
    result = await gql(nested_query(settings.max_query_depth), token=token)
    # then
    assert "errors" not in result
    assert result["data"]["viewer"]["organisation"]["roles"] == []


async def test_a_query_deeper_than_the_limit_is_refused_without_data(
    session: AsyncSession, gql: GraphQLClient, settings: Settings
) -> None:
    # given
    token = await signed_in(session)
    # when
    result = await gql(nested_query(settings.max_query_depth + 1), token=token)
    # then
    assert [error["message"] for error in result["errors"]] == [
        f"'Deep' exceeds maximum operation depth of {settings.max_query_depth}"
    ]
    assert result["data"] is None


async def test_introspection_cannot_nest_without_bound(gql: GraphQLClient) -> None:
    # given: the depth limiter skips introspection fields, so a cycle through
    # __Type.fields/type/ofType must be stopped by graphql-core's introspection depth rule
    inner = "name"
    for _ in range(4):
        inner = f"fields {{ type {{ ofType {{ ofType {{ ofType {{ {inner} }} }} }} }} }}"
    # when
    result = await gql(f'{{ __type(name: "Organisation") {{ {inner} }} }}')
    # then
    assert [error["message"] for error in result["errors"]] == [
        "Maximum introspection depth exceeded"
    ]
    assert result["data"] is None


async def test_as_many_aliases_as_the_limit_are_served(
    gql: GraphQLClient, settings: Settings
) -> None:
    # given
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(settings.max_aliases)) + " }"
    # when
    result = await gql(query)
    # then
    assert "errors" not in result
    assert len(result["data"]) == settings.max_aliases


async def test_more_aliases_than_the_limit_are_refused(
    gql: GraphQLClient, settings: Settings
) -> None:
    # given
    count = settings.max_aliases + 1
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"
    # when
    result = await gql(query)
    # then
    assert [error["message"] for error in result["errors"]] == [
        f"{count} aliases found. Allowed: {settings.max_aliases}"
    ]
    assert result["data"] is None


async def test_more_tokens_than_the_limit_are_refused_before_parsing_ends(
    gql: GraphQLClient, settings: Settings
) -> None:
    # given
    query = "{ " + "__typename " * settings.max_tokens + "}"
    # when
    result = await gql(query)
    # then
    assert [error["message"] for error in result["errors"]] == [
        f"Syntax Error: Document contains more than {settings.max_tokens} tokens. Parsing aborted."
    ]
    assert result["data"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ viewr { id } }", "Cannot query field 'viewr' on type 'Query'."),
        ("{ viewer { user { emial } } }", "Cannot query field 'emial' on type 'User'."),
    ],
)
async def test_an_unknown_field_gets_no_suggestion(
    gql: GraphQLClient, query: str, message: str
) -> None:
    # when
    result = await gql(query)
    # then
    assert [error["message"] for error in result["errors"]] == [message]
    assert "Did you mean" not in result["errors"][0]["message"]
    assert result["data"] is None


# --- the HTTP layer ---------------------------------------------------------------------------


async def test_a_mutation_over_get_is_refused_and_not_executed(
    session: AsyncSession, http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    # given
    token = await signed_in(session, organisation_admin=True)
    mutation = 'mutation { createRole(input: {name: "Via GET"}) { errors { code } } }'
    # when
    response = await http.get(
        "/graphql", params={"query": mutation}, headers={"Authorization": f"Bearer {token}"}
    )
    # then
    assert response.status_code == 400
    assert response.text == "mutations are not allowed when using GET"
    roles = await gql("{ viewer { organisation { roles { name } } } }", token=token)
    assert "errors" not in roles
    assert roles["data"]["viewer"]["organisation"]["roles"] == []


async def test_a_query_over_get_is_served(http: httpx.AsyncClient) -> None:
    # when
    response = await http.get("/graphql", params={"query": "{ __typename }"})
    # then
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_invalid_json_is_a_400_with_a_clear_message(http: httpx.AsyncClient) -> None:
    # when
    response = await http.post(
        "/graphql",
        content=b'{"query": "{ __typename }"',
        headers={"Content-Type": "application/json"},
    )
    # then
    assert response.status_code == 400
    assert response.text == "Unable to parse request body as JSON"


@pytest.mark.parametrize("body", [b'"{ __typename }"', b"5", b"null", b"true"])
async def test_json_that_is_not_an_object_is_a_400_not_a_500(
    http: httpx.AsyncClient, body: bytes
) -> None:
    # when
    response = await http.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    # then
    assert response.status_code == 400
    assert response.text == "The request body must be a JSON object."


async def test_a_batch_is_refused_with_400(http: httpx.AsyncClient) -> None:
    # when
    response = await http.post("/graphql", json=[{"query": "{ __typename }"}])
    # then
    assert response.status_code == 400
    assert response.text == "Batching is not enabled"


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/graphql", "application/x-www-form-urlencoded"]
)
async def test_a_body_of_another_content_type_is_a_400(
    http: httpx.AsyncClient, content_type: str
) -> None:
    # when
    response = await http.post(
        "/graphql",
        content=json.dumps({"query": "{ __typename }"}).encode(),
        headers={"Content-Type": content_type},
    )
    # then
    assert response.status_code == 400
    assert response.text == "Unsupported content type"


async def test_a_body_of_exactly_the_limit_is_served(
    http: httpx.AsyncClient, settings: Settings
) -> None:
    # given
    body = padded_body(settings.max_request_bytes)
    # when
    response = await http.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    # then
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_a_body_over_the_limit_is_a_413(http: httpx.AsyncClient, settings: Settings) -> None:
    # given
    body = padded_body(settings.max_request_bytes + 1)
    # when
    response = await http.post(
        "/graphql", content=body, headers={"Content-Type": "application/json"}
    )
    # then
    assert response.status_code == 413
    assert response.json() == {
        "errors": [{"message": f"Request body exceeds {settings.max_request_bytes} bytes."}]
    }


async def test_a_chunked_body_over_the_limit_is_a_413(
    http: httpx.AsyncClient, settings: Settings
) -> None:
    # given: no Content-Length, the body arrives in pieces
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(settings.max_request_bytes // 10_000 + 1):
            yield b" " * 10_000

    # when
    response = await http.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    # then
    assert response.status_code == 413


async def test_a_chunked_body_over_the_limit_is_a_413_over_real_http(
    live_server: LiveServer,
) -> None:
    # given: uvicorn, Transfer-Encoding: chunked, half as much again as the limit
    limit = live_server.settings.max_request_bytes

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(limit // 10_000 * 3 // 2):
            yield b" " * 10_000

    # when
    async with httpx.AsyncClient(base_url=live_server.base_url) as client:
        response = await client.post(
            "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
        )
    # then
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert response.status_code == 413
    assert response.json() == {"errors": [{"message": f"Request body exceeds {limit} bytes."}]}


async def test_a_small_chunked_body_is_served_over_real_http(live_server: LiveServer) -> None:
    # given
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": '
        yield b'"{ __typename }"}'

    # when
    async with httpx.AsyncClient(base_url=live_server.base_url) as client:
        response = await client.post(
            "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
        )
    # then
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("POST", "/graphql", b'{"query": "{ __typename }"}', 200),
        ("POST", "/graphql", b"{not json", 400),
        ("POST", "/graphql", b" " * 100_001, 413),
        ("GET", "/graphql?query=%7B__typename%7D", b"", 200),
        ("GET", "/healthz", b"", 200),
        ("GET", "/static/no-such-file.js", b"", 404),
        ("PUT", "/graphql", b"{}", 405),
    ],
)
async def test_every_response_carries_a_request_id(
    http: httpx.AsyncClient, method: str, path: str, body: bytes, status: int
) -> None:
    # when
    first = await http.request(
        method, path, content=body, headers={"Content-Type": "application/json"}
    )
    second = await http.request(
        method, path, content=body, headers={"Content-Type": "application/json"}
    )
    # then
    assert first.status_code == status
    assert REQUEST_ID.match(first.headers["x-request-id"])
    assert REQUEST_ID.match(second.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


# --- page size and cursors --------------------------------------------------------------------


@pytest.mark.parametrize("first", [101, -1])
async def test_a_page_size_out_of_range_is_bad_user_input(
    session: AsyncSession, gql: GraphQLClient, first: int
) -> None:
    # given
    token = await signed_in(session)
    # when
    result = await gql(
        "query($first: Int) { organisations(first: $first) { totalCount } }",
        {"first": first},
        token=token,
    )
    # then
    assert [(e["extensions"]["code"], e["path"]) for e in result["errors"]] == [
        ("BAD_USER_INPUT", ["organisations"])
    ]
    assert result["errors"][0]["message"] == "`first` must be between 0 and 100."
    assert result["data"] is None


async def test_a_page_of_the_largest_size_is_served(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given
    token = await signed_in(session)
    # when
    result = await gql("{ organisations(first: 100) { totalCount } }", token=token)
    # then
    assert "errors" not in result
    assert result["data"]["organisations"]["totalCount"] >= 1


def _b64(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


@pytest.mark.parametrize(
    "after",
    [
        pytest.param("garbage!!", id="not-base64"),
        pytest.param(_b64({"name": "x"}), id="not-a-list"),
        pytest.param(_b64(["only-one"]), id="wrong-width"),
        pytest.param(_b64(["Gemeente", "not-a-uuid"]), id="not-a-uuid"),
        pytest.param(base64.urlsafe_b64encode(b"\xff\xfe").decode(), id="not-utf8"),
    ],
)
async def test_a_cursor_we_did_not_hand_out_is_bad_user_input(
    session: AsyncSession, gql: GraphQLClient, after: str
) -> None:
    # given
    token = await signed_in(session)
    # when
    result = await gql(
        "query($after: String) { organisations(after: $after) { totalCount } }",
        {"after": after},
        token=token,
    )
    # then
    assert [(e["extensions"]["code"], e["message"]) for e in result["errors"]] == [
        ("BAD_USER_INPUT", "`after` is not a cursor from this connection.")
    ]
    assert result["data"] is None


@pytest.mark.parametrize(
    ("argument", "value", "codes"),
    [
        pytest.param("search", "Gemeente\x00", [], id="search"),
        pytest.param(
            "after",
            _b64(["Gemeente\x00", str(uuid.uuid4())]),
            ["BAD_USER_INPUT"],
            id="cursor",
        ),
    ],
)
async def test_a_nul_character_in_the_directory_arguments_is_no_internal_error(
    session: AsyncSession, gql: GraphQLClient, argument: str, value: str, codes: list[str]
) -> None:
    # given: PostgreSQL refuses NUL in a text parameter outright
    token = await signed_in(session)
    # when
    result = await gql(
        f"query($v: String) {{ organisations({argument}: $v) {{ totalCount }} }}",
        {"v": value},
        token=token,
    )
    # then
    assert [error["extensions"]["code"] for error in result.get("errors", [])] == codes
    assert (result["data"] is None) == bool(codes)


# --- unexpected errors and health ---------------------------------------------------------------


async def test_an_unexpected_error_is_masked_and_carries_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given
    transport = httpx.ASGITransport(app=broken_database_app())
    # when
    with caplog.at_level(logging.ERROR, logger="samen.graphql"):
        async with httpx.AsyncClient(transport=transport, base_url="http://samen.test") as client:
            response = await client.post(
                "/graphql",
                json={"query": VIEWER_EMAIL},
                headers={"Authorization": "Bearer samen_" + "a" * 43},
            )
    # then
    assert response.status_code == 200
    body = response.json()
    request_id = response.headers["x-request-id"]
    [error] = body["errors"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert error["message"] == (f"Internal error; quote request id {request_id} when reporting it.")
    assert error["path"] == ["viewer"]
    assert body["data"] is None
    # the real error is logged, tied to the same request id
    [record] = [r for r in caplog.records if r.name == "samen.graphql"]
    assert request_id in record.getMessage()
    assert record.exc_info is not None


async def test_healthz_reports_ok(http: httpx.AsyncClient) -> None:
    # when
    response = await http.get("/healthz")
    # then
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_healthz_is_503_when_the_database_is_unreachable() -> None:
    # given
    transport = httpx.ASGITransport(app=broken_database_app())
    # when
    async with httpx.AsyncClient(transport=transport, base_url="http://samen.test") as client:
        response = await client.get("/healthz")
    # then
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


# --- anonymous callers --------------------------------------------------------------------------

Credential = Callable[[AsyncSession], Awaitable[str | None]]


async def _no_header(session: AsyncSession) -> str | None:
    return None


async def _unknown_token(session: AsyncSession) -> str | None:
    return f"Bearer {auth.TOKEN_PREFIX}{uuid.uuid4().hex}{uuid.uuid4().hex[:11]}"


async def _revoked_token(session: AsyncSession) -> str | None:
    organisation = await make_organisation(session)
    user = await make_user(session, organisation)
    token = await make_token(session, user)
    await auth.revoke_tokens(session, email=user.email)
    await session.commit()
    return f"Bearer {token}"


async def _expired_token(session: AsyncSession) -> str | None:
    organisation = await make_organisation(session)
    user = await make_user(session, organisation)
    token = await auth.create_token(session, email=user.email, expires_in=timedelta(seconds=-1))
    await session.commit()
    return f"Bearer {token}"


async def _not_bearer(session: AsyncSession) -> str | None:
    return "Basic " + base64.b64encode(b"beheerder:geheim").decode()


async def _bearer_without_token(session: AsyncSession) -> str | None:
    return "Bearer "


async def _overlong_token(session: AsyncSession) -> str | None:
    return f"Bearer {auth.TOKEN_PREFIX}{'a' * 500}"


@pytest.mark.parametrize(
    "credential",
    [
        pytest.param(_no_header, id="no-token"),
        pytest.param(_unknown_token, id="unknown-token"),
        pytest.param(_revoked_token, id="revoked-token"),
        pytest.param(_expired_token, id="expired-token"),
        pytest.param(_not_bearer, id="basic-auth"),
        pytest.param(_bearer_without_token, id="empty-bearer"),
        pytest.param(_overlong_token, id="overlong-token"),
    ],
)
async def test_without_a_valid_token_the_viewer_is_unauthenticated_without_a_hint_why(
    session: AsyncSession, http: httpx.AsyncClient, credential: Credential
) -> None:
    # given
    authorization = await credential(session)
    headers = {"Authorization": authorization} if authorization is not None else {}
    # when
    response = await http.post("/graphql", json={"query": VIEWER_EMAIL}, headers=headers)
    # then: exactly what a caller without any token gets
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == [
        {
            "message": "Sign in: send a valid token as 'Authorization: Bearer <token>'.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["viewer"],
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ]
    assert body["data"] is None


async def test_the_same_token_works_until_it_is_revoked(
    session: AsyncSession, gql: GraphQLClient
) -> None:
    # given: the control for the revoked case above: the token was good before
    organisation = await make_organisation(session)
    user = await make_user(session, organisation, email="revoke-me@test.example")
    token = await make_token(session, user)
    await session.commit()
    before = await gql(VIEWER_EMAIL, token=token)
    # when
    await auth.revoke_tokens(session, email=user.email)
    await session.commit()
    after = await gql(VIEWER_EMAIL, token=token)
    # then
    assert "errors" not in before
    assert before["data"]["viewer"]["user"]["email"] == "revoke-me@test.example"
    assert [e["extensions"]["code"] for e in after["errors"]] == ["UNAUTHENTICATED"]
    assert after["data"] is None


async def test_introspection_works_without_a_token(gql: GraphQLClient) -> None:
    # when
    result = await gql("{ __schema { queryType { name } mutationType { name } } }")
    # then
    assert "errors" not in result
    assert result["data"]["__schema"] == {
        "queryType": {"name": "Query"},
        "mutationType": {"name": "Mutation"},
    }
