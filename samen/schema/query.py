"""The root ``Query`` type."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from samen.models.partnership import PartnershipState
from samen.permissions.graphql import ReadsDirectory, SignedIn, guard
from samen.resolvers import partnerships, query
from samen.schema.catalogue import Folder, Zaaktype, ZaaktypeFilter
from samen.schema.node import Node
from samen.schema.organisation import Organisation, Viewer
from samen.schema.pagination import AFTER_DESCRIPTION, FIRST_DESCRIPTION, Connection
from samen.schema.partnership import Partnership


@strawberry.type(description="Everything a client can read. Every field needs a signed-in viewer.")
class Query:
    @strawberry.field(
        description="Any object by its global ID; null when it does not exist or the viewer "
        "may not see it.",
        extensions=guard(SignedIn()),
    )
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global ID.")],
    ) -> Node | None:
        return await query.node(info, id)

    @strawberry.field(description="The signed-in user.", extensions=guard(SignedIn()))
    async def viewer(self, info: Info) -> Viewer:
        return await query.viewer(info)

    @strawberry.field(
        description="The directory of organisations, by name: any signed-in user may search it "
        "by part of the name or an exact OIN.",
        extensions=guard(ReadsDirectory()),
    )
    async def organisations(
        self,
        info: Info,
        search: Annotated[
            str | None, strawberry.argument(description="Part of the name, or an exact OIN.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=FIRST_DESCRIPTION)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER_DESCRIPTION)] = None,
    ) -> Connection[Organisation]:
        return await query.organisation_directory(info, search, first, after)

    @strawberry.field(
        description="The roots of the viewer's zaaktype tree, by name.",
        extensions=guard(SignedIn()),
    )
    async def folders(self, info: Info) -> list[Folder]:
        return await query.root_folders(info)

    @strawberry.field(
        description="The zaaktypen the viewer's organisation directs, and those shared with it "
        "(linked and published, P3), by identification.",
        extensions=guard(SignedIn()),
    )
    async def zaaktypen(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=FIRST_DESCRIPTION)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER_DESCRIPTION)] = None,
        filter: Annotated[
            ZaaktypeFilter | None, strawberry.argument(description="Narrow the list.")
        ] = None,
    ) -> Connection[Zaaktype]:
        return await query.zaaktype_list(info, first, after, filter)

    @strawberry.field(
        description="The viewer's organisation's partnerships, in both directions.",
        extensions=guard(SignedIn()),
    )
    async def partnerships(
        self,
        info: Info,
        state: Annotated[
            PartnershipState | None, strawberry.argument(description="Only in this state.")
        ] = None,
    ) -> list[Partnership]:
        return await partnerships.list_partnerships(info, state)
