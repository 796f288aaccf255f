"""GraphQL over WebSocket: graphql-transport-ws only, signed in with ``connection_init``.

The schema has no Subscription type yet; single-result operations over the socket show that
the connection's sign-in is what later operations run as.
"""

import asyncio
import json
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from tests.conftest import LiveServer

PROTOCOL = Subprotocol("graphql-transport-ws")
ADMIN = "beheerder@voorbeeldstad.example"
TIMEOUT = 5


def ws_url(live_server: LiveServer) -> str:
    return live_server.base_url.replace("http://", "ws://", 1) + "/graphql"


async def receive(ws: ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(TIMEOUT):
        message: dict[str, Any] = json.loads(await ws.recv())
    return message


async def close_code_after(ws: ClientConnection, message: dict[str, Any]) -> tuple[int, str]:
    """Send ``message`` and return the code and reason the server closes with."""
    await ws.send(json.dumps(message))
    with pytest.raises(ConnectionClosed) as closed:
        async with asyncio.timeout(TIMEOUT):
            await ws.recv()
    assert closed.value.rcvd is not None, "the client, not the server, closed the connection"
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def test_connection_init_with_a_valid_token_is_acknowledged(
    live_server: LiveServer,
) -> None:
    # given
    token = live_server.tokens[ADMIN]
    async with connect(ws_url(live_server), subprotocols=[PROTOCOL], open_timeout=TIMEOUT) as ws:
        # when
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        ack = await receive(ws)
        # then
        assert ws.subprotocol == PROTOCOL
        assert ack["type"] == "connection_ack"


async def test_operations_on_the_socket_run_as_the_signed_in_user(
    live_server: LiveServer,
) -> None:
    # given
    token = live_server.tokens[ADMIN]
    async with connect(ws_url(live_server), subprotocols=[PROTOCOL], open_timeout=TIMEOUT) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        assert (await receive(ws))["type"] == "connection_ack"
        # when: two operations, so the session of the first is not what the second relies on
        results = []
        for operation_id in ("1", "2"):
            await ws.send(
                json.dumps(
                    {
                        "id": operation_id,
                        "type": "subscribe",
                        "payload": {"query": "{ viewer { user { email } } }"},
                    }
                )
            )
            results.append((await receive(ws), await receive(ws)))
        # then
        for operation_id, (result, complete) in zip(("1", "2"), results, strict=True):
            assert "errors" not in result["payload"]
            assert result == {
                "id": operation_id,
                "type": "next",
                "payload": {"data": {"viewer": {"user": {"email": ADMIN}}}},
            }
            assert complete == {"id": operation_id, "type": "complete"}


@pytest.mark.parametrize(
    "init",
    [
        pytest.param(
            {"type": "connection_init", "payload": {"Authorization": "Bearer samen_" + "x" * 43}},
            id="unknown-token",
        ),
        pytest.param(
            {"type": "connection_init", "payload": {"Authorization": "samen_" + "x" * 43}},
            id="not-bearer",
        ),
        pytest.param(
            {"type": "connection_init", "payload": {"Authorization": 42}}, id="not-a-string"
        ),
        pytest.param({"type": "connection_init", "payload": {}}, id="empty-payload"),
        pytest.param({"type": "connection_init"}, id="no-payload"),
    ],
)
async def test_connection_init_without_a_valid_token_is_closed_with_4403(
    live_server: LiveServer, init: dict[str, Any]
) -> None:
    # given
    async with connect(ws_url(live_server), subprotocols=[PROTOCOL], open_timeout=TIMEOUT) as ws:
        # when
        code, reason = await close_code_after(ws, init)
    # then
    assert (code, reason) == (4403, "Forbidden")


async def test_an_operation_before_connection_init_is_closed_with_4401(
    live_server: LiveServer,
) -> None:
    # given
    async with connect(ws_url(live_server), subprotocols=[PROTOCOL], open_timeout=TIMEOUT) as ws:
        # when
        code, reason = await close_code_after(
            ws, {"id": "1", "type": "subscribe", "payload": {"query": "{ __typename }"}}
        )
    # then
    assert (code, reason) == (4401, "Unauthorized")


@pytest.mark.parametrize(
    "subprotocols",
    [
        pytest.param([Subprotocol("graphql-ws")], id="legacy-graphql-ws"),
        pytest.param(None, id="none"),
    ],
)
async def test_other_subprotocols_are_closed_with_4406(
    live_server: LiveServer, subprotocols: list[Subprotocol] | None
) -> None:
    # given: the handshake itself succeeds, but no subprotocol is agreed on
    async with connect(ws_url(live_server), subprotocols=subprotocols, open_timeout=TIMEOUT) as ws:
        # when: the server closes without waiting for connection_init
        with pytest.raises(ConnectionClosed) as closed:
            async with asyncio.timeout(TIMEOUT):
                await ws.recv()
    # then
    assert ws.subprotocol is None
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (
        4406,
        "Subprotocol not acceptable",
    )
