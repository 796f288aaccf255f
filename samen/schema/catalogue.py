"""Folders, zaaktypen and their versions, as the organisation that owns them sees them."""

import uuid
from datetime import datetime
from typing import Annotated, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from samen import models
from samen.permissions import policy
from samen.permissions.graphql import (
    DirectsZaaktype,
    ReadsCatalogue,
    ReadsZaaktype,
    SignedIn,
    guard,
)
from samen.schema.enums import AccessLevel, Confidentiality, Party
from samen.schema.errors import bad_user_input
from samen.schema.node import Node, to_global_id
from samen.schema.organisation import AuthorisationGroup, Organisation, Role
from samen.schema.pagination import AFTER_DESCRIPTION, FIRST_DESCRIPTION, Connection
from samen.schema.partnership import ZaaktypePartner
from samen.schema.status import ResultType, StatusType
from samen.services import audit
from samen.services.pagination import BadPageRequest

OWN_ONLY = "Members of the owning organisation only."


@strawberry.type(description="What the viewer may do with a folder, right now.")
class FolderCapabilities:
    configure: bool = strawberry.field(
        description="Rename, move or delete it (when empty), and create folders and zaaktypen "
        "in it: zaaktype admins of its organisation."
    )


@strawberry.type(description="A node of an organisation's zaaktype tree. " + OWN_ONLY)
class Folder(Node):
    db_id: strawberry.Private[uuid.UUID]
    organisation_id: strawberry.Private[uuid.UUID]
    name: str = strawberry.field(description="Name, unique among its siblings.")
    is_shared: bool = strawberry.field(
        description="A folder of a directing party shared with the viewer's organisation (P3)."
    )

    shared_by_partnership_id: strawberry.Private[uuid.UUID | None]

    @classmethod
    def from_model(cls, model: models.Folder) -> "Folder":
        return cls(
            id=to_global_id("Folder", model.id),
            db_id=model.id,
            organisation_id=model.organisation_id,
            name=model.name,
            is_shared=model.shared_by_partnership_id is not None,
            shared_by_partnership_id=model.shared_by_partnership_id,
        )

    @strawberry.field(
        description="For a shared folder: the directing party whose zaaktypen it shows.",
        extensions=guard(ReadsCatalogue()),
    )
    async def shared_by(self, info: Info) -> Organisation | None:
        if self.shared_by_partnership_id is None:
            return None
        partnership = await info.context.loaders.partnership.load(self.shared_by_partnership_id)
        if partnership is None:
            return None
        found = await info.context.loaders.organisation.load(partnership.directing_party_id)
        return Organisation.from_model(found) if found is not None else None

    @strawberry.field(
        description="Folders inside this one, by name (none in a shared folder).",
        extensions=guard(ReadsCatalogue()),
    )
    async def children(self, info: Info) -> list["Folder"]:
        rows = await info.context.loaders.child_folders.load(self.db_id)
        return [Folder.from_model(row) for row in rows]

    @strawberry.field(
        description="Zaaktypen in this folder, by identification.",
        extensions=guard(ReadsCatalogue()),
    )
    async def zaaktypen(self, info: Info) -> list["Zaaktype"]:
        if self.shared_by_partnership_id is None:
            rows = await info.context.loaders.zaaktypen_in_folder.load(self.db_id)
            return [Zaaktype.from_model(row) for row in rows]
        # A shared folder shows the directing party's zaaktypen that are linked to the
        # viewer's organisation and published (P3, V1).
        standing = await info.context.standing()
        partnership = await info.context.loaders.partnership.load(self.shared_by_partnership_id)
        if standing is None or partnership is None:
            return []
        shared = await info.context.loaders.zaaktypen_of.load(partnership.directing_party_id)
        return [
            Zaaktype.from_model(z)
            for z in shared
            if policy.can_read_zaaktype(standing, z.id, z.organisation_id)
        ]

    @strawberry.field(
        description="What the viewer may do with this folder.", extensions=guard(SignedIn())
    )
    async def viewer_can(self, info: Info) -> FolderCapabilities:
        standing = await info.context.standing()
        return FolderCapabilities(
            configure=policy.can_configure_folder(
                standing, self.organisation_id, is_shared=self.is_shared
            )
        )


@strawberry.type(description="One publication: a version put live in an environment (V4).")
class Publication:
    organisation_id: strawberry.Private[uuid.UUID]
    publisher: strawberry.Private[str]
    environment: str = strawberry.field(description="Where.")
    published_at: datetime = strawberry.field(description="When.")

    @strawberry.field(
        description="By whom (email address). The directing party only: null for partners, "
        "who do not see the directing party's people.",
        extensions=guard(DirectsZaaktype(), fail_silently=True),
    )
    def published_by(self) -> str | None:
        return self.publisher


@strawberry.type(
    description="A version of a zaaktype: a concept (editable) or published (immutable). "
    + OWN_ONLY
)
class ZaaktypeVersion(Node):
    db_id: strawberry.Private[uuid.UUID]
    organisation_id: strawberry.Private[uuid.UUID]
    zaaktype_id: strawberry.Private[uuid.UUID]
    coordinating_role_id: strawberry.Private[uuid.UUID | None]
    model: strawberry.Private[models.ZaaktypeVersion]
    number: int = strawberry.field(description="1, 2, … in order of creation.")
    is_concept: bool = strawberry.field(description="Editable until its first publication.")
    name: str = strawberry.field(description="Name of the zaaktype in this version.")
    description: str = strawberry.field(description="Explanation.")
    confidentiality: Confidentiality = strawberry.field(description="Vertrouwelijkheid.")
    lead_time_days: int | None = strawberry.field(description="Doorlooptijd in days.")
    created_at: datetime = strawberry.field(description="When the version was created.")

    @classmethod
    def from_model(cls, model: models.ZaaktypeVersion, owner: uuid.UUID) -> "ZaaktypeVersion":
        return cls(
            id=to_global_id("ZaaktypeVersion", model.id),
            db_id=model.id,
            organisation_id=owner,
            zaaktype_id=model.zaaktype_id,
            coordinating_role_id=model.coordinating_role_id,
            model=model,
            number=model.number,
            is_concept=model.is_concept,
            name=model.name,
            description=model.description,
            confidentiality=model.confidentiality,
            lead_time_days=model.lead_time_days,
            created_at=model.created_at,
        )

    @strawberry.field(
        description="Owns the result decision and handed-back actions (Z7).",
        extensions=guard(ReadsZaaktype()),
    )
    async def coordinating_role(self, info: Info) -> Role | None:
        if self.coordinating_role_id is None:
            return None
        found = await info.context.loaders.role.load(self.coordinating_role_id)
        return Role.from_model(found) if found is not None else None

    @strawberry.field(
        description="The status types, by sequence.", extensions=guard(ReadsZaaktype())
    )
    async def statuses(self, info: Info) -> list[StatusType]:
        rows = await info.context.loaders.statuses.load(self.db_id)
        return [
            StatusType.from_model(
                row, count=len(rows), version=self.model, owner=self.organisation_id
            )
            for row in rows
        ]

    @strawberry.field(description="The possible results.", extensions=guard(ReadsZaaktype()))
    async def result_types(self, info: Info) -> list[ResultType]:
        rows = await info.context.loaders.result_types.load(self.db_id)
        return [
            ResultType.from_model(row, owner=self.organisation_id, zaaktype_id=self.zaaktype_id)
            for row in rows
        ]

    @strawberry.field(
        description="Where and when this version was published, oldest first.",
        extensions=guard(ReadsZaaktype()),
    )
    async def publications(self, info: Info) -> list[Publication]:
        rows = await info.context.loaders.publications.load(self.db_id)
        return [
            Publication(
                organisation_id=self.organisation_id,
                publisher=row.published_by_email,
                environment=row.environment,
                published_at=row.published_at,
            )
            for row in rows
        ]


@strawberry.type(description="An authorisation group's access level to a zaaktype's zaken.")
class GroupAccess:
    group: AuthorisationGroup = strawberry.field(description="The group.")
    level: AccessLevel = strawberry.field(description="Its access level.")


@strawberry.type(description="What the viewer may do with a zaaktype, right now.")
class ZaaktypeCapabilities:
    configure: bool = strawberry.field(
        description="Edit its concept, statuses and result types, move it, set group access "
        "and publish: zaaktype admins of the directing party."
    )
    create_concept: bool = strawberry.field(
        description="Start a new concept: allowed when every version is published."
    )


@strawberry.input(description="Narrows `zaaktypen`; every criterion given must hold.")
class ZaaktypeFilter:
    party: Party | None = strawberry.field(
        default=None,
        description="DIRECTING: the organisation's own; PARTNER: those shared with it.",
    )
    identification: str | None = strawberry.field(default=None, description="Exactly this code.")
    folder_id: strawberry.ID | None = strawberry.field(
        default=None, description="In this folder of the viewer's tree (shared ones included)."
    )


@strawberry.type(description="A change in the audit trail (W10).")
class AuditEntry:
    at: datetime = strawberry.field(description="When.")
    actor: str = strawberry.field(description="Who (email address at the time).")
    action: str = strawberry.field(description="What, e.g. `zaaktype.published`.")
    changes: JSON = strawberry.field(description="The details: fields with [before, after].")

    @classmethod
    def from_model(cls, model: models.AuditEntry) -> "AuditEntry":
        return cls(
            at=model.at,
            actor=model.actor_email,
            action=model.action,
            changes=cast(JSON, model.changes),
        )


@strawberry.type(
    description="A case type. Its identity lasts; what it is lives in its versions. " + OWN_ONLY
)
class Zaaktype(Node):
    db_id: strawberry.Private[uuid.UUID]
    organisation_id: strawberry.Private[uuid.UUID]
    folder_id: strawberry.Private[uuid.UUID]
    identification: str = strawberry.field(description="Code, unique within the organisation.")

    @classmethod
    def from_model(cls, model: models.Zaaktype) -> "Zaaktype":
        return cls(
            id=to_global_id("Zaaktype", model.id),
            db_id=model.id,
            organisation_id=model.organisation_id,
            folder_id=model.folder_id,
            identification=model.identification,
        )

    @property
    def zaaktype_id(self) -> uuid.UUID:
        return self.db_id

    async def _versions(self, info: Info) -> list[models.ZaaktypeVersion]:
        """The versions the viewer may see: all for the directing party, published for partners."""
        rows: list[models.ZaaktypeVersion] = await info.context.loaders.versions.load(self.db_id)
        standing = await info.context.standing()
        return [
            v
            for v in rows
            if policy.can_see_version(standing, self.organisation_id, is_concept=v.is_concept)
        ]

    @strawberry.field(description="Name, from the newest version the viewer may see.")
    async def name(self, info: Info) -> str:
        visible = await self._versions(info)
        return visible[-1].name if visible else self.identification

    @strawberry.field(
        description="The organisation that owns the zaaktype and its zaken.",
        extensions=guard(ReadsZaaktype()),
    )
    async def directing_party(self, info: Info) -> Organisation:
        found = await info.context.loaders.organisation.load(self.organisation_id)
        return Organisation.from_model(found)

    @strawberry.field(
        description="The viewer's organisation's part in it.", extensions=guard(SignedIn())
    )
    async def viewer_party(self, info: Info) -> Party:
        standing = await info.context.standing()
        if standing is not None and standing.organisation_id == self.organisation_id:
            return Party.DIRECTING
        return Party.PARTNER

    @strawberry.field(
        description="Where it sits in the viewer's tree.", extensions=guard(ReadsZaaktype())
    )
    async def folder(self, info: Info) -> Folder | None:
        standing = await info.context.standing()
        if policy.directs(standing, self.organisation_id):
            found = await info.context.loaders.folder.load(self.folder_id)
        else:  # a partner: the folder P3 added to its own tree
            assert standing is not None
            key = (standing.organisation_id, self.organisation_id)
            found = await info.context.loaders.shared_folder.load(key)
        return Folder.from_model(found) if found is not None else None

    @strawberry.field(
        description="The version being edited, if any. Directing party only: null for partners.",
        extensions=guard(DirectsZaaktype(), fail_silently=True),
    )
    async def concept(self, info: Info) -> ZaaktypeVersion | None:
        concept = next((v for v in await self._versions(info) if v.is_concept), None)
        return ZaaktypeVersion.from_model(concept, self.organisation_id) if concept else None

    @strawberry.field(
        description="Its versions, oldest first; partners see the published ones (V2).",
        extensions=guard(ReadsZaaktype()),
    )
    async def versions(self, info: Info) -> list[ZaaktypeVersion]:
        return [
            ZaaktypeVersion.from_model(v, self.organisation_id) for v in await self._versions(info)
        ]

    @strawberry.field(
        description="The version live in an environment: the one published there last.",
        extensions=guard(ReadsZaaktype()),
    )
    async def live(
        self,
        info: Info,
        environment: Annotated[str, strawberry.argument(description="e.g. `productie`.")],
    ) -> ZaaktypeVersion | None:
        found = await info.context.loaders.live_version.load((self.db_id, environment))
        return ZaaktypeVersion.from_model(found, self.organisation_id) if found else None

    @strawberry.field(
        description="The access levels of the viewer's own authorisation groups.",
        extensions=guard(ReadsZaaktype()),
    )
    async def group_access(self, info: Info) -> list[GroupAccess]:
        standing = await info.context.standing()
        result = []
        for row in await info.context.loaders.group_access.load(self.db_id):
            group = await info.context.loaders.group.load(row.group_id)
            if group is not None and policy.can_read_organisation_internals(
                standing, group.organisation_id
            ):
                level = row.level
                result.append(GroupAccess(group=AuthorisationGroup.from_model(group), level=level))
        return result

    @strawberry.field(
        description="Partners linked to it with their maximum access (Z1, A1), listed apart "
        "from the own groups (A5). A partner sees only itself.",
        extensions=guard(ReadsZaaktype()),
    )
    async def partners(self, info: Info) -> list[ZaaktypePartner]:
        standing = await info.context.standing()
        return [
            ZaaktypePartner(
                partner_id=row.partner_id,
                zaaktype_id=self.db_id,
                organisation_id=self.organisation_id,
                max_access=row.max_access,
            )
            for row in await info.context.loaders.zaaktype_partners.load(self.db_id)
            if policy.can_see_linked_partner(standing, self.organisation_id, row.partner_id)
        ]

    @strawberry.field(
        description="Every configuration change of this zaaktype, oldest first (W10). "
        "Directing party only.",
        extensions=guard(DirectsZaaktype()),
    )
    async def audit_trail(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description=FIRST_DESCRIPTION)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER_DESCRIPTION)] = None,
    ) -> Connection[AuditEntry]:
        try:
            page = await audit.list_entries(
                info.context.session,
                actor=await info.context.standing(),
                subject_type="Zaaktype",
                subject_id=self.db_id,
                owner_id=self.organisation_id,
                first=first,
                after=after,
            )
        except BadPageRequest as error:
            raise bad_user_input(str(error)) from error
        return Connection[AuditEntry].from_page(page, AuditEntry.from_model)

    @strawberry.field(
        description="What the viewer may do with this zaaktype.", extensions=guard(SignedIn())
    )
    async def viewer_can(self, info: Info) -> ZaaktypeCapabilities:
        standing = await info.context.standing()
        configure = policy.can_configure_catalogue(standing, self.organisation_id)
        has_concept = any(v.is_concept for v in await self._versions(info))
        return ZaaktypeCapabilities(
            configure=configure, create_concept=configure and not has_concept
        )
