"""Storage for the demo help-desk: one SQLite file shared by several processes, and its seeding.

WAL lets readers run beside one writer; every write takes ``BEGIN IMMEDIATE`` so two processes
queue on SQLite's lock (up to the busy timeout) instead of failing half-way.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import PermanentError, TransientError
from .base import ContentType

logger = logging.getLogger(__name__)

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS tickets (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sample TEXT UNIQUE,
        subject TEXT NOT NULL, category TEXT NOT NULL, requester TEXT NOT NULL,
        content_type TEXT NOT NULL, body TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new', mark TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS tickets_waiting ON tickets (category, status, id)",
    """CREATE TABLE IF NOT EXISTS messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id INTEGER NOT NULL REFERENCES tickets (id),
        kind TEXT NOT NULL CHECK (kind IN ('reply', 'note', 'followup')),
        author TEXT NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


def stamp(moment: datetime | None = None) -> str:
    """Fixed-width UTC text (naive means UTC), so SQLite compares timestamps as strings."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class Store:
    """Opens short-lived connections to the demo database; creates and seeds it once."""

    def __init__(self, database: Path, busy_timeout: float, samples: Path | None) -> None:
        self.database = database
        self._busy_timeout = busy_timeout
        database.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")  # persistent; not allowed inside a transaction
        with self.transaction() as db:
            for statement in SCHEMA:
                db.execute(statement)
            if db.execute("SELECT 1 FROM meta WHERE key = 'seeded'").fetchone() is None:
                added = seed(db, samples) if samples is not None else 0
                db.execute("INSERT INTO meta VALUES ('seeded', ?)", (stamp(),))
                logger.info("demo help-desk created at %s (%d sample tickets)", database, added)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction on a fresh connection; SQLite failures become TransientError."""
        try:
            db = self._connect()
        except sqlite3.Error as exc:
            raise TransientError(f"demo help-desk database unavailable: {exc}") from exc
        try:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield db
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # "database is locked" after the busy timeout
            db.rollback()
            raise TransientError(f"demo help-desk database busy: {exc}") from exc
        except BaseException:
            db.rollback()
            raise
        finally:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.database, timeout=self._busy_timeout, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        return db


class Sample(BaseModel):
    """One sample ticket file's object."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    id: str
    subject: str
    category: str
    requester: str
    content_type: ContentType = "text/plain"
    body: str
    created_at: datetime


def read_samples(file: Path) -> list[Sample]:
    """The sample tickets in one file (an object or a list of them)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        return [Sample.model_validate(item) for item in items]
    except (OSError, ValueError) as exc:  # ValidationError and JSONDecodeError are ValueErrors
        problem = "invalid fields" if isinstance(exc, ValidationError) else type(exc).__name__
        # No chained cause: a validation error would quote the ticket text.
        raise PermanentError(f"demo sample {file.name} is not a ticket ({problem})") from None


def seed(db: sqlite3.Connection, directory: Path) -> int:
    """Add the sample tickets in ``directory`` not added before; returns how many."""
    if not directory.is_dir():
        logger.info("no demo sample tickets at %s", directory)
        return 0
    added = 0
    for file in sorted(directory.glob("*.json")):
        for sample in read_samples(file):
            created = stamp(sample.created_at)
            cursor = db.execute(
                "INSERT OR IGNORE INTO tickets (sample, subject, category, requester,"
                " content_type, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sample.id,
                    sample.subject,
                    sample.category,
                    sample.requester,
                    sample.content_type,
                    sample.body,
                    created,
                    created,
                ),
            )
            added += cursor.rowcount
    return added
