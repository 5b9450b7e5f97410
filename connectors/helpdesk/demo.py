"""The built-in demo help-desk: a real-enough help-desk in one SQLite file, no server needed.

Tickets live in ``<config.path>/helpdesk.sqlite3``, so the poller, the workers and the demo
command can be separate processes.  On first use the file is seeded from a directory of ticket
JSON files shaped ``{"id", "subject", "category", "requester", "content_type", "body",
"created_at"}`` (one object or a list per file); the JSON ``id`` names the sample, and the
desk numbers its tickets itself, as a product would.

From the pipeline's point of view it behaves like a product help-desk: numbered ids, a paged
listing, states ``new`` -> ``open`` (after a reply) -> ``resolved``, public replies and internal
notes readable back through :meth:`DemoHelpDesk.fetch`, and the worker's mark.  For a newcomer,
:meth:`DemoHelpDesk.posted` lists every reply and note the worker wrote.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from ..checks import Check
from ..errors import ConnectorError, PermanentError
from . import _demo_store
from ._demo_store import Store, parse_stamp, stamp
from .base import ContentType, Message, ReviewMark, Ticket, TicketRef
from .config import DemoHelpdeskConfig

DEFAULT_SAMPLES = Path(__file__).resolve().parents[2] / "worker" / "samples" / "tickets"
DATABASE_NAME = "helpdesk.sqlite3"
DESK_ADDRESS = "helpdesk@demo.invalid"  # author of the worker's replies and notes
WAITING = ("new", "open")
#: A sample named like a help-desk's ticket number ("NW-1001") keeps that name as its id, so
#: the demo shows the numbers its README speaks of; other tickets are numbered by the desk.
TICKET_NAME = re.compile(r"[A-Z]{2,}-\d+")


@dataclass(frozen=True)
class DemoPost:
    """A reply or note the worker posted, for the demo command to show."""

    id: int
    ticket_id: str
    subject: str
    kind: Literal["reply", "note"]
    body: str
    created_at: datetime


class DemoHelpDesk:
    """The demo help-desk (see the module docstring)."""

    def __init__(
        self,
        config: DemoHelpdeskConfig,
        *,
        samples: Path | None = DEFAULT_SAMPLES,
        page_size: int = 50,
        busy_timeout: float = 10.0,
    ) -> None:
        self._config = config
        self._page_size = page_size
        self._store = Store(Path(config.path) / DATABASE_NAME, busy_timeout, samples)

    @property
    def database(self) -> Path:
        """The SQLite file holding the desk."""
        return self._store.database

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield new and open tickets of the configured category, lowest id first, each once.

        Pages by ``id > last seen``, so resolving tickets while iterating skips none.
        """
        since = stamp(updated_since) if updated_since else ""
        last_id = 0
        while True:  # bounded: each full page moves last_id forward over finitely many ids
            with self._store.transaction(write=False) as db:
                rows = db.execute(
                    "SELECT id, sample, updated_at, mark FROM tickets WHERE category = ?"
                    " AND status IN (?, ?) AND id > ? AND updated_at >= ? ORDER BY id LIMIT ?",
                    (self._config.category, *WAITING, last_id, since, self._page_size),
                ).fetchall()
            for row in rows:
                last_id = row["id"]
                yield TicketRef(
                    id=_public_id(row),
                    updated_at=parse_stamp(row["updated_at"]),
                    mark=ReviewMark(row["mark"]),
                )
            if len(rows) < self._page_size:
                return

    def fetch(self, ticket_id: str) -> Ticket:
        """The ticket with its replies, notes and the requester's follow-ups, oldest first."""
        with self._store.transaction(write=False) as db:
            row = _row(db, ticket_id)
            found = db.execute(
                "SELECT * FROM messages WHERE ticket_id = ? ORDER BY id", (row["id"],)
            ).fetchall()
        return Ticket(
            id=_public_id(row),
            subject=row["subject"],
            requester=row["requester"],
            category=row["category"],
            content_type=row["content_type"],
            body=row["body"],
            created_at=parse_stamp(row["created_at"]),
            updated_at=parse_stamp(row["updated_at"]),
            status=row["status"],
            messages=tuple(_message(m) for m in found),
        )

    def reply(self, ticket_id: str, text: str) -> None:
        """A public reply; a new ticket becomes open, as in most help-desks."""
        self._post(ticket_id, "reply", text)

    def add_note(self, ticket_id: str, text: str) -> None:
        """An internal note; the requester does not see it."""
        self._post(ticket_id, "note", text)

    def resolve(self, ticket_id: str) -> None:
        """Resolve the ticket (idempotent); it is no longer listed."""
        self._update(ticket_id, "status = 'resolved'")

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Set or clear (``ReviewMark.NONE``) the worker's mark."""
        self._update(ticket_id, "mark = ?", (mark.value,))

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """The worker's mark, ``ReviewMark.NONE`` when none is set."""
        with self._store.transaction(write=False) as db:
            return ReviewMark(_row(db, ticket_id)["mark"])

    def self_check(self) -> list[Check]:
        """The desk's file opens and holds tickets of the configured category."""
        try:
            with self._store.transaction(write=False) as db:
                waiting = db.execute(
                    "SELECT count(*) FROM tickets WHERE category = ? AND status IN (?, ?)",
                    (self._config.category, *WAITING),
                ).fetchone()[0]
        except ConnectorError as exc:
            fix = "correct TICKETWORKER_HELPDESK__PATH or its permissions"
            return [Check("help-desk (demo) database", False, str(exc), fix)]
        detail = f"{self.database}: {waiting} waiting in {self._config.category!r}"
        return [Check("help-desk (demo) database", True, detail)]

    # ------------------------------------------------------------------ demo and test helpers
    def add_ticket(
        self,
        subject: str,
        body: str,
        *,
        requester: str,
        category: str | None = None,
        content_type: ContentType = "text/plain",
        created_at: datetime | None = None,
    ) -> str:
        """File a new ticket as a requester would; returns its id."""
        created = stamp(created_at)
        with self._store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO tickets (subject, category, requester, content_type, body,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    subject,
                    category or self._config.category,
                    requester,
                    content_type,
                    body,
                    created,
                    created,
                ),
            )
        return str(cursor.lastrowid)

    def add_followup(
        self, ticket_id: str, body: str, content_type: ContentType = "text/plain"
    ) -> None:
        """The requester writes again (e.g. adds students); a resolved ticket reopens."""
        with self._store.transaction() as db:
            row = _row(db, ticket_id)
            _insert_message(db, row["id"], "followup", row["requester"], content_type, body)
            db.execute(
                "UPDATE tickets SET status = 'open' WHERE id = ? AND status = 'resolved'",
                (row["id"],),
            )

    def posted(self, after: int = 0) -> list[DemoPost]:
        """Every reply and note posted with an id above ``after``, oldest first."""
        with self._store.transaction(write=False) as db:
            rows = db.execute(
                "SELECT m.id, m.ticket_id, t.sample, t.subject, m.kind, m.body, m.created_at"
                " FROM messages m JOIN tickets t ON t.id = m.ticket_id"
                " WHERE m.kind IN ('reply', 'note') AND m.id > ? ORDER BY m.id",
                (after,),
            ).fetchall()
        return [
            DemoPost(
                r["id"],
                _public_id(r, "ticket_id"),
                r["subject"],
                r["kind"],
                r["body"],
                parse_stamp(r["created_at"]),
            )
            for r in rows
        ]

    def seed(self, directory: Path) -> int:
        """Add the sample tickets in ``directory`` not added before; returns how many."""
        with self._store.transaction() as db:
            return _demo_store.seed(db, directory)

    # ------------------------------------------------------------------ helpers
    def _update(self, ticket_id: str, assignment: str, values: tuple[Any, ...] = ()) -> None:
        with self._store.transaction() as db:
            row = _row(db, ticket_id)
            db.execute(
                f"UPDATE tickets SET {assignment}, updated_at = ? WHERE id = ?",
                (*values, stamp(), row["id"]),
            )

    def _post(self, ticket_id: str, kind: Literal["reply", "note"], text: str) -> None:
        if not text.strip():
            raise PermanentError("refusing to post an empty message")
        with self._store.transaction() as db:
            row = _row(db, ticket_id)
            _insert_message(db, row["id"], kind, DESK_ADDRESS, "text/plain", text)
            if kind == "reply":
                db.execute(
                    "UPDATE tickets SET status = 'open' WHERE id = ? AND status = 'new'",
                    (row["id"],),
                )


def _public_id(row: sqlite3.Row, number: str = "id") -> str:
    sample = row["sample"]
    return sample if sample and TICKET_NAME.fullmatch(sample) else str(row[number])


def _row(db: sqlite3.Connection, ticket_id: str) -> sqlite3.Row:
    row: sqlite3.Row | None
    if TICKET_NAME.fullmatch(ticket_id):
        row = db.execute("SELECT * FROM tickets WHERE sample = ?", (ticket_id,)).fetchone()
    elif ticket_id.isascii() and ticket_id.isdigit():
        row = db.execute("SELECT * FROM tickets WHERE id = ?", (int(ticket_id),)).fetchone()
    else:
        raise PermanentError(f"not a demo ticket id: {ticket_id!r}")
    if row is None:
        raise PermanentError(f"demo ticket {ticket_id} does not exist")
    return row


def _message(row: sqlite3.Row) -> Message:
    return Message(
        id=str(row["id"]),
        author=row["author"],
        created_at=parse_stamp(row["created_at"]),
        content_type=row["content_type"],
        body=row["body"],
        public=row["kind"] != "note",
        from_requester=row["kind"] == "followup",
    )


def _insert_message(
    db: sqlite3.Connection, number: int, kind: str, author: str, content_type: str, body: str
) -> None:
    now = stamp()
    db.execute(
        "INSERT INTO messages (ticket_id, kind, author, content_type, body, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (number, kind, author, content_type, body, now),
    )
    db.execute("UPDATE tickets SET updated_at = ? WHERE id = ?", (now, number))
