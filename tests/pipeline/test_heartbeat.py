"""A live worker's step keeps its lease by heartbeat; a dead one's lease ends in seconds.

Real clock, real PostgreSQL: the lease is one second long and the heartbeat renews it
every 0.2 s, so a step that takes three times the lease is still never taken over, while
a claimed step nobody renews can be taken over about a second after its worker died.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from worker.db import repo
from worker.db.tables import ResetJobRow, TicketState
from worker.pipeline import StepBusy

from .conftest import World
from .test_failures import _file
from .test_pipeline import replies, ticket_row

pytestmark = pytest.mark.integration

LEASE = timedelta(seconds=1)
HEARTBEAT = timedelta(seconds=0.2)
SLOW_RESET = 3.0  # three leases long


def _live(world: World) -> None:
    world.pipeline.clock = lambda: datetime.now(UTC)
    world.pipeline.options.lease, world.pipeline.options.heartbeat = LEASE, HEARTBEAT


def _job_waiting(world: World) -> tuple[str, int]:
    tid = _file(world)
    world.pipeline.poll_once()
    _step, row_id = world.dispatch.queue.popleft()
    world.pipeline.process(row_id)
    ((step, job_id),) = world.dispatch.queue
    world.dispatch.queue.clear()
    assert step == "reset"
    return tid, job_id


class SlowStore:
    """An account store whose reset takes ``SLOW_RESET`` seconds (a slow directory)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.started = inner, threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def reset(self, *args: Any, **kwargs: Any) -> Any:
        self.started.set()
        time.sleep(SLOW_RESET)
        return self.inner.reset(*args, **kwargs)


def test_a_step_slower_than_its_lease_keeps_it_while_its_worker_lives(pg_world: World) -> None:
    world = pg_world
    _live(world)
    tid, job_id = _job_waiting(world)
    store = SlowStore(world.accounts)
    world.pipeline.accounts = store
    first = threading.Thread(target=world.pipeline.reset, args=(job_id,))
    first.start()
    assert store.started.wait(10)
    busy = 0
    deadline = time.monotonic() + SLOW_RESET - 0.5
    while time.monotonic() < deadline:  # a redelivery, again and again, all along the step
        with pytest.raises(StepBusy):
            world.pipeline.reset(job_id)
        busy += 1
        time.sleep(0.25)
    first.join(timeout=30)
    assert busy >= 8
    with world.pipeline.sessions() as s:
        job = s.get_one(ResetJobRow, job_id)
    assert (job.status, job.attempts) == ("done", 1), "nobody else took the live step"
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert len(replies(world, tid)) == 1


def test_a_dead_workers_step_is_taken_over_within_two_missed_heartbeats(
    pg_world: World,
) -> None:
    world = pg_world
    _live(world)
    tid, job_id = _job_waiting(world)
    with world.pipeline.tx() as s:  # claimed by a worker that was killed at once
        assert repo.claim_job(s, job_id, world.pipeline.clock(), LEASE)
    died = time.monotonic()
    while True:
        try:
            world.pipeline.reset(job_id)
            break
        except StepBusy as busy:
            assert busy.seconds <= LEASE.total_seconds()
            time.sleep(0.05)
        assert time.monotonic() - died < 5, "the dead worker's lease never ended"
    taken_over = time.monotonic() - died
    assert taken_over <= 2 * HEARTBEAT.total_seconds() + LEASE.total_seconds()
    with world.pipeline.sessions() as s:
        attempts = s.scalar(select(ResetJobRow.attempts).where(ResetJobRow.id == job_id))
    assert attempts == 2
    world.dispatch.drain(world.pipeline)
    assert len(replies(world, tid)) == 1


def test_a_lease_no_longer_than_two_heartbeats_is_refused_at_start() -> None:
    from pydantic import ValidationError

    from worker.settings import Settings

    with pytest.raises(ValidationError, match="must be longer than two heartbeats"):
        Settings(step_lease_seconds=10, step_heartbeat_seconds=5)
    assert Settings(step_lease_seconds=11, step_heartbeat_seconds=5).step_lease_seconds == 11
