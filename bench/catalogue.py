"""GraphQL against hand-written SQL for one catalogue page, over real HTTP, in one run.

Seeds a fresh database with 1,000 published zaaktypen of 10 statuses (all but the first handled
by a role, with a two-item checklist; two result types); serves the real app and a plain Starlette
endpoint that builds the same ``{"data": ...}`` JSON from hand-written SQL (SQLAlchemy Core), each
under uvicorn in a process of its own on 127.0.0.1; exits 1 unless both answer equal JSON. Then
httpx drives both (a warm-up, then ``--requests`` each at ``--concurrency``, in four interleaved
rounds, for at most ``--max-seconds`` each) and prints requests/s, p50/p99 latency, the
GraphQL/baseline ratios and the SQL statements of one request to each app (counted in this
process by ``before_cursor_execute``; SQLite's BEGIN left out).

    .venv/bin/python -m bench.catalogue      # a temporary SQLite file
    .venv/bin/python -m bench.catalogue --database-url \\
        postgresql+asyncpg://postgres@127.0.0.1:5432/samen_bench

``--database-url`` names a PostgreSQL database that must not exist yet: the run creates it and
drops it at the end. Seeding bulk-inserts ORM rows in the shape the services leave (published:
not a concept, ``frozen_at`` set, a Publication; no audit entries); through the services one call
at a time, 1,000 zaaktypen took 60 s on SQLite.
"""

import argparse
import asyncio
import multiprocessing
import os
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from sqlalchemy import event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from samen import models
from samen.app import create_app
from samen.config import Settings
from samen.context import bearer_token
from samen.db import Base, create_engine, engine_from_settings, session_factory, utcnow
from samen.migrate import upgrade_to_head
from samen.services import auth, rules

QUERY = (
    '{ zaaktypen(first: 100) { edges { node { name live(environment: "productie") {'
    " statuses { name handler { kind role { name } } checklist { text } }"
    " resultTypes { name } } } } } }"
)
PAGE_SIZE = 100
ENVIRONMENT = "productie"
ROUNDS = 4


def settings_for(database_url: str) -> Settings:
    return Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]


async def seed(engine: AsyncEngine, zaaktypen: int, statuses: int) -> str:
    """One organisation with ``zaaktypen`` published zaaktypen; return its admin's API token."""
    async with session_factory(engine)() as session:
        environments = enumerate(models.DEFAULT_ENVIRONMENTS)
        organisation = models.Organisation(
            name="Gemeente Bench",
            oin="0" * 20,
            environments=[models.Environment(name=n, position=i) for i, n in environments],
        )
        session.add(organisation)
        await session.flush()
        admin = models.User(
            organisation_id=organisation.id,
            email="admin@bench.test",
            name="Bench admin",
            is_zaaktype_admin=True,
        )
        role = models.Role(organisation_id=organisation.id, name="Behandelaar")
        folder = models.Folder(organisation_id=organisation.id, name="Bench")
        session.add_all([admin, role, folder])
        await session.flush()
        token = await auth.create_token(session, email=admin.email, description="bench")
        for first in range(0, zaaktypen, 100):
            batch = range(first, min(first + 100, zaaktypen))
            rows = [published(number, statuses, folder, role, admin) for number in batch]
            # No relationship() tells the unit of work the order of the tables: parents first.
            for layer in zip(*rows, strict=True):
                session.add_all(row for of_one_zaaktype in layer for row in of_one_zaaktype)
                await session.flush()
            await session.commit()
            session.expunge_all()
            print(f"seeded {batch.stop}/{zaaktypen} zaaktypen", file=sys.stderr)
    return token


def published(
    number: int, statuses: int, folder: models.Folder, role: models.Role, admin: models.User
) -> tuple[list[Base], ...]:
    """A zaaktype as publish_zaaktype leaves it, in layers that reference only earlier ones."""
    now = utcnow()
    zaaktype = models.Zaaktype(
        id=uuid.uuid4(),
        organisation_id=folder.organisation_id,
        folder_id=folder.id,
        identification=f"ZT-{number:04d}",
    )
    version = models.ZaaktypeVersion(
        id=uuid.uuid4(),
        zaaktype_id=zaaktype.id,
        number=1,
        name=f"Zaaktype {number:04d}",
        coordinating_role_id=role.id,
        is_concept=False,
        frozen_at=now,
    )
    steps = [
        models.StatusType(
            id=uuid.uuid4(),
            version_id=version.id,
            sequence=sequence,
            name=f"Status {sequence}",
            handler_kind=models.HandlerKind.ROLE if sequence > 1 else models.HandlerKind.NONE,
            handler_role_id=role.id if sequence > 1 else None,
        )
        for sequence in range(1, statuses + 1)
    ]
    results = [
        models.ResultType(version_id=version.id, position=position, name=name)
        for position, name in enumerate(("Verleend", "Geweigerd"))
    ]
    if problems := rules.configuration_problems(version, steps, len(results)):
        raise RuntimeError(f"publish_zaaktype would refuse this seed: {problems}")
    publication = models.Publication(
        zaaktype_id=zaaktype.id,
        version_id=version.id,
        environment=ENVIRONMENT,
        published_at=now,
        published_by_id=admin.id,
        published_by_email=admin.email,
    )
    checklist: list[Base] = [
        models.ChecklistItem(status_type_id=step.id, position=p, text=f"Controle {p + 1}")
        for step in steps[1:]
        for p in range(2)
    ]
    return [zaaktype], [version], [*steps, *results, publication], checklist


def baseline_app(engine: AsyncEngine) -> Starlette:
    """POST /graphql answers QUERY (whatever the body says) with four hand-written statements."""
    zaaktype, version, publication = models.Zaaktype, models.ZaaktypeVersion, models.Publication
    status, item, result = models.StatusType, models.ChecklistItem, models.ResultType
    newest_name = (
        select(version.name)
        .where(version.zaaktype_id == zaaktype.id)
        .order_by(version.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    live_version = (
        select(publication.version_id)
        .where(publication.zaaktype_id == zaaktype.id, publication.environment == ENVIRONMENT)
        .order_by(publication.id.desc())
        .limit(1)
        .scalar_subquery()
    )

    async def zaaktypen(request: Request) -> JSONResponse:
        token = auth.hash_token(bearer_token(request.headers.get("authorization")) or "")
        async with engine.connect() as connection:
            organisation_id = await connection.scalar(
                select(models.User.organisation_id)
                .join(models.ApiToken, models.ApiToken.user_id == models.User.id)
                .where(
                    models.ApiToken.token_hash == token,
                    models.ApiToken.revoked_at.is_(None),
                    models.ApiToken.expires_at.is_(None) | (models.ApiToken.expires_at > utcnow()),
                )
            )
            if organisation_id is None:
                return JSONResponse({"errors": [{"message": "Sign in first."}]}, 401)
            page = await connection.execute(
                select(newest_name, live_version)
                .where(zaaktype.organisation_id == organisation_id)
                .order_by(zaaktype.identification, zaaktype.id)
                .limit(PAGE_SIZE)
            )
            nodes = [(name, live_id) for name, live_id in page]
            live_ids = [live_id for _, live_id in nodes if live_id is not None]
            rows = await connection.execute(
                select(status.version_id, status.id, status.name, status.handler_kind)
                .add_columns(models.Role.name, item.text)
                .outerjoin(models.Role, models.Role.id == status.handler_role_id)
                .outerjoin(item, item.status_type_id == status.id)
                .where(status.version_id.in_(live_ids))
                .order_by(status.version_id, status.sequence, item.position)
            )
            live: dict[uuid.UUID, dict[str, list[Any]]] = defaultdict(
                lambda: {"statuses": [], "resultTypes": []}
            )
            by_id: dict[uuid.UUID, dict[str, Any]] = {}
            for version_id, status_id, name, kind, role_name, text in rows:
                if status_id not in by_id:
                    role = {"name": role_name} if role_name is not None else None
                    handler = {"kind": kind.name, "role": role}
                    by_id[status_id] = {"name": name, "handler": handler, "checklist": []}
                    live[version_id]["statuses"].append(by_id[status_id])
                if text is not None:
                    by_id[status_id]["checklist"].append({"text": text})
            for version_id, name in await connection.execute(
                select(result.version_id, result.name)
                .where(result.version_id.in_(live_ids))
                .order_by(result.version_id, result.position)
            ):
                live[version_id]["resultTypes"].append({"name": name})
        edges = [
            {"node": {"name": name, "live": None if live_id is None else live[live_id]}}
            for name, live_id in nodes
        ]
        return JSONResponse({"data": {"zaaktypen": {"edges": edges}}})

    return Starlette(routes=[Route("/graphql", zaaktypen, methods=["POST"])])


def serve(kind: str, database_url: str, port: int) -> None:
    """A server process: uvicorn with the real app or the baseline, on the same engine setup."""
    settings = settings_for(database_url)
    app: ASGIApp = (
        create_app(settings) if kind == "graphql" else baseline_app(engine_from_settings(settings))
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


@asynccontextmanager
async def serving(kind: str, database_url: str) -> AsyncIterator[str]:
    """``serve`` in a process of its own on a free port; yields its URL once it listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    spawn = multiprocessing.get_context("spawn")
    process = spawn.Process(target=serve, args=(kind, database_url, port), daemon=True)
    process.start()
    try:
        for _ in range(600):
            try:
                (await asyncio.open_connection("127.0.0.1", port))[1].close()
                break
            except OSError:
                await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        process.terminate()
        process.join(10)


@dataclass
class Run:
    """What one app's measured requests took, summed over the rounds."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # milliseconds


async def drive(
    client: httpx.AsyncClient, url: str, run: Run, requests: int, concurrency: int, seconds: float
) -> None:
    """``requests`` POSTs of QUERY, ``concurrency`` at a time, stopping early after ``seconds``."""
    issued = 0
    started = time.perf_counter()

    async def worker() -> None:
        nonlocal issued
        while issued < requests and time.perf_counter() < started + seconds:
            issued += 1
            sent = time.perf_counter()
            (await client.post(url, json={"query": QUERY})).raise_for_status()
            run.latencies.append((time.perf_counter() - sent) * 1000)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    run.seconds += time.perf_counter() - started


async def count_statements(engine: AsyncEngine, database_url: str, token: str) -> dict[str, int]:
    """SQL statements of one request to each app, run in this process on ``engine``."""
    graphql = create_app(settings_for(database_url), factory=session_factory(engine))
    apps: dict[str, ASGIApp] = {"graphql": graphql, "baseline": baseline_app(engine)}
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.strip().upper() != "BEGIN":  # SQLite's, sent by samen.db on every begin
            sent.append(statement)

    counts = {}
    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        for name, app in apps.items():
            sent.clear()
            headers = {"Authorization": f"Bearer {token}"}
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, headers=headers) as client:
                response = await client.post("http://bench/graphql", json={"query": QUERY})
                response.raise_for_status()
            counts[name] = len(sent)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    return counts


def difference(graphql: httpx.Response, baseline: httpx.Response, expected: int) -> str | None:
    """Why the two answers do not show the same work done, or None when they do."""
    answer = graphql.json()
    if graphql.status_code != 200 or "errors" in answer:
        return f"GraphQL failed ({graphql.status_code}): {graphql.text[:500]}"
    edges = answer["data"]["zaaktypen"]["edges"]
    if len(edges) != expected or any(edge["node"]["live"] is None for edge in edges):
        return f"GraphQL did not return {expected} live zaaktypen"
    if baseline.status_code != 200 or baseline.json() != answer:
        return f"the baseline's JSON differs from GraphQL's: {baseline.text[:500]}"
    return None


def report(runs: dict[str, Run], statements: dict[str, int]) -> None:
    rates = {name: len(run.latencies) / run.seconds for name, run in runs.items()}
    ms = {
        name: statistics.quantiles(run.latencies, n=100, method="inclusive")
        for name, run in runs.items()
    }
    print(f"{'':<18}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'SQL/req':>9}")
    for name, run in runs.items():
        print(
            f"{name:<18}{len(run.latencies):>9}{rates[name]:>9.1f}{ms[name][49]:>9.1f}"
            f"{ms[name][98]:>9.1f}{statements[name]:>9}"
        )
    throughput = rates["graphql"] / rates["baseline"]
    p50, p99 = (ms["graphql"][p] / ms["baseline"][p] for p in (49, 98))
    print(f"{'graphql/baseline':<27}{throughput:>8.3f}x{p50:>8.1f}x{p99:>8.1f}x")


@asynccontextmanager
async def scratch_database(url: str | None) -> AsyncIterator[str]:
    """A temporary SQLite file, or the PostgreSQL database ``url`` created for the run."""
    if url is None:
        with tempfile.TemporaryDirectory() as directory:
            yield f"sqlite+aiosqlite:///{directory}/bench.db"
        return
    name = make_url(url).database
    maintenance = make_url(url).set(database="postgres").render_as_string(hide_password=False)
    server = create_engine(maintenance, isolation_level="AUTOCOMMIT")
    async with server.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url
    finally:
        async with server.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await server.dispose()


async def bench(args: argparse.Namespace) -> int:
    async with scratch_database(args.database_url) as database_url:
        engine = create_engine(database_url)
        await upgrade_to_head(engine)
        started = time.perf_counter()
        token = await seed(engine, args.zaaktypen, args.statuses)
        seeded = time.perf_counter() - started
        statements = await count_statements(engine, database_url, token)
        await engine.dispose()
        headers = {"Authorization": f"Bearer {token}"}
        limits = httpx.Limits(max_connections=args.concurrency)
        async with (
            serving("graphql", database_url) as graphql,
            serving("baseline", database_url) as baseline,
            httpx.AsyncClient(headers=headers, limits=limits, timeout=60) as client,
        ):
            body = {"query": QUERY}
            answer, floor = [await client.post(url, json=body) for url in (graphql, baseline)]
            if problem := difference(answer, floor, min(PAGE_SIZE, args.zaaktypen)):
                print(problem, file=sys.stderr)
                return 1
            urls = {"baseline": baseline, "graphql": graphql}
            runs = {name: Run() for name in urls}
            for url in urls.values():
                await drive(client, url, Run(), args.warmup, args.concurrency, args.max_seconds)
            # Interleaved rounds: a change in the machine's load hits both apps alike.
            for round_ in range(ROUNDS):
                share = args.requests * (round_ + 1) // ROUNDS - args.requests * round_ // ROUNDS
                for name, url in urls.items():
                    seconds = args.max_seconds / ROUNDS
                    await drive(client, url, runs[name], share, args.concurrency, seconds)
    print(
        f"{make_url(database_url).get_backend_name()}: seeded {args.zaaktypen} zaaktypen x "
        f"{args.statuses} statuses in {seeded:.1f} s; both answer the same "
        f"{len(answer.content):,} bytes of JSON (byte-identical: {answer.content == floor.content})"
    )
    print(f"concurrency {args.concurrency}; load average at the end {os.getloadavg()[0]:.2f}")
    report(runs, statements)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per app")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests first")
    parser.add_argument("--max-seconds", type=float, default=60, help="time limit per app")
    parser.add_argument("--zaaktypen", type=int, default=1000)
    parser.add_argument("--statuses", type=int, default=10)
    parser.add_argument("--database-url", help="PostgreSQL: a database to create and drop")
    args = parser.parse_args(argv)
    if args.database_url and make_url(args.database_url).get_backend_name() != "postgresql":
        parser.error("--database-url takes a PostgreSQL URL; SQLite is the default")
    return asyncio.run(bench(args))


if __name__ == "__main__":
    sys.exit(main())
