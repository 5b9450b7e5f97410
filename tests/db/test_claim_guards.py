"""Every guard of every claim in worker/db/repo.py, against a real PostgreSQL.

Each claim is one guarded UPDATE; each test here fails when one arm of its WHERE clause is
removed or widened (a claim that takes a finished ticket or job resets or replies twice).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from worker.db import repo
from worker.db.migrate import upgrade
from worker.db.session import make_engine, make_sessions
from worker.db.tables import DecisionRow, ResetJobRow, TicketRow, TicketState

pytestmark = pytest.mark.integration

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)
_helpdesk_ids = itertools.count(1)


@pytest.fixture()
def sessions(postgres_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(postgres_url)
    upgrade(engine)
    try:
        yield make_sessions(engine)
    finally:
        engine.dispose()


def _ticket(
    s: Session,
    state: TicketState,
    *,
    wake: bool = False,
    lease_until: datetime | None = None,
    attempts: int = 1,
) -> int:
    row = TicketRow(
        helpdesk_id=f"T-{next(_helpdesk_ids)}",
        state=state,
        wake=wake,
        lease_until=lease_until,
        attempts=attempts,
        created_at=NOW,
        updated_at=NOW,
    )
    s.add(row)
    s.flush()
    return row.id


def _job(
    s: Session, ticket_id: int, student_id: str, status: str, lease_until: datetime | None = None
) -> int:
    decision = DecisionRow(
        ticket_id=ticket_id,
        round=1,
        position=int(student_id[-1]),
        student_id=student_id,
        status="ready",
    )
    s.add(decision)
    s.flush()
    job = ResetJobRow(
        ticket_id=ticket_id,
        decision_id=decision.id,
        student_id=student_id,
        idempotency_key=f"k-{ticket_id}-{student_id}",
        status=status,
        attempts=1,
        lease_until=lease_until,
        created_at=NOW,
    )
    s.add(job)
    s.flush()
    return job.id


# -- claim_ticket ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "state",
    [
        TicketState.REPLIED,
        TicketState.RESOLVED,
        TicketState.NOT_RESET,
        TicketState.DRY_RUN,
        TicketState.FLAGGED,
        TicketState.RESETTING,
        TicketState.REPORTING,
    ],
)
def test_claim_ticket_never_takes_a_ticket_that_is_not_woken(
    sessions: sessionmaker[Session], state: TicketState
) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, state)
        assert repo.claim_ticket(s, tid, NOW, LEASE) is False
        row = s.get_one(TicketRow, tid)
        s.refresh(row)
        assert (row.state, row.attempts, row.lease_until) == (state, 1, None)


@pytest.mark.parametrize(
    "state",
    [
        TicketState.REPLIED,
        TicketState.RESOLVED,
        TicketState.NOT_RESET,
        TicketState.DRY_RUN,
        TicketState.FLAGGED,
    ],
)
def test_claim_ticket_takes_a_resting_ticket_once_woken(
    sessions: sessionmaker[Session], state: TicketState
) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, state, wake=True)
        assert repo.claim_ticket(s, tid, NOW, LEASE) is True
        row = s.get_one(TicketRow, tid)
        s.refresh(row)
        assert (row.state, row.attempts, row.lease_until) == (TicketState.PARSING, 2, NOW + LEASE)


@pytest.mark.parametrize("state", [TicketState.RESETTING, TicketState.REPORTING])
def test_a_wake_flag_never_lets_a_claim_take_a_ticket_in_flight(
    sessions: sessionmaker[Session], state: TicketState
) -> None:
    # The wake flag only counts for resting tickets: a ticket resetting or reporting woken
    # by a help-desk change must not be parsed again under its running jobs.
    with sessions.begin() as s:
        tid = _ticket(s, state, wake=True)
        assert repo.claim_ticket(s, tid, NOW, LEASE) is False


def test_claim_ticket_never_takes_a_parsing_ticket_whose_lease_holds(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as s:
        held = _ticket(s, TicketState.PARSING, lease_until=NOW + timedelta(seconds=1))
        at_the_edge = _ticket(s, TicketState.PARSING, lease_until=NOW)
        expired = _ticket(s, TicketState.PARSING, lease_until=NOW - timedelta(seconds=1))
        assert repo.claim_ticket(s, held, NOW, LEASE) is False
        # A lease ending exactly now still holds (the guard is strict "<").
        assert repo.claim_ticket(s, at_the_edge, NOW, LEASE) is False
        assert repo.claim_ticket(s, expired, NOW, LEASE) is True
        row = s.get_one(TicketRow, expired)
        s.refresh(row)
        # The new claim carries the next attempt number, fencing out the old holder.
        assert (row.attempts, row.lease_until) == (2, NOW + LEASE)
        assert repo.renew_ticket_lease(s, expired, 1, NOW, LEASE) is False
        assert repo.renew_ticket_lease(s, expired, 2, NOW, LEASE) is True


def test_claim_ticket_takes_a_new_ticket_once(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.NEW, attempts=0)
        assert repo.claim_ticket(s, tid, NOW, LEASE) is True
        assert repo.claim_ticket(s, tid, NOW, LEASE) is False


# -- claim_job ---------------------------------------------------------------------------
@pytest.mark.parametrize("status", ["done", "failed"])
def test_claim_job_never_takes_a_finished_job(sessions: sessionmaker[Session], status: str) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.RESETTING)
        jid = _job(s, tid, "10000001", status)
        assert repo.claim_job(s, jid, NOW, LEASE) is False
        job = s.get_one(ResetJobRow, jid)
        s.refresh(job)
        assert (job.status, job.attempts) == (status, 1)


@pytest.mark.parametrize("status", ["done", "failed"])
def test_claim_job_never_takes_a_finished_job_even_with_a_lapsed_lease(
    sessions: sessionmaker[Session], status: str
) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.RESETTING)
        jid = _job(s, tid, "10000001", status, lease_until=NOW - LEASE)
        assert repo.claim_job(s, jid, NOW, LEASE) is False


def test_claim_job_never_takes_a_running_job_whose_lease_holds(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.RESETTING)
        held = _job(s, tid, "10000001", "running", lease_until=NOW + timedelta(seconds=1))
        at_the_edge = _job(s, tid, "10000002", "running", lease_until=NOW)
        expired = _job(s, tid, "10000003", "running", lease_until=NOW - timedelta(seconds=1))
        assert repo.claim_job(s, held, NOW, LEASE) is False
        assert repo.claim_job(s, at_the_edge, NOW, LEASE) is False
        assert repo.claim_job(s, expired, NOW, LEASE) is True
        job = s.get_one(ResetJobRow, expired)
        s.refresh(job)
        assert (job.status, job.attempts, job.lease_until) == ("running", 2, NOW + LEASE)
        assert repo.renew_job_lease(s, expired, 1, NOW, LEASE) is False
        assert repo.renew_job_lease(s, expired, 2, NOW, LEASE) is True


def test_claim_job_takes_a_pending_job_once(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.RESETTING)
        jid = _job(s, tid, "10000001", "pending")
        assert repo.claim_job(s, jid, NOW, LEASE) is True
        assert repo.claim_job(s, jid, NOW, LEASE) is False


# -- move_ticket -------------------------------------------------------------------------
def test_move_ticket_from_an_unexpected_state_is_a_no_op(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.RESOLVED, lease_until=NOW + LEASE)
        moved = repo.move_ticket(
            s,
            tid,
            (TicketState.REPORTING, TicketState.RESETTING),
            TicketState.REPLIED,
            NOW,
            error="x",
        )
        assert moved is False
        row = s.get_one(TicketRow, tid)
        s.refresh(row)
        assert (row.state, row.lease_until, row.error) == (TicketState.RESOLVED, NOW + LEASE, None)
        assert repo.move_ticket(s, tid, TicketState.RESOLVED, TicketState.FLAGGED, NOW) is True
        s.refresh(row)
        assert (row.state, row.lease_until) == (TicketState.FLAGGED, None)


# -- finish_resets_if_done ---------------------------------------------------------------
@pytest.mark.parametrize("open_status", ["pending", "running"])
def test_finish_resets_waits_for_every_open_job(
    sessions: sessionmaker[Session], open_status: str
) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.RESETTING)
        _job(s, tid, "10000001", "done")
        open_job = _job(s, tid, "10000002", open_status, lease_until=NOW + LEASE)
        assert repo.finish_resets_if_done(s, tid, NOW) is False
        row = s.get_one(TicketRow, tid)
        s.refresh(row)
        assert row.state == TicketState.RESETTING
        s.get_one(ResetJobRow, open_job).status = "failed"
        s.flush()
        assert repo.finish_resets_if_done(s, tid, NOW) is True
        s.refresh(row)
        assert row.state == TicketState.REPORTING
        assert repo.finish_resets_if_done(s, tid, NOW) is False  # one caller wins


def test_finish_resets_ignores_other_tickets_jobs_and_other_states(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as s:
        tid = _ticket(s, TicketState.RESETTING)
        other = _ticket(s, TicketState.RESETTING)
        _job(s, tid, "10000001", "done")
        _job(s, other, "10000002", "running", lease_until=NOW + LEASE)
        parsing = _ticket(s, TicketState.PARSING, lease_until=NOW + LEASE)
        assert repo.finish_resets_if_done(s, tid, NOW) is True
        assert repo.finish_resets_if_done(s, other, NOW) is False
        assert repo.finish_resets_if_done(s, parsing, NOW) is False
