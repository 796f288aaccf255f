"""The ASGI application: /graphql (HTTP and WebSocket), /healthz, GraphiQL's assets."""

import asyncio
import contextlib
import gc
import logging
import uuid
from collections.abc import AsyncIterator

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from samen import graphiql
from samen.config import Settings
from samen.context import Context, bearer_token
from samen.db import SessionFactory, engine_from_settings, session_factory
from samen.events.mail import MailSender
from samen.invitations import invitation_routes
from samen.schema import build_schema

log = logging.getLogger("samen.app")

GC_THRESHOLDS = (100_000, 50, 1000)


class SamenGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with Samen's context, WebSocket sign-in and offline GraphiQL."""

    def __init__(
        self, settings: Settings, factory: SessionFactory, mail_sender: MailSender | None = None
    ) -> None:
        super().__init__(
            build_schema(settings),
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings
        self.factory = factory
        self.mail_sender = mail_sender

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        return Context(
            settings=self.settings,
            session_factory=self.factory,
            request_id=request.scope.get("state", {}).get("request_id", "-"),
            authorization=request.headers.get("authorization"),
            mail_sender=self.mail_sender,
        )

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        # Strawberry calls `.get` on whatever JSON came: `5`, `"x"` or `null` would be a 500.
        if request.method == "POST":
            content_type, _ = parse_content_type(request.content_type or "")
            if "application/json" in content_type and not isinstance(
                self.parse_json(await request.get_body()), dict | list
            ):
                raise HTTPException(400, "The request body must be a JSON object.")
        return await super().parse_http_body(request)

    async def on_ws_connect(self, context: Context) -> dict[str, object] | None:
        """graphql-transport-ws signs in with ``connection_init``'s ``Authorization``."""
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        authorization = params.get("Authorization") or params.get("authorization")
        context.authorization = authorization if isinstance(authorization, str) else None
        try:
            standing = await context.standing() if bearer_token(context.authorization) else None
        finally:
            await context.close()
        if standing is None:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED"})
        return None

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(graphiql.render_page())


class RequestGuard:
    """Gives every request an id (``X-Request-ID``) and refuses oversized bodies with 413.

    The body is read up front so that the limit holds however it is sent (also chunked);
    GraphQL bodies are small, so nothing is lost by not streaming them.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return
        body, too_large = await self._read_body(receive)
        if too_large:
            response = JSONResponse(
                {"errors": [{"message": f"Request body exceeds {self.max_body} bytes."}]},
                status_code=413,
            )
            await response(scope, receive, send_with_id)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_id)

    async def _read_body(self, receive: Receive) -> tuple[bytes, bool]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"", False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), False


def tune_garbage_collector() -> None:
    """Fewer, cheaper collections for a server whose requests build large, short-lived trees.

    A big GraphQL answer allocates ~10^5 objects that live just long enough to be promoted, so
    CPython's default thresholds (700, 10, 10) set off full collections in most requests; in
    bench/catalogue more than half of a request's time went there. Objects alive at start-up
    (modules, the schema) are frozen out of every later collection.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def create_app(settings: Settings, factory: SessionFactory | None = None) -> ASGIApp:
    """The application; ``factory`` lets tests bind it to their own connection."""
    engine = None
    if factory is None:
        engine = engine_from_settings(settings)
        factory = session_factory(engine)
    session_maker: SessionFactory = factory
    mail_sender = MailSender(settings, session_maker)

    async def healthz(request: Request) -> Response:
        try:
            async with session_maker() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: database unreachable")
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, 503)
        return JSONResponse({"status": "ok", "database": "ok"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if engine is not None:
            tune_garbage_collector()
        stop = asyncio.Event()
        # Only when the app owns its database: tests that hand in a factory bound to their
        # own transaction drive the sender themselves.
        delivering = asyncio.create_task(mail_sender.run(stop)) if engine is not None else None
        try:
            yield
        finally:
            stop.set()
            if delivering is not None:
                await delivering  # finishes the round in progress
            if engine is not None:
                await engine.dispose()

    graphql_app = SamenGraphQL(settings, session_maker, mail_sender)
    app = Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql_app),
            Route("/healthz", healthz, methods=["GET"]),
            *invitation_routes(session_maker),
            Mount("/static", graphiql.static_files(settings), name="static"),
        ],
        lifespan=lifespan,
    )
    return RequestGuard(app, settings.max_request_bytes)
