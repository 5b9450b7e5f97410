"""Celery settings for ticketworker, each with the reason it is set this way.

Values that differ between deployments come from ticketworker's settings (environment
variables prefixed ``TICKETWORKER_``); see the README.  Loaded by ``worker/celery_app.py``.
"""

from __future__ import annotations

from celery.schedules import crontab

from worker.dispatch import TASKS, Queue, celery_routes
from worker.settings import get_settings

_settings = get_settings()

# -- broker -------------------------------------------------------------------------------
broker_url = _settings.broker_url
# Keep trying to reach the broker at start-up and after it restarts, instead of exiting.
broker_connection_retry_on_startup = True
broker_connection_max_retries = None
# A redelivered task must not wait longer than necessary, and a task that runs longer than
# the visibility timeout would be delivered to a second worker: the timeout (600 s) is
# longer than the hard time limit (150 s) with room to spare.
VISIBILITY_TIMEOUT = 600
broker_transport_options = {
    "visibility_timeout": VISIBILITY_TIMEOUT,
    # kombu >= 5.7: restore unacknowledged messages of dead workers every few seconds
    # instead of every ~100 s (RELIABILITY.md, E3/E4).
    "unacked_restore_throttle": 1,
    "health_check_interval": 25,
}
result_backend = None
task_ignore_result = True  # the state database records outcomes; results would be PII

# -- delivery guarantees ------------------------------------------------------------------
# Acknowledge after the task ran, and requeue it if the worker process is killed mid-task
# (RELIABILITY.md E1/E2: without reject_on_worker_lost a killed task is lost).  Tasks are
# idempotent by design (guarded state changes, reset idempotency keys, reply markers).
task_acks_late = True
task_reject_on_worker_lost = True
# One message at a time per process: a long reset never holds back other tickets.
worker_prefetch_multiplier = 1
# A task cut off by a lost broker connection is redelivered rather than half-acknowledged.
worker_cancel_long_running_tasks_on_connection_loss = True
# On deploy (SIGTERM) give running tasks time to finish before they are requeued.
worker_soft_shutdown_timeout = 30.0
# Bounds slow leaks in long-running workers.
worker_max_tasks_per_child = 200

# -- time limits --------------------------------------------------------------------------
# Every step is a few help-desk calls; anything slower is stuck.  The soft limit raises in
# the task (it is retried), the hard limit kills the process (the message is requeued).
task_soft_time_limit = 120
task_time_limit = 150

# -- queues -------------------------------------------------------------------------------
# Separate queues so a flood of one kind of work cannot starve another: polling stays
# on time while many resets run, replies go out while new tickets are parsed.
task_default_queue = Queue.TICKETS.value
task_routes = celery_routes()

# -- schedule -------------------------------------------------------------------------------
_hour, _minute = (int(part) for part in _settings.reconcile_at.split(":"))
beat_schedule = {
    # Every poll takes a lease in the state database, so a second beat process (or an
    # overlapping slow poll) is harmless; expiring messages keep a backlog from piling up.
    "poll-helpdesk": {
        "task": TASKS["poll"].name,
        "schedule": _settings.poll_interval_seconds,
        "options": {"queue": TASKS["poll"].queue.value, "expires": _settings.poll_interval_seconds},
    },
    # Re-sends work whose message was lost (a broker without persistence, a killed worker).
    "sweep": {
        "task": TASKS["sweep"].name,
        "schedule": _settings.sweep_interval_seconds,
        "options": {
            "queue": TASKS["sweep"].queue.value,
            "expires": _settings.sweep_interval_seconds,
        },
    },
    # Nightly roster reconciliation (issue 6); it also takes a lease of its own.
    "reconcile-roster": {
        "task": TASKS["reconcile"].name,
        "schedule": crontab(hour=_hour, minute=_minute),
        "options": {"queue": TASKS["reconcile"].queue.value, "expires": 3600},
    },
}
timezone = "UTC"

# -- hygiene --------------------------------------------------------------------------------
worker_hijack_root_logger = False
worker_send_task_events = False
task_send_sent_event = False
# Task arguments are row ids only; never log them with student data.
worker_redirect_stdouts = False
