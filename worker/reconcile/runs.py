"""State-database operations of the reconciliation: runs, snapshots, missing-since rows.

Like :mod:`worker.db.repo`, every function takes a session and never commits.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from datetime import datetime
from enum import StrEnum
from itertools import islice
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from ..db.tables import MissingStudentRow, ReconcileRunRow, RosterSnapshotRow
from .snapshot import EncodedSnapshot

_ID_BATCH = 500


class RunStatus(StrEnum):
    RUNNING = "running"
    APPLIED = "applied"  # the one "good" status
    DRY_RUN = "dry_run"
    FLOOR_TRIPPED = "floor_tripped"
    FAILED = "failed"
    SKIPPED = "skipped"  # another run held the lease; never stored


def start_run(session: Session, now: datetime, *, dry_run: bool, source: str) -> int:
    run = ReconcileRunRow(
        started_at=now,
        status=RunStatus.RUNNING,
        dry_run=dry_run,
        floor_tripped=False,
        roster_source=source,
        roster_issues=0,
        planned={},
        applied={},
    )
    session.add(run)
    session.flush()
    return run.id


def abandon_running(session: Session, now: datetime) -> int:
    """Mark runs left "running" as failed; only the lease holder may call this."""
    result = session.execute(
        update(ReconcileRunRow)
        .where(ReconcileRunRow.status == RunStatus.RUNNING)
        .values(status=RunStatus.FAILED, finished_at=now, error="abandoned: the run was cut off")
    )
    return result.rowcount  # type: ignore[attr-defined, no-any-return]


def finish_run(session: Session, run_id: int, **values: Any) -> None:
    session.execute(update(ReconcileRunRow).where(ReconcileRunRow.id == run_id).values(**values))


def last_good_active_students(session: Session) -> int | None:
    """The active-student count of the latest applied run: the safety floor's baseline."""
    return session.scalar(
        select(ReconcileRunRow.active_students)
        .where(ReconcileRunRow.status == RunStatus.APPLIED)
        .order_by(ReconcileRunRow.id.desc())
        .limit(1)
    )


# -- snapshots -------------------------------------------------------------------------------
def save_snapshot(session: Session, run_id: int, now: datetime, snapshot: EncodedSnapshot) -> None:
    session.execute(
        insert(RosterSnapshotRow).values(
            run_id=run_id,
            created_at=now,
            format=snapshot.format,
            users=snapshot.users,
            orgs=snapshot.orgs,
            sha256=snapshot.sha256,
            data=snapshot.data,
        )
    )


def latest_good_snapshot_id(session: Session) -> int | None:
    """The snapshot of the latest applied run: the roster the account store was made true to."""
    return session.scalar(
        select(RosterSnapshotRow.id)
        .join(ReconcileRunRow, ReconcileRunRow.id == RosterSnapshotRow.run_id)
        .where(ReconcileRunRow.status == RunStatus.APPLIED)
        .order_by(RosterSnapshotRow.id.desc())
        .limit(1)
    )


def snapshot_data(session: Session, snapshot_id: int) -> tuple[bytes, str]:
    """The compressed bytes of a snapshot and their SHA-256."""
    row = session.execute(
        select(RosterSnapshotRow.data, RosterSnapshotRow.sha256).where(
            RosterSnapshotRow.id == snapshot_id
        )
    ).one()
    return bytes(row.data), row.sha256


def prune_snapshots(session: Session, keep: int) -> int:
    """Delete all but the newest ``keep`` snapshots, never the latest good one; run rows stay."""
    newest = select(RosterSnapshotRow.id).order_by(RosterSnapshotRow.id.desc()).limit(keep)
    kept = set(session.scalars(newest))
    good = latest_good_snapshot_id(session)
    if good is not None:
        kept.add(good)
    doomed = list(
        session.scalars(select(RosterSnapshotRow.id).where(RosterSnapshotRow.id.not_in(kept)))
    )
    if doomed:
        session.execute(delete(RosterSnapshotRow).where(RosterSnapshotRow.id.in_(doomed)))
    return len(doomed)


def snapshot_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(RosterSnapshotRow)) or 0


# -- missing since ---------------------------------------------------------------------------
def missing_rows(
    session: Session, batch: int = 1000
) -> Generator[tuple[str, datetime], None, None]:
    """Every missing-since row, sorted by student ID, streamed in batches."""
    result = session.execute(
        select(MissingStudentRow.student_id, MissingStudentRow.missing_since)
        .order_by(MissingStudentRow.student_id)
        .execution_options(yield_per=batch)
    )
    # Closed explicitly: on PostgreSQL yield_per is a server-side cursor, which must not
    # outlive its connection when the plan stops early.
    with result:
        yield from result


def start_missing(session: Session, student_ids: Sequence[str], now: datetime) -> None:
    """Record accounts first seen missing now (the plan only lists IDs without a row)."""
    for chunk in _chunks(student_ids):
        session.execute(
            insert(MissingStudentRow),
            [{"student_id": student_id, "missing_since": now} for student_id in chunk],
        )


def clear_missing(session: Session, student_ids: Sequence[str]) -> None:
    for chunk in _chunks(student_ids):
        session.execute(delete(MissingStudentRow).where(MissingStudentRow.student_id.in_(chunk)))


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, _ID_BATCH)):
        yield chunk
