"""Fixtures: both databases, a transaction per test, the app over HTTP, a live server.

Every test that asks for ``session`` or ``client`` runs on SQLite *and* PostgreSQL
(``engine`` is parametrised). Each test runs inside a transaction that is rolled back at the
end; the app under test joins it through savepoints, so commits in requests stay visible to the
test and vanish afterwards.
"""

import asyncio
import os
import socket
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from samen.app import create_app
from samen.config import Settings
from samen.db import SessionFactory, create_engine, engine_from_settings, session_factory
from samen.migrate import upgrade_to_head
from samen.services import demo

# The SMTP server fixtures (aiosmtpd), for every test directory.
pytest_plugins = ["tests.smtp"]

POSTGRES_ADMIN_URL = os.environ.get(
    "SAMEN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


async def _create_postgres_database() -> str:
    """A fresh database on the local PostgreSQL; its SQLAlchemy URL."""
    name = f"samen_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        message = f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {error}"
        if IN_CI:
            pytest.fail(message + " (CI must test PostgreSQL; `make test` starts it)")
        pytest.skip(message)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = make_url(POSTGRES_ADMIN_URL).set(drivername="postgresql+asyncpg", database=name)
    return url.render_as_string(hide_password=False)


async def _drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'samen.db'}"
        return
    url = await _create_postgres_database()
    yield url
    await _drop_postgres_database(url)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await upgrade_to_head(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        await transaction.rollback()


@pytest.fixture
def factory(connection: AsyncConnection) -> SessionFactory:
    """Sessions that join the test's transaction; their commits become savepoints."""
    return session_factory(connection, join_transaction_mode="create_savepoint")


@pytest.fixture
async def session(factory: SessionFactory) -> AsyncIterator[AsyncSession]:
    async with factory() as session:
        yield session


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, _env_file=None)  # type: ignore[call-arg]


@dataclass
class GraphQLClient:
    """Posts GraphQL over HTTP to the app under test."""

    http: httpx.AsyncClient

    async def __call__(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture
async def http(settings: Settings, factory: SessionFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, factory)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://samen.test") as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)


class SQLCounter:
    """Counts the SQL statements sent while it is active.

    Savepoint statements are left out: they come from the test's rolled-back transaction,
    not from the code under test.
    """

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.active = False

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if self.active and "SAVEPOINT" not in statement.upper():
            self.statements.append(statement)

    def __enter__(self) -> "SQLCounter":
        self.statements.clear()
        self.active = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.active = False

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_sql(engine: AsyncEngine) -> Iterator[SQLCounter]:
    counter = SQLCounter()
    event.listen(engine.sync_engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine.sync_engine, "before_cursor_execute", counter)


# --- a real server over real HTTP ----------------------------------------------------------


@dataclass
class LiveServer:
    base_url: str
    tokens: dict[str, str]
    settings: Settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
async def live_server(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveServer]:
    """uvicorn on a free port, in a thread, on a fresh SQLite file seeded with the demo."""
    path: Path = tmp_path_factory.mktemp("live") / "samen.db"
    port = _free_port()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{path}",
        base_url=f"http://127.0.0.1:{port}",
    )
    engine = engine_from_settings(settings)
    await upgrade_to_head(engine)
    async with session_factory(engine)() as session:
        tokens = await demo.seed_demo(session)
        await session.commit()
    await engine.dispose()

    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("the live server did not start")
    yield LiveServer(base_url=settings.base_url, tokens=tokens, settings=settings)
    server.should_exit = True
    await asyncio.to_thread(thread.join, 10)
