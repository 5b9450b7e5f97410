"""ticketworker's settings: environment variables (prefix ``TICKETWORKER_``) and an optional .env.

Nested connector settings use ``__``: ``TICKETWORKER_HELPDESK__KIND=rt`` selects Request Tracker,
``TICKETWORKER_HELPDESK__BASE_URL=...`` configures it.  A misspelt kind fails at start-up.
Secrets are ``SecretStr``: they never appear in logs, reprs or tracebacks.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, SecretStr, Tag
from pydantic_settings import BaseSettings, SettingsConfigDict

from connectors.accounts.config import (
    ActiveDirectoryAccountsConfig,
    LdapAccountsConfig,
    SqlAccountsConfig,
)
from connectors.helpdesk.config import DemoHelpdeskConfig, RTConfig
from connectors.roster.config import OneRosterCsvConfig, OneRosterRestConfig


def _kind(default: str) -> Discriminator:
    """Choose a config model by ``kind``; an override without ``kind`` keeps the default kind
    (``TICKETWORKER_ACCOUNTS__URL=...`` alone configures the default SQL store)."""

    def pick(value: Any) -> str:
        if isinstance(value, dict):
            return str(value.get("kind", default))
        return str(getattr(value, "kind", default))

    return Discriminator(pick)


HelpdeskConfig = Annotated[
    Annotated[RTConfig, Tag("rt")] | Annotated[DemoHelpdeskConfig, Tag("demo")], _kind("demo")
]
RosterConfig = Annotated[
    Annotated[OneRosterCsvConfig, Tag("oneroster_csv")]
    | Annotated[OneRosterRestConfig, Tag("oneroster_rest")],
    _kind("oneroster_csv"),
]
AccountsConfig = Annotated[
    Annotated[SqlAccountsConfig, Tag("sql")]
    | Annotated[LdapAccountsConfig, Tag("ldap")]
    | Annotated[ActiveDirectoryAccountsConfig, Tag("active_directory")],
    _kind("sql"),
]


class Settings(BaseSettings):
    """Every option ticketworker reads; the README lists them with their defaults."""

    model_config = SettingsConfigDict(
        env_prefix="TICKETWORKER_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    # URLs may carry a password: kept out of repr() so a logged settings object or a
    # traceback never shows it.
    database_url: str = Field(
        "sqlite:///var/ticketworker.db", description="state database (SQLAlchemy URL)", repr=False
    )
    broker_url: str = Field("redis://127.0.0.1:6379/0", description="Celery broker", repr=False)
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
    reconcile_grace_days: int = Field(
        14, ge=0, description="days a student must be missing before the account is disabled"
    )
    reconcile_floor_share: float = Field(
        0.10,
        gt=0,
        lt=1,
        description="apply nothing when active students shrank by more than this share",
    )
    reconcile_snapshots_kept: int = Field(
        30, ge=1, description="roster snapshots kept (the latest good one is always kept)"
    )
    reconcile_batch_size: int = Field(
        1000, ge=1, description="changes per account-store call and audit transaction"
    )
    reconcile_lease_seconds: float = Field(
        3600.0, gt=0, description="a reconciliation holding the lease longer is presumed dead"
    )
    roster_snapshot_check_seconds: float = Field(
        10.0, ge=0, description="how often the parser's roster looks for a newer snapshot"
    )
    roster_refresh_seconds: float = Field(
        300.0, gt=0, description="how long a loaded roster is used"
    )
    step_lease_seconds: float = Field(
        180.0,
        gt=0,
        description="a claimed step whose worker died is retried after this; should outlast "
        "the Celery hard time limit (150 s)",
    )
    max_attempts: int = Field(3, ge=1, description="attempts before a ticket goes to a technician")
    dry_run: bool = Field(False, description="parse and plan, post a note, reset nothing")
    email_tickets: Literal["verify", "review", "trust"] = Field(
        "verify",
        description="tickets that came by e-mail: verify (reset only when a trusted mail server "
        "recorded DMARC pass for the requester's domain), review (always to a technician), "
        "trust (like any other ticket; only when the help-desk accepts authenticated mail only)",
    )
    mail_authserv_ids: str = Field(
        "",
        description="comma-separated authserv-ids of the district's receiving mail servers, as "
        "they name themselves in Authentication-Results headers (e.g. mx.district.example)",
    )
    console_secret: SecretStr | None = Field(
        None, description="signs console sessions (32+ characters); generated into var/ if unset"
    )
    console_secret_file: Path = Field(
        Path("var/console-secret"), description="where a generated console secret is kept"
    )
    console_session_hours: float = Field(
        8.0, gt=0, description="a console login lasts at most this long"
    )
    console_idle_minutes: float = Field(
        60.0, gt=0, description="a console login ends after this long without a request"
    )
    console_secure_cookie: bool = Field(
        True, description="Secure flag on the console cookie (HTTPS, or http://localhost)"
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
