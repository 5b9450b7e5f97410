"""One run at a time, failures that change nothing, and no student data in the logs."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from connectors.accounts.base import AccountNames, AccountSummary
from connectors.accounts.sql import SqlAccountStore
from connectors.errors import ConnectorError, TransientError
from connectors.roster.base import Roster, RosterIssue
from worker.db import repo
from worker.db.tables import ReconcileRunRow
from worker.reconcile import RunStatus, RunSummary, reconcile_once
from worker.reconcile.job import LEASE, LeaseLost
from worker.settings import Settings

from .conftest import StaticRoster, World, student

PUPILS = [student(f"0{450000 + n}", "Saoirse", f"Tanaka-Uribe{n}") for n in range(12)]


def audited_creates(world: World) -> list[str]:
    return [row.student_id or "" for row in world.audit() if row.action == "reconcile_create"]


def test_two_runs_at_once_change_each_account_once(world: World) -> None:
    """Two beat schedulers fire together (R15): one run applies, the other is skipped."""
    first_loading, second_done = threading.Event(), threading.Event()

    class SlowRoster(StaticRoster):
        def load(self) -> Roster:
            first_loading.set()
            assert second_done.wait(10)
            return super().load()

    first = world.reconciler()
    first.roster = SlowRoster(users=PUPILS)
    world.roster.users = PUPILS
    results: dict[str, RunSummary] = {}
    thread = threading.Thread(target=lambda: results.setdefault("first", first.run(dry_run=False)))
    thread.start()
    assert first_loading.wait(10)
    results["second"] = world.reconcile()
    second_done.set()
    thread.join(10)

    assert results["second"].status is RunStatus.SKIPPED
    assert results["first"].status is RunStatus.APPLIED
    assert sorted(audited_creates(world)) == [p.identifier for p in PUPILS]
    assert len(world.accounts()) == len(PUPILS)


def test_a_run_whose_lease_was_taken_meanwhile_writes_nothing(world: World) -> None:
    """A run stalled past its lease must not write once another run owns the store."""

    class StallingRoster(StaticRoster):
        def load(self) -> Roster:
            world.clock.advance(hours=2)  # longer than the lease
            with world.sessions.begin() as s:
                assert repo.acquire_lease(s, LEASE, "newer-run", world.clock(), timedelta(hours=1))
            return super().load()

    world.roster = StallingRoster(users=PUPILS)
    with pytest.raises(LeaseLost):
        world.reconcile(lease=timedelta(hours=1))
    assert world.accounts() == {} and audited_creates(world) == []


@dataclass
class FailingStore:
    """The real store, whose account stream breaks after a few rows (the database went away)."""

    store: SqlAccountStore

    def all_accounts(self) -> Iterator[AccountSummary]:
        # Read whole first: this test is about the run, not the store's cursor (below).
        for n, summary in enumerate(list(self.store.all_accounts())):
            if n == 3:
                raise TransientError("account store unavailable (OperationalError)")
            yield summary

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def test_a_store_failure_while_planning_changes_nothing(world: World) -> None:
    world.store.create_unclaimed(AccountNames(p.identifier, "Old", "Name") for p in PUPILS[:6])
    world.roster.users = PUPILS
    reconciler = world.reconciler()
    reconciler.accounts = FailingStore(world.store)  # type: ignore[assignment]
    with pytest.raises(TransientError):
        reconciler.run(dry_run=False)
    assert {a.first_name for a in world.accounts().values()} == {"Old"}
    assert len(world.accounts()) == 6 and world.audit() == [] and world.missing() == {}
    # The failure is recorded, the lease released: the next run does the work.
    assert world.reconcile().applied == {"create": 6, "update_names": 6, "enable": 0, "disable": 0}


def test_a_plan_stopped_early_releases_the_account_stream(world: World) -> None:
    """A plan that stops mid-stream (PlanError, a failing state database) closes the stream.

    On PostgreSQL ``all_accounts`` streams through a server-side cursor; closing the
    generator early must close that cursor too, or psycopg warns when it is collected.
    """
    world.store.create_unclaimed(AccountNames(p.identifier, "Old", "Name") for p in PUPILS)
    with closing(world.store.all_accounts()) as stream:
        assert next(stream).student_id == PUPILS[0].identifier
    gc.collect()
    assert len(world.accounts()) == len(PUPILS)  # and the store is usable afterwards


def test_no_student_data_in_logs_at_info_or_above(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.store.create_unclaimed([AccountNames("0459999", "Wendeline", "Xochitl")])
    world.roster.users = PUPILS
    caplog.set_level(logging.DEBUG)
    world.reconcile(grace=timedelta(0))
    world.roster.users = PUPILS[:2]
    world.reconcile()  # trips the floor
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert loud, "the runs should say what they did"
    secrets = {"0459999", "Wendeline", "Xochitl", "Saoirse"} | {p.identifier for p in PUPILS}
    assert not [m for m in loud if any(s in m for s in secrets)]


def test_reconcile_once_builds_everything_from_the_settings(world: World) -> None:
    settings = Settings(
        database_url=world.backend.state_url,
        accounts={"kind": "sql", "url": world.backend.accounts_url},
        reconcile_grace_days=0,
    )
    summary = reconcile_once(settings, dry_run=False)  # the sample roster from the settings
    assert summary.status is RunStatus.APPLIED and summary.applied["create"] > 100
    again = reconcile_once(settings, dry_run=False)
    assert again.planned["create"] == 0 and again.baseline_students == summary.active_students


def test_a_state_database_failure_is_reported_without_its_statement_data(world: World) -> None:
    world.roster.users = PUPILS
    with world.engine.begin() as conn:
        conn.execute(text("DROP TABLE reconcile_missing"))
    with pytest.raises(ConnectorError) as caught:
        world.reconcile()
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert str(caught.value).startswith("state database")
    with world.sessions() as s:
        error = s.scalars(select(ReconcileRunRow.error)).one()
    assert error in {"OperationalError", "ProgrammingError"}
    assert world.accounts() == {}


def test_the_summary_line_names_counts_not_students(world: World) -> None:
    world.roster.users = PUPILS
    world.roster.issues = (RosterIssue("users.csv", 4, "role", "'pupil' is not a role"),)
    line = str(world.reconcile())
    assert line.startswith("reconcile run 1: applied; planned create=12; applied create=12")
    assert line.endswith("1 roster problems")
    assert not any(p.identifier in line or p.family_name in line for p in PUPILS)
