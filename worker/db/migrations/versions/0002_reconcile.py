"""Roster reconciliation: runs with their summaries, roster snapshots, missing-since tracking.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from connectors.sqltypes import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reconcile_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("floor_tripped", sa.Boolean(), nullable=False),
        sa.Column("floor_reason", sa.Text(), nullable=True),
        sa.Column("roster_source", sa.Text(), nullable=False),
        sa.Column("active_students", sa.Integer(), nullable=True),
        sa.Column("baseline_students", sa.Integer(), nullable=True),
        sa.Column("roster_issues", sa.Integer(), nullable=False),
        sa.Column("planned", sa.JSON(), nullable=False),
        sa.Column("applied", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_reconcile_runs"),
    )
    op.create_index("ix_reconcile_runs_status", "reconcile_runs", ["status"])
    op.create_table(
        "roster_snapshots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.Column("users", sa.Integer(), nullable=False),
        sa.Column("orgs", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["reconcile_runs.id"], name="fk_roster_snapshots_run_id_reconcile_runs"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_roster_snapshots"),
        sa.UniqueConstraint("run_id", name="uq_roster_snapshots_run_id"),
    )
    op.create_table(
        "reconcile_missing",
        sa.Column("student_id", sa.String(16), primary_key=True),
        sa.Column("missing_since", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("student_id", name="pk_reconcile_missing"),
    )


def downgrade() -> None:
    op.drop_table("reconcile_missing")
    op.drop_table("roster_snapshots")
    op.drop_index("ix_reconcile_runs_status", table_name="reconcile_runs")
    op.drop_table("reconcile_runs")
