"""Celery tasks: thin wrappers that take row ids, call one pipeline step, and map errors.

Transient failures (help-desk or account store unreachable, rate limits) are retried with a
capped, jittered backoff; permanent ones are logged and left to the state machine (which
flags the ticket for a technician).  Arguments are ids only: no student data in messages.
"""

from __future__ import annotations

import logging
import math
import random
from functools import lru_cache
from typing import Any

from celery.signals import worker_shutting_down
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from connectors.errors import (
    AuthError,
    ConnectorError,
    PermanentError,
    RateLimited,
    TransientError,
)

from . import metrics
from .celery_app import app
from .dispatch import CeleryDispatch
from .pipeline import Pipeline, StepBusy
from .settings import get_settings
from .wiring import build_pipeline

log = logging.getLogger(__name__)

MAX_RETRIES = 8
# A retry waits in the worker as an unacknowledged message with an ETA; one that waited
# longer than the broker's visibility timeout (600 s) would be delivered a second time.
MAX_BACKOFF = 300.0


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    """One pipeline per worker process, built after the fork on first use."""
    return build_pipeline(get_settings(), CeleryDispatch(app))


def backoff(retries: int, retry_after: float | None = None) -> float:
    """Seconds before the next try: the server's Retry-After, else exponential with jitter."""
    if retry_after is not None:
        return min(max(retry_after, 1.0), MAX_BACKOFF)
    exponential: float = 10.0 * math.pow(2.0, retries)
    return min(MAX_BACKOFF, exponential) * random.uniform(0.5, 1.0)


def state_database_down(exc: DBAPIError) -> bool:
    """Is this failure of the state database one that passes (lost connection, restart)?

    Constraint violations and SQL errors are bugs: retrying them would fail the same way.
    """
    return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)


def database_cause(exc: DBAPIError) -> str:
    """The driver's first line ("connection refused", "terminating connection ..."): never
    the statement or its parameters, which may hold a student's data."""
    first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
    return f"{type(exc.orig).__name__}: {first[:200]}" if first else type(exc.orig).__name__


def _run(task: Any, step: str, ident: int) -> None:
    try:
        getattr(pipeline(), step)(ident)
    except StepBusy as exc:
        # Redelivered while an earlier run's lease holds (its process was killed, or it is
        # still at work): look again when the lease ends instead of dropping the message.
        raise task.retry(
            exc=exc, countdown=backoff(task.request.retries, exc.seconds), max_retries=MAX_RETRIES
        ) from None
    except RateLimited as exc:
        metrics.RETRIES.labels(step=step).inc()
        raise task.retry(
            exc=exc,
            countdown=backoff(task.request.retries, exc.retry_after),
            max_retries=MAX_RETRIES,
        ) from None
    except TransientError as exc:
        # Connector messages name the system and the call (method and path), never a
        # student: the operator sees the cause here, not only at INFO.
        wait = backoff(task.request.retries)
        metrics.RETRIES.labels(step=step).inc()
        log.warning(
            "%s %s: temporary failure: %s; retrying in %.0f s (try %d of %d)",
            step,
            ident,
            exc,
            wait,
            task.request.retries + 1,
            MAX_RETRIES,
        )
        raise task.retry(exc=exc, countdown=wait, max_retries=MAX_RETRIES) from None
    except DBAPIError as exc:
        if not state_database_down(exc):
            raise
        wait = backoff(task.request.retries)
        cause = database_cause(exc)
        metrics.RETRIES.labels(step=step).inc()
        log.warning(
            "%s %s: the state database is unreachable (%s); retrying in %.0f s (try %d of %d) "
            "- check TICKETWORKER_DATABASE_URL and that PostgreSQL is running",
            step,
            ident,
            cause,
            wait,
            task.request.retries + 1,
            MAX_RETRIES,
        )
        # A connector-kind error in place of the driver's: Celery logs the retry's reason,
        # and the SQLAlchemy text would carry the statement.
        raise task.retry(
            exc=TransientError(f"state database unreachable ({cause})"),
            countdown=wait,
            max_retries=MAX_RETRIES,
        ) from None
    except AuthError:
        log.error("%s %s: credentials refused; check the connector settings", step, ident)
    except PermanentError as exc:
        log.error("%s %s: permanent failure (%s)", step, ident, type(exc).__name__)


@worker_shutting_down.connect
def say_what_shutdown_waits_for(sig: str = "", how: str = "", **_: Any) -> None:
    """Celery says "Warm shutdown" and then nothing while running tasks finish: say how long
    it waits and what happens to work that does not finish (a deploy's operator asks)."""
    grace = app.conf.worker_soft_shutdown_timeout or 0
    log.warning(
        "%s shutdown (%s): running steps get up to %.0f s to finish; a step cut off is "
        "requeued, and its lease (TICKETWORKER_STEP_LEASE_SECONDS) ends within seconds so "
        "another worker takes it over",
        how or "worker",
        sig or "signal",
        grace,
    )


@app.task(bind=True, name="worker.tasks.process_ticket", max_retries=MAX_RETRIES)
def process_ticket(self: Any, ticket_id: int) -> None:
    _run(self, "process", ticket_id)


@app.task(bind=True, name="worker.tasks.run_reset", max_retries=MAX_RETRIES)
def run_reset(self: Any, job_id: int) -> None:
    _run(self, "reset", job_id)


@app.task(bind=True, name="worker.tasks.report_ticket", max_retries=MAX_RETRIES)
def report_ticket(self: Any, ticket_id: int) -> None:
    _run(self, "report", ticket_id)


@app.task(bind=True, name="worker.tasks.flush_outbox", max_retries=MAX_RETRIES)
def flush_outbox(self: Any, ticket_id: int) -> None:
    _run(self, "flush", ticket_id)


#: A poll a webhook asked for, finding another poll at work, looks again this often...
SOON_RETRY_SECONDS = 1.0
#: ...this many times (the scheduled poll is the safety net after that).
SOON_RETRIES = 30


@app.task(bind=True, name="worker.tasks.poll_helpdesk", ignore_result=True)
def poll_helpdesk(self: Any, soon: bool = False) -> int:
    """One poll (the lease inside makes a second beat or an overlapping poll harmless).

    ``soon``: a webhook asked for it.  It clears the webhook's flag before listing, so a
    change made while it lists asks for a poll of its own; if another poll holds the lease,
    it tries again shortly rather than waiting for the schedule.
    """
    if soon:
        from .webhooks import poll_taken
        from .wiring import webhook_store

        poll_taken(webhook_store(get_settings()))
    try:
        report = pipeline().poll_once()
    except ConnectorError as exc:
        log.warning("poll failed (%s); the next scheduled poll tries again", exc)
        return 0
    except DBAPIError as exc:
        if not state_database_down(exc):
            raise
        log.warning(
            "poll: the state database is unreachable (%s); the next scheduled poll tries again",
            database_cause(exc),
        )
        return 0
    if report.skipped and soon and self.request.retries < SOON_RETRIES:
        raise self.retry(countdown=SOON_RETRY_SECONDS, max_retries=SOON_RETRIES)
    return len(report.queued)


@app.task(name="worker.tasks.sweep", ignore_result=True)
def sweep() -> int:
    try:
        return pipeline().sweep()
    except DBAPIError as exc:
        if not state_database_down(exc):
            raise
        log.warning(
            "sweep: the state database is unreachable (%s); the next sweep tries again",
            database_cause(exc),
        )
        return 0


# A district roster of 100,000 students from a REST API can take minutes to read: this task
# gets limits of its own (the reconcile lease, 3600 s by default, outlives the hard limit).
@app.task(
    bind=True,
    name="worker.tasks.reconcile_roster",
    ignore_result=True,
    soft_time_limit=1800,
    time_limit=1900,
    max_retries=3,
)
def reconcile_roster(self: Any) -> str:
    """The nightly roster reconciliation; one run at a time (a lease inside)."""
    from .reconcile import reconcile_once  # imported lazily: it loads the whole roster

    settings = get_settings()
    try:
        summary = reconcile_once(settings, dry_run=settings.dry_run)
    except TransientError as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from None
    return str(summary)
