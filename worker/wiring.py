"""Building the pipeline from settings: the one place that knows which connector is which."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine

from connectors.accounts import build_accounts
from connectors.helpdesk import build_helpdesk
from connectors.roster import build_roster_source
from connectors.roster.base import RosterSource
from parsers import RosterIndex

from .db.session import make_engine, make_sessions
from .messages import Messages, Portal
from .pipeline import Dispatch, Limits, Options, Pipeline
from .reconcile.provider import SnapshotRoster
from .roster import index_roster
from .settings import Settings
from .webhooks import KeyValue, WebhookReceiver

log = logging.getLogger(__name__)


class CachedRoster:
    """The roster index, reloaded from its source when older than ``max_age`` seconds.

    Loading 50,000 students takes about half a second, so a worker keeps the index and
    refreshes it in the background of the next call rather than on every ticket.
    """

    def __init__(self, source: RosterSource, max_age: float = 300.0) -> None:
        self._source = source
        self._max_age = max_age
        self._lock = threading.Lock()
        self._index: RosterIndex | None = None
        self._loaded_at = 0.0

    def __call__(self) -> RosterIndex:
        with self._lock:
            if self._index is None or time.monotonic() - self._loaded_at > self._max_age:
                loaded = index_roster(self._source.load())
                for issue in loaded.issues:
                    # Issues name files, lines and fields, never a student's data.
                    log.warning("roster problem: %s", issue)
                self._index, self._loaded_at = loaded.index, time.monotonic()
            return self._index

    def forget(self) -> None:
        """Drop the loaded index (the next call loads the source again)."""
        with self._lock:
            self._index = None


def roster_provider(settings: Settings, engine: Engine | None = None) -> Callable[[], RosterIndex]:
    """The parser's roster: the latest good reconciliation snapshot, else the roster source."""
    fallback = CachedRoster(build_roster_source(settings.roster), settings.roster_refresh_seconds)
    return SnapshotRoster(
        make_sessions(engine or state_engine(settings)),
        fallback,
        check_seconds=settings.roster_snapshot_check_seconds,
        release_fallback=fallback.forget,
    )


def state_engine(settings: Settings) -> Engine:
    return make_engine(settings.database_url)


def build_pipeline(
    settings: Settings, dispatch: Dispatch, engine: Engine | None = None
) -> Pipeline:
    """A pipeline wired to the configured help-desk, account store, roster and database."""
    from . import metrics

    metrics.install()
    engine = engine or state_engine(settings)
    return Pipeline(
        helpdesk=build_helpdesk(settings.helpdesk),
        accounts=build_accounts(settings.accounts),
        roster=roster_provider(settings, engine),
        sessions=make_sessions(engine),
        dispatch=dispatch,
        messages=Messages(
            Portal(settings.portal_name, settings.portal_url, settings.sis_name),
            settings.templates_dir,
        ),
        options=Options(
            dry_run=settings.dry_run,
            lease=timedelta(seconds=settings.step_lease_seconds),
            heartbeat=timedelta(seconds=settings.step_heartbeat_seconds),
            max_attempts=settings.max_attempts,
            sweep_min_age=timedelta(seconds=settings.sweep_min_age_seconds),
            limits=Limits(
                students_per_ticket=settings.limit_students_per_ticket,
                resets_per_requester_per_day=settings.limit_resets_per_requester_per_day,
                resets_per_hour=settings.limit_resets_per_hour,
            ),
            email_tickets=settings.email_tickets,
            mail_authserv_ids=tuple(
                name.strip() for name in settings.mail_authserv_ids.split(",") if name.strip()
            ),
        ),
    )


def webhook_store(settings: Settings) -> KeyValue:
    """Where deliveries seen and the asked-for poll are kept: the broker's Redis."""
    import redis

    store: KeyValue = redis.Redis.from_url(settings.broker_url, socket_timeout=5)
    return store


def webhook_receiver(settings: Settings) -> WebhookReceiver:
    """The receiver of the configured help-desk's webhook; it asks the workers for a poll."""
    from .celery_app import app
    from .dispatch import TASKS

    if settings.webhook_secret is None:
        raise ValueError("TICKETWORKER_WEBHOOK_SECRET is not set")
    poll = TASKS["poll"]
    kind = str(getattr(settings.helpdesk, "kind", ""))
    return WebhookReceiver(
        kind=kind,
        secret=settings.webhook_secret,
        store=webhook_store(settings),
        ask_for_poll=lambda: app.send_task(
            poll.name, kwargs={"soon": True}, queue=poll.queue.value
        ),
    )
