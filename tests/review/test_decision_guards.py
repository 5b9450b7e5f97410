"""Guards between a technician's decision and what the worker does next.

``must_be_open``: a student a technician rejected or approved is not open for the other
decision.  The report step's ``reporting`` guard: a report delivered again after a
technician decided never puts that decision back to pending, nor replies again.
"""

from __future__ import annotations

import pytest

from worker.db.tables import TicketState
from worker.review import ReviewError

from .conftest import Review
from .test_service import flagged_typo, reset_jobs


def test_a_rejected_student_cannot_then_be_approved(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    review.service.reject(tid, typo.id, "kokafor", "Please check the ID.")

    with pytest.raises(ReviewError, match="student 1 is already rejected by kokafor"):
        review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)

    assert reset_jobs(review) == 0
    assert review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    assert [d.review_state for d in review.decisions(tid)] == ["rejected", "pending"]


def test_an_approved_student_cannot_then_be_rejected(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)
    replies_before = review.posted(tid, "reply")

    with pytest.raises(ReviewError, match="student 1 is already approved by dreyes"):
        review.service.reject(tid, typo.id, "kokafor", "Wrong student.")

    assert [d.review_state for d in review.decisions(tid)] == ["approved", "pending"]
    assert review.posted(tid, "reply") == replies_before


def test_a_report_delivered_again_never_sets_decisions_back_to_pending(review: Review) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, nobody = review.decisions(tid)
    review.service.approve(tid, typo.id, "dreyes", student_id=kid.identifier)
    review.service.reject(tid, nobody.id, "kokafor", "Is he new this week?")
    state_before = review.ticket(tid).state
    posted_before = {kind: review.posted(tid, kind) for kind in ("reply", "note")}

    # The report step, redelivered (a broker's at-least-once delivery) long after it ran.
    review.world.pipeline.report(review.ticket(tid).id)
    review.world.dispatch.drain(review.world.pipeline)

    assert [d.review_state for d in review.decisions(tid)] == ["approved", "rejected"]
    assert review.ticket(tid).state == state_before != TicketState.REPORTING
    assert {kind: review.posted(tid, kind) for kind in ("reply", "note")} == posted_before
    assert reset_jobs(review) == 1
