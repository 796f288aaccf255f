"""The fixed demo data of DESIGN.md §4, seeded idempotently."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from samen import models
from samen.db import utcnow
from samen.permissions.standing import Standing
from samen.services import (
    auth,
    folders,
    partnerships,
    publishing,
    statuses,
    zaaktype_partners,
    zaaktypen,
)

DEMO_TOKEN_DESCRIPTION = "samen demo"
# "Has a licence" in the demo: valid far beyond any demo's life.
DEMO_LICENCE_UNTIL = date(2099, 12, 31)


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    is_admin: bool = False
    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    oin: str
    has_licence: bool
    users: tuple[DemoUser, ...] = field(default_factory=tuple)


DEMO_ORGANISATIONS = (
    DemoOrganisation(
        "Gemeente Voorbeeldstad",
        "00000001001234567000",
        has_licence=True,
        users=(
            DemoUser("beheerder@voorbeeldstad.example", "Beheerder Voorbeeldstad", is_admin=True),
            DemoUser(
                "behandelaar@voorbeeldstad.example",
                "Behandelaar Voorbeeldstad",
                roles=("Vergunningverlener",),
                groups=("Vergunningen",),
            ),
        ),
    ),
    DemoOrganisation(
        "Omgevingsdienst Regio",
        "00000001007654321000",
        has_licence=True,
        users=(
            DemoUser("beheerder@odregio.example", "Beheerder Omgevingsdienst", is_admin=True),
            DemoUser(
                "adviseur@odregio.example",
                "Adviseur Omgevingsdienst",
                roles=("Adviseur milieu",),
                groups=("Advies",),
            ),
        ),
    ),
    DemoOrganisation(
        "Waterschap Elders",
        "00000001009999999000",
        has_licence=False,
        users=(DemoUser("beheerder@elders.example", "Beheerder Waterschap", is_admin=True),),
    ),
)


async def seed_demo(session: AsyncSession) -> dict[str, str]:
    """Create what is missing of the demo and issue one fresh token per demo user.

    Running it again adds nothing but new tokens, and revokes the demo tokens it issued
    before, so each demo user has exactly one live demo token.
    """
    tokens: dict[str, str] = {}
    for spec in DEMO_ORGANISATIONS:
        organisation = await _ensure_organisation(session, spec)
        for user_spec in spec.users:
            user = await _ensure_user(session, organisation, user_spec)
            for role_name in user_spec.roles:
                role = await _ensure_named(session, models.Role, organisation, role_name)
                await _ensure_member(session, models.RoleMember, "role_id", role.id, user)
            for group_name in user_spec.groups:
                group = await _ensure_named(
                    session, models.AuthorisationGroup, organisation, group_name
                )
                await _ensure_member(session, models.GroupMember, "group_id", group.id, user)
            await session.execute(
                update(models.ApiToken)
                .where(
                    models.ApiToken.user_id == user.id,
                    models.ApiToken.description == DEMO_TOKEN_DESCRIPTION,
                    models.ApiToken.revoked_at.is_(None),
                )
                .values(revoked_at=utcnow())
            )
            tokens[user.email] = await auth.create_token(
                session, email=user.email, description=DEMO_TOKEN_DESCRIPTION
            )
    return tokens


async def _ensure_organisation(
    session: AsyncSession, spec: DemoOrganisation
) -> models.Organisation:
    organisation = await session.scalar(
        select(models.Organisation).where(models.Organisation.oin == spec.oin)
    )
    if organisation is None:
        organisation = models.Organisation(
            name=spec.name,
            oin=spec.oin,
            licence_valid_until=DEMO_LICENCE_UNTIL if spec.has_licence else None,
            environments=[
                models.Environment(name=name, position=position)
                for position, name in enumerate(models.DEFAULT_ENVIRONMENTS)
            ],
        )
        session.add(organisation)
        await session.flush()
    return organisation


async def _ensure_user(
    session: AsyncSession, organisation: models.Organisation, spec: DemoUser
) -> models.User:
    user = await session.scalar(select(models.User).where(models.User.email == spec.email))
    if user is None:
        user = models.User(
            organisation_id=organisation.id,
            email=spec.email,
            name=spec.name,
            is_zaaktype_admin=spec.is_admin,
            is_organisation_admin=spec.is_admin,
        )
        session.add(user)
        await session.flush()
    return user


async def _ensure_named(
    session: AsyncSession,
    model: type[models.Role] | type[models.AuthorisationGroup],
    organisation: models.Organisation,
    name: str,
) -> models.Role | models.AuthorisationGroup:
    existing: models.Role | models.AuthorisationGroup | None = await session.scalar(
        select(model).where(model.organisation_id == organisation.id, model.name == name)
    )
    if existing is not None:
        return existing
    created: models.Role | models.AuthorisationGroup = model(
        organisation_id=organisation.id, name=name
    )
    session.add(created)
    await session.flush()
    return created


async def _ensure_member(
    session: AsyncSession,
    member_model: type[models.RoleMember] | type[models.GroupMember],
    column: str,
    set_id: object,
    user: models.User,
) -> None:
    set_column = getattr(member_model, column)
    exists = await session.scalar(
        select(set_column).where(set_column == set_id, member_model.user_id == user.id)
    )
    if exists is None:
        session.add(member_model(**{column: set_id, "user_id": user.id}))
        await session.flush()


SCENARIO_ZAAKTYPE = "OMV"


async def play_scenario(session: AsyncSession, *, base_url: str) -> str:
    """The demo scenario: Voorbeeldstad invites Omgevingsdienst Regio, which accepts, and shares
    the zaaktype "Omgevingsvergunning" with it (its "Advies milieu" status is the partner's).

    Runs through the services, as a person would through the API; idempotent: what is there
    already is left alone. Returns what it did, for the command line.
    """
    directing = await _organisation_by_oin(session, DEMO_ORGANISATIONS[0].oin)
    partner = await _organisation_by_oin(session, DEMO_ORGANISATIONS[1].oin)
    admin = await _standing_of(session, "beheerder@voorbeeldstad.example")
    partner_admin = await _standing_of(session, "beheerder@odregio.example")
    done: list[str] = []
    live = await session.scalar(
        select(models.Partnership).where(
            models.Partnership.directing_party_id == directing.id,
            models.Partnership.partner_id == partner.id,
            models.Partnership.state != models.PartnershipState.ENDED,
        )
    )
    if live is None or live.state is models.PartnershipState.INVITED:
        invitation = await partnerships.invite_partner(
            session, actor=admin, organisation_id=partner.id, base_url=base_url
        )
        token = invitation.tokens[partner_admin.email]
        await partnerships.accept_invitation(session, token=token, actor=partner_admin)
        done.append(f"{partner.name} accepted the invitation of {directing.name}")
        admin = await _standing_of(session, admin.email)
    if await session.scalar(
        select(models.Zaaktype.id).where(
            models.Zaaktype.organisation_id == directing.id,
            models.Zaaktype.identification == SCENARIO_ZAAKTYPE,
        )
    ):
        return "; ".join(done) or "the scenario was played before; nothing to do"
    role = await _ensure_named(session, models.Role, directing, "Vergunningverlener")
    folder = await folders.create_folder(session, actor=admin, name="Vergunningen", parent_id=None)
    zaaktype = await zaaktypen.create_zaaktype(
        session,
        actor=admin,
        folder_id=folder.id,
        identification=SCENARIO_ZAAKTYPE,
        name="Omgevingsvergunning",
    )
    await zaaktypen.update_concept(
        session,
        actor=admin,
        zaaktype_id=zaaktype.id,
        changes=zaaktypen.ConceptChanges(
            description="Aanvraag omgevingsvergunning met milieuadvies van de omgevingsdienst.",
            lead_time_days=56,
            coordinating_role_id=role.id,
        ),
    )
    await zaaktype_partners.link_partner(
        session,
        actor=admin,
        zaaktype_id=zaaktype.id,
        partner_id=partner.id,
        max_access=models.AccessLevel.CONSULT,
    )
    steps = [
        ("Ontvangen", None),
        ("Advies milieu", models.HandlerKind.PARTNER),
        ("Besluit", models.HandlerKind.ROLE),
        ("Afgehandeld", models.HandlerKind.ROLE),
    ]
    added = [
        await statuses.add_status_type(
            session, actor=admin, zaaktype_id=zaaktype.id, name=name, sequence=None
        )
        for name, _ in steps
    ]
    # Handlers once every status is there: while "Advies milieu" is the last, Z4 refuses it.
    for status, (_, kind) in zip(added, steps, strict=True):
        if kind is not None:
            await statuses.set_status_handler(
                session,
                actor=admin,
                status_type_id=status.id,
                kind=kind,
                role_id=role.id if kind is models.HandlerKind.ROLE else None,
                partner_id=partner.id if kind is models.HandlerKind.PARTNER else None,
            )
    for result in ("Verleend", "Geweigerd"):
        await statuses.add_result_type(session, actor=admin, zaaktype_id=zaaktype.id, name=result)
    await publishing.publish_zaaktype(
        session, actor=admin, zaaktype_id=zaaktype.id, environments=["test", "productie"]
    )
    done.append(f"{directing.name} shares the published zaaktype Omgevingsvergunning")
    return "; ".join(done)


async def _organisation_by_oin(session: AsyncSession, oin: str) -> models.Organisation:
    organisation = await session.scalar(
        select(models.Organisation).where(models.Organisation.oin == oin)
    )
    if organisation is None:
        raise LookupError("run `samen demo` without --scenario first")  # seed_demo runs first
    return organisation


async def _standing_of(session: AsyncSession, email: str) -> Standing:
    user = await session.scalar(select(models.User).where(models.User.email == email))
    assert user is not None
    return await auth.load_standing(session, user)
