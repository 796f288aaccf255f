"""Settings, read from ``SAMEN_*`` environment variables and an optional ``.env`` file."""

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent


class Settings(BaseSettings):
    """Everything Samen can be configured with; built explicitly, never at import time."""

    model_config = SettingsConfigDict(env_prefix="SAMEN_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./samen.db"
    base_url: str = "http://127.0.0.1:8000"

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_tls: bool = False
    mail_from: str = "Samen <noreply@samen.example>"

    # Bounds on what one GraphQL request may ask (DESIGN.md §7).
    max_query_depth: int = Field(default=12, ge=2)
    max_aliases: int = Field(default=30, ge=1)
    max_tokens: int = Field(default=2000, ge=100)
    max_request_bytes: int = Field(default=100_000, ge=1_000)

    static_dir: Path = PACKAGE_DIR / "static"
    log_level: str = "INFO"

    @cached_property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def get_settings() -> Settings:
    """Read the settings from the environment now (not at import time)."""
    return Settings()
