"""Failures the pipeline must survive: poison tickets, lost messages, overlapping polls,
an account store that is down, a help-desk that fails mid-reply."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from connectors.errors import AuthError, PermanentError, TransientError
from connectors.helpdesk.base import ReviewMark
from worker.db import repo
from worker.db.tables import AuditRow, OutboxRow, ResetJobRow, TicketRow, TicketState

from .conftest import World
from .test_pipeline import count, notes, replies, ticket_row


class Flaky:
    """Wraps a connector; the named method raises until ``failures`` runs out."""

    def __init__(self, inner: Any, method: str, failures: int, exc: Exception) -> None:
        self.inner, self.method, self.failures, self.exc = inner, method, failures, exc

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.inner, name)
        if name != self.method:
            return target

        def call(*args: Any, **kwargs: Any) -> Any:
            if self.failures:
                self.failures -= 1
                raise self.exc
            return target(*args, **kwargs)

        return call


def _file(world: World) -> str:
    teacher, kids = world.teacher_with_students(1)
    k = kids[0]
    world.claim(k)
    return world.desk.add_ticket(
        "reset",
        f"Please reset {k.given_name} {k.family_name} {k.identifier}",
        requester=teacher.email,
    )


def test_a_poison_ticket_goes_to_a_technician_after_max_attempts(world: World) -> None:
    tid = _file(world)
    world.pipeline.helpdesk = Flaky(world.desk, "fetch", 99, RuntimeError("boom"))
    world.pipeline.poll_once()
    row_id = ticket_row(world, tid).id
    for _ in range(world.pipeline.options.max_attempts):
        with pytest.raises(RuntimeError):
            world.pipeline.process(row_id)
    world.pipeline.helpdesk = world.desk
    world.pipeline.process(row_id)  # one attempt too many: given up, flagged
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.FLAGGED
    assert "a technician must handle this ticket" in world.desk.fetch(tid).messages[0].body


def test_a_lost_message_is_sent_again_by_the_sweep(world: World) -> None:
    tid = _file(world)
    world.pipeline.poll_once()
    world.dispatch.queue.clear()  # the broker lost every message
    world.tick(5)
    assert world.pipeline.sweep() >= 1
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert len(replies(world, tid)) == 1


def test_only_one_poll_runs_at_a_time(world: World) -> None:
    _file(world)
    with world.pipeline.tx() as s:
        assert repo.acquire_lease(
            s, "poll", "someone-else", world.clock[0], world.pipeline.options.poll_lease
        )
    assert world.pipeline.poll_once().skipped
    world.tick(10)  # the other poller died: its lease expires
    assert not world.pipeline.poll_once().skipped


def test_account_store_down_the_reset_is_retried_not_lost(world: World) -> None:
    tid = _file(world)
    world.pipeline.accounts = Flaky(world.accounts, "reset", 1, TransientError("db down"))
    world.pipeline.poll_once()
    with pytest.raises(TransientError):
        world.dispatch.drain(world.pipeline)
    with world.pipeline.sessions() as s:
        job = s.scalars(select(ResetJobRow)).one()
    assert job.status == "pending"
    world.pipeline.reset(job.id)  # the retry
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert count(world, ResetJobRow, status="done") == 1


def test_help_desk_failing_mid_reply_posts_once_when_retried(world: World) -> None:
    tid = _file(world)
    world.pipeline.helpdesk = Flaky(world.desk, "resolve", 1, TransientError("RT 503"))
    world.pipeline.poll_once()
    with pytest.raises(TransientError):
        world.dispatch.drain(world.pipeline)
    row = ticket_row(world, tid)
    assert row.state == TicketState.REPLIED  # reply posted, resolve still pending
    world.pipeline.flush(row.id)
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert len(replies(world, tid)) == 1


def test_parse_failure_hands_the_ticket_back_for_the_retry(world: World) -> None:
    tid = _file(world)
    world.pipeline.helpdesk = Flaky(world.desk, "fetch", 1, TransientError("RT down"))
    world.pipeline.poll_once()
    with pytest.raises(TransientError):
        world.dispatch.drain(world.pipeline)
    with world.pipeline.sessions() as s:
        row = s.scalars(select(TicketRow)).one()
    assert row.state == TicketState.NEW  # not stuck in "parsing" until its lease expires
    world.pipeline.process(row.id)
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED


def test_a_ticket_the_help_desk_refuses_goes_to_a_technician_at_once(world: World) -> None:
    tid = _file(world)
    world.pipeline.helpdesk = Flaky(world.desk, "fetch", 1, PermanentError("malformed JSON"))
    world.pipeline.poll_once()
    with pytest.raises(PermanentError):
        world.dispatch.drain(world.pipeline)
    world.pipeline.helpdesk = world.desk
    world.dispatch.drain(world.pipeline)  # the give-up note and mark
    row = ticket_row(world, tid)
    assert row.state == TicketState.FLAGGED and row.needs_review and row.attempts == 1
    assert "PermanentError" in (row.error or "")
    assert count(world, ResetJobRow) == 0 and not replies(world, tid)
    assert any("a technician must handle this ticket" in n for n in notes(world, tid))
    # The teacher writes again but the ticket still cannot be read: it stays with the
    # technicians, without a second note.
    world.desk.add_followup(tid, "any news?")
    world.tick(1)
    world.pipeline.helpdesk = Flaky(world.desk, "fetch", 1, PermanentError("malformed JSON"))
    world.pipeline.poll_once()
    with pytest.raises(PermanentError):
        world.dispatch.drain(world.pipeline)
    again = ticket_row(world, tid)
    assert again.state == TicketState.FLAGGED and not again.wake
    assert count(world, AuditRow, action="gave_up") == 1


def test_refused_credentials_hand_the_ticket_back_instead_of_flagging_it(world: World) -> None:
    tid = _file(world)
    world.pipeline.helpdesk = Flaky(world.desk, "fetch", 1, AuthError("401"))
    world.pipeline.poll_once()
    with pytest.raises(AuthError):
        world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.NEW  # our fault, not the ticket's
    world.pipeline.helpdesk = world.desk
    world.pipeline.process(ticket_row(world, tid).id)
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED


def test_a_post_the_help_desk_refuses_for_good_is_not_retried_by_the_sweep(
    world: World,
) -> None:
    tid = _file(world)
    world.pipeline.helpdesk = Flaky(world.desk, "reply", 99, PermanentError("403"))
    world.pipeline.poll_once()
    with pytest.raises(PermanentError):
        world.dispatch.drain(world.pipeline)
    row = ticket_row(world, tid)
    assert row.state == TicketState.REPLIED and "refused a" in (row.error or "")
    with world.pipeline.sessions() as s:
        kinds = {o.kind: o.status for o in s.scalars(select(OutboxRow))}
    # The answer did not go out, so the ticket is not closed either: both set aside.
    assert kinds == {"reply": "failed", "mark": "sent", "resolve": "failed"}, kinds
    assert world.desk.fetch(tid).status != "resolved"
    assert world.desk.get_mark(tid) is ReviewMark.NEEDS_REVIEW  # not "done": a human must look
    assert count(world, AuditRow, action="post_failed") == 2
    world.tick(10)
    assert world.pipeline.sweep() == 0  # nothing left that sending again could fix
    assert count(world, ResetJobRow, status="done") == 1  # the reset itself stands
