"""Settings come from SAMEN_* environment variables, read when asked for, not at import."""

import pytest

from samen.config import Settings, get_settings


def test_defaults_are_the_embedded_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    monkeypatch.delenv("SAMEN_DATABASE_URL", raising=False)
    # when
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    # then
    assert settings.database_url == "sqlite+aiosqlite:///./samen.db"
    assert settings.is_sqlite
    assert settings.smtp_host is None


def test_environment_variables_override_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    monkeypatch.setenv("SAMEN_DATABASE_URL", "postgresql+asyncpg://u@h/db")
    monkeypatch.setenv("SAMEN_SMTP_PORT", "2525")
    monkeypatch.setenv("SAMEN_SMTP_TLS", "true")
    monkeypatch.setenv("SAMEN_MAX_QUERY_DEPTH", "8")
    # when
    settings = get_settings()
    # then
    assert settings.database_url == "postgresql+asyncpg://u@h/db"
    assert not settings.is_sqlite
    assert (settings.smtp_port, settings.smtp_tls, settings.max_query_depth) == (2525, True, 8)


def test_nonsense_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    monkeypatch.setenv("SAMEN_MAX_QUERY_DEPTH", "0")
    # then
    with pytest.raises(ValueError, match="max_query_depth"):
        get_settings()
