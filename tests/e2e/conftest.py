"""Fixtures for the browser tests."""

from pathlib import Path

import pytest

from tests.e2e.browser import CHROMIUM, require


@pytest.fixture
def chromium() -> Path:
    """Debian's Chromium; skipped without it on a developer's machine, failed in CI."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing; `make test` installs it (chromium)")
    return CHROMIUM
