"""The policy functions on their own: plain values in, a verdict out, no database."""

import uuid
from collections.abc import Callable

import pytest

from samen.permissions import policy
from samen.permissions.standing import Standing

OWN = uuid.uuid4()
OTHER = uuid.uuid4()
SHARED_ZAAKTYPE = uuid.uuid4()
PRIVATE_ZAAKTYPE = uuid.uuid4()


def viewer(**flags: object) -> Standing:
    return Standing(user_id=uuid.uuid4(), email="x@test", organisation_id=OWN, **flags)  # type: ignore[arg-type]


ANONYMOUS = None
MEMBER = viewer()
ZAAKTYPE_ADMIN = viewer(is_zaaktype_admin=True)
LICENSED_ADMIN = viewer(is_zaaktype_admin=True, has_licence=True)
ORGANISATION_ADMIN = viewer(is_organisation_admin=True)
PARTNER = viewer(partner_of=frozenset({OTHER}), shared_zaaktype_ids=frozenset({SHARED_ZAAKTYPE}))

Check = Callable[[Standing | None], bool]

TABLE: list[tuple[str, Check, dict[str, bool]]] = [
    (
        "manage own roles and groups",
        lambda s: policy.can_manage_access(s, OWN),
        {"anonymous": False, "member": False, "zaaktype_admin": False, "organisation_admin": True},
    ),
    (
        "manage another organisation's roles",
        lambda s: policy.can_manage_access(s, OTHER),
        {"organisation_admin": False},
    ),
    (
        "configure own catalogue",
        lambda s: policy.can_configure_catalogue(s, OWN),
        {"anonymous": False, "member": False, "zaaktype_admin": True, "organisation_admin": False},
    ),
    (
        "configure a shared folder (P4)",
        lambda s: policy.can_configure_folder(s, OWN, is_shared=True),
        {"zaaktype_admin": False, "licensed_admin": False},
    ),
    (
        "invite partners (P1)",
        policy.can_invite_partners,
        {"member": False, "zaaktype_admin": False, "licensed_admin": True},
    ),
    (
        "link partners (P1)",
        lambda s: policy.can_link_partners(s, OWN),
        {"zaaktype_admin": False, "licensed_admin": True},
    ),
    (
        "read a shared, published zaaktype (P3)",
        lambda s: policy.can_read_zaaktype(s, SHARED_ZAAKTYPE, OTHER),
        {"anonymous": False, "member": False, "partner": True},
    ),
    (
        "read an unshared zaaktype of the directing party",
        lambda s: policy.can_read_zaaktype(s, PRIVATE_ZAAKTYPE, OTHER),
        {"partner": False},
    ),
    (
        "see a concept of someone else's zaaktype (V2)",
        lambda s: policy.can_see_version(s, OTHER, is_concept=True),
        {"partner": False, "member": False},
    ),
    (
        "see a published version of a shared zaaktype",
        lambda s: policy.can_see_version(s, OTHER, is_concept=False),
        {"partner": True},
    ),
    (
        "edit a published version (V1)",
        lambda s: policy.can_edit_version(s, OWN, is_concept=False),
        {"zaaktype_admin": False, "licensed_admin": False},
    ),
    (
        "end a partnership as the partner",
        lambda s: policy.can_end_partnership(s, OTHER),
        {"partner": False, "licensed_admin": False},
    ),
    (
        "see another partner's link (A5)",
        lambda s: policy.can_see_linked_partner(s, OTHER, uuid.uuid4()),
        {"partner": False},
    ),
]
VIEWERS: dict[str, Standing | None] = {
    "anonymous": ANONYMOUS,
    "member": MEMBER,
    "zaaktype_admin": ZAAKTYPE_ADMIN,
    "licensed_admin": LICENSED_ADMIN,
    "organisation_admin": ORGANISATION_ADMIN,
    "partner": PARTNER,
}
CASES = [
    pytest.param(check, VIEWERS[who], expected, id=f"{what}-{who}")
    for what, check, expectations in TABLE
    for who, expected in expectations.items()
]


@pytest.mark.parametrize(("check", "standing", "expected"), CASES)
def test_policy(check: Check, standing: Standing | None, expected: bool) -> None:
    assert check(standing) is expected
