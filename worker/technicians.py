"""Technician accounts: who may review flagged tickets, with argon2id password hashes.

Accounts are created and disabled with ``ticketworker technician``; the console logs people
in against them, and every review action names one (the audit log's actor).  Passwords are
hashed with argon2-cffi's defaults (RFC 9106 low-memory profile) and re-hashed on login when
the parameters change; a disabled account can neither log in nor act.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .db import repo
from .db.tables import TechnicianRow

USERNAME = re.compile(r"[a-z][a-z0-9._-]{1,63}")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes anything; a megabyte "password" is an attack


class TechnicianError(ValueError):
    """A technician account could not be created or changed; the message says why."""


@dataclass(frozen=True)
class Technician:
    """A technician as the review code sees one (never the password hash)."""

    username: str
    display_name: str
    active: bool
    created_at: datetime
    last_login_at: datetime | None = None

    @property
    def label(self) -> str:
        """How notes name the technician: "Dana Reyes (dreyes)"."""
        return f"{self.display_name} ({self.username})"


def technician_of(row: TechnicianRow) -> Technician:
    """The view of a stored account."""
    return Technician(row.username, row.display_name, row.active, row.created_at, row.last_login_at)


def check_password(password: str) -> None:
    """Refuse passwords too short to resist guessing, or absurdly long."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise TechnicianError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise TechnicianError(f"the password may have at most {MAX_PASSWORD_LENGTH} characters")


class Technicians:
    """Technician accounts in the state database."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        hasher: PasswordHasher | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sessions = sessions
        self._hasher = hasher or PasswordHasher()
        self._clock = clock
        # Verified against when the username is unknown, so a failed login takes as long
        # whether or not the account exists.
        self._decoy = self._hasher.hash("not a password of anyone")

    def add(self, username: str, display_name: str, password: str, *, actor: str) -> Technician:
        """Create an active account; refuses a taken or malformed username."""
        username = username.strip().lower()
        if not USERNAME.fullmatch(username):
            raise TechnicianError(
                "a username is 2-64 characters: lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter"
            )
        display_name = " ".join(display_name.split())
        if not display_name or len(display_name) > 200:
            raise TechnicianError("give a display name of 1-200 characters")
        check_password(password)
        now = self._clock()
        row = TechnicianRow(
            username=username,
            display_name=display_name,
            password_hash=self._hasher.hash(password),
            active=True,
            created_at=now,
            updated_at=now,
        )
        try:
            with self._sessions.begin() as s:
                s.add(row)
                s.flush()
                repo.audit(s, now, actor, "technician_added", technician=username)
        except IntegrityError:
            raise TechnicianError(f"a technician named {username!r} already exists") from None
        return technician_of(row)

    def all(self) -> list[Technician]:
        with self._sessions() as s:
            rows = s.scalars(select(TechnicianRow).order_by(TechnicianRow.username))
            return [technician_of(r) for r in rows]

    def disable(self, username: str, *, actor: str) -> bool:
        """Disable an account (it can no longer log in or act); False if there is none."""
        now = self._clock()
        with self._sessions.begin() as s:
            row = s.scalar(select(TechnicianRow).where(TechnicianRow.username == username))
            if row is None:
                return False
            if row.active:
                row.active, row.updated_at = False, now
                repo.audit(s, now, actor, "technician_disabled", technician=username)
            return True

    def active(self, username: str) -> Technician | None:
        """The active account with this username, or None."""
        with self._sessions() as s:
            row = s.scalar(
                select(TechnicianRow).where(
                    TechnicianRow.username == username, TechnicianRow.active.is_(True)
                )
            )
            return technician_of(row) if row else None

    def authenticate(self, username: str, password: str) -> Technician | None:
        """The active account when the password is right; None otherwise (same time either way)."""
        username = username.strip().lower()
        with self._sessions.begin() as s:
            row = s.scalar(select(TechnicianRow).where(TechnicianRow.username == username))
            too_long = len(password) > MAX_PASSWORD_LENGTH
            stored = row.password_hash if row is not None and not too_long else self._decoy
            try:
                self._hasher.verify(stored, password[:MAX_PASSWORD_LENGTH])
            except (VerificationError, InvalidHashError):
                return None
            if too_long:
                return None
            if row is None or not row.active:
                return None
            now = self._clock()
            if self._hasher.check_needs_rehash(row.password_hash):
                row.password_hash = self._hasher.hash(password)
            row.last_login_at = now
            repo.audit(s, now, row.username, "technician_login")
            return technician_of(row)


__all__ = ["Technician", "TechnicianError", "Technicians", "check_password", "technician_of"]
