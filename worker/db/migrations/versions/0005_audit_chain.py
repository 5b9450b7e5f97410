"""Tamper-evident audit log: each row carries SHA-256 of its predecessor's hash and its own
content; a one-row head records where the chain ends.  Existing rows are chained in id order.

The append-only triggers are rewritten to allow exactly one change: sealing a row that has no
place in the chain yet (setting seq, prev_hash and row_hash once, nothing else).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from connectors.sqltypes import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GENESIS = "0" * 64

_PG_SEAL_ONLY = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor
       AND NEW.action = OLD.action
       AND NEW.helpdesk_id IS NOT DISTINCT FROM OLD.helpdesk_id
       AND NEW.student_id IS NOT DISTINCT FROM OLD.student_id
       AND NEW.detail::text IS NOT DISTINCT FROM OLD.detail::text THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
"""
_PG_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
"""
_SQLITE_NO_UPDATE = "DROP TRIGGER IF EXISTS audit_log_no_update"
_SQLITE_SEAL_ONLY = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "WHEN NOT (OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.id = OLD.id "
    "AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action "
    "AND NEW.helpdesk_id IS OLD.helpdesk_id AND NEW.student_id IS OLD.student_id "
    "AND NEW.detail IS OLD.detail) "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)
_SQLITE_APPEND_ONLY = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
)


def _content(row: Any) -> bytes:
    # The same canonical form as worker/db/audit_chain.py at this revision: a migration
    # must not change when that module does.
    at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    detail = json.loads(row.detail) if isinstance(row.detail, str) else row.detail
    fields = [
        row.id,
        at.isoformat(timespec="microseconds"),
        row.actor,
        row.action,
        row.helpdesk_id,
        row.student_id,
        detail,
    ]
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Plain ADD COLUMN and a unique index, never a batch copy of the table: on SQLite a copy
    # would drop the append-only triggers with the old table.
    op.add_column("audit_log", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(64), nullable=True))
    op.create_index("ix_audit_log_seq", "audit_log", ["seq"], unique=True)
    op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_chain"),
    )
    if dialect == "postgresql":
        op.execute(_PG_SEAL_ONLY)
    else:
        op.execute(_SQLITE_NO_UPDATE)
        op.execute(_SQLITE_SEAL_ONLY)
    _chain_existing_rows()


def _chain_existing_rows() -> None:
    bind = op.get_bind()
    audit = sa.table(
        "audit_log",
        sa.column("id", sa.Integer()),
        sa.column("at", UtcDateTime()),
        sa.column("actor", sa.String()),
        sa.column("action", sa.String()),
        sa.column("helpdesk_id", sa.String()),
        sa.column("student_id", sa.String()),
        sa.column("detail", sa.JSON()),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("row_hash", sa.String()),
    )
    seq, last = 0, GENESIS
    rows = bind.execute(sa.select(audit).order_by(audit.c.id)).all()
    for row in rows:
        seq += 1
        digest = hashlib.sha256(last.encode() + b"\n" + _content(row)).hexdigest()
        bind.execute(
            sa.update(audit)
            .where(audit.c.id == row.id)
            .values(seq=seq, prev_hash=last, row_hash=digest)
        )
        last = digest
    bind.execute(
        sa.insert(
            sa.table("audit_chain", sa.column("id"), sa.column("seq"), sa.column("last_hash"))
        ).values(id=1, seq=seq, last_hash=last)
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_table("audit_chain")
    op.drop_index("ix_audit_log_seq", "audit_log")
    if dialect == "postgresql":
        op.execute(_PG_APPEND_ONLY)
        for column in ("row_hash", "prev_hash", "seq"):
            op.drop_column("audit_log", column)
        return
    # SQLite drops columns by copying the table, which loses its triggers: made again after.
    op.execute(_SQLITE_NO_UPDATE)
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table("audit_log") as batch:
        for column in ("row_hash", "prev_hash", "seq"):
            batch.drop_column(column)
    op.execute(_SQLITE_APPEND_ONLY)
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
