"""The pieces of a review action: state checks, the approved reset, the settlement.

Used by :class:`worker.review.ReviewService`.  The functions that take a session work in
the caller's transaction; :func:`run_reset` calls the account store between two short
transactions of its own, never inside one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from connectors.helpdesk.base import ReviewMark
from parsers import RosterIndex

from ..db import repo
from ..db.tables import DecisionRow, ResetJobRow, TechnicianRow, TicketRow, TicketState
from ..messages import CLAIMABLE
from ..pipeline import Pipeline
from ..technicians import Technician, technician_of
from .checks import Recheck
from .views import OPEN


class ReviewError(Exception):
    """A review action was refused; the message says why, for the technician."""


class OverrideNeeded(ReviewError):
    """The chosen record failed checks a technician may set aside with a written reason."""

    def __init__(self, student_id: str, reasons: list[str]) -> None:
        self.student_id, self.reasons = student_id, reasons
        super().__init__(f"{student_id} needs an override reason: " + "; ".join(reasons))


@dataclass(frozen=True)
class ActionResult:
    """What a review action did, in words for the technician (no roster data)."""

    message: str
    changed: bool = True
    ticket_done: bool = False


def check_account(pipeline: Pipeline, student_id: str) -> None:
    """The portal must hold an enabled account, or the reset could only fail."""
    account = pipeline.accounts.lookup(student_id)
    if account is None:
        raise ReviewError(
            f"the portal has no account with the ID {student_id} (the roster "
            "reconciliation creates it); nothing was reset"
        )
    if account.disabled:
        raise ReviewError(f"the portal account {student_id} is disabled; nothing was reset")


def run_reset(pipeline: Pipeline, job: ResetJobRow, tech: Technician) -> None:
    """Reset the approved student through the pipeline's account store, with the job's key."""
    with pipeline.sessions() as s:
        helpdesk_id = s.get_one(TicketRow, job.ticket_id).helpdesk_id
    try:
        outcome = pipeline.accounts.reset(
            job.student_id,
            idempotency_key=job.idempotency_key,
            actor=tech.username,
            reason=f"ticket {helpdesk_id}",
        )
    except Exception:
        # Nothing is decided: the technician may simply try again (the same key makes
        # a reset that did happen before the failure count once).
        with pipeline.tx() as s:
            d = s.get_one(DecisionRow, job.decision_id)
            reopen(d, None)
            s.delete(s.get_one(ResetJobRow, job.id))
            now = pipeline.clock()
            repo.audit(s, now, tech.username, "review_reset_error", helpdesk_id, job.student_id)
        raise
    now = pipeline.clock()
    with pipeline.tx() as s:
        row = s.get_one(ResetJobRow, job.id)
        row.status, row.outcome, row.message = "done", outcome.kind.value, outcome.message
        row.finished_at, row.lease_until = now, None
        repo.audit(
            s,
            now,
            tech.username,
            f"reset_{outcome.kind.value}",
            helpdesk_id,
            job.student_id,
            job=job.idempotency_key,
        )


def approval_messages(
    pipeline: Pipeline,
    s: Session,
    ticket_id: int,
    decision_id: int,
    tech: Technician,
    overridden: Sequence[str],
    resumed: bool,
) -> ActionResult | ReviewError:
    """Queue the reply and note for a finished reset (idempotent: markers are unique)."""
    now = pipeline.clock()
    row = s.get_one(TicketRow, ticket_id)
    d = s.get_one(DecisionRow, decision_id)
    job = job_of(s, decision_id)
    assert job is not None
    base = f"tw-{row.helpdesk_id}-d{d.id}-approve"
    messages = pipeline.messages
    if job.outcome not in CLAIMABLE:
        # The portal changed under us (account gone or disabled): back to the technician.
        reopen(d, f"the reset failed: {job.outcome}")
        note = messages.decision_note(
            f"{base}-failed",
            technician=tech.label,
            action="approved",
            student=d,
            outcome=job.outcome,
            remaining=open_count(s, row),
        )
        repo.add_outbox(s, row.id, "note", note, f"{base}-failed", now)
        return ReviewError(f"the reset did not happen ({job.outcome}); nothing was posted")
    adopt_record(d, job, pipeline.roster())
    repo.add_outbox(s, row.id, "reply", messages.approval_reply(d, base), base, now)
    note = messages.decision_note(
        f"{base}-note",
        technician=tech.label,
        action="approved",
        student=d,
        outcome=job.outcome,
        override=d.decision_note,
        overridden=overridden,
        remaining=open_count(s, row),
    )
    repo.add_outbox(s, row.id, "note", note, f"{base}-note", now)
    done = settle(s, row, tech, now)
    return ActionResult(
        f"student {d.position + 1} was reset; the reply is queued"
        + (" (it was already approved)" if resumed else ""),
        changed=not resumed,
        ticket_done=done,
    )


def technician(s: Session, username: str) -> Technician:
    row = s.scalar(
        select(TechnicianRow).where(
            TechnicianRow.username == username, TechnicianRow.active.is_(True)
        )
    )
    if row is None:
        raise ReviewError(
            f"no active technician named {username!r} (add one: ticketworker technician add)"
        )
    return technician_of(row)


def ticket(s: Session, helpdesk_id: str) -> TicketRow:
    row = s.scalar(select(TicketRow).where(TicketRow.helpdesk_id == helpdesk_id))
    if row is None:
        raise ReviewError(f"ticketworker has no ticket {helpdesk_id}")
    return row


def decision(s: Session, row: TicketRow, decision_id: int) -> DecisionRow:
    d = s.get(DecisionRow, decision_id)
    if d is None or d.ticket_id != row.id:
        raise ReviewError(f"ticket {row.helpdesk_id} has no such student")
    if d.round != row.round:
        raise ReviewError("the ticket was parsed again since; reload it")
    return d


def must_be_open(d: DecisionRow) -> None:
    if d.review_state != OPEN:
        who = f" by {d.decided_by}" if d.decided_by else ""
        raise ReviewError(f"student {d.position + 1} is already {d.review_state}{who}")


def job_of(s: Session, decision_id: int) -> ResetJobRow | None:
    """The newest reset job for a decision (an approval's, after a failed automatic one)."""
    return s.scalars(
        select(ResetJobRow)
        .where(ResetJobRow.decision_id == decision_id)
        .order_by(ResetJobRow.id.desc())
        .limit(1)
    ).first()


def accepted(check: Recheck, override: str | None) -> str:
    """The re-verified student ID, or why it may not be approved (as it stands)."""
    if check.refusals or check.student_id is None or check.record is None:
        raise ReviewError("; ".join(check.refusals) or "the ID cannot be verified")
    if check.overridable and not override:
        raise OverrideNeeded(check.student_id, check.overridable)
    return check.student_id


def reopen(d: DecisionRow, note: str | None) -> None:
    d.review_state, d.decided_by, d.decided_at, d.decision_note = OPEN, None, None, note


def adopt_record(d: DecisionRow, job: ResetJobRow, roster: RosterIndex) -> None:
    """The decision now names the student the technician chose, as the SIS holds them."""
    records = roster.students_with_id(job.student_id)
    d.student_id = job.student_id
    if len(records) == 1:
        r = records[0]
        d.roster_first_name, d.roster_last_name = r.given_name, r.family_name
        d.school_id = r.org_ids[0] if r.org_ids else None


def open_count(s: Session, row: TicketRow) -> int:
    s.flush()
    return sum(d.review_state == OPEN for d in repo.decisions_of(s, row.id, row.round))


def settle(s: Session, row: TicketRow, tech: Technician, now: datetime) -> bool:
    """Once every student of the round is decided: clear the mark; resolve the ticket unless
    a rejection asked the teacher for more.  True when the ticket is done with review."""
    decisions = repo.decisions_of(s, row.id, row.round)
    if any(d.review_state == OPEN for d in decisions):
        return False
    base = f"tw-{row.helpdesk_id}-r{row.round}-review"
    asks = any(d.review_state == "rejected" and d.asks_requester for d in decisions)
    if asks:
        repo.add_outbox(s, row.id, "mark", ReviewMark.NONE.value, f"{base}-mark", now)
        s.execute(update(TicketRow).where(TicketRow.id == row.id).values(needs_review=False))
    else:
        repo.add_outbox(s, row.id, "mark", ReviewMark.DONE.value, f"{base}-mark", now)
        repo.add_outbox(s, row.id, "resolve", "", f"{base}-resolve", now)
        # The flush resolves it in the database too, once the help-desk has it all.
        repo.move_ticket(
            s, row.id, TicketState.FLAGGED, TicketState.REPLIED, now, needs_review=False
        )
    repo.audit(
        s,
        now,
        tech.username,
        "review_completed",
        row.helpdesk_id,
        round=row.round,
        resolved=not asks,
    )
    return True
