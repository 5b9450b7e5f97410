"""Engine set-up and the one place where SQLAlchemy errors become :mod:`connectors.errors`."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy import exc as sa_exc

from connectors.errors import (
    AuthError,
    ConfigurationError,
    ConnectorError,
    PermanentError,
    TransientError,
)

log = logging.getLogger(__name__)

SUPPORTED_DIALECTS = frozenset({"postgresql", "sqlite"})
# Execution option that asks for a write transaction (BEGIN IMMEDIATE on SQLite).
WRITE_OPTION = "portal_write"
# sqlite3 messages that mean "busy right now" rather than "wrong forever".
_SQLITE_TRANSIENT = ("locked", "busy", "disk i/o")


class ConstraintViolation(PermanentError):
    """A unique or check constraint refused a write; callers that expect a race retry."""


def create_store_engine(url: str) -> Engine:
    """An engine for the account store: parameters hidden from error text (they hold PII)."""
    parsed = make_url(url)
    if parsed.get_backend_name() not in SUPPORTED_DIALECTS:
        # The backend's name only: the URL may carry a password.
        raise ConfigurationError(
            f"the account store supports {', '.join(sorted(SUPPORTED_DIALECTS))}, "
            f"not {parsed.get_backend_name()!r} (TICKETWORKER_ACCOUNTS__URL)"
        )
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, hide_parameters=True, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, hide_parameters=True)
    _use_real_sqlite_transactions(engine)
    return engine


def _use_real_sqlite_transactions(engine: Engine) -> None:
    """Take BEGIN away from the sqlite3 driver (SQLAlchemy's documented recipe).

    The driver's legacy mode starts no transaction for SELECT, so a read-then-write would
    race.  Writes start with BEGIN IMMEDIATE: the write lock is taken first, so two writers
    queue (busy timeout) instead of one failing with "database is locked" mid-transaction.
    WAL lets readers (a streaming ``all_accounts``) run beside a writer.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise SQLAlchemy failures as the project's kinds, without the original chained.

    The database's own text can hold student data (PostgreSQL's "Key (student_id)=(...)
    already exists"), and a chained cause ends up in tracebacks logged at ERROR.  So the
    original is logged at DEBUG only, and the new error names just its class and SQLSTATE.
    """
    try:
        yield
    except sa_exc.SQLAlchemyError as exc:
        log.debug("account store error", exc_info=True)
        raise _translate(exc) from None


def _translate(exc: sa_exc.SQLAlchemyError) -> ConnectorError:
    if isinstance(exc, sa_exc.OperationalError) and _login_refused(str(exc.orig)):
        return AuthError(
            "account store refused the login: check the user and password in the store's URL"
        )
    if isinstance(exc, sa_exc.TimeoutError):  # connection pool exhausted
        return TransientError("account store busy (no free connection)")
    if not isinstance(exc, sa_exc.DBAPIError):
        return PermanentError(f"account store failed ({type(exc).__name__})")
    code = getattr(exc.orig, "sqlstate", None)
    kind = type(exc.orig).__name__ + (f", SQLSTATE {code}" if code else "")
    if isinstance(exc, sa_exc.IntegrityError):
        return ConstraintViolation(f"account store refused a write ({kind})")
    if _is_transient(exc):
        return TransientError(f"account store unavailable ({kind})")
    return PermanentError(f"account store failed ({kind})")


def _is_transient(exc: sa_exc.DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    if isinstance(exc.orig, sqlite3.OperationalError):
        # sqlite3 also says OperationalError for "no such table", which retrying won't fix.
        return any(word in str(exc.orig).lower() for word in _SQLITE_TRANSIENT)
    return isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError)


def _login_refused(message: str) -> bool:
    """True for libpq's refused-login wording (it gives no SQLSTATE before a session exists)."""
    first_line = message.splitlines()[0] if message else ""
    return (
        "password authentication failed" in first_line
        or "no pg_hba.conf entry" in first_line
        or ('role "' in first_line and "does not exist" in first_line)
    )
