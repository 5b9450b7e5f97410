"""The parser's roster: the latest good reconciliation snapshot, so verification and
reconciliation agree on who the students are and what they are called.

Before the first applied reconciliation there is no snapshot; the configured roster source
(through a :class:`~worker.wiring.CachedRoster`-like fallback) serves until there is one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from parsers import RosterIndex

from ..roster import index_roster
from . import runs
from .snapshot import SnapshotError, decode_roster

log = logging.getLogger(__name__)


class SnapshotRoster:
    """Serves the RosterIndex of the latest good snapshot, reloading when a newer one exists.

    The state database is asked for the latest snapshot's id at most every
    ``check_seconds``; the snapshot itself is read and indexed only when that id changes.
    If the database cannot be asked, or a new snapshot cannot be read, the index in hand
    keeps serving (and the problem is logged).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        fallback: Callable[[], RosterIndex],
        check_seconds: float = 10.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sessions = sessions
        self._fallback = fallback
        self._check_seconds = check_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._index: RosterIndex | None = None
        self._snapshot_id: int | None = None
        self._checked_at: float | None = None

    @property
    def snapshot_id(self) -> int | None:
        """The snapshot the index in hand was built from (None: the fallback serves)."""
        return self._snapshot_id

    def __call__(self) -> RosterIndex:
        with self._lock:
            now = self._monotonic()
            if self._checked_at is None or now - self._checked_at >= self._check_seconds:
                self._refresh()
                self._checked_at = now
            if self._index is not None:
                return self._index
        return self._fallback()

    def _refresh(self) -> None:
        try:
            with self._sessions() as session:
                latest = runs.latest_good_snapshot_id(session)
                if latest is None or latest == self._snapshot_id:
                    return
                data, sha256 = runs.snapshot_data(session, latest)
            roster = decode_roster(data, sha256)
        except (SQLAlchemyError, SnapshotError) as exc:
            if self._index is None:
                raise
            log.warning("roster snapshot not reloaded (%s); keeping the one in use", exc)
            return
        self._index = index_roster(roster).index
        self._snapshot_id = latest
        log.info("parser roster: snapshot %d (%d users)", latest, len(roster.users))
