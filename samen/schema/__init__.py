"""The GraphQL schema: strawberry types, inputs, payloads and the root types."""

from typing import Any

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from samen.config import Settings
from samen.schema.catalogue import Folder, Zaaktype, ZaaktypeVersion
from samen.schema.extensions import MaskUnexpectedErrors, SessionLifecycle
from samen.schema.mutation import Mutation
from samen.schema.organisation import AuthorisationGroup, Organisation, Role, User
from samen.schema.partnership import Partnership
from samen.schema.query import Query
from samen.schema.status import ResultType, StatusType

CACHE_SIZE = 512


class SamenSchema(strawberry.Schema):
    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        """Log nothing here: errors in a result are answers to the client (UNAUTHENTICATED,
        BAD_USER_INPUT, …), not incidents; the unexpected ones are logged, with their request
        id, by ``MaskUnexpectedErrors``."""


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with Samen's bounds on depth, aliases and tokens (DESIGN.md §7)."""
    settings = settings or Settings()
    return SamenSchema(
        query=Query,
        mutation=Mutation,
        types=[
            Organisation,
            User,
            Role,
            AuthorisationGroup,
            Folder,
            Zaaktype,
            ZaaktypeVersion,
            StatusType,
            ResultType,
            Partnership,
        ],
        config=StrawberryConfig(disable_field_suggestions=True),
        extensions=[
            SessionLifecycle,
            lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
            lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
            lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
            # Their LRU caches live at module level, shared by every request.
            lambda: ParserCache(maxsize=CACHE_SIZE),
            lambda: ValidationCache(maxsize=CACHE_SIZE),
            MaskUnexpectedErrors,
        ],
    )
