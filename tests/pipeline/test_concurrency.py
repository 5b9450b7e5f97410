"""Two reset jobs of one ticket finishing at the same instant, on the real PostgreSQL.

At READ COMMITTED each job's transaction sees the other job still running; unless the
ticket row serialises them, neither moves the ticket on and it stays ``resetting`` for
good, its students reset and the teacher never told (issue 17, section 0).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from worker.db import repo
from worker.db.tables import ResetJobRow, TicketRow, TicketState

from .conftest import World
from .test_pipeline import replies, ticket_row

pytestmark = pytest.mark.integration

# How long the first finisher waits for the second before committing.  Without the row
# lock both reach the second barrier at once; with it the second is blocked in PostgreSQL
# until the first commits, so the first gives up waiting after this long.
SECOND_FINISHER_WAIT = 2.0


def _file_two(world: World) -> tuple[str, int, list[int]]:
    """A ticket with two ready students, parsed: (help-desk id, row id, its two job ids)."""
    teacher, kids = world.teacher_with_students(2)
    for kid in kids:
        world.claim(kid)
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier}" for k in kids)
    tid = world.desk.add_ticket("reset", f"Please reset:\n{lines}", requester=teacher.email)
    world.pipeline.poll_once()
    step, row_id = world.dispatch.queue.popleft()
    assert step == "process"
    world.pipeline.process(row_id)
    jobs = [ident for step, ident in world.dispatch.queue if step == "reset"]
    world.dispatch.queue.clear()
    assert len(jobs) == 2, "the ticket should queue one reset per student"
    assert ticket_row(world, tid).state == TicketState.RESETTING
    return tid, row_id, jobs


def _in_step(barrier: threading.Barrier, after: threading.Barrier) -> Callable[..., bool]:
    """``finish_resets_if_done`` entered by both at once, committed only after both ran it."""
    original = repo.finish_resets_if_done

    def finish(*args: Any) -> bool:
        barrier.wait(timeout=10)
        won = original(*args)
        try:
            after.wait(timeout=SECOND_FINISHER_WAIT)
        except threading.BrokenBarrierError:
            pass  # the other one is waiting for our commit: the lock is doing its work
        return won

    return finish


def _run_together(*calls: Callable[[], object]) -> None:
    errors: list[BaseException] = []

    def guarded(call: Callable[[], object]) -> None:
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors


def test_two_jobs_finishing_in_two_transactions_at_once_move_the_ticket_once(
    pg_world: World,
) -> None:
    world = pg_world
    _tid, row_id, jobs = _file_two(world)
    won: list[bool] = []
    finish = _in_step(threading.Barrier(2), threading.Barrier(2))

    def finish_job(job_id: int) -> None:
        with world.pipeline.tx() as s:
            job = s.get_one(ResetJobRow, job_id)
            job.status, job.outcome = "done", "reset"
            s.flush()
            won.append(finish(s, row_id, world.clock[0]))

    _run_together(*(lambda j=j: finish_job(j) for j in jobs))
    assert sorted(won) == [False, True], "exactly one of the two must move the ticket on"
    with world.pipeline.sessions() as s:
        assert s.get_one(TicketRow, row_id).state == TicketState.REPORTING


def test_two_resets_of_one_ticket_finishing_at_once_still_reply(
    pg_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = pg_world
    tid, _row_id, jobs = _file_two(world)
    monkeypatch.setattr(
        repo, "finish_resets_if_done", _in_step(threading.Barrier(2), threading.Barrier(2))
    )
    _run_together(*(lambda j=j: world.pipeline.reset(j) for j in jobs))
    assert [step for step, _ in world.dispatch.queue] == ["report"]
    monkeypatch.undo()
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert len(replies(world, tid)) == 1
    with world.pipeline.sessions() as s:
        outcomes = s.scalars(select(ResetJobRow.outcome).order_by(ResetJobRow.id)).all()
    assert len(outcomes) == 2 and None not in outcomes
