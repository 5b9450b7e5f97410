"""Every failure a user can cause, as one or two lines and a documented exit code.

``ticketworker``'s entry point hands any exception a command lets out to :func:`explain`; what
comes back is printed instead of a traceback (``--debug`` shows the traceback).  Commands
raise :class:`UserError` for what they find themselves (no schema, a bad file).  Messages
name the variable, URL (never its password) or file and line, and the fix; never a secret
and never a student's data, so an exception's own text is only used where it is known to be
free of both (the connectors' errors, the database driver's connection errors).
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..settings import Settings


class ExitCode(IntEnum):
    """The exit codes of ``ticketworker`` (README, "Exit codes"); sysexits.h where one fits."""

    OK = 0
    #: The command ran and found a problem it reports (``check`` failures, a refused action).
    PROBLEM = 1
    #: Wrong command-line usage (click's own code).
    USAGE = 2
    BAD_FILE = 65  # EX_DATAERR: a file that cannot be read as what it should be
    UNAVAILABLE = 69  # EX_UNAVAILABLE: a service unreachable or refusing
    INTERNAL = 70  # EX_SOFTWARE: a bug in ticketworker
    CREDENTIALS = 77  # EX_NOPERM: credentials refused or lacking a right
    CONFIG = 78  # EX_CONFIG: bad settings, or the state database not set up (`init`)


class UserError(Exception):
    """A failure the user can fix: the lines to print and the exit code."""

    def __init__(self, message: str, fix: str = "", code: ExitCode = ExitCode.CONFIG) -> None:
        self.lines = [message + (f"; fix: {fix}" if fix else "")]
        self.code = code
        super().__init__(self.lines[0])


INIT_FIX = "run `ticketworker init`"


def hidden_password(url: str) -> str:
    """A SQLAlchemy or broker URL with its password replaced by ***."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL SQLAlchemy reads: show its scheme only
        return url.split("://", 1)[0] + "://***" if "://" in url else "(not a URL)"


def no_schema(url: str) -> UserError:
    return UserError(
        f"the state database at {hidden_password(url)} (TICKETWORKER_DATABASE_URL) has no "
        "ticketworker tables yet, or an older version of them",
        INIT_FIX,
    )


def _missing_table(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    relation_missing = "relation" in text and "does not exist" in text
    return code == "42P01" or "no such table" in text or relation_missing


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def explain(exc: BaseException, settings: Settings | None = None) -> UserError | None:
    """The user's words for ``exc``, or None when it is a bug (the caller says so)."""
    if isinstance(exc, UserError):
        return exc
    from ..config_errors import ConfigError, validation_lines

    if isinstance(exc, ConfigError):
        error = UserError("bad configuration")
        error.lines = [*exc.lines]
        return error
    from pydantic import ValidationError

    if isinstance(exc, ValidationError) and exc.title == "Settings":
        from ..settings import Settings as SettingsClass

        error = UserError("bad configuration")
        error.lines = validation_lines(exc, SettingsClass)
        return error
    return _explain_io(exc, settings)


def _explain_io(exc: BaseException, settings: Settings | None) -> UserError | None:
    import jinja2
    from sqlalchemy import exc as sa_exc

    from connectors.errors import AuthError, ConfigurationError, ConnectorError, TransientError

    if isinstance(exc, ConfigurationError):
        return UserError(f"bad configuration: {exc}")  # the message names the settings

    if isinstance(exc, AuthError):
        return UserError(
            f"credentials refused: {exc}",
            "check the token or password in the environment or .env (`ticketworker check` "
            "says which part)",
            ExitCode.CREDENTIALS,
        )
    if isinstance(exc, TransientError):
        return UserError(
            f"a service did not answer: {exc}",
            "check that it runs and that its URL is right (`ticketworker check`)",
            ExitCode.UNAVAILABLE,
        )
    if isinstance(exc, ConnectorError):
        return UserError(
            f"a service refused: {exc}", "run `ticketworker check`", ExitCode.UNAVAILABLE
        )
    if isinstance(exc, sa_exc.DBAPIError | sa_exc.NoSuchTableError):
        url = settings.database_url if settings else "?"
        if _missing_table(exc):
            return no_schema(url)
        if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
            return UserError(
                f"cannot use the state database at {hidden_password(url)} "
                f"(TICKETWORKER_DATABASE_URL): {_first_line(exc)}",
                "start the database or correct TICKETWORKER_DATABASE_URL",
                ExitCode.UNAVAILABLE,
            )
    if isinstance(exc, sa_exc.ArgumentError):
        return UserError(
            f"a database URL (TICKETWORKER_DATABASE_URL or TICKETWORKER_ACCOUNTS__URL) cannot "
            f"be read: {_first_line(exc)}",
            "write it as dialect+driver://user:password@host/database",
        )
    if type(exc).__module__.startswith(("kombu", "redis")) and "Connection" in repr(type(exc)):
        url = settings.broker_url if settings else "?"
        return UserError(
            f"cannot reach the broker at {hidden_password(url)} (TICKETWORKER_BROKER_URL): "
            f"{_first_line(exc)}",
            "start Redis or correct TICKETWORKER_BROKER_URL",
            ExitCode.UNAVAILABLE,
        )
    from connectors.roster.base import RosterError

    if isinstance(exc, RosterError):
        return UserError(
            f"the roster cannot be used: {exc}",
            "correct the export, or TICKETWORKER_ROSTER__PATH",
            ExitCode.BAD_FILE,
        )
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return UserError(
            f"template {exc.filename or exc.name} line {exc.lineno}: {exc.message}",
            "correct the template (TICKETWORKER_TEMPLATES_DIR)",
            ExitCode.BAD_FILE,
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return UserError(
            f"template {exc.name} not found",
            "copy it from worker/templates/ into TICKETWORKER_TEMPLATES_DIR",
            ExitCode.BAD_FILE,
        )
    if isinstance(exc, json.JSONDecodeError):
        return UserError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "correct the file",
            ExitCode.BAD_FILE,
        )
    if isinstance(exc, OSError) and exc.filename:
        return UserError(
            f"cannot use {exc.filename}: {exc.strerror or type(exc).__name__}",
            "check the path and its permissions",
            ExitCode.BAD_FILE,
        )
    if isinstance(exc, ConnectionError):
        return UserError(
            f"a service did not answer: {_first_line(exc)}",
            "run `ticketworker check`",
            ExitCode.UNAVAILABLE,
        )
    return None


def require_schema(settings: Settings) -> None:
    """Stop with "run `ticketworker init`" when the state database has no ticketworker tables."""
    from ..db.migrate import stored_revision
    from ..db.session import make_engine

    engine = make_engine(settings.database_url)
    try:
        if stored_revision(engine) is None:
            raise no_schema(settings.database_url)
    finally:
        engine.dispose()


def require_account_tables(settings: Settings) -> None:
    """Stop before any work when the account store ticketworker owns has no tables yet.

    Without them the first reset fails after its ticket was claimed, and the ticket waits
    in ``resetting`` for the sweep.
    """
    from connectors.accounts import build_accounts

    store = build_accounts(settings.accounts)
    missing = getattr(store, "missing_tables", None)
    try:
        absent = missing() if missing is not None else []
    finally:
        close = getattr(store, "close", None)
        if close is not None:
            close()
    if absent:
        url = getattr(settings.accounts, "url", "")
        raise UserError(
            f"the account store {hidden_password(url)} (TICKETWORKER_ACCOUNTS__URL) has no "
            f"portal tables ({', '.join(absent)})",
            INIT_FIX,
        )
