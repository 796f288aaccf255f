"""Keyset pagination for connections: stable under inserts, one query per page."""

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class BadPageRequest(ValueError):
    """``first`` out of range or a cursor that this API did not hand out."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[tuple[str, T]]  # (cursor, item)
    has_next_page: bool
    has_previous_page: bool
    # Counting the whole list is a query of its own; it runs only if the client asks.
    count: Callable[[], Awaitable[int]]


def check_first(first: int | None) -> int:
    """The page size asked for, within 0..MAX_PAGE_SIZE."""
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise BadPageRequest(f"`first` must be between 0 and {MAX_PAGE_SIZE}.")
    return first


def encode_cursor(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps([str(v) for v in values]).encode()).decode()


def decode_cursor(cursor: str, width: int) -> list[str]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise BadPageRequest("`after` is not a cursor from this connection.") from error
    if (
        not isinstance(values, list)
        or len(values) != width
        or any("\x00" in str(v) for v in values)
    ):
        raise BadPageRequest("`after` is not a cursor from this connection.")
    return [str(v) for v in values]


async def paginate(
    session: AsyncSession,
    statement: Select[Any],
    *,
    order_by: Sequence[Any],
    first: int | None,
    after: str | None,
) -> Page[Any]:
    """One page of ``statement`` ordered by ``order_by`` (which must end in a unique column)."""
    size = check_first(first)

    async def count() -> int:
        total = await session.scalar(select(func.count()).select_from(statement.subquery()))
        return int(total or 0)

    paged = statement
    if after is not None:
        values = decode_cursor(after, len(order_by))
        try:
            typed = [
                column.type.python_type(value) if _convertible(column) else value
                for column, value in zip(order_by, values, strict=True)
            ]
        except ValueError as error:
            raise BadPageRequest("`after` is not a cursor from this connection.") from error
        paged = paged.where(tuple_(*order_by) > tuple_(*typed))
    rows = list((await session.scalars(paged.order_by(*order_by).limit(size + 1))).all())
    items = [(encode_cursor([_key(row, c) for c in order_by]), row) for row in rows[:size]]
    return Page(
        items=items,
        has_next_page=len(rows) > size,
        has_previous_page=after is not None,
        count=count,
    )


def _key(row: Any, column: Any) -> Any:
    return getattr(row, str(column.key))


def _convertible(column: Any) -> bool:
    try:
        return column.type.python_type is not str
    except NotImplementedError:
        return False
