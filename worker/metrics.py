"""Prometheus metrics: state-database gauges computed at scrape time, process counters.

The gauges (tickets by state, reset jobs by outcome, reviews waiting and the oldest one's age)
come from the state database at scrape time, one aggregate query each, so every process that
serves ``/metrics`` reports the same numbers and nothing has to survive a restart.
Counters and histograms of calls live in the process that makes the calls; under Celery's
prefork workers set ``PROMETHEUS_MULTIPROC_DIR`` (see :func:`registry_for_scrape`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy.orm import Session, sessionmaker

from .db import metrics_queries

PREFIX = "ticketworker"

CALLS = Counter(
    f"{PREFIX}_calls_total",
    "HTTP calls of the connectors (help-desk, account store...), by service and outcome.",
    ["service", "outcome"],
)
CALL_SECONDS = Histogram(
    f"{PREFIX}_call_seconds",
    "Latency of calls to the help-desk and the account store.",
    ["service"],
)
RETRIES = Counter(f"{PREFIX}_retries_total", "Steps retried after a temporary failure.", ["step"])
REPLY_SECONDS = Histogram(
    f"{PREFIX}_ticket_reply_seconds",
    "From the ticket's creation in the help-desk to ticketworker's reply.",
    buckets=(5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600),
)


def observe_http_call(service: str, method: str, outcome: str, seconds: float) -> None:
    """connectors.http's call observer: every HTTP attempt of every connector."""
    CALLS.labels(service=service or "unnamed", outcome=outcome).inc()
    CALL_SECONDS.labels(service=service or "unnamed").observe(seconds)


def install() -> None:
    """Count the connectors' HTTP calls in this process (idempotent)."""
    from connectors.http import add_call_observer

    add_call_observer(observe_http_call)


class StateDatabaseCollector(Collector):
    """Gauges read from the state database at each scrape."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Callable[[], datetime] | None = None
    ) -> None:
        self.sessions = sessions
        self.clock = clock or (lambda: datetime.now(UTC))

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(
            f"{PREFIX}_state_database_up", "1 when the state database answered this scrape."
        )
        try:
            with self.sessions() as s:
                by_state = metrics_queries.tickets_by_state(s)
                jobs = metrics_queries.reset_jobs_by_outcome(s)
                waiting = metrics_queries.reviews_waiting(s)
        except Exception:  # noqa: BLE001 — a scrape reports the database down, it never fails
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        tickets = GaugeMetricFamily(
            f"{PREFIX}_tickets", "Tickets in the state database, by state.", labels=["state"]
        )
        for state, count in sorted(by_state.items()):
            tickets.add_metric([state], count)
        yield tickets
        resets = GaugeMetricFamily(
            f"{PREFIX}_reset_jobs",
            "Reset jobs by status and outcome (outcome empty until the job has one).",
            labels=["status", "outcome"],
        )
        for (status, outcome), count in sorted(jobs.items()):
            resets.add_metric([status, outcome], count)
        yield resets
        yield GaugeMetricFamily(
            f"{PREFIX}_reviews_waiting",
            "Decisions waiting for a technician.",
            value=waiting.count,
        )
        age = 0.0
        if waiting.oldest_since is not None:
            age = max(0.0, (self.clock() - waiting.oldest_since).total_seconds())
        yield GaugeMetricFamily(
            f"{PREFIX}_oldest_review_age_seconds",
            "Age of the oldest ticket waiting for a technician (0 when none waits).",
            value=age,
        )


def clean_multiprocess_dir() -> None:
    """Empty ``PROMETHEUS_MULTIPROC_DIR`` (when set) before the worker's processes start:
    files of processes gone since an earlier run would otherwise be counted again."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink(missing_ok=True)


def registry_for_scrape(sessions: sessionmaker[Session]) -> CollectorRegistry:
    """The registry a scrape reads: this process's (or all prefork processes') counters
    and the state database's gauges."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for metric in (CALLS, CALL_SECONDS, RETRIES, REPLY_SECONDS):
            registry.register(metric)
    registry.register(StateDatabaseCollector(sessions))
    return registry


def scrape(sessions: sessionmaker[Session]) -> bytes:
    return generate_latest(registry_for_scrape(sessions))
