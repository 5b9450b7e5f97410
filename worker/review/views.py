"""What technicians see: the review queue, one ticket with its evidence, counts, the audit log.

Read-only views over the state database, enriched from the current roster: each roster
candidate a technician may pick comes with its name, school, grade and status *now*, not
only as the parser saw them.  Used by :class:`worker.review.ReviewService`, the one code path
of the console and the CLI.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parsers import RosterIndex
from parsers.roster_index import display_name
from parsers.verify import check_requester

from ..db import repo
from ..db.tables import AuditRow, DecisionRow, OutboxRow, ResetJobRow, TicketRow, TicketState
from ..messages import written
from .ticket_text import TicketText

#: Decisions a technician still has to make.
OPEN = "pending"
_WORKING = (TicketState.NEW, TicketState.PARSING, TicketState.RESETTING, TicketState.REPORTING)
_REQUESTER_TEXT = {
    "requester_unknown": "not in the roster",
    "requester_not_staff": "not staff",
    "requester_inactive": "inactive staff account",
}


_OUTCOME_TEXT = {
    "reset": "Reset — the student can claim the account again",
    "already_unclaimed": "Reset — the account was already unclaimed",
    "already_applied": "Reset — already done for this ticket",
    "unknown_account": "Not reset — the portal has no account with this ID",
    "disabled_account": "Not reset — the portal account is disabled",
}
_STATE_TEXT = {
    "rejected": "Rejected",
    "superseded": "Replaced when the ticket was parsed again",
    "released": "Released to automatic processing",
    OPEN: "Waiting for a technician",
}


@dataclass(frozen=True)
class Candidate:
    """A roster record a technician may choose for a student line."""

    student_id: str
    name: str
    school: str
    grade: str
    status: str  # active | not active (<status>) | disabled | not in the roster | ...
    why: str

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class StudentView:
    """One student line of a ticket: as written, why it waits, and who it may be."""

    decision_id: int
    number: int  # 1-based: what `ticketworker review` calls STUDENT
    line: str
    written: str
    student_id: str | None
    review_state: str
    reasons: list[str]
    candidates: list[Candidate]
    reset_outcome: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None

    @property
    def open(self) -> bool:
        return self.review_state == OPEN

    @property
    def status_text(self) -> str:
        """The decision in words, e.g. "Reset — the account was already unclaimed"."""
        by = f" by {self.decided_by}" if self.decided_by else ""
        at = f" at {self.decided_at:%Y-%m-%d %H:%M} UTC" if self.decided_at else ""
        as_id = f" (ID {self.student_id})" if self.student_id else ""
        if self.review_state in ("auto", "approved"):
            outcome = _OUTCOME_TEXT.get(
                self.reset_outcome or "", "Approved; the reset has not run yet"
            )
            who = (
                "read from the ticket by the worker"
                if self.review_state == "auto"
                else f"approved{by}{at}"
            )
            return f"{outcome}{as_id} — {who}"
        verb = _STATE_TEXT.get(self.review_state, self.review_state)
        note = f" — “{self.note}”" if self.note and self.review_state == "rejected" else ""
        return f"{verb}{by}{at}{note}"


@dataclass(frozen=True)
class TicketView:
    """A ticket as the review pages show it (its current round)."""

    helpdesk_id: str
    subject: str
    requester: str
    school: str
    state: str
    needs_review: bool
    round: int
    created_at: datetime
    age: timedelta
    ticket_reasons: list[str]
    students: list[StudentView] = field(default_factory=list)
    #: Replies, notes and marks not yet posted to the help-desk.
    unsent: int = 0
    #: The requester's messages with each student's line marked (filled by ``show``).
    text: TicketText | None = None

    @property
    def pending(self) -> list[StudentView]:
        return [s for s in self.students if s.open]


@dataclass(frozen=True)
class Dashboard:
    waiting: int  # the worker still has to process them
    flagged: int  # in the review queue
    awaiting_requester: int  # a technician asked the teacher for more
    reset_today: int
    median_reply: timedelta | None  # first seen -> first reply, last 7 days
    oldest_flagged: timedelta | None


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    helpdesk_id: str | None
    student_id: str | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    page: int
    has_next: bool


def candidate(roster: RosterIndex, student_id: str, why: str) -> Candidate:
    """A candidate as the roster holds it now."""
    records = roster.students_with_id(student_id)
    if not records:
        return Candidate(student_id, "", "", "", "not in the roster", why)
    if len(records) > 1:
        return Candidate(student_id, "", "", "", f"held by {len(records)} roster records", why)
    r = records[0]
    if r.status != "active":
        status = f"not active ({r.status})"
    else:
        status = "active" if r.enabled else "disabled"
    school = ", ".join(roster.org_name(o) for o in r.org_ids)
    return Candidate(student_id, display_name(r), school, r.grades, status, why)


def _candidates(roster: RosterIndex, d: DecisionRow) -> list[Candidate]:
    found: list[Candidate] = []
    if d.student_id:
        found.append(candidate(roster, d.student_id, "the ID as read from the ticket"))
    for s in d.suggestions:
        if all(c.student_id != s["student_id"] for c in found):
            found.append(candidate(roster, s["student_id"], s.get("why", "")))
    return [c for c in found if c.name]  # an ID nobody holds is no candidate


def requester_school(roster: RosterIndex, email: str) -> str:
    """The requester's school(s) by the roster, or what is wrong with the requester."""
    who = check_requester(email, roster)
    if who.problem is not None:
        return f"({_REQUESTER_TEXT.get(who.problem.value, who.problem.value)})"
    if who.district_wide:
        return "district-wide"
    return ", ".join(sorted(roster.org_name(o) for o in who.org_ids))


def ticket_view(s: Session, row: TicketRow, roster: RosterIndex, now: datetime) -> TicketView:
    jobs = {
        j.decision_id: j
        for j in s.scalars(
            select(ResetJobRow).where(ResetJobRow.ticket_id == row.id).order_by(ResetJobRow.id)
        )
    }
    students = []
    for d in repo.decisions_of(s, row.id, row.round):
        job = jobs.get(d.id)
        students.append(
            StudentView(
                decision_id=d.id,
                number=d.position + 1,
                line=d.source_line,
                written=written(d),
                student_id=d.student_id,
                review_state=d.review_state,
                reasons=list(d.reasons),
                candidates=_candidates(roster, d) if d.review_state == OPEN else [],
                reset_outcome=job.outcome if job else None,
                decided_by=d.decided_by,
                decided_at=d.decided_at,
                note=d.decision_note,
            )
        )
    return TicketView(
        helpdesk_id=row.helpdesk_id,
        subject=row.subject,
        requester=row.requester,
        school=requester_school(roster, row.requester),
        state=row.state,
        needs_review=row.needs_review,
        round=row.round,
        created_at=row.created_at,
        age=now - row.created_at,
        ticket_reasons=[r for r in (row.error or "").split("; ") if r],
        students=students,
        unsent=len(repo.pending_outbox(s, row.id)),
    )


def flagged_rows(s: Session) -> Sequence[TicketRow]:
    """Tickets waiting for a technician, oldest first."""
    return s.scalars(
        select(TicketRow)
        .where(TicketRow.state == TicketState.FLAGGED, TicketRow.needs_review.is_(True))
        .order_by(TicketRow.created_at, TicketRow.id)
    ).all()


def dashboard(s: Session, now: datetime) -> Dashboard:
    """Counts for the console's front page."""
    by_state: dict[tuple[str, bool], int] = {}
    for state, needs_review, n in s.execute(
        select(TicketRow.state, TicketRow.needs_review, func.count()).group_by(
            TicketRow.state, TicketRow.needs_review
        )
    ):
        by_state[(state, bool(needs_review))] = n
    waiting = sum(n for (st, _), n in by_state.items() if st in _WORKING)
    flagged = by_state.get((TicketState.FLAGGED, True), 0)
    awaiting = by_state.get((TicketState.FLAGGED, False), 0)
    midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    reset_today = s.scalar(
        select(func.count())
        .select_from(ResetJobRow)
        .where(ResetJobRow.outcome == "reset", ResetJobRow.finished_at >= midnight)
    )
    first_reply = (
        select(OutboxRow.ticket_id, func.min(OutboxRow.sent_at).label("sent"))
        .where(OutboxRow.kind == "reply", OutboxRow.status == "sent")
        .group_by(OutboxRow.ticket_id)
        .subquery()
    )
    pairs = s.execute(
        select(TicketRow.created_at, first_reply.c.sent)
        .join(first_reply, first_reply.c.ticket_id == TicketRow.id)
        .where(TicketRow.created_at >= now - timedelta(days=7))
    )
    delays = [(sent - seen).total_seconds() for seen, sent in pairs if sent is not None]
    oldest = s.scalar(
        select(func.min(TicketRow.created_at)).where(
            TicketRow.state == TicketState.FLAGGED, TicketRow.needs_review.is_(True)
        )
    )
    return Dashboard(
        waiting=waiting,
        flagged=flagged,
        awaiting_requester=awaiting,
        reset_today=reset_today or 0,
        median_reply=timedelta(seconds=statistics.median(delays)) if delays else None,
        oldest_flagged=now - oldest if oldest else None,
    )


def audit_page(
    s: Session,
    *,
    ticket: str | None = None,
    student: str | None = None,
    technician: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> AuditPage:
    """One page of the audit log, newest first, filtered by ticket, student or actor."""
    query = select(AuditRow).order_by(AuditRow.id.desc())
    if ticket:
        query = query.where(AuditRow.helpdesk_id == ticket)
    if student:
        query = query.where(AuditRow.student_id == student)
    if technician:
        query = query.where(AuditRow.actor == technician)
    page = max(1, page)
    rows = s.scalars(query.offset((page - 1) * per_page).limit(per_page + 1)).all()
    entries = [
        AuditEntry(r.at, r.actor, r.action, r.helpdesk_id, r.student_id, dict(r.detail or {}))
        for r in rows[:per_page]
    ]
    return AuditPage(entries, page, len(rows) > per_page)
