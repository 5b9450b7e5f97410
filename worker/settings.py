"""ticketworker's settings: environment variables (prefix ``TICKETWORKER_``) and an optional .env.

Nested connector settings use ``__``: ``TICKETWORKER_HELPDESK__KIND=rt`` selects Request Tracker,
``TICKETWORKER_HELPDESK__BASE_URL=...`` configures it.  A misspelt kind fails at start-up.
Secrets are ``SecretStr``: they never appear in logs, reprs or tracebacks.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from connectors.accounts import ACCOUNT_STORES
from connectors.helpdesk import HELPDESKS
from connectors.registry import Registry
from connectors.roster import ROSTER_SOURCES

# Each field's type is one of its family's config models, picked by ``kind``: derived from the
# connector registries, so a new kind needs no edit here.  mypy sees the common base class.
if TYPE_CHECKING:
    HelpdeskConfig = BaseModel
    RosterConfig = BaseModel
    AccountsConfig = BaseModel
else:
    HelpdeskConfig = HELPDESKS.config_union()
    RosterConfig = ROSTER_SOURCES.config_union()
    AccountsConfig = ACCOUNT_STORES.config_union()

#: Settings key -> the registry of its connector family.
CONNECTOR_FAMILIES: dict[str, Registry[Any]] = {
    "helpdesk": HELPDESKS,
    "roster": ROSTER_SOURCES,
    "accounts": ACCOUNT_STORES,
}


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
    helpdesk: HelpdeskConfig = Field(default_factory=HELPDESKS.default_config)
    roster: RosterConfig = Field(default_factory=ROSTER_SOURCES.default_config)
    accounts: AccountsConfig = Field(default_factory=ACCOUNT_STORES.default_config)

    portal_name: str = Field("the Student Portal", description="portal name used in replies")
    portal_url: str = Field("https://portal.example.org", description="where students claim")
    sis_name: str = Field("the student information system", description="SIS name in replies")
    templates_dir: Path | None = Field(None, description="directory of templates overriding ours")
    poll_interval_seconds: float = Field(60.0, gt=0, description="how often beat polls")
    sweep_interval_seconds: float = Field(15.0, gt=0, description="how often lost work is re-sent")
    sweep_min_age_seconds: float = Field(
        15.0,
        gt=0,
        description="the sweep re-sends work untouched this long (younger work is most likely "
        "still queued); lost work waits at most this plus the sweep interval",
    )
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
        description="apply nothing when active students shrank by more than this share (since "
        "the last good run, or below the account store's enabled accounts on a first run), or "
        "when more than this share of enabled accounts would be disabled",
    )
    reconcile_floor_min_accounts: int = Field(
        20,
        ge=1,
        description="the floor's comparisons with the account store trip only when at least "
        "this many accounts would go",
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
        12.0,
        gt=0,
        description="a claimed step whose worker died is taken over after this; a live worker "
        "renews the lease every TICKETWORKER_STEP_HEARTBEAT_SECONDS, so it must outlast two "
        "heartbeats, not the slowest step",
    )
    step_heartbeat_seconds: float = Field(
        5.0, gt=0, description="how often a running step renews its lease"
    )
    limit_students_per_ticket: int = Field(
        40, ge=1, description="more ready students in one ticket go to a technician"
    )
    limit_resets_per_requester_per_day: int = Field(
        60, ge=1, description="resets one requester's tickets may make in 24 hours"
    )
    limit_resets_per_hour: int = Field(
        500, ge=1, description="resets the whole district may make in an hour"
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
    alive_dir: Path = Field(
        Path("var"), description="where worker and beat touch their liveness files"
    )
    log_format: Literal["text", "json"] = Field(
        "text", description="log lines as text, or one JSON event a line (worker.logs)"
    )
    metrics_token: SecretStr | None = Field(
        None, description="bearer token for the console's /metrics (unset: /metrics is 404)"
    )
    webhook_secret: SecretStr | None = Field(
        None,
        description="the help-desk webhook's signing secret or shared token; unset: no webhook "
        "endpoint (polling only)",
    )
    console_secure_cookie: bool = Field(
        True, description="Secure flag on the console cookie (HTTPS, or http://localhost)"
    )

    @model_validator(mode="after")
    def _lease_outlasts_two_heartbeats(self) -> Settings:
        if self.step_lease_seconds <= 2 * self.step_heartbeat_seconds:
            raise ValueError(
                f"TICKETWORKER_STEP_LEASE_SECONDS ({self.step_lease_seconds:g}) must be longer "
                f"than two heartbeats (TICKETWORKER_STEP_HEARTBEAT_SECONDS="
                f"{self.step_heartbeat_seconds:g}): one late heartbeat would let a second "
                "worker take a live step"
            )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
