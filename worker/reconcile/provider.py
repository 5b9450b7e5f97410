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

    ``release_fallback`` is called once a snapshot serves, so the fallback can drop the
    roster it holds.  The state database is asked for the latest snapshot's id at most every
    ``check_seconds``; the snapshot itself is read and indexed only when that id changes.
    If the database cannot be asked, or a new snapshot cannot be read, the index in hand
    keeps serving (and the problem is logged); with nothing in hand, an unreadable snapshot
    means the fallback serves, an unreachable database raises (the caller retries).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        fallback: Callable[[], RosterIndex],
        check_seconds: float = 10.0,
        monotonic: Callable[[], float] = time.monotonic,
        release_fallback: Callable[[], None] | None = None,
    ) -> None:
        self._sessions = sessions
        self._fallback = fallback
        self._release_fallback = release_fallback
        self._check_seconds = check_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._index: RosterIndex | None = None
        self._snapshot_id: int | None = None
        self._unreadable_id: int | None = None
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
                if latest is None or latest in (self._snapshot_id, self._unreadable_id):
                    return
                data, sha256 = runs.snapshot_data(session, latest)
        except SQLAlchemyError as exc:
            if self._index is None:
                raise
            kind = type(exc).__name__
            log.warning("roster snapshot not checked (%s); keeping the one in use", kind)
            return
        try:
            roster = decode_roster(data, sha256)
        except SnapshotError as exc:
            # Do not read it again and again; the next good run writes a new one.
            self._unreadable_id = latest
            log.error("roster snapshot %d unreadable (%s); not used", latest, exc)
            return
        self._index = index_roster(roster).index
        self._snapshot_id = latest
        if self._release_fallback is not None:
            self._release_fallback()  # its index is not needed again: free the memory
        log.info("parser roster: snapshot %d (%d users)", latest, len(roster.users))
