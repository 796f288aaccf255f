"""Enumerations of the domain, stored by their values."""

import enum
from typing import Any

from sqlalchemy import Enum


class AccessLevel(enum.Enum):
    """Per zaaktype: what an authorisation group may do with its zaken (ordered)."""

    NONE = "NONE"
    CONSULT = "CONSULT"
    HANDLE = "HANDLE"
    MANAGE = "MANAGE"

    @property
    def rank(self) -> int:
        return list(AccessLevel).index(self)


class Confidentiality(enum.Enum):
    """The eight ZGW vertrouwelijkheidaanduidingen, from open to most secret."""

    OPENBAAR = "openbaar"
    BEPERKT_OPENBAAR = "beperkt_openbaar"
    INTERN = "intern"
    ZAAKVERTROUWELIJK = "zaakvertrouwelijk"
    VERTROUWELIJK = "vertrouwelijk"
    CONFIDENTIEEL = "confidentieel"
    GEHEIM = "geheim"
    ZEER_GEHEIM = "zeer_geheim"


class HandlerKind(enum.Enum):
    """Who performs the action that reaches a status (Z2, Z3)."""

    NONE = "NONE"
    ROLE = "ROLE"
    PREVIOUS = "PREVIOUS"
    PARTNER = "PARTNER"


class ComputerActionKind(enum.Enum):
    """Automatic steps run when a status is reached."""

    SEND_STATUS_MESSAGE = "SEND_STATUS_MESSAGE"  # to the zaak's initiator
    SEND_EMAIL = "SEND_EMAIL"  # to a fixed address


def stored(enum_class: type[enum.Enum]) -> Enum:
    """A column type that stores an enum's values as plain strings on both databases."""
    values: Any = lambda members: [m.value for m in members]  # noqa: E731
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=30,
        values_callable=values,
        validate_strings=True,
    )
