"""Async factory helpers: real rows through the real models, with sensible defaults."""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.db import utcnow
from samen.permissions.standing import Standing
from samen.services import auth, statuses, zaaktypen


def _unique() -> str:
    return uuid.uuid4().hex[:8]


async def make_organisation(
    session: AsyncSession,
    *,
    name: str | None = None,
    licence: bool = True,
    environments: tuple[str, ...] = models.DEFAULT_ENVIRONMENTS,
) -> models.Organisation:
    organisation = models.Organisation(
        name=name or f"Gemeente {_unique()}",
        oin=str(uuid.uuid4().int)[:20].rjust(20, "0"),
        licence_valid_until=utcnow().date() + timedelta(days=365) if licence else None,
        environments=[
            models.Environment(name=env, position=i) for i, env in enumerate(environments)
        ],
    )
    session.add(organisation)
    await session.flush()
    return organisation


async def make_user(
    session: AsyncSession,
    organisation: models.Organisation,
    *,
    email: str | None = None,
    zaaktype_admin: bool = False,
    organisation_admin: bool = False,
) -> models.User:
    user = models.User(
        organisation_id=organisation.id,
        email=email or f"user-{_unique()}@example.test",
        name="Test User",
        is_zaaktype_admin=zaaktype_admin,
        is_organisation_admin=organisation_admin,
    )
    session.add(user)
    await session.flush()
    return user


async def make_token(session: AsyncSession, user: models.User) -> str:
    return await auth.create_token(session, email=user.email)


async def make_role(
    session: AsyncSession, organisation: models.Organisation, *, name: str | None = None
) -> models.Role:
    role = models.Role(organisation_id=organisation.id, name=name or f"Rol {_unique()}")
    session.add(role)
    await session.flush()
    return role


async def make_group(
    session: AsyncSession, organisation: models.Organisation, *, name: str | None = None
) -> models.AuthorisationGroup:
    group = models.AuthorisationGroup(
        organisation_id=organisation.id, name=name or f"Groep {_unique()}"
    )
    session.add(group)
    await session.flush()
    return group


async def add_role_member(session: AsyncSession, role: models.Role, user: models.User) -> None:
    session.add(models.RoleMember(role_id=role.id, user_id=user.id))
    await session.flush()


async def standing_of(session: AsyncSession, user: models.User) -> Standing:
    return await auth.load_standing(session, user)


async def make_publishable_zaaktype(
    session: AsyncSession,
    actor: Standing,
    folder_id: uuid.UUID,
    identification: str,
    role: models.Role,
) -> models.Zaaktype:
    """A zaaktype whose concept passes V4: two statuses, a handler, a result, Z7's role."""
    zaaktype = await zaaktypen.create_zaaktype(
        session, actor=actor, folder_id=folder_id, identification=identification, name="Vergunning"
    )
    await zaaktypen.update_concept(
        session,
        actor=actor,
        zaaktype_id=zaaktype.id,
        changes=zaaktypen.ConceptChanges(coordinating_role_id=role.id),
    )
    await statuses.add_status_type(
        session, actor=actor, zaaktype_id=zaaktype.id, name="Ontvangen", sequence=None
    )
    last = await statuses.add_status_type(
        session, actor=actor, zaaktype_id=zaaktype.id, name="Afgehandeld", sequence=None
    )
    await statuses.set_status_handler(
        session, actor=actor, status_type_id=last.id, kind=models.HandlerKind.ROLE, role_id=role.id
    )
    await statuses.add_result_type(session, actor=actor, zaaktype_id=zaaktype.id, name="Verleend")
    return zaaktype


async def make_partnership(
    session: AsyncSession,
    directing: models.Organisation,
    partner: models.Organisation,
    *,
    state: models.PartnershipState = models.PartnershipState.ACCEPTED,
) -> models.Partnership:
    """A partnership as it stands after the invitation (and acceptance, with the shared folder)."""
    now = utcnow()
    partnership = models.Partnership(
        directing_party_id=directing.id,
        partner_id=partner.id,
        state=state,
        invited_at=now,
        invited_by_email="inviter@example.test",
        accepted_at=now if state is models.PartnershipState.ACCEPTED else None,
    )
    session.add(partnership)
    await session.flush()
    if state is models.PartnershipState.ACCEPTED:
        session.add(
            models.Folder(
                organisation_id=partner.id,
                name=directing.name,
                shared_by_partnership_id=partnership.id,
            )
        )
        await session.flush()
    return partnership
