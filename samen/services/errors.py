"""Typed domain errors. Services raise them; the GraphQL layer maps them to payloads."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class ErrorCode(Enum):
    """Stable codes of business-rule and input errors; clients branch on these."""

    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    DUPLICATE = "DUPLICATE"
    INVALID = "INVALID"
    ALREADY_MEMBER = "ALREADY_MEMBER"
    NOT_A_MEMBER = "NOT_A_MEMBER"
    IN_USE = "IN_USE"
    # P1-P6, Z1, A1: partnerships and linked partners.
    LICENCE_REQUIRED = "LICENCE_REQUIRED"
    CANNOT_INVITE_SELF = "CANNOT_INVITE_SELF"
    ALREADY_PARTNER = "ALREADY_PARTNER"
    NO_RECIPIENTS = "NO_RECIPIENTS"
    INVITATION_INVALID = "INVITATION_INVALID"
    INVITATION_EXPIRED = "INVITATION_EXPIRED"
    INVITATION_SPENT = "INVITATION_SPENT"
    PARTNERSHIP_ENDED = "PARTNERSHIP_ENDED"
    PARTNERSHIP_REQUIRED = "PARTNERSHIP_REQUIRED"
    PARTNER_NOT_LINKED = "PARTNER_NOT_LINKED"
    ALREADY_LINKED = "ALREADY_LINKED"
    ACCESS_ABOVE_CEILING = "ACCESS_ABOVE_CEILING"
    FOLDER_NOT_EMPTY = "FOLDER_NOT_EMPTY"
    FOLDER_CYCLE = "FOLDER_CYCLE"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    UNKNOWN_ENVIRONMENT = "UNKNOWN_ENVIRONMENT"
    VERSION_IMMUTABLE = "VERSION_IMMUTABLE"
    NO_CONCEPT = "NO_CONCEPT"
    CONCEPT_EXISTS = "CONCEPT_EXISTS"
    # Z2-Z5, Z7 and V4: problems of a zaaktype's configuration.
    HANDLER_NOT_ALLOWED_ON_FIRST_STATUS = "HANDLER_NOT_ALLOWED_ON_FIRST_STATUS"
    PARTNER_NOT_ALLOWED_ON_LAST_STATUS = "PARTNER_NOT_ALLOWED_ON_LAST_STATUS"
    PREVIOUS_AFTER_PARTNER = "PREVIOUS_AFTER_PARTNER"
    HANDLER_REQUIRED = "HANDLER_REQUIRED"
    TOO_FEW_STATUSES = "TOO_FEW_STATUSES"
    RESULT_TYPE_REQUIRED = "RESULT_TYPE_REQUIRED"
    COORDINATING_ROLE_REQUIRED = "COORDINATING_ROLE_REQUIRED"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a request: a code, the input field it concerns and a message."""

    code: ErrorCode
    field: tuple[str, ...] | None
    message: str


class DomainError(Exception):
    """Base of every error a service raises on purpose."""


class Rejected(DomainError):
    """The request breaks one or more business rules; nothing was changed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = tuple(problems)

    @classmethod
    def one(cls, code: ErrorCode, field: Sequence[str] | None, message: str) -> "Rejected":
        return cls([Problem(code, tuple(field) if field is not None else None, message)])


class NotFound(Rejected):
    """The object does not exist, or the viewer may not know that it does."""

    def __init__(self, field: Sequence[str], what: str) -> None:
        super().__init__([Problem(ErrorCode.NOT_FOUND, tuple(field), f"{what} not found.")])


class Forbidden(DomainError):
    """The viewer sees the object but may not do this to it."""

    def __init__(self, message: str = "You may not do this.") -> None:
        super().__init__(message)
        self.message = message


class Unauthenticated(DomainError):
    """No valid credentials were presented."""
