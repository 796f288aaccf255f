"""Schema extensions: the session's lifetime, and masking of unexpected errors."""

import logging
from collections.abc import AsyncIterator

from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension

log = logging.getLogger("samen.graphql")

INTERNAL_ERROR = "INTERNAL_SERVER_ERROR"


class SessionLifecycle(SchemaExtension):
    """Closes the operation's session (rolling back anything uncommitted) when it ends."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await self.execution_context.context.close()


def is_unexpected(error: GraphQLError) -> bool:
    """Errors raised on purpose are GraphQLErrors; anything else is a bug to hide from clients."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    """Replace unexpected errors by a generic one carrying the request id; log the real one."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = getattr(self.execution_context.context, "request_id", "-")
        log.error(
            "unexpected error in %s (request %s)",
            ".".join(str(p) for p in error.path or []) or "operation",
            request_id,
            exc_info=error.original_error,
        )
        return GraphQLError(
            message=f"Internal error; quote request id {request_id} when reporting it.",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": INTERNAL_ERROR, "requestId": request_id},
        )
