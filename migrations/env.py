"""Alembic environment: runs on the connection Samen hands it (see samen/migrate.py).

For `alembic revision --autogenerate` from the command line it connects by itself, to
SAMEN_DATABASE_URL (default: the SQLite file of the embedded setup).
"""

import asyncio

from alembic import context
from sqlalchemy import Connection

import samen.models  # noqa: F401  (registers every table on the metadata)
from samen.config import get_settings
from samen.db import Base, create_engine

target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_standalone() -> None:
    engine = create_engine(get_settings().database_url)
    async with engine.begin() as connection:
        await connection.run_sync(run_on)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    asyncio.run(run_standalone())
