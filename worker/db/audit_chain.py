"""The audit log as a hash chain: each row carries SHA-256 of its predecessor's hash and its
own content, so a row changed, removed or cut off the end behind the triggers' back (a
superuser, a restored backup) shows as the first row whose hashes do not hold.

Rows are sealed by the transaction that wrote them, just before it commits, in the order
transactions commit (the head row's lock decides): sealing last keeps the chain's lock the
last one any transaction takes, so it never waits on a ticket's row while holding the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from .tables import AuditChainRow, AuditRow

SessionFactory = sessionmaker[Session]
#: The hash a chain starts from (there is no row before the first).
GENESIS = "0" * 64
HEAD_ID = 1
_UNSEALED = "audit_rows_unsealed"


def content(row: AuditRow) -> bytes:
    """What a row's hash covers: every column the row was written with, canonically."""
    at = row.at.astimezone(UTC).isoformat(timespec="microseconds")
    fields = [row.id, at, row.actor, row.action, row.helpdesk_id, row.student_id, row.detail]
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(prev_hash: str, row: AuditRow) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + content(row)).hexdigest()


def mark_unsealed(session: Session) -> None:
    """Called by whoever appends audit rows: this transaction must seal them at commit."""
    session.info[_UNSEALED] = True


@event.listens_for(Session, "before_commit")
def _seal_before_commit(session: Session) -> None:
    if session.info.pop(_UNSEALED, False):
        seal(session)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_UNSEALED, None)


def seal(session: Session) -> int:
    """Chain every unsealed row this transaction can see; returns how many it sealed."""
    head = session.scalars(
        select(AuditChainRow).where(AuditChainRow.id == HEAD_ID).with_for_update()
    ).one_or_none()
    if head is None:  # a schema made without the migration's head row
        head = AuditChainRow(id=HEAD_ID, seq=0, last_hash=GENESIS)
        session.add(head)
    rows = session.scalars(
        select(AuditRow).where(AuditRow.seq.is_(None)).order_by(AuditRow.id)
    ).all()
    for row in rows:
        head.seq += 1
        row.seq, row.prev_hash = head.seq, head.last_hash
        row.row_hash = head.last_hash = link_hash(head.last_hash, row)
    session.flush()
    return len(rows)


@dataclass(frozen=True)
class ChainBreak:
    """The first row whose hashes do not hold, and what is wrong with it (no row content)."""

    row_id: int | None
    seq: int | None
    at: datetime | None
    action: str
    problem: str

    def __str__(self) -> str:
        where = f"row {self.row_id}" if self.row_id is not None else "the end of the chain"
        when = f" ({self.action} at {self.at.isoformat()})" if self.at else ""
        return f"{where}{when}: {self.problem}"


@dataclass(frozen=True)
class ChainReport:
    rows: int
    head_seq: int
    head_hash: str
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the whole chain in order; stop at the first row that breaks it."""
    prev, expected, count = GENESIS, 1, 0
    query = (
        select(AuditRow)
        .where(AuditRow.seq.is_not(None))
        .order_by(AuditRow.seq)
        .execution_options(yield_per=batch)
    )
    head = session.get(AuditChainRow, HEAD_ID)
    rows = session.scalars(query)
    try:
        for row in rows:
            problem = _problem(row, expected, prev)
            if problem:
                return ChainReport(count, expected - 1, prev, _break(row, problem))
            prev, expected, count = row.row_hash or "", expected + 1, count + 1
            session.expunge(row)  # bounded memory over millions of rows
    finally:
        rows.close()  # stopping early must not leave the server-side cursor open
    unsealed = session.scalars(
        select(AuditRow).where(AuditRow.seq.is_(None)).order_by(AuditRow.id).limit(1)
    ).first()
    if unsealed is not None:
        why = "it is not in the chain (written without a hash, or its hash was removed)"
        return ChainReport(count, expected - 1, prev, _break(unsealed, why))
    head_seq, head_hash = (head.seq, head.last_hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (expected - 1, prev):
        why = (
            f"the chain's head records {head_seq} rows ending in hash {head_hash[:12]}..., "
            f"but the rows end at {expected - 1} (rows at the end were removed, or the head "
            "was changed)"
        )
        return ChainReport(count, expected - 1, prev, ChainBreak(None, None, None, "", why))
    return ChainReport(count, expected - 1, prev, None)


def _problem(row: AuditRow, expected: int, prev: str) -> str:
    if row.seq != expected:
        return (
            f"it is chain row {row.seq} but the one before it is {expected - 1}: "
            f"{(row.seq or 0) - expected} row(s) before it were removed"
        )
    if row.prev_hash != prev:
        return "its link to the row before does not match (that row was changed or removed)"
    if link_hash(prev, row) != row.row_hash:
        return "its content does not match its hash (the row was changed after it was written)"
    return ""


def _break(row: AuditRow, problem: str) -> ChainBreak:
    return ChainBreak(row.id, row.seq, row.at, row.action, problem)


def rows_since(session: Session, since: datetime | None, batch: int = 5000) -> Iterator[AuditRow]:
    """Audit rows written at or after ``since`` (all when None), in chain order."""
    query = select(AuditRow).order_by(AuditRow.seq.is_(None), AuditRow.seq, AuditRow.id)
    if since is not None:
        query = query.where(AuditRow.at >= since)
    rows = session.scalars(query.execution_options(yield_per=batch))
    try:
        for row in rows:
            yield row
            session.expunge(row)
    finally:
        rows.close()


def export_record(row: AuditRow) -> dict[str, Any]:
    """One row as the export writes it (JSON-lines object; CSV columns in this order)."""
    return {
        "seq": row.seq,
        "id": row.id,
        "at": row.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": row.actor,
        "action": row.action,
        "helpdesk_id": row.helpdesk_id,
        "student_id": row.student_id,
        "detail": row.detail,
        "prev_hash": row.prev_hash,
        "row_hash": row.row_hash,
    }
