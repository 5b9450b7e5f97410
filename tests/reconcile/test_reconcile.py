"""Whole runs against the real stores (SQLite, and PostgreSQL when reachable)."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from connectors.accounts.base import AccountNames
from connectors.roster.base import RosterError, RosterIssue
from worker.db import repo
from worker.db.tables import ReconcileRunRow, RosterSnapshotRow
from worker.reconcile import RunStatus, runs
from worker.reconcile.job import LEASE

from .conftest import START, World, student

ANA = student("0410001", "Ana-Lucía", "Brennan")
BEN = student("0410002", "Ben", "O'Hara")
CY = student("0410003", "Cy", "Dunmore")
DEE = student("0410004", "Dee", "Ek")


def seed(world: World, *names: AccountNames) -> None:
    assert world.store.create_unclaimed(names) == len(names)


def test_first_run_creates_unclaimed_accounts_and_audits_each(world: World) -> None:
    world.roster.users = [ANA, BEN]
    summary = world.reconcile()

    assert summary.status is RunStatus.APPLIED
    assert summary.applied["create"] == 2
    accounts = world.accounts()
    assert {(a.first_name, a.last_name, a.claimed, a.disabled) for a in accounts.values()} == {
        ("Ana-Lucía", "Brennan", False, False),
        ("Ben", "O'Hara", False, False),
    }
    creates = [row for row in world.audit() if row.action == "reconcile_create"]
    assert {row.student_id for row in creates} == {"0410001", "0410002"}
    assert all(row.actor == "reconcile" for row in creates)
    assert creates[0].detail["run_id"] == summary.run_id
    assert creates[0].detail["new_names"] == ["Ana-Lucía", "Brennan"]


def test_names_differing_from_the_sis_are_updated_and_the_student_can_claim(
    world: World,
) -> None:
    seed(world, AccountNames("0410001", "Ana Lucia", "Brennan"))
    world.roster.users = [ANA]
    answers = {"First pet?": "Moss", "Street?": "Birch", "Town?": "Alder"}
    refused = world.store.claim("0410001", "Ana-Lucía", "Brennan", answers, "Tidepool-77")
    assert not refused.ok

    summary = world.reconcile()

    assert summary.applied["update_names"] == 1
    (update,) = [row for row in world.audit() if row.action == "reconcile_update_names"]
    assert update.detail["old_names"] == ["Ana Lucia", "Brennan"]
    assert world.store.claim("0410001", "Ana-Lucía", "Brennan", answers, "Tidepool-77").ok


def test_grace_period_then_disable_then_enable_when_the_student_returns(world: World) -> None:
    seed(world, AccountNames("0410001", "Ana-Lucía", "Brennan"))
    world.roster.users = [BEN]  # Ana has left

    world.reconcile()
    assert world.missing() == {"0410001": START}
    assert not world.accounts()["0410001"].disabled

    world.clock.advance(days=13, hours=23)
    summary = world.reconcile()
    assert summary.planned["pending_disable"] == 1 and summary.applied["disable"] == 0
    assert world.missing() == {"0410001": START}  # the clock is not restarted

    world.clock.advance(hours=1)
    summary = world.reconcile()
    assert summary.applied["disable"] == 1
    assert world.accounts()["0410001"].disabled
    assert world.missing() == {}
    (disable,) = [row for row in world.audit() if row.action == "reconcile_disable"]
    assert disable.student_id == "0410001"

    world.roster.users = [ANA, BEN]
    world.clock.advance(days=60)
    summary = world.reconcile()
    assert summary.applied["enable"] == 1
    assert not world.accounts()["0410001"].disabled


def test_a_student_who_returns_within_the_grace_period_is_never_disabled(world: World) -> None:
    seed(world, AccountNames("0410001", "Ana-Lucía", "Brennan"))
    world.roster.users = [BEN]
    world.reconcile()
    world.roster.users = [ANA, BEN]
    world.clock.advance(days=5)
    world.reconcile()
    assert world.missing() == {}
    world.roster.users = [BEN]
    world.clock.advance(days=10)  # 15 days after the first absence, 10 after the second
    summary = world.reconcile()
    assert summary.planned["disable"] == 0 and summary.planned["pending_disable"] == 1


def test_a_second_run_changes_nothing(world: World) -> None:
    seed(
        world,
        AccountNames("0410002", "Benn", "O'Hara"),
        AccountNames("0410003", "Cy", "Dunmore"),
        AccountNames("0410009", "Gone", "Away"),
    )
    world.store.disable(["0410003"])
    world.roster.users = [ANA, BEN, CY]
    first = world.reconcile(grace=timedelta(0))
    assert first.applied == {"create": 1, "update_names": 1, "enable": 1, "disable": 1}
    before = world.accounts()
    audit_rows = len(world.audit())

    second = world.reconcile(grace=timedelta(0))

    assert second.status is RunStatus.APPLIED
    assert second.applied == {"create": 0, "update_names": 0, "enable": 0, "disable": 0}
    assert all(second.planned[kind] == 0 for kind in second.applied)
    assert world.accounts() == before
    # Only the run's own summary record is added.
    assert [row.action for row in world.audit()[audit_rows:]] == ["reconcile_applied"]


def test_a_dry_run_applies_nothing_but_plans_and_reports_everything(
    world: World, tmp_path: Path
) -> None:
    seed(world, AccountNames("0410002", "Benn", "O'Hara"), AccountNames("0410009", "Old", "Xu"))
    world.roster.users = [ANA, BEN]
    before = world.accounts()
    report = tmp_path / "plan.csv"

    summary = world.reconciler().run(dry_run=True, report_csv=report)

    assert summary.status is RunStatus.DRY_RUN
    assert summary.planned["create"] == 1 and summary.planned["update_names"] == 1
    assert summary.planned["pending_disable"] == 1
    assert summary.applied == {}
    assert world.accounts() == before
    assert world.missing() == {}
    assert world.audit() == []
    with report.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {(r["kind"], r["student_id"]) for r in rows} == {
        ("create", "0410001"),
        ("update_names", "0410002"),
        ("pending_disable", "0410009"),
    }
    update = next(r for r in rows if r["kind"] == "update_names")
    assert (update["old_first_name"], update["new_first_name"]) == ("Benn", "Ben")
    # A dry run is not a good run: the next real run has no baseline from it.
    assert world.reconcile().baseline_students is None


def test_the_safety_floor_stops_a_truncated_roster(world: World) -> None:
    everyone = [student(f"0{420000 + n}", "Remy", f"Sato{n}") for n in range(20)]
    world.roster.users = everyone
    assert world.reconcile(grace=timedelta(0)).applied["create"] == 20

    world.roster.users = everyone[:17]  # 15% of the students vanish from the export
    world.clock.advance(days=1)
    summary = world.reconcile(grace=timedelta(0))

    assert summary.status is RunStatus.FLOOR_TRIPPED and summary.floor_tripped
    assert summary.baseline_students == 20 and summary.active_students == 17
    assert summary.planned["disable"] == 3 and summary.applied == {}
    assert not any(a.disabled for a in world.accounts().values())
    assert world.missing() == {}
    row = world.run_row(summary.run_id)
    assert row.status == "floor_tripped" and "from 20 to 17" in (row.floor_reason or "")
    assert world.audit()[-1].action == "reconcile_floor_tripped"
    # The baseline stays the last good run's: the same short export trips again.
    assert world.reconcile(grace=timedelta(0)).floor_tripped


def test_only_one_run_at_a_time(world: World) -> None:
    world.roster.users = [ANA]
    with world.sessions.begin() as s:
        assert repo.acquire_lease(s, LEASE, "another-process", START, timedelta(hours=1))
    summary = world.reconcile()
    assert summary.status is RunStatus.SKIPPED and summary.run_id is None
    assert world.roster.loads == 0 and world.accounts() == {}

    world.clock.advance(hours=2)  # the other holder died: its lease ran out
    assert world.reconcile().status is RunStatus.APPLIED
    with world.sessions.begin() as s:  # and the lease was released after the run
        assert repo.acquire_lease(s, LEASE, "third", world.clock(), timedelta(minutes=1))


def test_each_run_stores_its_summary_and_a_snapshot(world: World) -> None:
    world.roster.users = [ANA, BEN]
    world.roster.issues = (RosterIssue("users.csv", 9, "enabledUser", "'maybe' is not true"),)
    summary = world.reconcile()
    row = world.run_row(summary.run_id)
    assert row.status == "applied" and row.dry_run is False
    assert row.planned["create"] == 2 and row.applied["create"] == 2
    assert row.active_students == 2 and row.roster_issues == 1
    assert row.started_at == START and row.finished_at is not None
    assert row.roster_source == "static"
    with world.sessions() as s:
        snapshot = s.scalars(select(RosterSnapshotRow)).one()
    assert snapshot.run_id == summary.run_id and snapshot.users == 3 and snapshot.orgs == 2
    assert not summary.ok  # the roster had a problem


def test_old_snapshots_are_pruned_but_the_latest_good_one_is_kept(world: World) -> None:
    world.roster.users = [ANA]
    good = world.reconcile()
    for _ in range(4):
        world.reconcile(dry_run=True, snapshots_kept=2)
    with world.sessions() as s:
        kept = set(s.scalars(select(RosterSnapshotRow.run_id)))
        runs = s.scalar(select(func.count()).select_from(ReconcileRunRow))
    assert runs == 5
    assert good.run_id in kept and len(kept) == 3


def test_an_unusable_roster_is_recorded_as_a_failed_run(world: World) -> None:
    class Broken:
        def load(self) -> None:
            raise RosterError(RosterIssue("users.csv", None, None, "file is missing"))

    world.roster = Broken()  # type: ignore[assignment]
    with pytest.raises(RosterError):
        world.reconcile()
    with world.sessions() as s:
        row = s.scalars(select(ReconcileRunRow)).one()
    assert row.status == "failed" and "file is missing" in (row.error or "")
    with world.sessions.begin() as s:  # the lease was released
        assert repo.acquire_lease(s, LEASE, "next", START, timedelta(minutes=1))


def test_a_run_that_was_cut_off_is_marked_failed_by_the_next(world: World) -> None:
    with world.sessions.begin() as s:  # a run killed mid-way leaves its row "running"
        killed = runs.start_run(s, START, dry_run=False, source="static")
    world.roster.users = [ANA]
    world.clock.advance(days=1)
    assert world.reconcile().status is RunStatus.APPLIED
    row = world.run_row(killed)
    assert row.status == "failed" and "abandoned" in (row.error or "")
    assert row.finished_at == START + timedelta(days=1)
