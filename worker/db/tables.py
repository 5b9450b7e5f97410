"""The worker's state database: what it saw, decided, did and said, and who did it.

SQLAlchemy 2 typed mappings.  The schema itself is owned by the Alembic migrations in
``worker/db/migrations``; these classes must match them (a test compares the two).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from connectors.sqltypes import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime(), list[Any]: JSON}


class TicketState(StrEnum):
    """Where a ticket is in its life; every step moves it forward with a guarded UPDATE."""

    NEW = "new"  # seen in the help-desk, not parsed yet
    PARSING = "parsing"  # claimed by a process step (with a lease)
    RESETTING = "resetting"  # reset jobs queued for the ready students
    REPORTING = "reporting"  # resets done; the reply is being composed
    REPLIED = "replied"  # reply and notes are in the outbox or posted
    RESOLVED = "resolved"  # everything done; resolved in the help-desk
    FLAGGED = "flagged"  # needs a technician; left alone until someone acts
    NOT_RESET = "not_reset"  # not a reset request: remembered, not parsed again
    DRY_RUN = "dry_run"  # planned only (dry run): a note with the plan was posted


#: States a ticket rests in until the requester (or a technician) adds something.
RESTING = (
    TicketState.REPLIED,
    TicketState.RESOLVED,
    TicketState.FLAGGED,
    TicketState.NOT_RESET,
    TicketState.DRY_RUN,
)


class TicketRow(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    helpdesk_id: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(16), index=True, default=TicketState.NEW)
    round: Mapped[int] = mapped_column(Integer, default=0)
    #: Set by the poller when the help-desk shows a change to a resting ticket.
    wake: Mapped[bool] = mapped_column(Boolean, default=False)
    requester: Mapped[str] = mapped_column(String(320), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    helpdesk_updated_at: Mapped[datetime | None]
    last_message_id: Mapped[str | None] = mapped_column(String(64))
    reset_request: Mapped[bool | None]
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    replied_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]


class DecisionRow(Base):
    """One student named in one round of a ticket, with the parser's verdict."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("ticket_id", "round", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    student_id: Mapped[str | None] = mapped_column(String(16))
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(8))  # ready | review
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reason_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    corrections: Mapped[list[Any]] = mapped_column(JSON, default=list)
    suggestions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source_line: Mapped[str] = mapped_column(Text, default="")
    written_id: Mapped[str | None] = mapped_column(String(64))
    school_id: Mapped[str | None] = mapped_column(String(128))
    roster_first_name: Mapped[str | None] = mapped_column(String(200))
    roster_last_name: Mapped[str | None] = mapped_column(String(200))
    #: auto (the worker decided), pending (a technician must), approved, rejected,
    #: superseded (a re-parse replaced the round), released (handed back to the worker).
    review_state: Mapped[str] = mapped_column(String(12), default="auto")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    #: A technician's rejection asked the requester for more: the ticket then stays open.
    asks_requester: Mapped[bool] = mapped_column(Boolean, default=False)


class ResetJobRow(Base):
    """One reset of one student's account for one ticket: at most one per (ticket, student)."""

    __tablename__ = "reset_jobs"
    __table_args__ = (UniqueConstraint("ticket_id", "student_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))
    student_id: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200), default="ticketworker")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class OutboxRow(Base):
    """A reply, note, mark or status change to make in the help-desk, exactly once."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_ticket_status", "ticket_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    kind: Mapped[str] = mapped_column(String(12))  # reply | note | mark | resolve
    body: Mapped[str] = mapped_column(Text, default="")
    #: Unique per item; written into replies and notes so a re-send can see it was posted.
    marker: Mapped[str] = mapped_column(String(128), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class AuditRow(Base):
    """Append-only: who or what did what to which student, from which ticket, when.

    The migration adds database triggers that refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_seq", "seq", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40), index=True)
    helpdesk_id: Mapped[str | None] = mapped_column(String(64), index=True)
    student_id: Mapped[str | None] = mapped_column(String(16), index=True)
    detail: Mapped[Any] = mapped_column(JSON, default=dict)
    #: The row's place in the hash chain (commit order), its predecessor's hash, and the
    #: SHA-256 of that hash and this row's content (worker/db/audit_chain.py).  Set once,
    #: by the transaction that wrote the row, just before it commits.
    seq: Mapped[int | None] = mapped_column(Integer)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainRow(Base):
    """The audit chain's head: the last sealed row's place and hash (one row, id 1).

    Every sealing transaction locks it, so the chain has one order; ``audit verify``
    compares it with the last row, so rows cut off the end are noticed too.
    """

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class LeaseRow(Base):
    """A named lease ("poll", "reconcile"): one holder at a time, expiring if it dies."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(128))
    expires_at: Mapped[datetime | None]


class SettingRow(Base):
    """Small pieces of state the worker keeps between runs (the poll watermark)."""

    __tablename__ = "worker_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ReconcileRunRow(Base):
    """One roster reconciliation: when, on what roster, what it planned and applied.

    ``status`` is running, applied, dry_run, floor_tripped or failed; only an ``applied``
    run is *good*: its active-student count is the next run's safety-floor baseline and
    its snapshot is the roster the parser verifies against.
    """

    __tablename__ = "reconcile_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), index=True)
    dry_run: Mapped[bool] = mapped_column(Boolean)
    floor_tripped: Mapped[bool] = mapped_column(Boolean, default=False)
    floor_reason: Mapped[str | None] = mapped_column(Text)
    roster_source: Mapped[str] = mapped_column(Text, default="")
    active_students: Mapped[int | None] = mapped_column(Integer)
    baseline_students: Mapped[int | None] = mapped_column(Integer)
    roster_issues: Mapped[int] = mapped_column(Integer, default=0)
    #: Counts per plan kind ({"create": 12, ...}): what the plan held, what the store changed.
    planned: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    applied: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)


class RosterSnapshotRow(Base):
    """The roster one reconciliation run used: gzip-compressed JSON lines in one blob.

    One blob rather than a row per user: a 100,000-student roster is one INSERT of a few
    MB instead of 100,000 rows to write, index and later delete, and it is read back whole
    anyway (the parser's index needs every record).
    """

    __tablename__ = "roster_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("reconcile_runs.id"), unique=True)
    created_at: Mapped[datetime]
    format: Mapped[int] = mapped_column(Integer)
    users: Mapped[int] = mapped_column(Integer)
    orgs: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class MissingStudentRow(Base):
    """An enabled account whose student is not active in the roster, and since when.

    The grace period counts from ``missing_since``; the row goes when the student is back
    or the account has been disabled.
    """

    __tablename__ = "reconcile_missing"

    student_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    missing_since: Mapped[datetime]


class TechnicianRow(Base):
    """A person who reviews flagged tickets in the console or with ``ticketworker review``."""

    __tablename__ = "technicians"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    #: argon2id hash (the PHC string argon2-cffi produces); never the password.
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]


class ConsoleSessionRow(Base):
    """A technician's console login.

    The browser's cookie holds a random token; this row holds only its SHA-256, so a copy
    of the database does not let anyone in.  Logging out, disabling the technician or
    changing the password deletes rows, which ends those sessions at once.
    """

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime]
    #: Refreshed at most once a minute; a session idle past the limit ends.
    last_seen_at: Mapped[datetime]
    #: The absolute end, however busy the session.
    expires_at: Mapped[datetime]


class LoginFailureRow(Base):
    """One failed console login, so every console process throttles the same guesses."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: What the failure counts against: a hash of the typed name at the client address, or
    #: of the address alone (see Technicians.login_failed); the name need not be an account.
    username: Mapped[str] = mapped_column(String(64), index=True)
    failed_at: Mapped[datetime]
