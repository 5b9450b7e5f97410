"""The portal's own tables (SQLAlchemy Core), separate from the worker's state database.

``SqlAccountStore.create_schema`` creates them with ``metadata.create_all``; the worker's
Alembic migrations never touch them.  The tables can live in a PostgreSQL schema of their
own (``schema_translate_map``), which is also how the tests keep parallel runs apart.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
)

from ..sqltypes import UtcDateTime
from ._rules import MAX_NAME_LENGTH, MAX_QUESTION_LENGTH

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

HASH_LENGTH = 255
KEY_LENGTH = 200
ACTOR_LENGTH = 200
REASON_LENGTH = 500


def _timestamp(name: str, nullable: bool = False) -> Column[datetime]:
    return Column(name, UtcDateTime(), nullable=nullable)


def _student_id_column(*, primary_key: bool = False) -> Column[str]:
    if primary_key:
        return Column("student_id", String(7), primary_key=True)
    return Column(
        "student_id",
        String(7),
        ForeignKey("portal_accounts.student_id", ondelete="CASCADE"),
        nullable=False,
    )


accounts = Table(
    "portal_accounts",
    metadata,
    _student_id_column(primary_key=True),
    Column("first_name", String(MAX_NAME_LENGTH), nullable=False),
    Column("last_name", String(MAX_NAME_LENGTH), nullable=False),
    Column("claimed", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False),
    # argon2 hash of the current password; NULL while unclaimed.
    Column("password_hash", String(HASH_LENGTH), nullable=True),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    _timestamp("claimed_at", nullable=True),
    _timestamp("last_reset_at", nullable=True),
    # The ID format is checked in Python too; the database refuses a bad row from anyone else.
    CheckConstraint("student_id ~ '^0[0-9]{6}$'", name="student_id_format").ddl_if(
        dialect="postgresql"
    ),
    CheckConstraint(
        "student_id GLOB '0[0-9][0-9][0-9][0-9][0-9][0-9]'", name="student_id_format"
    ).ddl_if(dialect="sqlite"),
    CheckConstraint("claimed OR password_hash IS NULL", name="unclaimed_has_no_password"),
)

challenge_answers = Table(
    "portal_challenge_answers",
    metadata,
    _student_id_column(),
    Column("position", SmallInteger, nullable=False),
    # The question as the student chose it (shown back at "Forgot My Password").
    Column("question", String(MAX_QUESTION_LENGTH), nullable=False),
    # argon2 hash of the answer normalised for case and spacing (``normalise_answer``).
    Column("answer_hash", String(HASH_LENGTH), nullable=False),
    PrimaryKeyConstraint("student_id", "position"),
    CheckConstraint("position BETWEEN 1 AND 3", name="three_questions"),
)

password_history = Table(
    "portal_password_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _student_id_column(),
    Column("password_hash", String(HASH_LENGTH), nullable=False),
    _timestamp("set_at"),
    # When the password stopped being the current one (changed or reset); NULL while current.
    # "Used in the last N days" means current, or retired within N days.
    _timestamp("retired_at", nullable=True),
    Index(None, "student_id"),
)

# One row per idempotency key the store has answered, written in the same transaction as the
# reset it describes: a redelivered job finds its key and changes nothing.  No foreign key:
# a key is recorded for an unknown ID too, so an account created later is not reset by it.
reset_keys = Table(
    "portal_reset_keys",
    metadata,
    Column("idempotency_key", String(KEY_LENGTH), primary_key=True),
    Column("student_id", String(7), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("actor", String(ACTOR_LENGTH), nullable=False),
    Column("reason", String(REASON_LENGTH), nullable=False),
    _timestamp("recorded_at"),
)
