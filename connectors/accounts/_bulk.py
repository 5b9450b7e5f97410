"""Bulk statements for the roster reconciliation: one SQL statement per batch of students."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import TypeVar

from sqlalchemy import Connection, case, update
from sqlalchemy.dialects import postgresql, sqlite

from ._rules import MAX_NAME_LENGTH, clean_name
from ._tables import accounts
from .base import AccountNames, is_valid_student_id

T = TypeVar("T")


def batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    iterator = iter(items)
    while batch := tuple(islice(iterator, size)):
        yield batch


def checked_names(records: Iterable[AccountNames]) -> list[AccountNames]:
    """Validate and clean every record first, so a bad one stops the call before any write.

    The error says where the bad record is, never what it holds (student data).
    """
    cleaned: dict[str, AccountNames] = {}
    for position, record in enumerate(records):
        student_id = record.student_id.strip()
        first, last = clean_name(record.first_name), clean_name(record.last_name)
        if not is_valid_student_id(student_id):
            raise ValueError(f"record {position}: student ID is not 7 digits starting with 0")
        if not first or not last or max(len(first), len(last)) > MAX_NAME_LENGTH:
            raise ValueError(f"record {position}: a name is blank or too long")
        record = AccountNames(student_id, first, last)
        if cleaned.setdefault(student_id, record) != record:
            raise ValueError(f"record {position}: student ID repeated with other names")
    return list(cleaned.values())


def checked_ids(student_ids: Iterable[str]) -> list[str]:
    ids: dict[str, None] = {}
    for position, student_id in enumerate(student_ids):
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            raise ValueError(f"item {position}: student ID is not 7 digits starting with 0")
        ids[student_id] = None
    return list(ids)


def insert_unclaimed(conn: Connection, batch: Sequence[AccountNames], now: datetime) -> int:
    """One multi-row INSERT ... ON CONFLICT DO NOTHING; returns how many rows were new."""
    rows = [
        {
            "student_id": record.student_id,
            "first_name": record.first_name,
            "last_name": record.last_name,
            "claimed": False,
            "disabled": False,
            "created_at": now,
            "updated_at": now,
        }
        for record in batch
    ]
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(accounts).on_conflict_do_nothing().returning(accounts.c.student_id)
    # Parameters as a list (SQLAlchemy's "insertmanyvalues"): one compiled statement reused
    # for every batch instead of a fresh 500-row VALUES text each time.  RETURNING counts
    # what was inserted; rowcount is not reliable for INSERT (psycopg: -1).
    return len(conn.execute(statement, rows).all())


def rename(conn: Connection, batch: Sequence[AccountNames], now: datetime) -> int:
    """One UPDATE with CASE per name column (portable, unlike UPDATE ... FROM VALUES)."""
    student_id = accounts.c.student_id
    first = {record.student_id: record.first_name for record in batch}
    last = {record.student_id: record.last_name for record in batch}
    statement = (
        update(accounts)
        .where(student_id.in_(first))
        .values(
            first_name=case(first, value=student_id, else_=accounts.c.first_name),
            last_name=case(last, value=student_id, else_=accounts.c.last_name),
            updated_at=now,
        )
    )
    return conn.execute(statement).rowcount


def set_disabled(conn: Connection, batch: Sequence[str], disabled: bool, now: datetime) -> int:
    """One UPDATE per batch; counts only accounts whose state changed."""
    statement = (
        update(accounts)
        .where(accounts.c.student_id.in_(batch), accounts.c.disabled != disabled)
        .values(disabled=disabled, updated_at=now)
    )
    return conn.execute(statement).rowcount
