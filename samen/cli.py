"""``samen``: serve | migrate | demo | token create/revoke | export-schema."""

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from samen.config import Settings, get_settings
from samen.db import engine_from_settings, session_factory, transaction
from samen.migrate import upgrade_to_head
from samen.services import auth, demo
from samen.services.errors import NotFound

T = TypeVar("T")

EXAMPLE_QUERY = "{ viewer { user { email } organisation { name roles { name } } } }"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    # Alembic narrates every check at INFO; only `samen migrate` and `serve` want to hear it.
    if getattr(args, "run", None) not in (_migrate, _serve):
        logging.getLogger("alembic").setLevel(logging.WARNING)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    result: int = args.run(settings, args)
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="samen", description=__doc__)
    commands = parser.add_subparsers(title="commands")

    serve = commands.add_parser("serve", help="bring the database to head, then serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_serve)

    commands.add_parser("migrate", help="bring the database to head").set_defaults(run=_migrate)

    demo_cmd = commands.add_parser("demo", help="seed the demo organisations (idempotent)")
    demo_cmd.add_argument(
        "--scenario",
        action="store_true",
        help="also play the invitation and share the zaaktype Omgevingsvergunning",
    )
    demo_cmd.set_defaults(run=_demo)

    token = commands.add_parser("token", help="API tokens").add_subparsers(title="token commands")
    create = token.add_parser("create", help="print a new token for a user, alone on its line")
    create.add_argument("--email", required=True)
    create.add_argument("--expires-in-days", type=int, default=None)
    create.add_argument("--description", default="samen token create")
    create.set_defaults(run=_token_create)
    revoke = token.add_parser("revoke", help="revoke every live token of a user")
    revoke.add_argument("--email", required=True)
    revoke.set_defaults(run=_token_revoke)

    commands.add_parser("export-schema", help="print the GraphQL SDL").set_defaults(
        run=_export_schema
    )
    return parser


def _in_transaction(
    settings: Settings, work: Callable[[AsyncSession], Awaitable[T]], *, migrate: bool = True
) -> T:
    async def run() -> T:
        engine = engine_from_settings(settings)
        try:
            if migrate:
                await upgrade_to_head(engine)
            async with transaction(session_factory(engine)) as session:
                return await work(session)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from samen.app import create_app

    _migrate(settings, args)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    async def run() -> None:
        engine = engine_from_settings(settings)
        try:
            await upgrade_to_head(engine)
        finally:
            await engine.dispose()

    asyncio.run(run())
    print(f"database at head: {_safe_url(settings.database_url)}", file=sys.stderr)
    return 0


def _demo(settings: Settings, args: argparse.Namespace) -> int:
    async def seed(session: AsyncSession) -> tuple[dict[str, str], str | None]:
        tokens = await demo.seed_demo(session)
        played = None
        if args.scenario:
            played = await demo.play_scenario(session, base_url=settings.base_url)
        return tokens, played

    tokens, played = _in_transaction(settings, seed)
    if played:
        print(f"Scenario: {played}.")
    print("Demo organisations are in place. A token per user (earlier demo tokens are revoked):")
    for email, token in tokens.items():
        print(f"  {email:<36} {token}")
    example = next(iter(tokens.values()))
    print("\nTry it (with `samen serve` running):")
    print(
        f"  curl -s {settings.base_url}/graphql -H 'Authorization: Bearer {example}' "
        f"-H 'Content-Type: application/json' -d '{{\"query\": \"{EXAMPLE_QUERY}\"}}'"
    )
    print(
        f"or open {settings.base_url}/graphql and send the header "
        '{"Authorization": "Bearer <token>"}.'
    )
    return 0


def _token_create(settings: Settings, args: argparse.Namespace) -> int:
    if args.expires_in_days is not None and args.expires_in_days <= 0:
        print("--expires-in-days must be a positive number of days", file=sys.stderr)
        return 2
    expires = timedelta(days=args.expires_in_days) if args.expires_in_days else None
    try:
        token = _in_transaction(
            settings,
            lambda s: auth.create_token(
                s, email=args.email, expires_in=expires, description=args.description
            ),
        )
    except NotFound:
        print(f"no user with email {args.email!r}", file=sys.stderr)
        return 1
    print(token)
    return 0


def _token_revoke(settings: Settings, args: argparse.Namespace) -> int:
    try:
        count = _in_transaction(settings, lambda s: auth.revoke_tokens(s, email=args.email))
    except NotFound:
        print(f"no user with email {args.email!r}", file=sys.stderr)
        return 1
    print(f"revoked {count} token(s) of {args.email}", file=sys.stderr)
    return 0


def _export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from samen.schema import build_schema

    sys.stdout.write(build_schema(settings).as_str() + "\n")
    return 0


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    sys.exit(main())
