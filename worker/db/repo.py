"""State-database operations the pipeline uses.  The caller owns the transaction.

Every claim is one guarded ``UPDATE ... WHERE <expected state>``: two workers, or a task
delivered twice, can never both win it.  Inserts that may race use ``ON CONFLICT DO
NOTHING`` on a unique key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, insert, literal_column, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .audit_chain import mark_unsealed
from .tables import (
    RESTING,
    AuditRow,
    DecisionRow,
    LeaseRow,
    OutboxRow,
    ResetJobRow,
    SettingRow,
    TicketRow,
    TicketState,
)


def _insert_ignore(session: Session, table: Any, values: dict[str, Any], keys: list[str]) -> int:
    """INSERT unless a row with the same unique ``keys`` exists; returns rows inserted."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = (
        module.insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=keys)
        # Count RETURNING rows, not rowcount: with PostgreSQL, SQLAlchemy 2.1 fetches the new
        # key by RETURNING and reports a rowcount of -1 whether a row was inserted or not.
        .returning(literal_column("1"))
    )
    return len(session.execute(statement).all())


# -- tickets ------------------------------------------------------------------------------
def record_seen(
    session: Session, helpdesk_id: str, updated_at: datetime | None, now: datetime
) -> tuple[TicketRow, bool]:
    """Remember a ticket the poller saw; wake it if it rests and the help-desk shows a change.

    Returns the row and whether this call added it: a ticket seen before and still new is
    already queued (or the sweep re-sends it), so polls do not queue it again and again.
    """
    inserted = _insert_ignore(
        session,
        TicketRow,
        {
            "helpdesk_id": helpdesk_id,
            "state": TicketState.NEW,
            "round": 0,
            "wake": False,
            "requester": "",
            "subject": "",
            "helpdesk_updated_at": updated_at,
            "needs_review": False,
            "dry_run": False,
            "attempts": 0,
            "created_at": now,
            "updated_at": now,
        },
        ["helpdesk_id"],
    )
    row = session.scalars(select(TicketRow).where(TicketRow.helpdesk_id == helpdesk_id)).one()
    changed = updated_at is not None and (
        row.helpdesk_updated_at is None or updated_at > row.helpdesk_updated_at
    )
    if changed and row.state in RESTING:
        # Remember the change this wake is for, so one change wakes the ticket once: a ticket
        # the worker gave up on is never parsed again (so never records the change itself),
        # and was otherwise woken and given up on again at every poll (R16).  The wake flag
        # keeps the ticket queued until a process step has taken it.
        session.execute(
            update(TicketRow)
            .where(TicketRow.id == row.id, TicketRow.state.in_(RESTING))
            .values(wake=True, updated_at=now, helpdesk_updated_at=updated_at)
        )
        session.refresh(row)
    return row, inserted == 1


def claim_ticket(session: Session, ticket_id: int, now: datetime, lease: timedelta) -> bool:
    """Take a ticket for parsing: new, woken, or abandoned by a worker whose lease ran out."""
    result = session.execute(
        update(TicketRow)
        .where(
            TicketRow.id == ticket_id,
            or_(
                TicketRow.state == TicketState.NEW,
                and_(TicketRow.wake.is_(True), TicketRow.state.in_(RESTING)),
                and_(TicketRow.state == TicketState.PARSING, TicketRow.lease_until < now),
            ),
        )
        .values(
            state=TicketState.PARSING,
            lease_until=now + lease,
            attempts=TicketRow.attempts + 1,
            updated_at=now,
        )
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def move_ticket(
    session: Session,
    ticket_id: int,
    expected: TicketState | Sequence[TicketState],
    new: TicketState,
    now: datetime,
    **values: Any,
) -> bool:
    """Move a ticket from an expected state to a new one; False when another step moved it."""
    states = [expected] if isinstance(expected, TicketState) else list(expected)
    result = session.execute(
        update(TicketRow)
        .where(TicketRow.id == ticket_id, TicketRow.state.in_(states))
        .values(state=new, updated_at=now, lease_until=None, **values)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def finish_resets_if_done(session: Session, ticket_id: int, now: datetime) -> bool:
    """Move a ticket from resetting to reporting once no reset job is left: one caller wins.

    Two jobs of one ticket finishing at once, each in its own transaction at READ
    COMMITTED, would each see the other still running and neither move the ticket on.
    Locking the ticket row first serialises them: the second waits for the first to
    commit, and its next statement (a fresh snapshot) sees the first job finished.
    """
    session.execute(select(TicketRow.id).where(TicketRow.id == ticket_id).with_for_update())
    open_jobs = exists().where(
        ResetJobRow.ticket_id == ticket_id, ResetJobRow.status.in_(("pending", "running"))
    )
    result = session.execute(
        update(TicketRow)
        .where(TicketRow.id == ticket_id, TicketRow.state == TicketState.RESETTING, ~open_jobs)
        .values(state=TicketState.REPORTING, updated_at=now)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def resetting_with_no_open_job(session: Session, limit: int) -> list[int]:
    """Tickets still resetting whose jobs have all finished: stuck unless moved on."""
    open_jobs = exists().where(
        ResetJobRow.ticket_id == TicketRow.id, ResetJobRow.status.in_(("pending", "running"))
    )
    query = (
        select(TicketRow.id)
        .where(TicketRow.state == TicketState.RESETTING, ~open_jobs)
        .order_by(TicketRow.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def renew_ticket_lease(
    session: Session, ticket_id: int, claim: int, now: datetime, lease: timedelta
) -> bool:
    """Extend a parsing ticket's lease while the claim numbered ``claim`` still holds it.

    ``claim`` is the attempts count the claim set: a later claim (after our lease ran out)
    has another, so a slow heartbeat never extends someone else's lease.
    """
    result = session.execute(
        update(TicketRow)
        .where(
            TicketRow.id == ticket_id,
            TicketRow.state == TicketState.PARSING,
            TicketRow.attempts == claim,
        )
        .values(lease_until=now + lease)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


# -- reset jobs ---------------------------------------------------------------------------
def add_reset_job(
    session: Session, ticket_id: int, decision_id: int, student_id: str, key: str, now: datetime
) -> bool:
    """Queue one reset; False when this ticket already has one for this student."""
    inserted = _insert_ignore(
        session,
        ResetJobRow,
        {
            "ticket_id": ticket_id,
            "decision_id": decision_id,
            "student_id": student_id,
            "idempotency_key": key,
            "status": "pending",
            "actor": "ticketworker",
            "attempts": 0,
            "created_at": now,
        },
        ["ticket_id", "student_id"],
    )
    return inserted == 1


def claim_job(session: Session, job_id: int, now: datetime, lease: timedelta) -> bool:
    result = session.execute(
        update(ResetJobRow)
        .where(
            ResetJobRow.id == job_id,
            or_(
                ResetJobRow.status == "pending",
                and_(ResetJobRow.status == "running", ResetJobRow.lease_until < now),
            ),
        )
        .values(status="running", lease_until=now + lease, attempts=ResetJobRow.attempts + 1)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def renew_job_lease(
    session: Session, job_id: int, claim: int, now: datetime, lease: timedelta
) -> bool:
    """Extend a running job's lease while the claim numbered ``claim`` still holds it."""
    result = session.execute(
        update(ResetJobRow)
        .where(
            ResetJobRow.id == job_id,
            ResetJobRow.status == "running",
            ResetJobRow.attempts == claim,
        )
        .values(lease_until=now + lease)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def resets_queued_since(session: Session, since: datetime, requester: str | None = None) -> int:
    """Reset jobs queued at or after ``since`` (for one requester's tickets, when given)."""
    query = select(func.count()).select_from(ResetJobRow).where(ResetJobRow.created_at >= since)
    if requester is not None:
        query = query.join(TicketRow, TicketRow.id == ResetJobRow.ticket_id).where(
            func.lower(TicketRow.requester) == requester.lower()
        )
    return session.scalar(query) or 0


def jobs_reset_for_student(session: Session, ticket_id: int, student_id: str) -> bool:
    return (
        session.scalar(
            select(func.count())
            .select_from(ResetJobRow)
            .where(ResetJobRow.ticket_id == ticket_id, ResetJobRow.student_id == student_id)
        )
        or 0
    ) > 0


@dataclass(frozen=True)
class ResetsInFlight:
    """Open reset work as it really stands, for ``ticketworker status``."""

    running: int  # claimed by a worker whose lease is live
    queued: int  # waiting for a worker
    abandoned: int  # claimed by a worker that stopped renewing its lease (killed, stuck)
    stuck_tickets: int  # tickets still resetting with every job finished


def resets_in_flight(session: Session, now: datetime) -> ResetsInFlight:
    def jobs(*where: Any) -> int:
        query = select(func.count()).select_from(ResetJobRow).where(*where)
        return session.scalar(query) or 0

    running = ResetJobRow.status == "running"
    return ResetsInFlight(
        running=jobs(running, ResetJobRow.lease_until >= now),
        queued=jobs(ResetJobRow.status == "pending"),
        abandoned=jobs(
            running, or_(ResetJobRow.lease_until.is_(None), ResetJobRow.lease_until < now)
        ),
        stuck_tickets=len(resetting_with_no_open_job(session, 10_000)),
    )


# -- outbox -------------------------------------------------------------------------------
def add_outbox(
    session: Session, ticket_id: int, kind: str, body: str, marker: str, now: datetime
) -> None:
    _insert_ignore(
        session,
        OutboxRow,
        {
            "ticket_id": ticket_id,
            "kind": kind,
            "body": body,
            "marker": marker,
            "status": "pending",
            "attempts": 0,
            "created_at": now,
        },
        ["marker"],
    )


def pending_outbox(session: Session, ticket_id: int) -> list[OutboxRow]:
    return list(
        session.scalars(
            select(OutboxRow)
            .where(OutboxRow.ticket_id == ticket_id, OutboxRow.status == "pending")
            .order_by(OutboxRow.id)
        )
    )


# -- audit ----------------------------------------------------------------------------------
def audit(
    session: Session,
    now: datetime,
    actor: str,
    action: str,
    helpdesk_id: str | None = None,
    student_id: str | None = None,
    **detail: Any,
) -> None:
    """Append one audit record (the table refuses updates and deletes); it joins the hash
    chain when the transaction commits."""
    mark_unsealed(session)
    session.execute(
        insert(AuditRow).values(
            at=now,
            actor=actor,
            action=action,
            helpdesk_id=helpdesk_id,
            student_id=student_id,
            detail=detail,
        )
    )


def audit_many(
    session: Session,
    now: datetime,
    actor: str,
    action: str,
    entries: Sequence[tuple[str | None, dict[str, Any]]],
) -> None:
    """Append one audit record per ``(student_id, detail)``, all in one executemany.

    The roster reconciliation audits thousands of changes per run; a statement per change
    would cost a round trip each.
    """
    if not entries:
        return
    mark_unsealed(session)
    rows = [
        {
            "at": now,
            "actor": actor,
            "action": action,
            "helpdesk_id": None,
            "student_id": student_id,
            "detail": detail,
        }
        for student_id, detail in entries
    ]
    session.execute(insert(AuditRow), rows)


# -- leases and small state ------------------------------------------------------------------
def acquire_lease(session: Session, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take the named lease if it is free or expired (or already ours)."""
    _insert_ignore(session, LeaseRow, {"name": name, "holder": None, "expires_at": None}, ["name"])
    result = session.execute(
        update(LeaseRow)
        .where(
            LeaseRow.name == name,
            or_(
                LeaseRow.holder.is_(None),
                LeaseRow.expires_at < now,
                LeaseRow.holder == holder,
            ),
        )
        .values(holder=holder, expires_at=now + ttl)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def renew_lease(session: Session, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Extend the named lease only while ``holder`` still holds it."""
    result = session.execute(
        update(LeaseRow)
        .where(LeaseRow.name == name, LeaseRow.holder == holder)
        .values(expires_at=now + ttl)
    )
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def release_lease(session: Session, name: str, holder: str) -> None:
    session.execute(
        update(LeaseRow)
        .where(LeaseRow.name == name, LeaseRow.holder == holder)
        .values(holder=None, expires_at=None)
    )


def get_value(session: Session, name: str) -> str | None:
    return session.scalar(select(SettingRow.value).where(SettingRow.name == name))


def set_value(session: Session, name: str, value: str) -> None:
    if _insert_ignore(session, SettingRow, {"name": name, "value": value}, ["name"]) == 0:
        session.execute(update(SettingRow).where(SettingRow.name == name).values(value=value))


def decisions_of(session: Session, ticket_id: int, round_: int | None = None) -> list[DecisionRow]:
    query = select(DecisionRow).where(DecisionRow.ticket_id == ticket_id)
    if round_ is not None:
        query = query.where(DecisionRow.round == round_)
    return list(session.scalars(query.order_by(DecisionRow.round, DecisionRow.position)))
