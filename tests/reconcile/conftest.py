"""Fixtures for the reconciliation tests: the real stores on SQLite and on real PostgreSQL.

PostgreSQL: ``TICKETWORKER_TEST_RECONCILE_URL`` (default the local ``test`` database).  Each
test gets a schema of its own (``search_path`` in the URL), holding both the state database
(migrated with Alembic) and the portal's tables, dropped afterwards.  Unreachable: the
PostgreSQL cases skip, or fail under ``CI=true``.

Every name and student number here is invented for these tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2.profiles import CHEAPEST
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from connectors.accounts.base import AccountSummary
from connectors.accounts.sql import PortalPolicy, SqlAccountStore
from connectors.roster.base import OrgRecord, Roster, RosterIssue, UserRecord
from tests.helpers import need
from worker.db.migrate import upgrade
from worker.db.session import make_engine, make_sessions
from worker.db.tables import AuditRow, MissingStudentRow, ReconcileRunRow
from worker.reconcile import ReconcileOptions, Reconciler, RunSummary

from ..helpers import FakeClock

POSTGRES_URL = os.environ.get(
    "TICKETWORKER_TEST_RECONCILE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
FAST_POLICY = PortalPolicy(argon2_parameters=CHEAPEST)
START = datetime(2026, 9, 1, 2, 30, tzinfo=UTC)
ORGS = (
    OrgRecord("org-d", "active", "Harbor Valley District", "district"),
    OrgRecord("org-s1", "active", "Cedar Point Elementary", "school", parent_sourced_id="org-d"),
)


def student(
    student_id: str,
    first: str,
    last: str,
    *,
    status: str = "active",
    enabled: bool = True,
    line: int = 0,
) -> UserRecord:
    return UserRecord(
        sourced_id=f"u-{student_id}-{line}",
        status=status,
        enabled=enabled,
        org_ids=("org-s1",),
        role="student",
        username=f"s{student_id}",
        given_name=first,
        family_name=last,
        middle_name="",
        identifier=student_id,
        email="",
        grades="04",
        origin=f"users.csv:{line or 2}",
    )


TEACHER = UserRecord(
    "t-1", "active", True, ("org-s1",), "teacher", "wbright", "Wren", "Bright", "", "9001",
    "wren.bright@harbor.example", origin="users.csv:2",
)  # fmt: skip


@dataclass
class StaticRoster:
    """A RosterSource serving whatever roster the test set last (no files needed)."""

    users: list[UserRecord] = field(default_factory=list)
    issues: tuple[RosterIssue, ...] = ()
    loads: int = 0

    def load(self) -> Roster:
        self.loads += 1
        return Roster(ORGS, [TEACHER, *self.users], source="static", issues=self.issues)


@dataclass
class Backend:
    name: str
    state_url: str
    accounts_url: str


@dataclass
class World:
    """A migrated state database, a portal account store, a roster and a clock."""

    backend: Backend
    engine: Engine
    sessions: sessionmaker[Session]
    store: SqlAccountStore
    roster: StaticRoster
    clock: FakeClock
    options: ReconcileOptions = field(default_factory=ReconcileOptions)

    def reconciler(self, **options: Any) -> Reconciler:
        merged = replace(self.options, **options)
        return Reconciler(self.roster, self.store, self.sessions, merged, clock=self.clock)

    def reconcile(self, *, dry_run: bool = False, **options: Any) -> RunSummary:
        return self.reconciler(**options).run(dry_run=dry_run)

    def accounts(self) -> dict[str, AccountSummary]:
        return {a.student_id: a for a in self.store.all_accounts()}

    def audit(self) -> list[AuditRow]:
        with self.sessions() as s:
            return list(s.scalars(select(AuditRow).order_by(AuditRow.id)))

    def missing(self) -> dict[str, datetime]:
        with self.sessions() as s:
            rows = s.execute(select(MissingStudentRow.student_id, MissingStudentRow.missing_since))
            return {student_id: since for student_id, since in rows}

    def run_row(self, run_id: int | None) -> ReconcileRunRow:
        with self.sessions() as s:
            row = s.get(ReconcileRunRow, run_id)
            assert row is not None
            return row


@contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema of the test database."""
    admin = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        admin.dispose()
        need(False, f"PostgreSQL unreachable at {POSTGRES_URL}: {type(exc).__name__}")
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield Backend("sqlite", f"sqlite:///{tmp_path}/state.db", f"sqlite:///{tmp_path}/portal.db")
        return
    with postgres_schema("reconcile_test") as url:
        yield Backend("postgresql", url, url)


@pytest.fixture
def world(backend: Backend) -> Iterator[World]:
    engine = make_engine(backend.state_url)
    upgrade(engine)
    store = SqlAccountStore.from_url(backend.accounts_url, policy=FAST_POLICY)
    store.create_schema()
    yield World(backend, engine, make_sessions(engine), store, StaticRoster(), FakeClock(START))
    store.close()
    engine.dispose()
