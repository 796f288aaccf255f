"""The ``samen`` console script, run for real in a subprocess on a throwaway SQLite file."""

import asyncio
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Executable, func, select, text

from samen import models
from samen.db import create_engine, session_factory
from samen.migrate import alembic_config, upgrade_to_head
from samen.permissions.standing import Standing
from samen.services import auth, demo

SAMEN = Path(sys.executable).parent / "samen"
COMMITTED_SCHEMA = Path(__file__).resolve().parent.parent / "schema.graphql"
ADMIN = "beheerder@voorbeeldstad.example"
DEMO_EMAILS = {user.email for org in demo.DEMO_ORGANISATIONS for user in org.users}
TOKEN_LINE = re.compile(r"^\s+(?P<email>\S+@\S+)\s+(?P<token>samen_\S+)$", re.MULTILINE)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@dataclass
class Database:
    path: Path

    @property
    def url(self) -> str:
        return f"sqlite+aiosqlite:///{self.path}"

    async def authenticate(self, token: str) -> Standing | None:
        engine = create_engine(self.url)
        try:
            async with session_factory(engine)() as session:
                return await auth.authenticate(session, token)
        finally:
            await engine.dispose()

    async def scalar(self, statement: Executable) -> object:
        engine = create_engine(self.url)
        try:
            async with engine.connect() as connection:
                return await connection.scalar(statement)
        finally:
            await engine.dispose()


async def samen(database: Database, *args: str) -> Run:
    """``samen ARGS`` with ``SAMEN_DATABASE_URL`` set, from a directory with no ``.env``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMEN_")}
    env["SAMEN_DATABASE_URL"] = database.url
    process = await asyncio.create_subprocess_exec(
        str(SAMEN),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
        cwd=database.path.parent,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return Run(process.returncode, stdout.decode(), stderr.decode())


@pytest.fixture
def database(tmp_path: Path) -> Database:
    """A path for a SQLite file that does not exist yet."""
    return Database(tmp_path / "samen.db")


@pytest.fixture
async def demo_database(database: Database) -> Database:
    """The demo seeded in-process (faster than a subprocess), for commands that need users."""
    engine = create_engine(database.url)
    await upgrade_to_head(engine)
    async with session_factory(engine)() as session:
        await demo.seed_demo(session)
        await session.commit()
    await engine.dispose()
    return database


def test_the_console_script_is_installed() -> None:
    assert SAMEN.is_file(), f"{SAMEN} missing: `pip install -e .` installs it"


async def test_migrate_brings_a_new_database_to_head_and_is_idempotent(
    database: Database,
) -> None:
    # given
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    # when
    first = await samen(database, "migrate")
    second = await samen(database, "migrate")
    # then
    assert (first.code, second.code) == (0, 0), first.stderr + second.stderr
    assert f"database at head: {database.url}" in first.stderr
    assert await database.scalar(text("SELECT version_num FROM alembic_version")) == head


async def test_demo_twice_prints_a_fresh_token_per_demo_user_and_adds_nothing_else(
    database: Database,
) -> None:
    # when
    first = await samen(database, "demo")
    second = await samen(database, "demo")
    # then
    assert (first.code, second.code) == (0, 0), first.stderr + second.stderr
    first_tokens = {m["email"]: m["token"] for m in TOKEN_LINE.finditer(first.stdout)}
    second_tokens = {m["email"]: m["token"] for m in TOKEN_LINE.finditer(second.stdout)}
    assert set(first_tokens) == set(second_tokens) == DEMO_EMAILS
    assert set(first_tokens.values()).isdisjoint(second_tokens.values())
    for email in DEMO_EMAILS:
        now = await database.authenticate(second_tokens[email])
        assert now is not None
        assert now.email == email
        # `samen demo` revokes the demo tokens it printed before
        assert await database.authenticate(first_tokens[email]) is None
    organisations = select(func.count()).select_from(models.Organisation)
    users = select(func.count()).select_from(models.User)
    assert await database.scalar(organisations) == len(demo.DEMO_ORGANISATIONS)
    assert await database.scalar(users) == len(DEMO_EMAILS)


async def test_token_create_prints_only_a_token_and_that_token_signs_in(
    demo_database: Database,
) -> None:
    # when
    run = await samen(demo_database, "token", "create", "--email", ADMIN)
    # then
    assert run.code == 0, run.stderr
    [token] = run.stdout.splitlines()
    assert run.stdout == token + "\n"
    assert token.startswith(auth.TOKEN_PREFIX)
    standing = await demo_database.authenticate(token)
    assert standing is not None
    assert standing.email == ADMIN
    assert standing.is_organisation_admin


async def test_token_create_for_an_unknown_email_fails_with_a_clear_message(
    demo_database: Database,
) -> None:
    # when
    run = await samen(demo_database, "token", "create", "--email", "nobody@x.example")
    # then
    assert run.code == 1
    assert run.stdout == ""
    assert "no user with email 'nobody@x.example'" in run.stderr
    assert "Traceback" not in run.stderr


async def test_token_revoke_makes_the_token_stop_working(demo_database: Database) -> None:
    # given
    created = await samen(demo_database, "token", "create", "--email", ADMIN)
    token = created.stdout.strip()
    assert await demo_database.authenticate(token) is not None
    # when
    run = await samen(demo_database, "token", "revoke", "--email", ADMIN)
    # then: the demo token and the new one
    assert run.code == 0, run.stderr
    assert f"revoked 2 token(s) of {ADMIN}" in run.stderr
    assert await demo_database.authenticate(token) is None


async def test_token_revoke_for_an_unknown_email_fails_with_a_clear_message(
    demo_database: Database,
) -> None:
    # when
    run = await samen(demo_database, "token", "revoke", "--email", "nobody@x.example")
    # then
    assert run.code == 1
    assert "no user with email 'nobody@x.example'" in run.stderr


async def test_committed_schema_matches_the_code(database: Database) -> None:
    # given
    committed = await asyncio.to_thread(COMMITTED_SCHEMA.read_text, encoding="utf-8")
    # when
    run = await samen(database, "export-schema")
    # then
    assert run.code == 0, run.stderr
    assert run.stdout == committed, (
        "schema.graphql is out of date: run `samen export-schema > schema.graphql`"
    )
