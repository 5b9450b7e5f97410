"""The whole story over each cloud store: a ticket, the worker's reset, the reply, a new claim.

The pipeline runs with the demo help-desk and a SQLite state database (as in
tests/pipeline); the account store is the real Google Workspace or Entra store over the
project's local vendor API, so the reset the worker makes is the one the vendor receives.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from connectors.accounts.base import AccountNames, ResetKind
from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk
from connectors.roster.base import UserRecord
from connectors.roster.oneroster_csv import OneRosterCsvSource
from worker.db.migrate import upgrade
from worker.db.session import make_engine, make_sessions
from worker.db.tables import ResetJobRow
from worker.dispatch import InlineDispatch
from worker.messages import Messages, Portal
from worker.pipeline import Options, Pipeline
from worker.roster import index_roster

from .harness_cloud import ANSWERS, entra_harness, google_harness

SAMPLES = Path(__file__).resolve().parents[2] / "worker" / "samples" / "roster"
OLD_PASSWORD = "Blue-Harbor-42"
NEW_PASSWORD = "Green-Field-77"


@pytest.fixture(params=["google_workspace", "entra"])
def harness(request: pytest.FixtureRequest) -> Iterator[Any]:
    factory = google_harness if request.param == "google_workspace" else entra_harness
    yield from factory(request)


def teacher_with_students(
    users: list[UserRecord], count: int
) -> tuple[UserRecord, list[UserRecord]]:
    for teacher in users:
        if teacher.role == "teacher" and teacher.active:
            kids = [
                u
                for u in users
                if u.is_student and u.active and set(u.org_ids) & set(teacher.org_ids)
            ]
            if len(kids) >= count:
                return teacher, kids[:count]
    raise AssertionError("sample roster has no such teacher")


def test_a_ticket_resets_the_students_in_the_cloud_and_they_claim_again(
    harness: Any, tmp_path: Path
) -> None:
    roster = OneRosterCsvSource(SAMPLES).load()
    users = list(roster.users)
    teacher, kids = teacher_with_students(users, 2)
    store = harness.store()
    names = [AccountNames(k.identifier, k.given_name, k.family_name) for k in kids]
    assert store.create_unclaimed(names) == 2
    for kid in names:
        harness.portal_claim(kid, OLD_PASSWORD)
        assert harness.signs_in(kid.student_id, OLD_PASSWORD)

    engine = make_engine(f"sqlite:///{tmp_path}/state.db")
    upgrade(engine)
    desk = DemoHelpDesk(DemoHelpdeskConfig(path=tmp_path / "desk"), samples=None)
    dispatch = InlineDispatch()
    index = index_roster(roster).index
    pipeline = Pipeline(
        helpdesk=desk,
        accounts=store,
        roster=lambda: index,
        sessions=make_sessions(engine),
        dispatch=dispatch,
        messages=Messages(
            Portal("the Northwind Portal", "https://my.northwind.example", "PowerSchool")
        ),
        options=Options(),
        clock=lambda: datetime(2026, 9, 1, 8, 0, tzinfo=UTC),
    )
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier}" for k in kids)
    ticket = desk.add_ticket(
        "Resets",
        f"Please reset these, they forgot their challenge questions:\n{lines}\n\nThanks,\n"
        f"{teacher.given_name}",
        requester=teacher.email,
    )

    pipeline.poll_once()
    dispatch.drain(pipeline)

    for kid in names:
        state = harness.read_directly(kid.student_id)
        assert not state.claimed and not state.has_challenge_answers
        assert not harness.signs_in(kid.student_id, OLD_PASSWORD)
    [reply] = [p.body for p in desk.posted() if p.ticket_id == ticket and p.kind == "reply"]
    assert "claim the account again, from the beginning" in reply
    assert desk.fetch(ticket).status == "resolved"

    # A redelivered job (the same idempotency key) after one student claimed again.
    first = names[0]
    harness.portal_claim(first, NEW_PASSWORD)
    with make_sessions(engine)() as session:
        keys = [job.idempotency_key for job in session.scalars(select(ResetJobRow))]
        job_key = next(
            j.idempotency_key
            for j in session.scalars(select(ResetJobRow))
            if j.student_id == first.student_id
        )
    assert len(keys) == 2
    again = store.reset(first.student_id, idempotency_key=job_key, actor="ticketworker", reason="x")
    assert again.kind is ResetKind.ALREADY_APPLIED
    assert harness.signs_in(first.student_id, NEW_PASSWORD)
    assert store.answers_match(first.student_id, ANSWERS)
    engine.dispose()
