"""The review service: what a technician's approve, reject, re-parse and release do."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from connectors.accounts.base import ResetOutcome, ResettableAccounts
from connectors.errors import TransientError
from connectors.helpdesk.base import ReviewMark
from connectors.roster.base import UserRecord
from worker.db.tables import DecisionRow, ResetJobRow, TicketRow, TicketState
from worker.review import OverrideNeeded, ReviewError

from .conftest import Review


def swapped(student_id: str) -> str:
    """The ID with two adjacent (different) digits swapped: a typo the parser suggests for."""
    for i in range(1, len(student_id) - 1):
        if student_id[i] != student_id[i + 1]:
            return student_id[:i] + student_id[i + 1] + student_id[i] + student_id[i + 2 :]
    raise AssertionError("no swappable digits")


def line(u: UserRecord, sid: str | None = None) -> str:
    return f"{u.given_name} {u.family_name} {sid or u.identifier}"


def flagged_typo(review: Review) -> tuple[str, UserRecord, UserRecord, UserRecord]:
    """A ticket with one typo'd ID (one suggestion) and one unknown student; both flagged."""
    teacher, (kid, other) = review.world.teacher_with_students(2)
    review.world.claim(kid)
    review.world.claim(other)
    tid = review.file(
        f"Please reset:\n{line(kid, swapped(kid.identifier))}\nJon Nobody 0999999\n", teacher.email
    )
    return tid, teacher, kid, other


def reset_jobs(review: Review) -> int:
    with review.world.pipeline.sessions() as s:
        return s.scalar(select(func.count()).select_from(ResetJobRow)) or 0


def test_approving_a_suggestion_resets_once_replies_once_and_audits_the_technician(
    review: Review,
) -> None:
    tid, _, kid, other = flagged_typo(review)
    typo, nobody = review.decisions(tid)
    (view,) = review.service.queue()
    assert [c.student_id for c in view.students[0].candidates] == [kid.identifier]

    result = review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)

    assert result.changed and not result.ticket_done
    assert not review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    assert review.world.accounts.lookup(other.identifier).claimed  # type: ignore[union-attr]
    replies = [r for r in review.posted(tid, "reply") if f"d{typo.id}-approve" in r]
    assert len(replies) == 1
    reply = replies[0]
    assert f"{kid.given_name} {kid.family_name} (ID {kid.identifier})" in reply
    assert "claim the account again, from the beginning" in reply and "Back button" in reply
    assert f"a technician checked PowerSchool; the student's ID is {kid.identifier}" in reply
    assert "Nobody" not in reply and other.family_name not in reply  # nobody else's data
    (note,) = [n for n in review.posted(tid, "note") if f"d{typo.id}-approve-note" in n]
    assert "Dana Reyes (dreyes) approved student 1" in note and "Still to decide: 1" in note
    (approved,) = review.audit(action="review_approved")
    assert (approved.actor, approved.helpdesk_id, approved.student_id) == (
        "dreyes",
        tid,
        kid.identifier,
    )
    (reset,) = review.audit(action="reset_reset", student_id=kid.identifier)
    assert reset.actor == "dreyes"
    decided = review.decisions(tid)[0]
    assert (decided.review_state, decided.decided_by) == ("approved", "dreyes")
    assert decided.student_id == kid.identifier
    # One student is still open: the ticket stays flagged and marked.
    assert review.ticket(tid).state == TicketState.FLAGGED
    assert review.world.desk.get_mark(tid) is ReviewMark.NEEDS_REVIEW
    assert [s.number for s in review.service.show(tid).pending] == [nobody.position + 1]


def test_approving_twice_is_harmless(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)
    review.world.claim(kid, password="Green-Valley-77")  # the student claims again at once

    again = review.service.approve(tid, typo.id, "kokafor", student_id=kid.identifier)

    assert not again.changed
    assert review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    assert review.count_audit("reset_reset") == 1
    assert review.count_audit("review_approved") == 1
    assert len([r for r in review.posted(tid, "reply") if "-approve" in r]) == 1
    assert reset_jobs(review) == 1


def test_a_name_that_does_not_match_needs_an_override_reason(review: Review) -> None:
    teacher, (kid, stranger) = review.world.teacher_with_students(2)
    review.world.claim(stranger)
    tid = review.file(f"Please reset {line(kid, '0999999')}", teacher.email)
    (d,) = review.decisions(tid)

    with pytest.raises(OverrideNeeded) as refused:
        review.service.approve(tid, d.id, "dreyes", student_id=stranger.identifier)
    assert any("does not match the roster name" in r for r in refused.value.reasons)
    assert reset_jobs(review) == 0 and review.count_audit("review_approved") == 0
    assert review.world.accounts.lookup(stranger.identifier).claimed  # type: ignore[union-attr]

    review.service.approve(
        tid,
        d.id,
        "dreyes",
        student_id=stranger.identifier,
        override_reason="teacher confirmed by phone: uses her middle name",
    )

    assert not review.world.accounts.lookup(stranger.identifier).claimed  # type: ignore[union-attr]
    (override,) = review.audit(action="review_override")
    assert override.actor == "dreyes" and override.student_id == stranger.identifier
    assert override.detail["reason"] == "teacher confirmed by phone: uses her middle name"
    (note,) = [n for n in review.posted(tid, "note") if "-approve-note" in n]
    assert "OVERRIDE by Dana Reyes (dreyes): teacher confirmed by phone" in note
    assert "check set aside: the name" in note


def test_an_inactive_student_needs_an_override(review: Review) -> None:
    gone, teacher = review.inactive_student_and_teacher()
    tid = review.file(f"Please reset {line(gone)}", teacher.email)
    (d,) = review.decisions(tid)
    assert d.review_state == "pending"

    with pytest.raises(OverrideNeeded) as refused:
        review.service.approve(tid, d.id, "dreyes")
    assert any("status" in r or "disabled" in r for r in refused.value.reasons)
    assert reset_jobs(review) == 0


def test_an_unknown_id_is_refused_even_with_an_override(review: Review) -> None:
    tid, _, _, _ = flagged_typo(review)
    _, nobody = review.decisions(tid)
    for typed in ("0999998", "12ab"):
        with pytest.raises(ReviewError) as refused:
            review.service.approve(tid, nobody.id, "dreyes", typed, override_reason="trust me")
        assert not isinstance(refused.value, OverrideNeeded)
    assert reset_jobs(review) == 0 and review.count_audit("review_override") == 0


def test_a_requester_from_another_school_needs_an_override(review: Review) -> None:
    teacher, _ = review.world.teacher_with_students(1)
    outsider = review.student_at_other_school(teacher)
    review.world.claim(outsider)
    tid = review.file(f"Please reset {line(outsider)}", teacher.email)
    (d,) = review.decisions(tid)
    (view,) = review.service.queue()
    assert view.students[0].candidates[0].student_id == outsider.identifier

    with pytest.raises(OverrideNeeded) as refused:
        review.service.approve(tid, d.id, "dreyes")
    assert any("not staff at the student's school" in r for r in refused.value.reasons)
    result = review.service.approve(tid, d.id, "dreyes", override_reason="covering that class")
    assert result.ticket_done
    assert not review.world.accounts.lookup(outsider.identifier).claimed  # type: ignore[union-attr]


def test_reject_posts_the_templated_reply_with_the_message(review: Review) -> None:
    tid, _, _, _ = flagged_typo(review)
    _, nobody = review.decisions(tid)

    review.service.reject(tid, nobody.id, "kokafor", "Is he new this week?")

    (reply,) = [r for r in review.posted(tid, "reply") if f"d{nobody.id}-reject" in r]
    assert "We could not find 0999999 in PowerSchool; please check the number." in reply
    assert "Is he new this week?" in reply
    assert "Firstname Lastname StudentID# (with the zero)" in reply
    (note,) = [n for n in review.posted(tid, "note") if f"d{nobody.id}-reject-note" in n]
    assert "Kemi Okafor (kokafor) rejected student 2" in note
    (audit,) = review.audit(action="review_rejected")
    assert audit.actor == "kokafor" and audit.detail["message"] == "Is he new this week?"
    assert review.decisions(tid)[1].review_state == "rejected"
    assert reset_jobs(review) == 0
    # Rejecting again is harmless.
    assert not review.service.reject(tid, nobody.id, "kokafor", "again").changed
    assert len([r for r in review.posted(tid, "reply") if "-reject" in r]) == 1


def test_every_student_decided_resolves_the_ticket_and_clears_the_mark(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, nobody = review.decisions(tid)
    review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)
    assert review.world.desk.get_mark(tid) is ReviewMark.NEEDS_REVIEW

    result = review.service.reject(
        tid, nobody.id, "dreyes", "No such student at our school.", ask_for_more=False
    )

    assert result.ticket_done
    assert review.world.desk.get_mark(tid) is ReviewMark.DONE
    assert review.world.desk.fetch(tid).status == "resolved"
    row = review.ticket(tid)
    assert row.state == TicketState.RESOLVED and not row.needs_review
    assert review.service.queue() == []
    (reply,) = [r for r in review.posted(tid, "reply") if "-reject" in r]
    assert "Firstname Lastname StudentID#" not in reply  # asks for nothing more
    (done,) = review.audit(action="review_completed")
    assert done.detail["resolved"] is True and done.actor == "dreyes"


def test_a_rejection_asking_for_more_keeps_the_ticket_open(review: Review) -> None:
    tid, teacher, kid, _ = flagged_typo(review)
    typo, nobody = review.decisions(tid)
    review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)

    review.service.reject(tid, nobody.id, "dreyes", "Please check his ID card.")

    assert review.world.desk.get_mark(tid) is ReviewMark.NONE
    assert review.world.desk.fetch(tid).status != "resolved"
    row = review.ticket(tid)
    assert row.state == TicketState.FLAGGED and not row.needs_review
    assert review.service.queue() == []
    assert review.service.dashboard().awaiting_requester == 1

    # The teacher answers: the worker takes the ticket up again by itself.
    other = next(
        u
        for u in review.world.users
        if u.is_student
        and u.active
        and set(u.org_ids) & set(teacher.org_ids)
        and u.identifier != kid.identifier
    )
    review.world.desk.add_followup(tid, f"Sorry, it is {line(other)}")
    review.world.tick(5)
    review.world.run()
    assert not review.world.accounts.lookup(other.identifier).claimed  # type: ignore[union-attr]
    assert review.ticket(tid).state == TicketState.RESOLVED


def test_reparse_reads_the_teachers_correction_as_a_new_round(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    old = review.decisions(tid)
    review.world.desk.add_followup(tid, f"Sorry! The right one is {line(kid)}")  # not polled

    result = review.service.reparse(tid, "dreyes")

    assert "round 1" in result.message
    assert not review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    new = review.decisions(tid)
    assert [d.student_id for d in new] == [kid.identifier] and new[0].round == 1
    with review.world.pipeline.sessions() as s:
        states = {s.get_one(DecisionRow, d.id).review_state for d in old}
    assert states == {"superseded"}
    assert review.ticket(tid).state == TicketState.RESOLVED
    assert review.world.desk.get_mark(tid) is ReviewMark.DONE
    (audit,) = review.audit(action="review_reparsed")
    assert audit.actor == "dreyes" and audit.detail["round"] == 1


def test_reparse_never_resets_a_student_twice(review: Review) -> None:
    teacher, (done, kid) = review.world.teacher_with_students(2)
    review.world.claim(done)
    review.world.claim(kid)
    tid = review.file(f"{line(done)}\n{line(kid, swapped(kid.identifier))}\n", teacher.email)
    assert review.count_audit("reset_reset") == 1
    review.world.claim(done, password="Green-Valley-77")  # claimed again since

    review.service.reparse(tid, "dreyes")  # the roster is unchanged: the typo is still one

    assert review.world.accounts.lookup(done.identifier).claimed  # type: ignore[union-attr]
    assert review.count_audit("reset_reset") == 1
    assert [d.review_state for d in review.decisions(tid)] == ["auto", "pending"]
    assert review.ticket(tid).state == TicketState.FLAGGED


def test_release_hands_the_ticket_back_undecided(review: Review) -> None:
    tid, _, _, _ = flagged_typo(review)

    review.service.release(tid, "kokafor")

    assert review.service.queue() == []
    assert {d.review_state for d in review.decisions(tid)} == {"released"}
    assert review.world.desk.get_mark(tid) is ReviewMark.NONE
    assert any("kokafor) released" in n for n in review.posted(tid, "note"))
    assert review.audit(action="review_released")[0].actor == "kokafor"
    assert reset_jobs(review) == 0


def test_the_queue_shows_oldest_first_with_roster_evidence(review: Review) -> None:
    first, _, kid, _ = flagged_typo(review)
    review.world.tick(30)
    teacher, _ = review.world.teacher_with_students(1)
    second = review.file("Please reset Jon Nobody 0999999", teacher.email)

    queue = review.service.queue()

    assert [t.helpdesk_id for t in queue] == [first, second]
    assert queue[0].age.total_seconds() == 30 * 60 and queue[0].school
    (candidate,) = queue[0].students[0].candidates
    assert (candidate.name, candidate.status) == (f"{kid.given_name} {kid.family_name}", "active")
    assert candidate.grade == kid.grades and candidate.why == "two digits swapped"
    assert queue[0].students[0].line == line(kid, swapped(kid.identifier))


def test_a_disabled_or_unknown_technician_cannot_act(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    review.technicians.disable("dreyes", actor="test")
    for who in ("dreyes", "nobody"):
        with pytest.raises(ReviewError):
            review.service.approve(tid, typo.id, who, student_id=kid.identifier)
    assert reset_jobs(review) == 0


def test_a_ticket_the_worker_is_processing_is_not_decided(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    with review.world.pipeline.tx() as s:  # the poller has just claimed it (a follow-up)
        s.execute(
            update(TicketRow)
            .where(TicketRow.helpdesk_id == tid)
            .values(state=TicketState.PARSING, lease_until=review.world.clock[0])
        )
    with pytest.raises(ReviewError, match="not waiting for a technician"):
        review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)
    assert reset_jobs(review) == 0


class FailingOnce:
    """The portal store, unreachable for the first reset (after applying it, the worst case)."""

    def __init__(self, inner: ResettableAccounts) -> None:
        self.inner, self.failed = inner, False

    def lookup(self, student_id: str):  # type: ignore[no-untyped-def]
        return self.inner.lookup(student_id)

    def reset(self, student_id: str, **kwargs: str) -> ResetOutcome:
        outcome = self.inner.reset(student_id, **kwargs)  # type: ignore[arg-type]
        if not self.failed:
            self.failed = True
            raise TransientError("connection reset")
        return outcome


def test_an_unreachable_store_leaves_the_student_undecided_and_a_retry_counts_once(
    review: Review,
) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    review.world.pipeline.accounts = FailingOnce(review.world.pipeline.accounts)  # type: ignore[assignment]

    with pytest.raises(TransientError):
        review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)
    assert review.decisions(tid)[0].review_state == "pending" and reset_jobs(review) == 0

    review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)

    (job,) = review.world.pipeline.sessions().scalars(select(ResetJobRow)).all()
    assert job.outcome == "already_applied"  # the first try had reset it: counted once
    assert not review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    assert len([r for r in review.posted(tid, "reply") if "-approve" in r]) == 1


def test_a_failed_automatic_reset_waits_for_a_technician(review: Review) -> None:
    teacher, (kid,) = review.world.teacher_with_students(1)
    review.world.accounts.disable([kid.identifier])  # the portal refuses: DISABLED_ACCOUNT
    tid = review.file(f"Please reset {line(kid)}", teacher.email)
    (d,) = review.decisions(tid)
    assert (d.status, d.review_state) == ("ready", "pending")
    (view,) = review.service.queue()
    assert view.students[0].reset_outcome == "disabled_account"

    with pytest.raises(ReviewError, match="disabled"):
        review.service.approve(tid, d.id, "dreyes")
    result = review.service.reject(
        tid, d.id, "dreyes", "This student has left the district.", ask_for_more=False
    )
    assert result.ticket_done and review.ticket(tid).state == TicketState.RESOLVED


def test_the_worker_keeps_a_reviewed_ticket_however_often_it_is_woken(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)
    for n in range(5):  # each technician note wakes the ticket in the next poll
        review.world.desk.add_note(tid, f"looked at it ({n})")
        review.world.tick(5)
        review.world.run()
    row = review.ticket(tid)
    assert row.state == TicketState.FLAGGED and row.error is None
    assert not any("could not be processed" in n for n in review.posted(tid, "note"))
    assert [s.number for s in review.service.show(tid).pending] == [2]


def test_a_student_held_because_nobody_vouched_for_the_mail_needs_the_technicians_word(
    review: Review,
) -> None:
    from tests.pipeline.test_email_tickets import ByMail

    teacher, (kid,) = review.world.teacher_with_students(1)
    review.world.claim(kid)
    tid = review.world.desk.add_ticket(
        "reset", f"Please reset {line(kid)}", requester=teacher.email
    )
    review.world.pipeline.helpdesk = ByMail(review.world.desk, {})  # type: ignore[assignment]
    review.world.run()
    (d,) = review.decisions(tid)
    assert d.review_state == "pending" and "sender_unverified" in d.reason_codes

    with pytest.raises(OverrideNeeded) as refused:
        review.service.approve(tid, d.id, "dreyes")
    assert any("confirm with the requester" in r for r in refused.value.reasons)
    assert reset_jobs(review) == 0
    review.service.approve(tid, d.id, "dreyes", override_reason="called her: she sent it")
    assert not review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    (override,) = review.audit(action="review_override")
    assert override.detail["reason"] == "called her: she sent it"
