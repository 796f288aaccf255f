"""Checks of plain input values shared by every service."""

from collections.abc import Callable, Sequence
from typing import Any

from samen.services.errors import ErrorCode, Problem, Rejected

NAME_MAX_LENGTH = 200


def check_name(value: str, field: Sequence[str], *, max_length: int = NAME_MAX_LENGTH) -> str:
    """A name stripped of surrounding space, non-empty and not too long; else ``Rejected``."""
    name = value.strip()
    if has_control_characters(name, allow_newlines=False):
        raise Rejected.one(ErrorCode.INVALID, field, "A name cannot hold control characters.")
    if not name:
        raise Rejected.one(ErrorCode.REQUIRED, field, "A name is required.")
    if len(name) > max_length:
        raise Rejected.one(
            ErrorCode.TOO_LONG, field, f"A name is at most {max_length} characters long."
        )
    return name


def check_text(value: str, field: Sequence[str], max_length: int) -> str:
    """Free text, stripped, possibly empty, not too long; else ``Rejected``."""
    text = value.strip()
    if has_control_characters(text, allow_newlines=True):
        raise Rejected.one(ErrorCode.INVALID, field, "Text cannot hold control characters.")
    if len(text) > max_length:
        raise Rejected.one(ErrorCode.TOO_LONG, field, f"At most {max_length} characters, please.")
    return text


def problems_of(check: Callable[..., object], *args: Any, **kwargs: Any) -> list[Problem]:
    """The problems a check raises, as a list, so that a service can report them all at once."""
    try:
        check(*args, **kwargs)
    except Rejected as rejected:
        return list(rejected.problems)
    return []


def has_control_characters(value: str, *, allow_newlines: bool) -> bool:
    """NUL and friends: PostgreSQL refuses NUL outright, and none belongs in a name."""
    allowed = "\n\r\t" if allow_newlines else ""
    return any(ord(c) < 32 and c not in allowed for c in value)
