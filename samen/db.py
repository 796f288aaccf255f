"""The declarative base, engines and sessions."""

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from samen.config import Settings

log = logging.getLogger("samen.db")
T = TypeVar("T")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on both databases (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


def utcnow() -> datetime:
    return datetime.now(UTC)


def create_engine(database_url: str, **kwargs: Any) -> AsyncEngine:
    """An engine for SQLite (foreign keys on) or PostgreSQL."""
    engine = create_async_engine(database_url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
    return engine


def engine_from_settings(settings: Settings) -> AsyncEngine:
    return create_engine(settings.database_url, pool_pre_ping=not settings.is_sqlite)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; let SQLAlchemy
    # emit BEGIN itself (the recipe of SQLAlchemy's SQLite dialect documentation).
    dbapi_connection.isolation_level = None


def _sqlite_on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


class LockedAsyncSession(AsyncSession):
    """An AsyncSession that one request's concurrently running resolvers can share.

    graphql-core resolves sibling fields concurrently, and an AsyncSession must never run two
    statements at once; the lock serialises them (as OS2mo's AsyncSessionWithLock does).
    ``scalars`` goes through ``execute`` and so is covered too.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = asyncio.Lock()

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        async with self._lock:
            return await super().execute(*args, **kwargs)

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        async with self._lock:
            return await super().scalar(*args, **kwargs)

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        async with self._lock:
            return await super().get(*args, **kwargs)

    async def flush(self, *args: Any, **kwargs: Any) -> None:
        async with self._lock:
            await super().flush(*args, **kwargs)

    async def commit(self) -> None:
        async with self._lock:
            await super().commit()

    async def rollback(self) -> None:
        async with self._lock:
            await super().rollback()

    async def refresh(self, *args: Any, **kwargs: Any) -> None:
        async with self._lock:
            await super().refresh(*args, **kwargs)


SessionFactory = async_sessionmaker[AsyncSession]

# PostgreSQL: serialization_failure, deadlock_detected.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})
RETRIES = 3


def is_transient(error: BaseException) -> bool:
    """A conflict with a concurrent transaction that the same work, run again, may not meet."""
    if not isinstance(error, DBAPIError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None)
    # SQLite refuses a write whose snapshot another writer has overtaken ("database is locked").
    return sqlstate in TRANSIENT_SQLSTATES or "database is locked" in str(error.orig)


async def retry_transient(attempt: Callable[[], Awaitable[T]], *, retries: int = RETRIES) -> T:
    """Run ``attempt`` (which must roll back on failure), again when it lost a race."""
    for number in range(1, retries + 1):
        try:
            return await attempt()
        except DBAPIError as error:
            if number == retries or not is_transient(error):
                raise
            log.info("transaction conflict, attempt %d of %d: %s", number, retries, error.orig)
            await asyncio.sleep(0.01 * 2**number)
    raise AssertionError("unreachable")


def session_factory(bind: Any, **kwargs: Any) -> SessionFactory:
    """Sessions that keep loaded objects usable after commit and share safely within a request."""
    return async_sessionmaker(
        bind=bind, class_=LockedAsyncSession, expire_on_commit=False, **kwargs
    )


@asynccontextmanager
async def transaction(factory: SessionFactory) -> AsyncIterator[AsyncSession]:
    """A session whose work is committed on success and rolled back on any error."""
    async with factory() as session, session.begin():
        yield session
