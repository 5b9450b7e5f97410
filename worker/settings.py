"""ticketworker's settings: environment variables (prefix ``TICKETWORKER_``) and an optional .env.

Nested connector settings use ``__``: ``TICKETWORKER_HELPDESK__KIND=rt`` selects Request Tracker,
``TICKETWORKER_HELPDESK__BASE_URL=...`` configures it.  A misspelt kind fails at start-up.
Secrets are ``SecretStr``: they never appear in logs, reprs or tracebacks.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from connectors.accounts.config import SqlAccountsConfig
from connectors.helpdesk.config import DemoHelpdeskConfig, RTConfig
from connectors.roster.config import OneRosterCsvConfig, OneRosterRestConfig

HelpdeskConfig = Annotated[RTConfig | DemoHelpdeskConfig, Field(discriminator="kind")]
RosterConfig = Annotated[OneRosterCsvConfig | OneRosterRestConfig, Field(discriminator="kind")]
AccountsConfig = Annotated[SqlAccountsConfig, Field(discriminator="kind")]


class Settings(BaseSettings):
    """Every option ticketworker reads; the README lists them with their defaults."""

    model_config = SettingsConfigDict(
        env_prefix="TICKETWORKER_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    database_url: str = Field(
        "sqlite:///var/ticketworker.db", description="state database (SQLAlchemy URL)"
    )
    broker_url: str = Field("redis://127.0.0.1:6379/0", description="Celery broker")
    helpdesk: HelpdeskConfig = Field(default_factory=DemoHelpdeskConfig)
    roster: RosterConfig = Field(default_factory=OneRosterCsvConfig)
    accounts: AccountsConfig = Field(default_factory=SqlAccountsConfig)

    portal_name: str = Field("the Student Portal", description="portal name used in replies")
    portal_url: str = Field("https://portal.example.org", description="where students claim")
    sis_name: str = Field("the student information system", description="SIS name in replies")
    templates_dir: Path | None = Field(None, description="directory of templates overriding ours")
    poll_interval_seconds: float = Field(60.0, gt=0, description="how often beat polls")
    sweep_interval_seconds: float = Field(60.0, gt=0, description="how often lost work is re-sent")
    reconcile_at: str = Field(
        "02:30", description="daily time (HH:MM, worker time zone) of the roster reconciliation"
    )
    roster_refresh_seconds: float = Field(
        300.0, gt=0, description="how long a loaded roster is used"
    )
    step_lease_seconds: float = Field(
        600.0, gt=0, description="a claimed step is retried after this"
    )
    max_attempts: int = Field(3, ge=1, description="attempts before a ticket goes to a technician")
    dry_run: bool = Field(False, description="parse and plan, post a note, reset nothing")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
