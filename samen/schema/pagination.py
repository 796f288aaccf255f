"""Relay connections, generic over the node type (``Connection[Organisation]`` →
``OrganisationConnection``)."""

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

from samen.services.pagination import MAX_PAGE_SIZE, Page

NodeT = TypeVar("NodeT")
M = TypeVar("M")

FIRST_DESCRIPTION = f"Page size, 0 to {MAX_PAGE_SIZE} (default 20)."
AFTER_DESCRIPTION = "Return the items after this cursor (`pageInfo.endCursor`)."


@strawberry.type(description="Where a page sits in its connection.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow `endCursor`.")
    has_previous_page: bool = strawberry.field(description="Items precede `startCursor`.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge; pass as `after`."
    )


@strawberry.type(description="An item of a connection with its cursor.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Opaque position of this item.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list that can grow.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="How to fetch the next page.")
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Items in the whole list (counted only when asked for).")
    async def total_count(self) -> int:
        return await self.count()

    @classmethod
    def from_page(cls, page: Page[M], convert: Callable[[M], NodeT]) -> "Connection[NodeT]":
        edges = [Edge(cursor=cursor, node=convert(item)) for cursor, item in page.items]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=page.has_previous_page,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            count=page.count,
        )
