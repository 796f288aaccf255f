"""Fixtures for mail senders; the SMTP server itself comes from ``tests/smtp.py``."""

import pytest

from samen.config import Settings
from samen.db import SessionFactory
from samen.events.mail import MailSender
from tests.smtp import MAIL_FROM, SmtpServer

# Re-exported for the tests that import them from here.
__all__ = ["MAIL_FROM", "SmtpServer"]


@pytest.fixture
def sender(smtp_settings: Settings, factory: SessionFactory) -> MailSender:
    """A sender pointed at ``idle_smtp_server``/``smtp_server``, in the test's transaction."""
    return MailSender(smtp_settings, factory)


@pytest.fixture
def offline_sender(settings: Settings, factory: SessionFactory) -> MailSender:
    """A sender with no SMTP host configured: it logs mail and keeps it."""
    return MailSender(settings.model_copy(update={"smtp_host": None}), factory)
