"""The review service over the pipeline World: demo help-desk, SQLite state, SQLite portal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import argon2
import pytest
from sqlalchemy import func, select

from connectors.roster.base import UserRecord
from tests.pipeline.conftest import World, world  # noqa: F401 - the fixture is reused here
from worker.db.tables import AuditRow, DecisionRow, TicketRow
from worker.review import ReviewService
from worker.technicians import Technicians

PASSWORD = "correct horse battery"


@dataclass
class Review:
    """A World with a review service, two technicians, and helpers to read the results."""

    world: World
    service: ReviewService
    technicians: Technicians

    def file(self, body: str, requester: str, subject: str = "reset please") -> str:
        """File a ticket in the demo desk and let the worker process it."""
        tid = self.world.desk.add_ticket(subject, body, requester=requester)
        self.world.run()
        return tid

    def decisions(self, helpdesk_id: str) -> list[DecisionRow]:
        with self.world.pipeline.sessions() as s:
            row = s.scalars(select(TicketRow).where(TicketRow.helpdesk_id == helpdesk_id)).one()
            return list(
                s.scalars(
                    select(DecisionRow)
                    .where(DecisionRow.ticket_id == row.id, DecisionRow.round == row.round)
                    .order_by(DecisionRow.position)
                )
            )

    def ticket(self, helpdesk_id: str) -> TicketRow:
        with self.world.pipeline.sessions() as s:
            return s.scalars(select(TicketRow).where(TicketRow.helpdesk_id == helpdesk_id)).one()

    def audit(self, **where: object) -> list[AuditRow]:
        with self.world.pipeline.sessions() as s:
            query = select(AuditRow).order_by(AuditRow.id)
            for key, value in where.items():
                query = query.where(getattr(AuditRow, key) == value)
            return list(s.scalars(query))

    def count_audit(self, action: str) -> int:
        with self.world.pipeline.sessions() as s:
            return (
                s.scalar(
                    select(func.count()).select_from(AuditRow).where(AuditRow.action == action)
                )
                or 0
            )

    def posted(self, helpdesk_id: str, kind: str) -> list[str]:
        return [
            p.body
            for p in self.world.desk.posted()
            if p.ticket_id == helpdesk_id and p.kind == kind
        ]

    def student_at_other_school(self, teacher: UserRecord) -> UserRecord:
        return next(
            u
            for u in self.world.users
            if u.is_student and u.active and not set(u.org_ids) & set(teacher.org_ids)
        )

    def inactive_student_and_teacher(self) -> tuple[UserRecord, UserRecord]:
        """A student no longer active, and an active teacher of the student's school."""
        for student in self.world.users:
            if student.is_student and not student.active:
                for teacher in self.world.users:
                    if (
                        teacher.role == "teacher"
                        and teacher.active
                        and set(teacher.org_ids) & set(student.org_ids)
                    ):
                        return student, teacher
        raise AssertionError("the sample roster has no inactive student with a teacher")


@pytest.fixture()
def review(world: World, tmp_path: Path) -> Iterator[Review]:  # noqa: F811
    technicians = Technicians(
        world.pipeline.sessions,
        hasher=argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST),
        clock=lambda: world.clock[0],
    )
    technicians.add("dreyes", "Dana Reyes", PASSWORD, actor="test")
    technicians.add("kokafor", "Kemi Okafor", PASSWORD, actor="test")
    service = ReviewService(world.pipeline, after=lambda: world.dispatch.drain(world.pipeline))
    yield Review(world, service, technicians)
