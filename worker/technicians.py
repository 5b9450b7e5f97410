"""Technician accounts: who may review flagged tickets, with argon2id password hashes.

Accounts are created and disabled with ``ticketworker technician``; the console logs people
in against them, and every review action names one (the audit log's actor).  Passwords are
hashed with argon2-cffi's defaults (RFC 9106 low-memory profile) and re-hashed on login when
the parameters change; a disabled account can neither log in nor act.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .db import repo
from .db.tables import ConsoleSessionRow, LoginFailureRow, TechnicianRow

USERNAME = re.compile(r"[a-z][a-z0-9._-]{1,63}")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes anything; a megabyte "password" is an attack
#: A session's last-seen time is written at most this often (not on every page view).
SESSION_TOUCH = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    """How long a console session lasts: ``lifetime`` at most, ``idle`` without a request."""

    lifetime: timedelta = timedelta(hours=8)
    idle: timedelta = timedelta(hours=1)


@dataclass(frozen=True)
class LoginPolicy:
    """Failed logins allowed in ``window``, counted in every console process.

    ``limit`` per username *from one client address*: whoever guesses a technician's
    password from elsewhere locks only their own address out of that name, never the
    owner's.  ``address_limit`` per client address, whatever the names: one machine trying
    many names is held too.  (A client address is what the console sees; behind a reverse
    proxy, uvicorn takes it from X-Forwarded-For when the proxy is in FORWARDED_ALLOW_IPS.)
    """

    limit: int = 5
    window: timedelta = timedelta(minutes=15)
    address_limit: int = 20


@dataclass(frozen=True)
class ConsoleSession:
    """A live console session as ``ticketworker technician sessions`` lists it."""

    username: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
        return self._set_active(username, False, actor)

    def enable(self, username: str, *, actor: str) -> bool:
        """Let a disabled account log in again; False if there is none."""
        return self._set_active(username, True, actor)

    def _set_active(self, username: str, active: bool, actor: str) -> bool:
        now = self._clock()
        with self._sessions.begin() as s:
            row = s.scalar(select(TechnicianRow).where(TechnicianRow.username == username))
            if row is None:
                return False
            if row.active != active:
                row.active, row.updated_at = active, now
                action = "technician_enabled" if active else "technician_disabled"
                repo.audit(s, now, actor, action, technician=username)
            if not active:  # a disabled technician's sessions end at once
                s.execute(delete(ConsoleSessionRow).where(ConsoleSessionRow.username == username))
            return True

    def set_password(self, username: str, password: str, *, actor: str) -> bool:
        """Give the account a new password and end its sessions; False if there is none."""
        check_password(password)
        now = self._clock()
        with self._sessions.begin() as s:
            row = s.scalar(select(TechnicianRow).where(TechnicianRow.username == username))
            if row is None:
                return False
            row.password_hash, row.updated_at = self._hasher.hash(password), now
            s.execute(delete(ConsoleSessionRow).where(ConsoleSessionRow.username == username))
            s.execute(delete(LoginFailureRow).where(LoginFailureRow.username == username))
            repo.audit(s, now, actor, "technician_password_set", technician=username)
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

    # -- console sessions ----------------------------------------------------------------------
    def start_session(self, username: str, policy: SessionPolicy) -> str:
        """A new session for an authenticated technician: the token for the browser's cookie.

        Only the token's SHA-256 is stored.  Sessions that have ended are swept here, so
        the table holds about one row per live session.
        """
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._sessions.begin() as s:
            s.execute(
                delete(ConsoleSessionRow).where(
                    (ConsoleSessionRow.expires_at <= now)
                    | (ConsoleSessionRow.last_seen_at <= now - policy.idle)
                )
            )
            s.add(
                ConsoleSessionRow(
                    token_hash=_token_hash(token),
                    username=username,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + policy.lifetime,
                )
            )
        return token

    def session_technician(self, token: str, policy: SessionPolicy) -> Technician | None:
        """The active technician whose live session ``token`` is, or None.

        A session past its lifetime or idle limit, or whose technician was disabled since,
        is deleted and answers None.
        """
        now = self._clock()
        with self._sessions.begin() as s:
            row = s.scalar(
                select(ConsoleSessionRow).where(ConsoleSessionRow.token_hash == _token_hash(token))
            )
            if row is None:
                return None
            tech = s.scalar(
                select(TechnicianRow).where(
                    TechnicianRow.username == row.username, TechnicianRow.active.is_(True)
                )
            )
            if tech is None or row.expires_at <= now or row.last_seen_at <= now - policy.idle:
                s.delete(row)
                return None
            if now - row.last_seen_at >= SESSION_TOUCH:
                row.last_seen_at = now
            return technician_of(tech)

    def end_session(self, token: str) -> None:
        """Log one session out (nothing happens for an unknown token)."""
        with self._sessions.begin() as s:
            s.execute(
                delete(ConsoleSessionRow).where(ConsoleSessionRow.token_hash == _token_hash(token))
            )

    def end_sessions(self, username: str, *, actor: str) -> int:
        """Log every session of ``username`` out; how many there were."""
        now = self._clock()
        with self._sessions.begin() as s:
            mine = ConsoleSessionRow.username == username
            ended = s.scalar(select(func.count()).select_from(ConsoleSessionRow).where(mine)) or 0
            s.execute(delete(ConsoleSessionRow).where(mine))
            if ended:
                repo.audit(
                    s, now, actor, "technician_sessions_ended", technician=username, sessions=ended
                )
            return ended

    def live_sessions(self, policy: SessionPolicy) -> list[ConsoleSession]:
        """Sessions that have not ended, newest first."""
        now = self._clock()
        with self._sessions() as s:
            rows = s.scalars(
                select(ConsoleSessionRow)
                .where(
                    ConsoleSessionRow.expires_at > now,
                    ConsoleSessionRow.last_seen_at > now - policy.idle,
                )
                .order_by(ConsoleSessionRow.created_at.desc())
            )
            return [
                ConsoleSession(r.username, r.created_at, r.last_seen_at, r.expires_at) for r in rows
            ]

    # -- failed logins -------------------------------------------------------------------------
    def login_blocked(self, username: str, policy: LoginPolicy, address: str = "") -> bool:
        """Whether this address has used up its failed logins, for ``username`` or at all."""
        since = self._clock() - policy.window
        pair, by_address = _failure_keys(username, address)
        with self._sessions() as s:
            counts = dict(
                s.execute(
                    select(LoginFailureRow.username, func.count())
                    .where(
                        LoginFailureRow.username.in_((pair, by_address)),
                        LoginFailureRow.failed_at > since,
                    )
                    .group_by(LoginFailureRow.username)
                ).all()
            )
        return counts.get(pair, 0) >= policy.limit or counts.get(by_address, 0) >= (
            policy.address_limit
        )

    def login_failed(self, username: str, policy: LoginPolicy, address: str = "") -> None:
        """Count a failed login for the name at this address and for the address (and forget
        failures older than the window, of any name)."""
        now = self._clock()
        with self._sessions.begin() as s:
            s.execute(
                delete(LoginFailureRow).where(LoginFailureRow.failed_at <= now - policy.window)
            )
            for key in _failure_keys(username, address):
                s.add(LoginFailureRow(username=key, failed_at=now))

    def login_succeeded(self, username: str, address: str = "") -> None:
        """A right password clears the name's failures at this address (the address's own
        count stays: it is what holds a machine trying many names)."""
        pair, _ = _failure_keys(username, address)
        with self._sessions.begin() as s:
            s.execute(delete(LoginFailureRow).where(LoginFailureRow.username == pair))


def _failure_keys(username: str, address: str) -> tuple[str, str]:
    """The rows a failed login is counted under: (name at address, address).  Hashed: the
    table then holds neither client addresses nor the names people mistyped."""

    def key(kind: str, *parts: str) -> str:
        return f"{kind}:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()[:40]

    return key("name", username, address), key("addr", address)


__all__ = [
    "ConsoleSession",
    "LoginPolicy",
    "SessionPolicy",
    "Technician",
    "TechnicianError",
    "Technicians",
    "check_password",
    "technician_of",
]
