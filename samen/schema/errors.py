"""``UserError``, the payload error of every mutation, and GraphQL-level errors."""

import strawberry
from graphql import GraphQLError

from samen.services.errors import ErrorCode as DomainErrorCode
from samen.services.errors import Problem

# Registers the domain's enum itself as the GraphQL enum `ErrorCode`.
strawberry.enum(
    DomainErrorCode,
    name="ErrorCode",
    description="Stable codes of business-rule and input errors in mutation payloads.",
)


@strawberry.type(description="A business-rule or input error of a mutation; nothing was changed.")
class UserError:
    code: DomainErrorCode = strawberry.field(description="Stable code to branch on.")
    field: list[str] | None = strawberry.field(
        description='Path to the input field concerned, e.g. `["input", "name"]`.'
    )
    message: str = strawberry.field(description="Human-readable explanation (English).")

    @classmethod
    def from_problem(cls, problem: Problem) -> "UserError":
        return cls(
            code=problem.code,
            field=list(problem.field) if problem.field is not None else None,
            message=problem.message,
        )


def bad_user_input(message: str) -> GraphQLError:
    """A top-level error for arguments of a query that cannot be served (e.g. `first: 1000`)."""
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})
