"""The state database's numbers for the metrics endpoint: one cheap aggregate query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from .tables import DecisionRow, ResetJobRow, TicketRow

#: The decision's review state while it waits for a technician (worker.review.views.OPEN).
REVIEW_OPEN = "pending"


@dataclass(frozen=True)
class ReviewsWaiting:
    count: int
    oldest_since: datetime | None  # when the oldest waiting ticket last changed


def tickets_by_state(session: Session) -> dict[str, int]:
    rows = session.execute(select(TicketRow.state, func.count()).group_by(TicketRow.state))
    return {state: count for state, count in rows}


def reset_jobs_by_outcome(session: Session) -> dict[tuple[str, str], int]:
    """(status, outcome) → jobs; outcome is "" while a job has none yet."""
    rows = session.execute(
        select(ResetJobRow.status, ResetJobRow.outcome, func.count()).group_by(
            ResetJobRow.status, ResetJobRow.outcome
        )
    )
    return {(status, outcome or ""): count for status, outcome, count in rows}


def reviews_waiting(session: Session) -> ReviewsWaiting:
    row = session.execute(
        select(func.count(DecisionRow.id), func.min(TicketRow.updated_at))
        .join(TicketRow, TicketRow.id == DecisionRow.ticket_id)
        .where(DecisionRow.review_state == REVIEW_OPEN, DecisionRow.round == TicketRow.round)
    ).one()
    return ReviewsWaiting(int(row[0] or 0), row[1])


def ping(session: Session) -> None:
    """Raises when the state database cannot answer."""
    session.execute(text("SELECT 1"))
