"""Steps that meet another run: a redelivered step waits for a dead run's lease instead of
vanishing; a ticket the worker gave up on is woken once per help-desk change, not at every
poll; a ticket woken while its reply is being posted still ends resolved.

(The same faults with real processes: tests/reliability/test_process_faults.py.)
"""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select, update

from worker import tasks
from worker.db import repo
from worker.db.tables import ResetJobRow, TicketRow, TicketState
from worker.pipeline import StepBusy

from .conftest import World
from .test_failures import _file
from .test_pipeline import replies, ticket_row


def _lease(world: World) -> timedelta:
    return world.pipeline.options.lease


def test_a_reset_leased_by_a_dead_run_is_retried_when_the_lease_ends(world: World) -> None:
    tid = _file(world)
    world.pipeline.poll_once()
    world.dispatch.drain(world.pipeline)  # resolved: one reset, one reply
    with world.pipeline.tx() as s:
        job = s.scalars(select(ResetJobRow)).one()
        # Undo "done" as if the run that claimed the job had been killed before finishing.
        job.status, job.lease_until = "running", world.clock[0] + _lease(world)
    with pytest.raises(StepBusy) as busy:
        world.pipeline.reset(job.id)
    assert busy.value.seconds == _lease(world).total_seconds()
    world.tick(_lease(world).total_seconds() / 60 + 1)
    world.pipeline.reset(job.id)  # the lease ran out: the redelivered step takes the job
    with world.pipeline.sessions() as s:
        again = s.get_one(ResetJobRow, job.id)
    assert (again.status, again.attempts, again.outcome) == ("done", 2, "already_applied")
    assert len(replies(world, tid)) == 1


def test_a_duplicate_delivery_of_finished_work_returns_quietly(world: World) -> None:
    tid = _file(world)
    world.run()
    row = ticket_row(world, tid)
    with world.pipeline.sessions() as s:
        job_id = s.scalars(select(ResetJobRow.id)).one()
    world.pipeline.process(row.id)
    world.pipeline.reset(job_id)
    world.pipeline.flush(row.id)
    assert not world.dispatch.queue and ticket_row(world, tid).state == TicketState.RESOLVED


def test_a_ticket_being_parsed_and_a_flush_in_progress_are_busy(world: World) -> None:
    tid = _file(world)
    world.pipeline.poll_once()
    row_id = ticket_row(world, tid).id
    with world.pipeline.tx() as s:
        assert repo.claim_ticket(s, row_id, world.clock[0], _lease(world))
        assert repo.acquire_lease(s, f"flush:{row_id}", "other", world.clock[0], _lease(world))
    world.tick(1)
    left = _lease(world).total_seconds() - 60
    for step in (world.pipeline.process, world.pipeline.flush):
        with pytest.raises(StepBusy) as busy:
            step(row_id)
        assert busy.value.seconds == left


def test_a_given_up_ticket_is_woken_once_per_help_desk_change(world: World) -> None:
    tid = _file(world)
    world.pipeline.poll_once()
    row = ticket_row(world, tid)
    row_id = row.id
    with world.pipeline.tx() as s:
        repo.move_ticket(s, row_id, TicketState.NEW, TicketState.FLAGGED, world.clock[0])
    assert row.helpdesk_updated_at is not None
    changed = row.helpdesk_updated_at + timedelta(minutes=5)  # someone wrote in the ticket
    woken = []
    for _ in range(3):  # three polls see the same change
        with world.pipeline.tx() as s:
            woken.append(repo.record_seen(s, tid, changed, world.clock[0])[0].wake)
            # The process step puts it back to rest, as it does with a ticket it gave up on.
            s.execute(update(TicketRow).where(TicketRow.id == row_id).values(wake=False))
    assert woken == [True, False, False]


def test_the_task_retries_a_busy_step_when_the_lease_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Busy:
        def reset(self, ident: int) -> None:
            raise StepBusy("reset", ident, 42.0)

    retried: dict[str, Any] = {}

    class Retry(Exception):
        pass

    def retry(**kwargs: Any) -> Exception:
        retried.update(kwargs)
        return Retry()

    monkeypatch.setattr(tasks, "pipeline", Busy)
    task = SimpleNamespace(request=SimpleNamespace(retries=0), retry=retry)
    with pytest.raises(Retry):
        tasks._run(task, "reset", 7)
    assert retried["countdown"] == 42.0 and isinstance(retried["exc"], StepBusy)


class FlushWhileReading:
    """A help-desk whose first ``fetch`` lets the ticket's flush run to its end meanwhile,
    as another worker process would while this one reads the ticket."""

    def __init__(self, world: World, row_id: int) -> None:
        self.world, self.row_id, self.done = world, row_id, False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.world.desk, name)

    def fetch(self, ticket_id: str) -> Any:
        if not self.done:
            self.done = True
            self.world.pipeline.flush(self.row_id)
        return self.world.desk.fetch(ticket_id)


def test_a_ticket_woken_while_its_flush_ends_is_still_resolved(world: World) -> None:
    tid = _file(world)
    world.pipeline.poll_once()
    while world.dispatch.queue[0][0] != "flush":  # parse, reset, report: replied, not posted
        step, ident = world.dispatch.queue.popleft()
        getattr(world.pipeline, step)(ident)
    _flush, row_id = world.dispatch.queue.popleft()
    with world.pipeline.tx() as s:  # a poll saw the ticket change (our reply) and woke it
        s.execute(update(TicketRow).where(TicketRow.id == row_id).values(wake=True))
    world.pipeline.helpdesk = FlushWhileReading(world, row_id)  # type: ignore[assignment]
    world.pipeline.process(row_id)  # the flush ends while this holds the ticket
    world.pipeline.helpdesk = world.desk
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert len(replies(world, tid)) == 1


def test_no_retry_waits_longer_than_the_broker_keeps_it_unacknowledged() -> None:
    import celeryconfig
    from worker.tasks import backoff

    longest = max(backoff(n) for n in range(20))
    server_asked = backoff(0, retry_after=86_400.0)  # a Retry-After of a day
    assert max(longest, server_asked) < celeryconfig.VISIBILITY_TIMEOUT
    assert backoff(0, retry_after=2.0) == 2.0  # a short Retry-After is obeyed exactly


def test_a_shutdown_says_how_long_it_waits_for_running_steps(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="worker.tasks"):
        tasks.worker_shutting_down.send(sender="test", sig="SIGTERM", how="Warm", exitcode=0)
    (message,) = [r.getMessage() for r in caplog.records]
    grace = tasks.app.conf.worker_soft_shutdown_timeout
    assert message.startswith(f"Warm shutdown (SIGTERM): running steps get up to {grace:.0f} s")
    assert "requeued" in message
