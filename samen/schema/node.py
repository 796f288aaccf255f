"""Relay global IDs and the ``Node`` interface."""

import base64
import binascii
import uuid

import strawberry


@strawberry.interface(description="An object with a global ID that `node(id:)` can fetch.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Global ID; opaque to clients, stable for the object's life."
    )


def to_global_id(type_name: str, db_id: uuid.UUID) -> strawberry.ID:
    return strawberry.ID(base64.b64encode(f"{type_name}:{db_id}".encode()).decode())


def from_global_id(global_id: str) -> tuple[str, uuid.UUID] | None:
    """(type name, database id) of a global ID, or None when it is not one of ours."""
    try:
        type_name, _, raw = base64.b64decode(global_id, validate=True).decode().partition(":")
        return type_name, uuid.UUID(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def parse_global_id(global_id: str, expected_type: str) -> uuid.UUID | None:
    """The database id of a global ID of the expected type, else None."""
    parsed = from_global_id(global_id)
    if parsed is None or parsed[0] != expected_type:
        return None
    return parsed[1]
