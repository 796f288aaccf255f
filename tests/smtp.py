"""A real SMTP server (aiosmtpd) in the test process, for every test directory.

Registered as a pytest plugin by ``tests/conftest.py``, so ``idle_smtp_server``,
``smtp_server`` and ``smtp_settings`` are fixtures everywhere; ``SmtpServer`` also runs
outside a test's event loop (a Controller has a thread and loop of its own), which the
live-server tests need.
"""

import email.policy
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from samen.config import Settings
from tests.conftest import _free_port

MAIL_FROM = "Samen <noreply@samen.test>"


@dataclass
class ReceivedMail:
    """One message as the SMTP server received it: envelope and parsed content."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    def part(self, subtype: str) -> str:
        """The decoded ``text/<subtype>`` body (``plain`` or ``html``)."""
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None, f"no text/{subtype} part"
        assert body.get_content_type() == f"text/{subtype}"
        content: str = body.get_content()
        return content


class RecordingHandler:
    """An aiosmtpd handler that accepts every message and keeps it."""

    def __init__(self) -> None:
        self.received: list[ReceivedMail] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd on 127.0.0.1 on a port of its own, started and stopped at will."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.handler = RecordingHandler()
        self._controller: Controller | None = None

    @property
    def received(self) -> list[ReceivedMail]:
        return self.handler.received

    def start(self) -> None:
        # A Controller makes an event loop of its own at once; build one only to run it.
        controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self, settings: Settings) -> Settings:
        """``settings`` with mail going to this server, in plain SMTP."""
        return settings.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": self.port,
                "smtp_username": None,
                "smtp_password": None,
                "smtp_tls": False,
                "mail_from": MAIL_FROM,
            }
        )


@pytest.fixture
def idle_smtp_server() -> Iterator[SmtpServer]:
    """A port nothing listens on (an SMTP outage) until the test calls ``start()``."""
    server = SmtpServer(_free_port())
    yield server
    server.stop()


@pytest.fixture
def smtp_server(idle_smtp_server: SmtpServer) -> SmtpServer:
    idle_smtp_server.start()
    return idle_smtp_server


@pytest.fixture
def smtp_settings(settings: Settings, idle_smtp_server: SmtpServer) -> Settings:
    """The test's settings with mail going to ``idle_smtp_server``/``smtp_server``."""
    return idle_smtp_server.settings(settings)
