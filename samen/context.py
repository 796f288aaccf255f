"""The typed per-request context: one session, the viewer's standing, per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from samen.config import Settings
from samen.db import SessionFactory
from samen.permissions.standing import Standing
from samen.services import auth

if TYPE_CHECKING:
    from samen.events.mail import MailSender
    from samen.resolvers.loaders import Loaders

BEARER = "bearer "


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` value, else None."""
    if authorization and authorization[: len(BEARER)].lower() == BEARER:
        return authorization[len(BEARER) :].strip() or None
    return None


@dataclass
class Context:
    """What every resolver of one request (or one subscription connection) shares.

    The session is opened on first use and closed when the operation ends
    (``SessionLifecycle``); the standing is loaded at most once.
    """

    settings: Settings
    session_factory: SessionFactory
    request_id: str
    authorization: str | None = None
    connection_params: dict[str, Any] | None = None
    # Woken after a mutation commits, so mail in the outbox goes out at once.
    mail_sender: MailSender | None = None
    _session: AsyncSession | None = field(default=None, repr=False)
    _standing: Standing | None = field(default=None, repr=False)
    _standing_loaded: bool = field(default=False, repr=False)
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            self._session = self.session_factory()
        return self._session

    @property
    def loaders(self) -> Loaders:
        if self._loaders is None:
            from samen.resolvers.loaders import Loaders

            self._loaders = Loaders(self.session)
        return self._loaders

    async def standing(self) -> Standing | None:
        """The viewer's standing, or None when no valid token came with the request."""
        if not self._standing_loaded:
            token = bearer_token(self.authorization)
            self._standing = await auth.authenticate(self.session, token) if token else None
            self._standing_loaded = True
        return self._standing

    async def close(self) -> None:
        """End the operation: roll back what was not committed and release the connection."""
        if self._session is not None:
            await self._session.close()
            self._session = None
        # Loaders and the standing belong to this operation only. A WebSocket connection keeps
        # its context across operations, and an ended partnership or a revoked token must
        # count from its next operation on (P5), not from its next connection.
        self._loaders = None
        self._standing = None
        self._standing_loaded = False
