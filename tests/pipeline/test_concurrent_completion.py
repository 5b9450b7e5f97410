"""A ticket's reset jobs finishing at once, on PostgreSQL: one report, one reply naming both.

The in-process dispatcher runs steps one after another, which hides a report that starts
while another job of the ticket is still open.  Here the report runs the moment a job step
asks for it (as a Celery worker would pick it up), and the two jobs run in two threads.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select

from worker.db import repo
from worker.db.tables import ResetJobRow, TicketState
from worker.pipeline import Pipeline

from .conftest import World
from .test_pipeline import notes, replies, ticket_row

pytestmark = pytest.mark.integration


class _ReportAtOnce:
    """Queues process/reset steps like InlineDispatch; runs report and flush at once."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.lock = threading.Lock()

    def __call__(self, step: str, ident: int) -> None:
        if step in ("report", "flush"):
            getattr(self.world.pipeline, step)(ident)
        else:
            with self.lock:
                self.world.dispatch(step, ident)


def _two_student_ticket(world: World) -> tuple[str, list[str]]:
    teacher, kids = world.teacher_with_students(2)
    for kid in kids:
        world.claim(kid)
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier}" for k in kids)
    tid = world.desk.add_ticket(
        "Resets", f"Please reset these two:\n{lines}\n\nThanks", requester=teacher.email
    )
    return tid, [f"{k.given_name} {k.family_name} (ID {k.identifier})" for k in kids]


def _parse_only(world: World) -> list[int]:
    """Poll and parse; return the queued reset jobs without running them."""
    world.pipeline.poll_once()
    pipeline: Pipeline = world.pipeline
    while world.dispatch.queue and world.dispatch.queue[0][0] != "reset":
        step, ident = world.dispatch.queue.popleft()
        getattr(pipeline, step)(ident)
    jobs = [ident for step, ident in world.dispatch.queue if step == "reset"]
    world.dispatch.queue.clear()
    return jobs


def _assert_one_reply_naming(world: World, tid: str, names: list[str]) -> None:
    (reply,) = replies(world, tid)
    for name in names:
        assert name in reply
    assert notes(world, tid) == []
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    with world.pipeline.sessions() as s:
        assert sorted(s.scalars(select(ResetJobRow.status))) == ["done", "done"]


def test_the_first_job_to_finish_does_not_report_while_the_other_is_open(
    pg_world: World,
) -> None:
    world = pg_world
    world.pipeline.dispatch = _ReportAtOnce(world)
    tid, names = _two_student_ticket(world)
    first, second = _parse_only(world)
    world.pipeline.reset(first)
    assert replies(world, tid) == []  # the other student's job is still pending
    assert ticket_row(world, tid).state == TicketState.RESETTING
    world.pipeline.reset(second)
    _assert_one_reply_naming(world, tid, names)


def _run_in_two_threads(world: World, jobs: list[int]) -> None:
    start = threading.Barrier(2, timeout=30)
    errors: list[BaseException] = []

    def run(job_id: int) -> None:
        try:
            start.wait()
            world.pipeline.reset(job_id)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    world.dispatch.drain(world.pipeline)  # the flush steps the reports queued, if any


def test_two_jobs_whose_last_transactions_overlap_still_move_the_ticket_on(
    pg_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both jobs have written "done" in their own open transaction before either asks
    # whether the ticket is finished: each sees the other still running unless the
    # ticket-row lock serialises them, and then nobody would ever report.
    world = pg_world
    world.pipeline.dispatch = _ReportAtOnce(world)
    tid, names = _two_student_ticket(world)
    jobs = _parse_only(world)
    both_done = threading.Barrier(2, timeout=30)
    real_finish = repo.finish_resets_if_done

    def finish_when_both_wrote_done(*args: Any) -> bool:
        both_done.wait()
        return real_finish(*args)

    monkeypatch.setattr(repo, "finish_resets_if_done", finish_when_both_wrote_done)
    _run_in_two_threads(world, jobs)
    _assert_one_reply_naming(world, tid, names)


def test_two_jobs_finishing_in_two_threads_give_one_reply_naming_both(pg_world: World) -> None:
    world = pg_world
    world.pipeline.dispatch = _ReportAtOnce(world)
    tid, names = _two_student_ticket(world)
    jobs = _parse_only(world)
    assert len(jobs) == 2
    _run_in_two_threads(world, jobs)
    _assert_one_reply_naming(world, tid, names)
