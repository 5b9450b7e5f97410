"""The reset pipeline as plain Python: poll, process, reset, report, flush, sweep.

Each step takes ids, owns one short transaction at a time, and hands the next step to a
``dispatch`` callable (Celery in production, an in-process queue in the demo and the tests).
Steps are safe to run twice: claims are guarded UPDATEs, resets carry an idempotency key the
account store honours, and replies carry a marker that is looked for before posting.
"""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from connectors.accounts.base import ResettableAccounts
from connectors.errors import AuthError, PermanentError, TransientError
from connectors.helpdesk.base import HelpDesk, ReviewMark, Ticket
from parsers import ParseResult, RosterIndex, hold_for_review, parse_ticket, unverified_sender

from . import metrics
from .db import repo
from .db.tables import (
    RESTING,
    DecisionRow,
    LeaseRow,
    OutboxRow,
    ResetJobRow,
    TicketRow,
    TicketState,
)
from .heartbeat import Heartbeat
from .messages import CLAIMABLE, Messages, Outcome

log = logging.getLogger(__name__)

ACTOR = "ticketworker"
WATERMARK = "helpdesk_watermark"
# Overlap between polls: the help-desk's clock and ours differ a little, and RT's
# LastUpdated has one-second precision.
POLL_OVERLAP = timedelta(minutes=2)


class StepBusy(TransientError):
    """Another run holds this step's lease: try again in ``seconds``, when it runs out.

    A task redelivered because its worker process was killed (acks_late with
    reject_on_worker_lost) arrives while the dead run's lease still holds.  Returning quietly
    would acknowledge it and leave the step to the sweep, minutes later (RELIABILITY R1);
    raising this makes the task layer look again when the lease ends.  If the other run
    was alive after all, the later look finds the step done and does nothing.
    """

    def __init__(self, step: str, ident: int, seconds: float) -> None:
        super().__init__(f"{step} {ident} is leased for {seconds:.0f} s more")
        self.seconds = seconds


def _seconds_left(until: datetime | None, now: datetime) -> float:
    return max((until - now).total_seconds(), 0.0) if until else 0.0


class Dispatch(Protocol):
    """Schedules the next step for an id: ``dispatch("reset", job_id)``."""

    def __call__(self, step: str, ident: int) -> None: ...


class Limit(StrEnum):
    """The reset limits; beyond one, a ticket's students go to a technician."""

    STUDENTS_PER_TICKET = "students_per_ticket"
    RESETS_PER_REQUESTER_PER_DAY = "resets_per_requester_per_day"
    RESETS_PER_HOUR = "resets_per_hour"

    @property
    def setting(self) -> str:
        """The environment variable that sets it (named in the reason a technician reads)."""
        return f"TICKETWORKER_LIMIT_{self.value.upper()}"


@dataclass(frozen=True)
class Limits:
    """How much one ticket, one requester in a day, and the district in an hour may reset."""

    students_per_ticket: int = 40
    resets_per_requester_per_day: int = 60
    resets_per_hour: int = 500


@dataclass
class Options:
    dry_run: bool = False
    lease: timedelta = timedelta(minutes=3)
    #: How often a running step renews its lease (None: never; the lease must then outlast
    #: the slowest step).  The lease need only outlast two missed heartbeats.
    heartbeat: timedelta | None = None
    max_attempts: int = 3
    poll_lease: timedelta = timedelta(minutes=5)
    #: The sweeper re-sends only work older than this: younger work is most likely still
    #: queued in the broker (re-sending is harmless, every step being idempotent, but
    #: wasted work).  Lost work waits at most this plus the sweep interval.
    sweep_min_age: timedelta = timedelta(seconds=15)
    #: Tickets that came by e-mail: "verify" the sender, always "review", or "trust".
    email_tickets: str = "verify"
    #: The district's receiving mail servers, as named in Authentication-Results.
    mail_authserv_ids: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)


@dataclass
class PollReport:
    skipped: bool = False
    seen: int = 0
    queued: list[int] = field(default_factory=list)


@dataclass
class Pipeline:
    """Everything a step needs; build one per process with :mod:`worker.wiring`."""

    helpdesk: HelpDesk
    accounts: ResettableAccounts
    roster: Callable[[], RosterIndex]
    sessions: sessionmaker[Session]
    dispatch: Dispatch
    messages: Messages
    options: Options = field(default_factory=Options)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    @contextmanager
    def tx(self) -> Iterator[Session]:
        with self.sessions.begin() as session:
            yield session

    def _heartbeat(self, what: str, renew: Callable[[Session, datetime], bool]) -> Heartbeat:
        """Keep a claimed step's lease alive while this process works on it."""

        def beat() -> bool:
            with self.tx() as s:
                return renew(s, self.clock())

        every = self.options.heartbeat.total_seconds() if self.options.heartbeat else None
        return Heartbeat(what, beat, every)

    def _ticket_heartbeat(self, ticket_id: int, claim: int) -> Heartbeat:
        lease = self.options.lease
        return self._heartbeat(
            f"process {ticket_id}",
            lambda s, now: repo.renew_ticket_lease(s, ticket_id, claim, now, lease),
        )

    # -- poll -------------------------------------------------------------------------------
    def poll_once(self) -> PollReport:
        """List waiting tickets; remember new ones and wake changed ones; queue their processing.

        Only one poll runs at a time, even with two beat processes: a lease in the state
        database decides.
        """
        holder, now = uuid.uuid4().hex, self.clock()
        with self.tx() as s:
            if not repo.acquire_lease(s, "poll", holder, now, self.options.poll_lease):
                return PollReport(skipped=True)
            stored = repo.get_value(s, WATERMARK)
        report = PollReport()
        since = datetime.fromisoformat(stored) - POLL_OVERLAP if stored else None
        newest = since
        try:
            for ref in self.helpdesk.list_waiting(updated_since=since):
                report.seen += 1
                with self.tx() as s:
                    row, added = repo.record_seen(s, ref.id, ref.updated_at, self.clock())
                    wanted = added or row.wake
                if wanted:
                    report.queued.append(row.id)
                if ref.updated_at and (newest is None or ref.updated_at > newest):
                    newest = ref.updated_at
        finally:
            with self.tx() as s:
                if newest is not None:
                    repo.set_value(s, WATERMARK, newest.isoformat())
                repo.release_lease(s, "poll", holder)
        for ticket_id in report.queued:
            self.dispatch("process", ticket_id)
        log.info("poll: %d waiting, %d queued", report.seen, len(report.queued))
        return report

    # -- process ------------------------------------------------------------------------------
    def process(self, ticket_id: int) -> None:
        """Parse one ticket, record the decisions, and queue a reset per ready student."""
        now = self.clock()
        with self.tx() as s:
            row = s.get(TicketRow, ticket_id)
            if row is None:
                return  # the row is gone (a test database reset): nothing to do
            observed = TicketState(row.state)
            if not repo.claim_ticket(s, ticket_id, now, self.options.lease):
                if observed == TicketState.PARSING:  # leased by a run that may be dead
                    raise StepBusy("process", ticket_id, _seconds_left(row.lease_until, now))
                return  # already done, or another step has it
            s.refresh(row)
            # A woken ticket goes back to where it rested if the teacher added nothing.
            resting = observed if observed in RESTING else None
            gave_up = row.attempts > self.options.max_attempts
            if gave_up:
                self._give_up(s, row, "could not be processed after several attempts", now)
        if gave_up:
            self.dispatch("flush", ticket_id)
            return
        try:
            with self._ticket_heartbeat(ticket_id, row.attempts):
                self._parse_and_record(ticket_id, row, resting)
        except AuthError:  # our credentials, not this ticket: try it later
            self._hand_back(ticket_id, resting)
            raise
        except PermanentError as exc:
            # This ticket cannot be read (gone, forbidden, malformed): a technician takes it;
            # reading it again would fail the same way.
            if resting == TicketState.FLAGGED:  # already theirs (our note woke it): stay quiet
                with self.tx() as s:
                    repo.move_ticket(
                        s,
                        ticket_id,
                        TicketState.PARSING,
                        TicketState.FLAGGED,
                        self.clock(),
                        wake=False,
                    )
                raise
            with self.tx() as s:
                why = f"could not read the ticket from the help-desk ({type(exc).__name__})"
                self._give_up(s, s.get_one(TicketRow, ticket_id), why, self.clock())
            self.dispatch("flush", ticket_id)
            raise
        except Exception:
            self._hand_back(ticket_id, resting)
            raise
        if resting == TicketState.REPLIED:
            # Our own reply changes the ticket in the help-desk, so a poll can wake it while
            # its flush is still running; the flush's last move (replied -> resolved) fails
            # while this step holds the ticket.  Flush again to finish it (else a no-op).
            self.dispatch("flush", ticket_id)

    def _hand_back(self, ticket_id: int, resting: TicketState | None) -> None:
        """Return a ticket whose step failed so the retry (or the sweep) can claim it at once.

        The attempts counter keeps a poison ticket from looping for ever.
        """
        with self.tx() as s:
            repo.move_ticket(
                s,
                ticket_id,
                TicketState.PARSING,
                resting or TicketState.NEW,
                self.clock(),
                wake=resting is not None,
            )

    def _parse_and_record(
        self, ticket_id: int, row: TicketRow, resting: TicketState | None
    ) -> None:
        ticket = self.helpdesk.fetch(row.helpdesk_id)
        text, newest = _text_to_read(ticket, row)
        if text is None:
            # Woken by our own reply or a technician's note: nothing new from the teacher.
            with self.tx() as s:
                repo.move_ticket(
                    s,
                    ticket_id,
                    TicketState.PARSING,
                    resting or TicketState.NOT_RESET,
                    self.clock(),
                    wake=False,
                    attempts=0,
                    helpdesk_updated_at=ticket.updated_at,
                )
            return
        result = self._parse(ticket, *text)
        self._record(ticket_id, ticket, result, newest, resting)

    def _parse(self, ticket: Ticket, body: str, content_type: str) -> ParseResult:
        """The parser's decisions, held for a technician when the sender is in doubt."""
        result = parse_ticket(
            ticket.id,
            subject=ticket.subject,
            body=body,
            content_type=content_type,
            requester=ticket.requester,
            roster=self.roster(),
        )
        if ticket.channel != "email" or self.options.email_tickets == "trust":
            return result
        if self.options.email_tickets == "review":
            doubt: str | None = (
                "the ticket came by e-mail and e-mail tickets always go to a technician "
                "(TICKETWORKER_EMAIL_TICKETS=review)"
            )
        else:
            doubt = unverified_sender(
                ticket.mail_headers, ticket.requester, self.options.mail_authserv_ids
            )
        return hold_for_review(result, doubt) if doubt else result

    def reparse(self, ticket_id: int) -> bool:
        """Parse a flagged ticket again now, as a new round (a technician asked for it).

        Reads what the requester added since the last parse, or the whole ticket again when
        they added nothing (the roster may have been corrected since).  Students this ticket
        already reset are reported as reset and never reset again.  False when the ticket is
        not flagged (another step has it).
        """
        now = self.clock()
        with self.tx() as s:
            woken = s.execute(
                update(TicketRow)
                .where(TicketRow.id == ticket_id, TicketRow.state == TicketState.FLAGGED)
                .values(wake=True)
            )
            if woken.rowcount != 1 or not repo.claim_ticket(  # type: ignore[attr-defined]
                s, ticket_id, now, self.options.lease
            ):
                return False
            row = s.get_one(TicketRow, ticket_id)
        try:
            with self._ticket_heartbeat(ticket_id, row.attempts):
                ticket = self.helpdesk.fetch(row.helpdesk_id)
                text, newest = _text_to_read(ticket, row)
                body, content_type = text or _whole_text(ticket)
                result = self._parse(ticket, body, content_type)
        except Exception:
            with self.tx() as s:  # back to the technicians, as it was
                repo.move_ticket(s, ticket_id, TicketState.PARSING, TicketState.FLAGGED, now)
            raise
        self._record(
            ticket_id, ticket, result, newest, TicketState.FLAGGED, asked_by_technician=True
        )
        return True

    def _record(
        self,
        ticket_id: int,
        ticket: Ticket,
        result: ParseResult,
        newest: str | None,
        resting: TicketState | None,
        *,
        asked_by_technician: bool = False,
    ) -> None:
        """Store the decisions and queue the resets in one transaction, then dispatch."""
        now = self.clock()
        with self.tx() as s:
            row = s.get_one(TicketRow, ticket_id)
            round_ = row.round if resting is None else row.round + 1
            # attempts counts failed tries in a row; parsing to the end is not one.
            row.round, row.wake, row.attempts = round_, False, 0
            row.requester, row.subject = ticket.requester, ticket.subject
            row.helpdesk_updated_at, row.last_message_id = ticket.updated_at, newest
            row.reset_request, row.needs_review = result.reset_request, result.needs_review
            if not result.reset_request:
                state = resting or TicketState.NOT_RESET
                repo.move_ticket(s, ticket_id, TicketState.PARSING, state, now)
                repo.audit(s, now, ACTOR, "not_a_reset", row.helpdesk_id, round=round_)
                return
            decisions = _store_decisions(s, ticket_id, round_, result)
            for d in decisions:
                if (
                    d.status == "ready"
                    and d.student_id
                    and repo.jobs_reset_for_student(s, ticket_id, d.student_id)
                ):
                    if asked_by_technician:
                        continue  # a re-parse reports the earlier reset; never a second one
                    # Already reset once by this ticket: a second reset needs a person (R18).
                    d.status, d.review_state = "review", "pending"
                    d.reasons = [*d.reasons, "this ticket already reset this student once"]
            if not asked_by_technician:
                self._hold_over_limits(s, row, decisions, now)
            row.dry_run = self.options.dry_run
            if self.options.dry_run:
                self._plan_note(s, row, decisions, result, now)
                jobs: list[int] = []
            else:
                jobs = self._queue_resets(s, row, decisions, now)
                next_state = TicketState.RESETTING if jobs else TicketState.REPORTING
                repo.move_ticket(s, ticket_id, TicketState.PARSING, next_state, now)
            repo.audit(
                s,
                now,
                ACTOR,
                "parsed",
                row.helpdesk_id,
                round=round_,
                ready=len(jobs),
                review=sum(d.status == "review" for d in decisions),
            )
        if self.options.dry_run:
            self.dispatch("flush", ticket_id)
        for job_id in jobs:
            self.dispatch("reset", job_id)
        if not jobs and not self.options.dry_run:
            self.dispatch("report", ticket_id)

    def _hold_over_limits(
        self, s: Session, row: TicketRow, decisions: list[DecisionRow], now: datetime
    ) -> None:
        """Beyond a reset limit every ready student of the ticket waits for a person.

        A flood (a compromised teacher account, a script filing tickets) is stopped before
        it resets anyone; a technician who approves goes past the limit on purpose.
        """
        ready = [d for d in decisions if d.status == "ready" and d.student_id]
        if not ready:
            return
        why = _limit_exceeded(
            self.options.limits,
            len(ready),
            requester_today=repo.resets_queued_since(s, now - timedelta(days=1), row.requester),
            district_hour=repo.resets_queued_since(s, now - timedelta(hours=1)),
        )
        if why is None:
            return
        log.warning(
            "ticket row %d: %s; its %d ready students go to review", row.id, why, len(ready)
        )
        for d in ready:
            d.status, d.review_state, d.reasons = "review", "pending", [*d.reasons, why]

    def _queue_resets(
        self, s: Session, row: TicketRow, decisions: list[DecisionRow], now: datetime
    ) -> list[int]:
        for d in decisions:
            if d.status == "ready" and d.student_id:
                key = f"{ACTOR}:{row.helpdesk_id}:{d.student_id}"
                if repo.add_reset_job(s, row.id, d.id, d.student_id, key, now):
                    repo.audit(s, now, ACTOR, "reset_queued", row.helpdesk_id, d.student_id)
        s.flush()
        query = select(ResetJobRow.id).where(
            ResetJobRow.ticket_id == row.id, ResetJobRow.status == "pending"
        )
        return list(s.scalars(query))

    def _plan_note(
        self,
        s: Session,
        row: TicketRow,
        decisions: list[DecisionRow],
        result: ParseResult,
        now: datetime,
    ) -> None:
        outcome = Outcome(
            reset=[(d, ResetJobRow(outcome=None)) for d in decisions if d.status == "ready"],
            review=[d for d in decisions if d.status == "review"],
            ticket_reasons=result.ticket_reasons,
        )
        marker = f"tw-{row.helpdesk_id}-{row.round}-plan"
        body = self.messages.note(
            outcome, marker, heading="DRY RUN: nothing was reset.", planned=True
        )
        repo.add_outbox(s, row.id, "note", body, marker, now)
        repo.move_ticket(s, row.id, TicketState.PARSING, TicketState.DRY_RUN, now)
        repo.audit(s, now, ACTOR, "dry_run", row.helpdesk_id, round=row.round)

    def _give_up(self, s: Session, row: TicketRow, why: str, now: datetime) -> None:
        marker = f"tw-{row.helpdesk_id}-{row.round}-failed"
        repo.add_outbox(
            s,
            row.id,
            "note",
            f"ticketworker {why}; a technician must handle this ticket by hand.\n[ref {marker}]\n",
            marker,
            now,
        )
        repo.add_outbox(s, row.id, "mark", ReviewMark.NEEDS_REVIEW.value, marker + "-mark", now)
        repo.move_ticket(
            s,
            row.id,
            TicketState.PARSING,
            TicketState.FLAGGED,
            now,
            error=why,
            wake=False,
            needs_review=True,
        )
        repo.audit(s, now, ACTOR, "gave_up", row.helpdesk_id, reason=why)

    # -- reset ------------------------------------------------------------------------------
    def reset(self, job_id: int) -> None:
        """Reset one student's account (exactly once in effect), then report if last."""
        now = self.clock()
        with self.tx() as s:
            if not repo.claim_job(s, job_id, now, self.options.lease):
                job = s.get(ResetJobRow, job_id)
                if job is not None and job.status == "running":  # leased by a run that may be dead
                    raise StepBusy("reset", job_id, _seconds_left(job.lease_until, now))
                return  # done already (a duplicate delivery)
            job = s.get_one(ResetJobRow, job_id)
            ticket = s.get_one(TicketRow, job.ticket_id)
        lease, claim = self.options.lease, job.attempts
        heartbeat = self._heartbeat(
            f"reset {job_id}", lambda s, now: repo.renew_job_lease(s, job_id, claim, now, lease)
        )
        try:
            with heartbeat:
                outcome = self.accounts.reset(
                    job.student_id,
                    idempotency_key=job.idempotency_key,
                    actor=ACTOR,
                    reason=f"ticket {ticket.helpdesk_id}",
                )
        except Exception:
            with self.tx() as s:  # give the job back; the task layer retries it
                s.get_one(ResetJobRow, job_id).status = "pending"
            raise
        now = self.clock()
        with self.tx() as s:
            job = s.get_one(ResetJobRow, job_id)
            job.status, job.outcome, job.message = "done", outcome.kind.value, outcome.message
            job.finished_at, job.lease_until = now, None
            repo.audit(
                s,
                now,
                ACTOR,
                f"reset_{outcome.kind.value}",
                ticket.helpdesk_id,
                job.student_id,
                job=job.idempotency_key,
            )
            done = repo.finish_resets_if_done(s, job.ticket_id, now)
        if done:
            self.dispatch("report", job.ticket_id)

    def _job_failed(self, job_id: int, helpdesk_id: str, why: str) -> None:
        now = self.clock()
        with self.tx() as s:
            job = s.get_one(ResetJobRow, job_id)
            job.status, job.outcome, job.message = "failed", "error", why
            job.finished_at, job.lease_until = now, None
            repo.audit(s, now, ACTOR, "reset_failed", helpdesk_id, job.student_id, error=why)
            done = repo.finish_resets_if_done(s, job.ticket_id, now)
        if done:
            self.dispatch("report", job.ticket_id)

    # -- report -----------------------------------------------------------------------------
    def report(self, ticket_id: int) -> None:
        """Compose the reply and note for what happened; put them in the outbox."""
        now = self.clock()
        with self.tx() as s:
            row = s.get_one(TicketRow, ticket_id)
            if row.state != TicketState.REPORTING:
                return
            decisions = repo.decisions_of(s, ticket_id, row.round)
            jobs = list(s.scalars(select(ResetJobRow).where(ResetJobRow.ticket_id == ticket_id)))
            outcome = _outcome(decisions, jobs)
            outcome.ticket_reasons = _ticket_reasons(row)
            flagged = needs_a_person(outcome)
            base = f"tw-{row.helpdesk_id}-{row.round}"
            repo.add_outbox(
                s,
                ticket_id,
                "reply",
                self.messages.reply(outcome, f"{base}-reply"),
                f"{base}-reply",
                now,
            )
            if flagged:
                heading = "ticketworker needs a technician for part of this ticket."
                repo.add_outbox(
                    s,
                    ticket_id,
                    "note",
                    self.messages.note(outcome, f"{base}-note", heading=heading),
                    f"{base}-note",
                    now,
                )
                repo.add_outbox(
                    s, ticket_id, "mark", ReviewMark.NEEDS_REVIEW.value, f"{base}-mark", now
                )
                for d in [*outcome.review, *(d for d, _ in outcome.failed)]:
                    d.review_state = "pending"  # a technician decides (worker/review)
            else:
                repo.add_outbox(s, ticket_id, "mark", ReviewMark.DONE.value, f"{base}-mark", now)
                repo.add_outbox(s, ticket_id, "resolve", "", f"{base}-resolve", now)
            new_state = TicketState.FLAGGED if flagged else TicketState.REPLIED
            repo.move_ticket(
                s, ticket_id, TicketState.REPORTING, new_state, now, needs_review=flagged
            )
            repo.audit(
                s,
                now,
                ACTOR,
                "flagged" if flagged else "replied",
                row.helpdesk_id,
                reset=len(outcome.reset),
                review=len(outcome.review) + len(outcome.failed),
            )
        self.dispatch("flush", ticket_id)

    # -- flush ------------------------------------------------------------------------------
    def flush(self, ticket_id: int) -> None:
        """Send a ticket's pending outbox items in order; a marker check prevents doubles."""
        holder, lease = uuid.uuid4().hex, f"flush:{ticket_id}"
        with self.tx() as s:
            # Two flushes of one ticket at once could both find a reply unposted.
            now = self.clock()
            if not repo.acquire_lease(s, lease, holder, now, self.options.lease):
                held = s.get_one(LeaseRow, lease)  # acquire_lease made sure the row exists
                raise StepBusy("flush", ticket_id, _seconds_left(held.expires_at, now))
            row = s.get_one(TicketRow, ticket_id)
            items = repo.pending_outbox(s, ticket_id)
        heartbeat = self._heartbeat(
            f"flush {ticket_id}",
            lambda s, now: repo.renew_lease(s, lease, holder, now, self.options.lease),
        )
        try:
            with heartbeat:
                self._send(row, items)
        finally:
            with self.tx() as s:
                repo.release_lease(s, lease, holder)
        with self.tx() as s:
            now = self.clock()
            if repo.move_ticket(
                s,
                ticket_id,
                TicketState.REPLIED,
                TicketState.RESOLVED,
                now,
                replied_at=now,
                resolved_at=now,
            ):
                repo.audit(s, now, ACTOR, "resolved", row.helpdesk_id)

    def _send(self, row: TicketRow, items: list[OutboxRow]) -> None:
        """Post each item unless its marker shows it was posted already.

        An item the help-desk refuses for good is set aside and the rest still go out, except
        a status change to resolved: a ticket whose answer did not go out stays open, and is
        marked for review instead of done.  The first refusal is raised at the end.
        """
        posted: str | None = None
        refused: PermanentError | None = None
        for item in items:
            try:
                if item.kind == "resolve" and refused is not None:
                    raise refused
                if item.kind in ("reply", "note"):
                    if posted is None:
                        posted = "\n".join(
                            m.body for m in self.helpdesk.fetch(row.helpdesk_id).messages
                        )
                    if item.marker not in posted:
                        send = (
                            self.helpdesk.reply if item.kind == "reply" else self.helpdesk.add_note
                        )
                        send(row.helpdesk_id, item.body)
                        if item.kind == "reply":
                            since = (self.clock() - row.created_at).total_seconds()
                            metrics.REPLY_SECONDS.observe(max(0.0, since))
                elif item.kind == "mark":
                    mark = ReviewMark(item.body)
                    if refused is not None and mark is ReviewMark.DONE:
                        mark = ReviewMark.NEEDS_REVIEW  # the answer did not go out: not done
                    self.helpdesk.set_mark(row.helpdesk_id, mark)
                elif item.kind == "resolve":
                    self.helpdesk.resolve(row.helpdesk_id)
            except AuthError:
                raise  # our credentials: everything stays pending until they are fixed
            except PermanentError as exc:
                refused = refused or exc
                self._refused(row, item, exc)
                continue
            self._sent(item.id, row.helpdesk_id)
        if refused is not None:
            raise refused

    def _refused(self, row: TicketRow, item: OutboxRow, exc: PermanentError) -> None:
        """The help-desk refuses this item for good: stop trying it, and keep the reason.

        Sending again would fail the same way, and the sweep would try for ever.  The text
        is kept; ``ticketworker status`` counts refused posts and the audit log names them.
        """
        now, why = self.clock(), f"the help-desk refused a {item.kind} ({type(exc).__name__})"
        with self.tx() as s:
            refused = s.get_one(OutboxRow, item.id)
            refused.status, refused.last_error = "failed", why
            refused.attempts += 1
            repo.audit(s, now, ACTOR, "post_failed", row.helpdesk_id, marker=item.marker)
            ticket = s.get_one(TicketRow, row.id)
            if why not in (ticket.error or ""):
                ticket.error = f"{ticket.error}; {why}" if ticket.error else why
            ticket.updated_at = now

    def _sent(self, item_id: int, helpdesk_id: str) -> None:
        now = self.clock()
        with self.tx() as s:
            item = s.get_one(OutboxRow, item_id)
            item.status, item.sent_at, item.attempts = "sent", now, item.attempts + 1
            repo.audit(s, now, ACTOR, f"posted_{item.kind}", helpdesk_id, marker=item.marker)

    # -- sweep ----------------------------------------------------------------------------------
    def sweep(self, limit: int = 200) -> int:
        """Re-dispatch work whose message was lost (a broker restart, a killed worker)."""
        now = self.clock()
        stale = now - self.options.sweep_min_age
        found: list[tuple[str, int]] = []
        with self.tx() as s:
            # A ticket left resetting with every job finished (a crash between a job's end
            # and the ticket's move): move it on here, or its teacher is never told.
            for ticket_id in repo.resetting_with_no_open_job(s, limit):
                if repo.finish_resets_if_done(s, ticket_id, now):
                    log.warning(
                        "sweep: ticket row %d had finished its resets but was still "
                        "resetting; reporting it now",
                        ticket_id,
                    )
                    found.append(("report", ticket_id))
            for t in s.scalars(
                select(TicketRow)
                .where(TicketRow.updated_at < stale, TicketRow.state.in_(_SWEPT))
                .limit(limit)
            ):
                if t.state == TicketState.PARSING and t.lease_until and t.lease_until > now:
                    continue
                found.append((_SWEPT[TicketState(t.state)], t.id))
            for j in s.scalars(
                select(ResetJobRow)
                .where(
                    ResetJobRow.status.in_(("pending", "running")), ResetJobRow.created_at < stale
                )
                .limit(limit)
            ):
                if j.status == "pending" or (j.lease_until and j.lease_until < now):
                    found.append(("reset", j.id))
            for o in s.scalars(
                select(OutboxRow.ticket_id)
                .where(OutboxRow.status == "pending", OutboxRow.created_at < stale)
                .distinct()
            ):
                found.append(("flush", o))
        for step, ident in found:
            self.dispatch(step, ident)
        return len(found)


_SWEPT = {
    TicketState.NEW: "process",
    TicketState.PARSING: "process",
    TicketState.REPORTING: "report",
}


def _text_to_read(ticket: Ticket, row: TicketRow) -> tuple[tuple[str, str] | None, str | None]:
    """What to parse: the first message the first time, then only the requester's new messages."""
    followups = ticket.requester_followups()
    newest = followups[-1].id if followups else None
    if row.reset_request is None:
        return (ticket.body, ticket.content_type), newest
    seen = row.last_message_id
    ids = [m.id for m in followups]
    new = followups[ids.index(seen) + 1 :] if seen in ids else followups
    if not new:
        return None, newest
    html = any(m.content_type == "text/html" for m in new)
    if html:
        return ("".join(f"<div>{m.body}</div>" for m in new), "text/html"), newest
    return ("\n\n".join(m.body for m in new), "text/plain"), newest


def _whole_text(ticket: Ticket) -> tuple[str, str]:
    """The first message and every follow-up of the requester, as one text to parse."""
    parts = [(ticket.body, ticket.content_type)]
    parts += [(m.body, m.content_type) for m in ticket.requester_followups()]
    if any(kind == "text/html" for _, kind in parts):
        as_html = [body if kind == "text/html" else html.escape(body) for body, kind in parts]
        return "".join(f"<div>{body}</div>" for body in as_html), "text/html"
    return "\n\n".join(body for body, _ in parts), "text/plain"


def _store_decisions(
    s: Session, ticket_id: int, round_: int, result: ParseResult
) -> list[DecisionRow]:
    rows = []
    for position, d in enumerate(result.students):
        row = DecisionRow(
            ticket_id=ticket_id,
            round=round_,
            position=position,
            student_id=d.student_id,
            first_name=d.first_name,
            last_name=d.last_name,
            status=d.status,
            reasons=list(d.reasons),
            reason_codes=[c.value for c in d.reason_codes],
            corrections=list(d.corrections),
            suggestions=[g.model_dump() for g in d.suggestions],
            source_line=d.source_line,
            written_id=d.written_id,
            school_id=d.school_id,
            roster_first_name=d.roster_first_name,
            roster_last_name=d.roster_last_name,
            review_state="auto" if d.status == "ready" else "pending",
        )
        s.add(row)
        rows.append(row)
    s.flush()
    if result.ticket_reasons:
        s.get_one(TicketRow, ticket_id).error = "; ".join(result.ticket_reasons)
    return rows


def _outcome(decisions: list[DecisionRow], jobs: list[ResetJobRow]) -> Outcome:
    by_decision = {j.decision_id: j for j in jobs}
    # A re-parse's decision for a student an earlier round reset has no job of its own.
    by_student = {j.student_id: j for j in jobs}
    outcome = Outcome()
    for d in decisions:
        job = by_decision.get(d.id) or by_student.get(d.student_id or "")
        if d.status == "review" or job is None:
            if d.status == "review":
                outcome.review.append(d)
        elif job.outcome in CLAIMABLE:
            outcome.reset.append((d, job))
        else:
            outcome.failed.append((d, job))
    return outcome


def _limit_exceeded(
    limits: Limits, ready: int, *, requester_today: int, district_hour: int
) -> str | None:
    """The reason this ticket's resets would go past a limit, or None."""
    if ready > limits.students_per_ticket:
        return (
            f"the ticket asks for {ready} resets, more than the limit of "
            f"{limits.students_per_ticket} per ticket ({Limit.STUDENTS_PER_TICKET.setting})"
        )
    if requester_today + ready > limits.resets_per_requester_per_day:
        return (
            f"the requester would pass the limit of {limits.resets_per_requester_per_day} "
            f"resets in 24 hours ({requester_today} already, {ready} more asked; "
            f"{Limit.RESETS_PER_REQUESTER_PER_DAY.setting})"
        )
    if district_hour + ready > limits.resets_per_hour:
        return (
            f"the district would pass the limit of {limits.resets_per_hour} resets in an hour "
            f"({district_hour} already, {ready} more asked; {Limit.RESETS_PER_HOUR.setting})"
        )
    return None


def needs_a_person(outcome: Outcome) -> bool:
    """Is the ticket flagged for a technician?  Exactly when `parse` says ``needs_review``
    (rule 7: a student in review, or nobody read), or a reset failed.

    A ticket-level reason alone (students it refers to but does not list, beside students
    it does list) does not flag it: rule 7 does not, so neither does the worker; the reply
    asks the teacher to list those students instead.
    """
    return bool(outcome.review or outcome.failed) or not outcome.reset


def _ticket_reasons(row: TicketRow) -> list[str]:
    return [r for r in (row.error or "").split("; ") if r]


__all__ = [
    "RESTING",
    "Dispatch",
    "Limit",
    "Limits",
    "Options",
    "Pipeline",
    "PollReport",
    "StepBusy",
    "needs_a_person",
]
