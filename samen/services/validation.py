"""Checks of plain input values shared by every service."""

from collections.abc import Sequence

from samen.services.errors import ErrorCode, Rejected

NAME_MAX_LENGTH = 200


def check_name(value: str, field: Sequence[str], *, max_length: int = NAME_MAX_LENGTH) -> str:
    """A name stripped of surrounding space, non-empty and not too long; else ``Rejected``."""
    name = value.strip()
    if not name:
        raise Rejected.one(ErrorCode.REQUIRED, field, "A name is required.")
    if len(name) > max_length:
        raise Rejected.one(
            ErrorCode.TOO_LONG, field, f"A name is at most {max_length} characters long."
        )
    return name
