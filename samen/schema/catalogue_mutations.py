"""The catalogue mutations: folders, zaaktypen, statuses, results, publishing."""

import strawberry
from strawberry.types import Info

from samen.permissions.graphql import ZaaktypeAdmin, guard
from samen.resolvers import catalogue
from samen.schema import catalogue_inputs as inputs

ADMINS = "Zaaktype admins of the organisation that owns it."


@strawberry.type(description="Configuring the catalogue.")
class CatalogueMutation:
    @strawberry.mutation(
        description="Create a folder. " + ADMINS, extensions=guard(ZaaktypeAdmin())
    )
    async def create_folder(
        self, info: Info, input: inputs.CreateFolderInput
    ) -> inputs.FolderPayload:
        return await catalogue.create_folder(info, input)

    @strawberry.mutation(
        description="Rename a folder. " + ADMINS, extensions=guard(ZaaktypeAdmin())
    )
    async def rename_folder(
        self, info: Info, input: inputs.RenameFolderInput
    ) -> inputs.FolderPayload:
        return await catalogue.rename_folder(info, input)

    @strawberry.mutation(
        description="Move a folder under another, or to the root; never under itself. " + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def move_folder(self, info: Info, input: inputs.MoveFolderInput) -> inputs.FolderPayload:
        return await catalogue.move_folder(info, input)

    @strawberry.mutation(
        description="Delete an empty folder. " + ADMINS, extensions=guard(ZaaktypeAdmin())
    )
    async def delete_folder(
        self, info: Info, input: inputs.DeleteFolderInput
    ) -> inputs.DeleteFolderPayload:
        return await catalogue.delete_folder(info, input)

    @strawberry.mutation(
        description="Create a zaaktype with version 1 as its concept. " + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def create_zaaktype(
        self, info: Info, input: inputs.CreateZaaktypeInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.create_zaaktype(info, input)

    @strawberry.mutation(
        description="Put a zaaktype in another folder. " + ADMINS, extensions=guard(ZaaktypeAdmin())
    )
    async def move_zaaktype(
        self, info: Info, input: inputs.MoveZaaktypeInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.move_zaaktype(info, input)

    @strawberry.mutation(
        description="Edit the zaaktype's concept version. " + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def update_zaaktype_concept(
        self, info: Info, input: inputs.UpdateZaaktypeConceptInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.update_zaaktype_concept(info, input)

    @strawberry.mutation(
        description="Copy the newest version into a new concept (one at a time). " + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def create_concept(
        self, info: Info, input: inputs.CreateConceptInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.create_concept(info, input)

    @strawberry.mutation(
        description="Add a status to the concept. " + ADMINS, extensions=guard(ZaaktypeAdmin())
    )
    async def add_status_type(
        self, info: Info, input: inputs.AddStatusTypeInput
    ) -> inputs.StatusTypePayload:
        return await catalogue.add_status_type(info, input)

    @strawberry.mutation(
        description="Rename a status or replace its checklist, decisions or computer actions. "
        + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def update_status_type(
        self, info: Info, input: inputs.UpdateStatusTypeInput
    ) -> inputs.StatusTypePayload:
        return await catalogue.update_status_type(info, input)

    @strawberry.mutation(
        description="Take a status out of the concept. " + ADMINS, extensions=guard(ZaaktypeAdmin())
    )
    async def remove_status_type(
        self, info: Info, input: inputs.RemoveStatusTypeInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.remove_status_type(info, input)

    @strawberry.mutation(
        description="Give a status another place in the concept. " + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def move_status_type(
        self, info: Info, input: inputs.MoveStatusTypeInput
    ) -> inputs.StatusTypePayload:
        return await catalogue.move_status_type(info, input)

    @strawberry.mutation(
        description="Decide who reaches a status (Z2-Z5). " + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def set_status_handler(
        self, info: Info, input: inputs.SetStatusHandlerInput
    ) -> inputs.StatusTypePayload:
        return await catalogue.set_status_handler(info, input)

    @strawberry.mutation(
        description="Add a result type to the concept. " + ADMINS, extensions=guard(ZaaktypeAdmin())
    )
    async def add_result_type(
        self, info: Info, input: inputs.AddResultTypeInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.add_result_type(info, input)

    @strawberry.mutation(
        description="Take a result type out of the concept. " + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def remove_result_type(
        self, info: Info, input: inputs.RemoveResultTypeInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.remove_result_type(info, input)

    @strawberry.mutation(
        description="Publish a version to environments; every problem is listed at once (V4). "
        + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def publish_zaaktype(
        self, info: Info, input: inputs.PublishZaaktypeInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.publish_zaaktype(info, input)

    @strawberry.mutation(
        description="Give an authorisation group an access level to the zaaktype's zaken. "
        + ADMINS,
        extensions=guard(ZaaktypeAdmin()),
    )
    async def set_group_access(
        self, info: Info, input: inputs.SetGroupAccessInput
    ) -> inputs.ZaaktypePayload:
        return await catalogue.set_group_access(info, input)
