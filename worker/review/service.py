"""Technician review of flagged tickets: the one code path of the console and the CLI.

A technician approves a student (a roster candidate or a typed ID), rejects one with a
message to the teacher, re-parses a ticket, or releases it back to the worker.  Approval
re-verifies the choice against the roster (:mod:`.checks`); an inactive student,
a name that does not match, or a requester without the right to ask needs a written override
reason; an unknown ID is refused outright.  The reset then runs at once through the
pipeline's account store, with the pipeline's idempotency key, and the reply and a note
saying who decided go to the outbox under markers of their own (``tw-<ticket>-d<decision>-
approve``), which the pipeline's flush posts exactly once.

Every decision is one transaction that starts by touching the ticket row while it is
flagged, so a worker step that claims the ticket meanwhile waits or loses; a second click
finds the decision made and changes nothing.  When every student of the current round is
decided the needs-review mark is cleared, and the ticket is resolved, or stays open when a
rejection asked the teacher for more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from connectors.errors import ConnectorError
from connectors.helpdesk.base import ReviewMark
from parsers import Reason

from ..db import repo
from ..db.tables import DecisionRow, ResetJobRow, TicketRow, TicketState
from ..pipeline import ACTOR, Pipeline
from ..settings import Settings
from ..technicians import Technician
from . import steps
from .checks import recheck
from .steps import ActionResult, OverrideNeeded, ReviewError
from .ticket_text import RawMessage, TicketText, ticket_text
from .views import (
    OPEN,
    AuditPage,
    Dashboard,
    TicketView,
    audit_page,
    dashboard,
    flagged_rows,
    ticket_view,
)

log = logging.getLogger(__name__)
MAX_MESSAGE = 2000
#: Said when a ticket's sender could not be verified: approving needs the technician's word.
SENDER_CHECK = (
    "the request came by e-mail and its sender could not be verified: confirm with the "
    "requester (by phone or in person) and write how"
)


class ReviewService:
    """Review actions over a :class:`~worker.pipeline.Pipeline` (see the module docstring).

    ``after`` runs once an action has committed and dispatched its steps: the console and
    the CLI pass one that runs an in-process dispatch queue, so the reply is posted before
    they answer.
    """

    def __init__(self, pipeline: Pipeline, after: Callable[[], object] | None = None) -> None:
        self.pipeline = pipeline
        self._after = after or (lambda: None)

    # -- reading ------------------------------------------------------------------------
    def queue(self) -> list[TicketView]:
        """Flagged tickets, oldest first, each with its students and their candidates."""
        roster, now = self.pipeline.roster(), self.pipeline.clock()
        with self.pipeline.sessions() as s:
            return [ticket_view(s, row, roster, now) for row in flagged_rows(s)]

    def show(self, helpdesk_id: str, *, with_text: bool = False) -> TicketView:
        """One ticket (flagged or not) with the students of its latest round; ``with_text``
        adds the requester's messages as the help-desk has them now (a notice when it does
        not answer: the decisions stay usable)."""
        with self.pipeline.sessions() as s:
            row = steps.ticket(s, helpdesk_id)
            view = ticket_view(s, row, self.pipeline.roster(), self.pipeline.clock())
        return replace(view, text=self._ticket_text(view)) if with_text else view

    def _ticket_text(self, view: TicketView) -> TicketText:
        try:
            ticket = self.pipeline.helpdesk.fetch(view.helpdesk_id)
        except ConnectorError as exc:
            log.warning(
                "review: ticket %s: the help-desk did not answer (%s)",
                view.helpdesk_id,
                type(exc).__name__,
            )
            return TicketText(
                unavailable="the help-desk did not answer, so the teacher's message cannot "
                "be shown now; reload the page to try again (the decisions below still work)"
            )
        raw = [RawMessage("The first message", ticket.body, ticket.content_type)]
        raw += [
            RawMessage(
                f"Added by the requester on {m.created_at:%Y-%m-%d %H:%M} UTC",
                m.body,
                m.content_type,
            )
            for m in ticket.requester_followups()
        ]
        return ticket_text(raw, [(st.number, st.line) for st in view.students])

    def dashboard(self) -> Dashboard:
        with self.pipeline.sessions() as s:
            return dashboard(s, self.pipeline.clock())

    def audit(self, **filters: str | int | None) -> AuditPage:
        """A page of the audit log: ``ticket``, ``student``, ``technician``, ``page``."""
        with self.pipeline.sessions() as s:
            return audit_page(s, **filters)  # type: ignore[arg-type]

    # -- approving -------------------------------------------------------------------------
    def approve(
        self,
        helpdesk_id: str,
        decision_id: int,
        technician: str,
        student_id: str | None = None,
        override_reason: str | None = None,
    ) -> ActionResult:
        """Approve one student as ``student_id`` (default: the ID read from the ticket).

        Raises :class:`OverrideNeeded` when checks fail that an override reason may set
        aside, :class:`ReviewError` when the choice cannot be approved.  Approving an
        approved student again changes nothing (it finishes an approval a crash cut short).
        """
        override = (override_reason or "").strip()[:MAX_MESSAGE] or None
        with self.pipeline.sessions() as s:
            tech = steps.technician(s, technician)
            row = steps.ticket(s, helpdesk_id)
            d = steps.decision(s, row, decision_id)
            if d.review_state == "approved":
                return self._finish_approval(row.id, d.id, tech, resumed=True)
            steps.must_be_open(d)
            chosen = (student_id or d.student_id or "").strip()
            if not chosen:
                raise ReviewError("choose a candidate or type the student's ID")
            check = recheck(
                self.pipeline.roster(), row.requester, d.first_name, d.last_name, chosen
            )
            if Reason.SENDER_UNVERIFIED in d.reason_codes:
                # The roster cannot settle who asked: only the technician's word can.
                check.overridable.append(SENDER_CHECK)
        sid = steps.accepted(check, override)
        steps.check_account(self.pipeline, sid)
        now = self.pipeline.clock()
        with self._locked(helpdesk_id, technician, now) as (s, row, tech):
            d = steps.decision(s, row, decision_id)
            steps.must_be_open(d)
            if repo.jobs_reset_for_student(s, row.id, sid):
                raise ReviewError(f"this ticket already has a reset for {sid}; it is not repeated")
            key = f"{ACTOR}:{helpdesk_id}:{sid}"
            if not repo.add_reset_job(s, row.id, d.id, sid, key, now):
                raise ReviewError(f"this ticket already has a reset for {sid}")
            # Taken at once (running, with a lease), so the sweeper leaves it to us.
            s.execute(
                update(ResetJobRow)
                .where(ResetJobRow.idempotency_key == key)
                .values(
                    status="running",
                    lease_until=now + self.pipeline.options.lease,
                    attempts=1,
                    actor=tech.username,
                )
            )
            d.review_state, d.decided_by, d.decided_at = "approved", tech.username, now
            d.decision_note = override
            detail = {"decision": d.id, "student": d.position + 1, "parsed_id": d.student_id}
            repo.audit(s, now, tech.username, "review_approved", helpdesk_id, sid, **detail)
            if override:
                repo.audit(
                    s,
                    now,
                    tech.username,
                    "review_override",
                    helpdesk_id,
                    sid,
                    reason=override,
                    checks=check.overridable,
                    **detail,
                )
        log.info("ticket %s: student %d approved by %s", helpdesk_id, d.position + 1, tech.username)
        return self._finish_approval(row.id, d.id, tech, overridden=check.overridable)

    def _finish_approval(
        self,
        ticket_id: int,
        decision_id: int,
        tech: Technician,
        *,
        resumed: bool = False,
        overridden: Sequence[str] = (),
    ) -> ActionResult:
        """Run the approved reset (once) and queue the reply, the note and the settlement."""
        now = self.pipeline.clock()
        with self.pipeline.tx() as s:
            job = steps.job_of(s, decision_id)
            if job is None:
                raise ReviewError("the approved student has no reset job")
            run = job.status not in ("done", "failed")
            if run and resumed and not repo.claim_job(s, job.id, now, self.pipeline.options.lease):
                # Running under a live lease: another request is resetting it right now.
                return ActionResult("the reset is in progress", changed=False)
        if run:
            steps.run_reset(self.pipeline, job, tech)
        with self.pipeline.tx() as s:
            result = steps.approval_messages(
                self.pipeline, s, ticket_id, decision_id, tech, overridden, resumed
            )
        self._dispatch_flush(ticket_id)
        if isinstance(result, ReviewError):
            raise result
        return result

    # -- rejecting, re-parsing, releasing --------------------------------------------------
    def reject(
        self,
        helpdesk_id: str,
        decision_id: int,
        technician: str,
        message: str,
        *,
        ask_for_more: bool = True,
    ) -> ActionResult:
        """Reject one student: a templated public reply with ``message``; nothing is reset.

        With ``ask_for_more`` the reply asks the teacher to send the student again and the
        ticket stays open once every student is decided.
        """
        message = message.strip()
        if not message:
            raise ReviewError("write a message to the requester")
        if len(message) > MAX_MESSAGE:
            raise ReviewError(f"the message may have at most {MAX_MESSAGE} characters")
        now = self.pipeline.clock()
        with self._locked(helpdesk_id, technician, now) as (s, row, tech):
            d = steps.decision(s, row, decision_id)
            if d.review_state == "rejected":
                return ActionResult(f"student {d.position + 1} was already rejected", False)
            steps.must_be_open(d)
            d.review_state, d.decided_by, d.decided_at = "rejected", tech.username, now
            d.decision_note, d.asks_requester = message, ask_for_more
            base = f"tw-{helpdesk_id}-d{d.id}-reject"
            messages = self.pipeline.messages
            reply = messages.rejection_reply(d, message, base, ask_for_more=ask_for_more)
            repo.add_outbox(s, row.id, "reply", reply, base, now)
            note = messages.decision_note(
                f"{base}-note",
                technician=tech.label,
                action="rejected",
                student=d,
                message=message,
                remaining=steps.open_count(s, row),
            )
            repo.add_outbox(s, row.id, "note", note, f"{base}-note", now)
            repo.audit(
                s,
                now,
                tech.username,
                "review_rejected",
                helpdesk_id,
                d.student_id,
                decision=d.id,
                student=d.position + 1,
                ask_for_more=ask_for_more,
                message=message,
            )
            done = steps.settle(s, row, tech, now)
        log.info("ticket %s: student %d rejected by %s", helpdesk_id, d.position + 1, tech.username)
        self._dispatch_flush(row.id)
        return ActionResult(
            f"student {d.position + 1} was rejected; the reply is queued", ticket_done=done
        )

    def reparse(self, helpdesk_id: str, technician: str) -> ActionResult:
        """Parse the ticket again from the help-desk now, as a new round (see Pipeline)."""
        with self.pipeline.sessions() as s:
            tech = steps.technician(s, technician)
            row = steps.ticket(s, helpdesk_id)
        if not self.pipeline.reparse(row.id):
            raise ReviewError("the ticket is not flagged, or the worker is processing it now")
        now = self.pipeline.clock()
        with self.pipeline.tx() as s:
            row = s.get_one(TicketRow, row.id)
            s.execute(
                update(DecisionRow)
                .where(
                    DecisionRow.ticket_id == row.id,
                    DecisionRow.round < row.round,
                    DecisionRow.review_state == OPEN,
                )
                .values(review_state="superseded", decided_by=tech.username, decided_at=now)
            )
            marker = f"tw-{helpdesk_id}-r{row.round}-reparse"
            note = self.pipeline.messages.decision_note(
                marker, technician=tech.label, action=f"re-parsed (round {row.round})"
            )
            repo.add_outbox(s, row.id, "note", note, marker, now)
            if row.reset_request is False:
                # Not a reset request any more: nothing for the worker to reply; unmark it.
                repo.add_outbox(s, row.id, "mark", ReviewMark.NONE.value, f"{marker}-mark", now)
            repo.audit(s, now, tech.username, "review_reparsed", helpdesk_id, round=row.round)
        self._dispatch_flush(row.id)
        return ActionResult(f"the ticket was parsed again (round {row.round})")

    def release(self, helpdesk_id: str, technician: str) -> ActionResult:
        """Hand the ticket back to the worker undecided: the mark is cleared, and the worker
        processes the ticket again when the requester adds to it."""
        now = self.pipeline.clock()
        with self._locked(helpdesk_id, technician, now) as (s, row, tech):
            if not row.needs_review:
                return ActionResult("the ticket is not waiting for a technician", False)
            s.execute(
                update(DecisionRow)
                .where(DecisionRow.ticket_id == row.id, DecisionRow.review_state == OPEN)
                .values(review_state="released", decided_by=tech.username, decided_at=now)
            )
            row.needs_review = False
            base = f"tw-{helpdesk_id}-r{row.round}-release"
            note = self.pipeline.messages.decision_note(
                f"{base}-note",
                technician=tech.label,
                action="released to automatic processing (the worker takes it up again when "
                "the requester adds to it)",
            )
            repo.add_outbox(s, row.id, "note", note, f"{base}-note", now)
            repo.add_outbox(s, row.id, "mark", ReviewMark.NONE.value, f"{base}-mark", now)
            repo.audit(s, now, tech.username, "review_released", helpdesk_id, round=row.round)
        self._dispatch_flush(row.id)
        return ActionResult("the ticket was handed back to automatic processing")

    def reflag(self, helpdesk_id: str, technician: str) -> ActionResult:
        """Undo a release while the worker has not taken the ticket up again: the released
        students of the current round wait for a technician again, and so does the ticket."""
        now = self.pipeline.clock()
        with self._locked(helpdesk_id, technician, now) as (s, row, tech):
            if row.needs_review:
                return ActionResult("the ticket is already waiting for a technician", False)
            reopened = s.execute(
                update(DecisionRow)
                .where(
                    DecisionRow.ticket_id == row.id,
                    DecisionRow.round == row.round,
                    DecisionRow.review_state == "released",
                )
                .values(review_state=OPEN, decided_by=None, decided_at=None)
            )
            row.needs_review = True
            base = f"tw-{helpdesk_id}-r{row.round}-reflag-{now:%Y%m%d%H%M%S%f}"
            note = self.pipeline.messages.decision_note(
                f"{base}-note", technician=tech.label, action="flagged again for review"
            )
            repo.add_outbox(s, row.id, "note", note, f"{base}-note", now)
            repo.add_outbox(s, row.id, "mark", ReviewMark.NEEDS_REVIEW.value, f"{base}-mark", now)
            count = reopened.rowcount  # type: ignore[attr-defined]
            repo.audit(s, now, tech.username, "review_reflagged", helpdesk_id, round=row.round)
        self._dispatch_flush(row.id)
        return ActionResult(
            f"the ticket waits for a technician again ({count} student(s) to decide)"
        )

    # -- plumbing ------------------------------------------------------------------------
    @contextmanager
    def _locked(
        self, helpdesk_id: str, technician: str, now: datetime
    ) -> Iterator[tuple[Session, TicketRow, Technician]]:
        """A transaction holding the flagged ticket's row: its first write is a guarded
        UPDATE, so a worker step claiming the ticket meanwhile waits, then finds it moved."""
        with self.pipeline.tx() as s:
            tech = steps.technician(s, technician)
            row = steps.ticket(s, helpdesk_id)
            if not repo.move_ticket(s, row.id, TicketState.FLAGGED, TicketState.FLAGGED, now):
                raise ReviewError(
                    f"ticket {helpdesk_id} is not waiting for a technician "
                    f"(it is {row.state}); reload and try again"
                )
            s.refresh(row)
            yield s, row, tech

    def _dispatch_flush(self, ticket_id: int) -> None:
        self.pipeline.dispatch("flush", ticket_id)
        self._after()


def build_review_service(settings: Settings, engine: Engine | None = None) -> ReviewService:
    """The review service the console and the CLI use: the configured pipeline, with the
    steps an action causes (posting the reply, resetting after a re-parse) run in this
    process right after it.  The worker's sweep retries whatever could not be posted."""
    from ..dispatch import InlineDispatch
    from ..wiring import build_pipeline

    inline = InlineDispatch()
    pipeline = build_pipeline(settings, inline, engine)

    def run_steps() -> None:
        try:
            inline.drain(pipeline)
        except ConnectorError as exc:
            log.warning(
                "review: a follow-up step failed (%s); it is retried later", type(exc).__name__
            )

    return ReviewService(pipeline, after=run_steps)


__all__ = [
    "ActionResult",
    "OverrideNeeded",
    "ReviewError",
    "ReviewService",
    "build_review_service",
]
