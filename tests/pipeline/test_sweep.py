"""The sweep: what it rescues and how soon (issue 17, section 0), on the real PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from worker.db.tables import ResetJobRow, TicketState

from .conftest import World
from .test_failures import _file
from .test_pipeline import replies, ticket_row

pytestmark = pytest.mark.integration


def test_a_ticket_left_resetting_with_its_jobs_finished_is_reported(pg_world: World) -> None:
    world = pg_world
    tid = _file(world)
    world.pipeline.poll_once()
    step, row_id = world.dispatch.queue.popleft()
    world.pipeline.process(row_id)
    world.dispatch.queue.clear()
    with world.pipeline.tx() as s:  # the job ended, but the ticket was never moved on
        s.execute(update(ResetJobRow).values(status="done", outcome="reset"))
    assert ticket_row(world, tid).state == TicketState.RESETTING
    assert world.pipeline.sweep() == 1
    assert list(world.dispatch.queue) == [("report", row_id)]
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert len(replies(world, tid)) == 1
    assert world.pipeline.sweep() == 0  # nothing left to rescue


def test_lost_work_is_sent_again_after_the_configured_age(pg_world: World) -> None:
    world = pg_world
    tid = _file(world)
    world.pipeline.poll_once()
    world.dispatch.queue.clear()  # the broker lost the message
    world.pipeline.options.sweep_min_age = timedelta(seconds=60)
    world.tick(0.5)
    assert world.pipeline.sweep() == 0, "younger than the configured age: still queued"
    world.pipeline.options.sweep_min_age = timedelta(seconds=15)  # the default
    assert world.pipeline.sweep() == 1, "30 s old work is re-sent with the default age"
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED


def test_a_ticket_still_new_is_queued_once_not_at_every_poll(pg_world: World) -> None:
    world = pg_world
    _file(world)
    assert len(world.pipeline.poll_once().queued) == 1
    world.tick(1)
    assert world.pipeline.poll_once().queued == [], "already queued: the sweep covers a loss"
    assert [step for step, _ in world.dispatch.queue] == ["process"]
