"""The pipeline with the demo help-desk, a SQLite account store and a SQLite state database
(``pg_world``: the state database on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk
from connectors.roster.base import UserRecord
from connectors.roster.oneroster_csv import OneRosterCsvSource
from worker.db.migrate import upgrade
from worker.db.session import make_engine, make_sessions
from worker.dispatch import InlineDispatch
from worker.messages import Messages, Portal
from worker.pipeline import Options, Pipeline
from worker.roster import index_roster
from worker.seeding import unclaimed_store_for

SAMPLES = Path(__file__).resolve().parents[2] / "worker" / "samples" / "roster"
ANSWERS = {"pet": "Rex", "street": "Elm", "teacher": "Ms. Diaz"}


@dataclass
class World:
    pipeline: Pipeline
    dispatch: InlineDispatch
    desk: DemoHelpDesk
    accounts: SqlAccountStore
    users: list[UserRecord]
    clock: list[datetime]

    def teacher_with_students(self, count: int) -> tuple[UserRecord, list[UserRecord]]:
        """A teacher and ``count`` active students of the teacher's school."""
        for teacher in self.users:
            if teacher.role == "teacher" and teacher.active:
                kids = [
                    u
                    for u in self.users
                    if u.is_student and u.active and set(u.org_ids) & set(teacher.org_ids)
                ]
                if len(kids) >= count:
                    return teacher, kids[:count]
        raise AssertionError("sample roster has no such teacher")

    def claim(self, student: UserRecord, password: str = "Blue-Harbor-42") -> None:
        outcome = self.accounts.claim(
            student.identifier, student.given_name, student.family_name, ANSWERS, password
        )
        assert outcome.ok, outcome

    def run(self) -> None:
        """One poll, then every step it causes, in this process."""
        self.pipeline.poll_once()
        self.dispatch.drain(self.pipeline)

    def tick(self, minutes: float = 1) -> None:
        self.clock[0] += timedelta(minutes=minutes)


def _build_world(tmp_path: Path, state_url: str) -> Iterator[World]:
    roster = OneRosterCsvSource(SAMPLES).load()
    clock = [datetime(2026, 9, 1, 8, 0, tzinfo=UTC)]
    accounts = unclaimed_store_for(f"sqlite:///{tmp_path}/accounts.db", roster.users)
    engine = make_engine(state_url)
    upgrade(engine)
    desk = DemoHelpDesk(DemoHelpdeskConfig(path=tmp_path / "desk"), samples=None)
    dispatch = InlineDispatch()
    index = index_roster(roster).index
    pipeline = Pipeline(
        helpdesk=desk,
        accounts=accounts,
        roster=lambda: index,
        sessions=make_sessions(engine),
        dispatch=dispatch,
        messages=Messages(
            Portal("the Northwind Portal", "https://my.northwind.example", "PowerSchool")
        ),
        options=Options(),
        clock=lambda: clock[0],
    )
    yield World(pipeline, dispatch, desk, accounts, list(roster.users), clock)
    accounts.close()
    engine.dispose()


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[World]:
    yield from _build_world(tmp_path, f"sqlite:///{tmp_path}/state.db")


@pytest.fixture()
def pg_world(tmp_path: Path, postgres_url: str) -> Iterator[World]:
    """The same world with its state database on this machine's PostgreSQL."""
    yield from _build_world(tmp_path, postgres_url)
