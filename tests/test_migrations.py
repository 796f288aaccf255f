"""The Alembic migrations build exactly the tables the models describe, and run both ways."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from samen.db import Base
from samen.migrate import alembic_config


async def test_migrations_match_the_models(engine: AsyncEngine) -> None:
    # given: the engine fixture migrated this database to head
    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    # when
    async with engine.connect() as connection:
        differences = await connection.run_sync(diff)
    # then
    assert differences == []


async def test_migrations_downgrade_to_nothing_and_back(engine: AsyncEngine) -> None:
    # given
    def tables(connection: Connection) -> set[str]:
        return set(connection.dialect.get_table_names(connection)) - {"alembic_version"}

    # when
    async with engine.begin() as connection:
        await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "base"))
        emptied = await connection.run_sync(tables)
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
        rebuilt = await connection.run_sync(tables)
    # then
    assert emptied == set()
    assert rebuilt == set(Base.metadata.tables)
