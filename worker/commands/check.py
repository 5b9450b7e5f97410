"""``ticketworker check``: try every configured part for real, one row each, and say the fix.

Read-only: nothing is created, reset or posted.  The connectors check themselves
(``self_check()``, :mod:`connectors.checks`) whatever kind the settings build; this command
adds what only the worker knows (the state database's migration, the broker, the templates,
the console's secret) and one cross-check: an active student of the roster has an account.
Exit status 0 only when every row passes, so compose healthchecks and monitoring can use it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from connectors.checks import Check, SelfChecking

from .errors import ExitCode, UserError, explain, hidden_password

if TYPE_CHECKING:  # `check --help` should not load the settings
    from ..settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    """One line of the table: the part (help-desk, roster...) and what was checked."""

    part: str
    name: str
    ok: bool
    detail: str
    fix: str


def check_command(
    as_json: Annotated[
        bool, typer.Option("--json", help="one JSON object on stdout (for monitoring)")
    ] = False,
    only: Annotated[
        str,
        typer.Option(
            help="comma-separated parts to check (e.g. state-database,broker for a "
            "healthcheck): " + ", ".join(PARTS)
        ),
    ] = "",
) -> None:
    """Check every configured part for real (state database, broker, help-desk, roster,
    account store, templates, console secret); exit 0 only when all pass."""
    parts = [p.strip() for p in only.split(",") if p.strip()] or list(PARTS)
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise UserError(
            f"--only: no part {unknown[0]!r}", f"use some of {', '.join(PARTS)}", ExitCode.USAGE
        )
    # The checks' own findings are the output; connector retries would only repeat them.
    for noisy in ("connectors", "alembic"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    from ..settings import get_settings

    rows = run_checks(get_settings(), parts)
    ok = all(row.ok for row in rows)
    if as_json:
        typer.echo(json.dumps({"ok": ok, "checks": [asdict(row) for row in rows]}))
    else:
        _print(rows)
    raise typer.Exit(ExitCode.OK if ok else ExitCode.PROBLEM)


def run_checks(settings: Settings, parts: list[str] | None = None) -> list[Row]:
    rows: list[Row] = []
    for part in parts or PARTS:
        rows.extend(_guarded(part.replace("-", " "), PARTS[part], settings))
    return rows


def _guarded(
    part: str, checker: Callable[[Settings], list[Check]], settings: Settings
) -> list[Row]:
    """A part whose check itself fails (cannot even be built) is a failed row, not a crash."""
    try:
        checks = checker(settings)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a row with its fix
        log.debug("check of %s failed", part, exc_info=True)
        error = explain(exc, settings)
        if error is None:
            text, fix = f"unexpected failure ({type(exc).__name__})", "run with --debug"
        else:
            text, _, fix = error.lines[0].partition("; fix: ")
        checks = [Check(part, False, text, fix)]
    return [Row(part, c.name, c.ok, c.detail, c.fix) for c in checks]


def _self_checks(connector: object, name: str) -> list[Check]:
    if isinstance(connector, SelfChecking):
        return connector.self_check()
    return [Check(name, True, f"{type(connector).__name__} offers no self-check")]


def _closing(connector: object) -> None:
    close = getattr(connector, "close", None)
    if callable(close):
        close()


# -- the parts ------------------------------------------------------------------------------


def _state_database(settings: Settings) -> list[Check]:
    from ..db.migrate import head, stored_revision
    from ..db.session import make_engine

    where = hidden_password(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        stored = stored_revision(engine)
    finally:
        engine.dispose()
    latest = head()
    if stored == latest:
        return [Check("state database migrations", True, f"{where} at revision {latest}")]
    found = "has no ticketworker tables" if stored is None else f"is at revision {stored}"
    return [
        Check(
            "state database migrations",
            False,
            f"{where} {found}; this version needs {latest}",
            "run `ticketworker init`",
        )
    ]


def _broker(settings: Settings) -> list[Check]:
    where = hidden_password(settings.broker_url)
    fix = "start Redis, or correct TICKETWORKER_BROKER_URL"
    if settings.broker_url.startswith(("redis://", "rediss://")):
        import redis

        client = redis.Redis.from_url(
            settings.broker_url, socket_connect_timeout=3, socket_timeout=3
        )
        try:
            client.ping()
        except redis.RedisError as exc:
            return [Check("broker reachable", False, f"{where}: {type(exc).__name__}", fix)]
        finally:
            client.close()
        return [Check("broker reachable", True, where)]
    from kombu.connection import Connection

    with Connection(settings.broker_url, connect_timeout=3) as connection:  # type: ignore[no-untyped-call]
        try:
            connection.ensure_connection(max_retries=1)
        except Exception as exc:  # noqa: BLE001 - kombu raises the transport's own kinds
            return [Check("broker reachable", False, f"{where}: {type(exc).__name__}", fix)]
    return [Check("broker reachable", True, where)]


def _helpdesk(settings: Settings) -> list[Check]:
    from connectors.helpdesk import build_helpdesk

    helpdesk = build_helpdesk(settings.helpdesk)
    try:
        return _self_checks(helpdesk, "help-desk")
    finally:
        _closing(helpdesk)


def _roster(settings: Settings) -> list[Check]:
    from connectors.roster import build_roster_source

    return _self_checks(build_roster_source(settings.roster), "roster")


def _accounts(settings: Settings) -> list[Check]:
    from connectors.accounts import build_accounts

    store = build_accounts(settings.accounts)
    try:
        checks = _self_checks(store, "account store")
        if all(c.ok for c in checks):
            checks.append(_known_student(settings, store))
        return checks
    finally:
        _closing(store)


def _known_student(settings: Settings, store: Any) -> Check:
    """A dry lookup of one active student of the roster (the ID stays out of the output)."""
    from connectors.roster import build_roster_source

    name = "account store: a roster student's account"
    try:
        roster = build_roster_source(settings.roster).load()
    except Exception:  # noqa: BLE001 - the roster's own row says what is wrong
        return Check(name, True, "not checked: the roster does not load (see its row)")
    student = next((u for u in roster.users if u.is_student and u.active), None)
    if student is None:
        return Check(name, True, "not checked: the roster has no active student")
    if store.lookup(student.identifier) is None:
        return Check(
            name,
            False,
            "the first active student of the roster has no account",
            "run `ticketworker reconcile` (it creates accounts for roster students)",
        )
    return Check(name, True, "the first active student of the roster has one (lookup only)")


def _templates(settings: Settings) -> list[Check]:
    from ..messages import BUILTIN_TEMPLATES, Messages, Portal

    messages = Messages(
        Portal(settings.portal_name, settings.portal_url, settings.sis_name),
        settings.templates_dir,
    )
    names = sorted(p.name for p in BUILTIN_TEMPLATES.glob("*.j2"))
    for template in names:
        messages.env.get_template(template)  # a syntax error names its file and line
    # A district's copy may use a variable that does not exist: render the reply once.
    messages._reply(
        generic=False,
        reset=[{"name": "Sample Student", "student_id": "0000000"}],
        unclaimed=[],
        corrections=[],
        review=["Sample Student (no ID)"],
        no_students=False,
        marker="tw-check",
    )
    where = f"{settings.templates_dir} over the built-in ones" if settings.templates_dir else ""
    return [Check("templates render", True, where or f"the built-in {len(names)} templates")]


def _console_secret(settings: Settings) -> list[Check]:
    from ..console.security import MIN_SECRET_LENGTH

    name = "console secret"
    fix = (
        f"set TICKETWORKER_CONSOLE_SECRET ({MIN_SECRET_LENGTH}+ characters, e.g. the output "
        "of `python3 -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
    )
    if settings.console_secret is not None:
        if len(settings.console_secret.get_secret_value()) < MIN_SECRET_LENGTH:
            return [Check(name, False, "TICKETWORKER_CONSOLE_SECRET is too short", fix)]
        return [Check(name, True, "TICKETWORKER_CONSOLE_SECRET is set")]
    file = settings.console_secret_file
    try:
        stored = file.read_text().strip()
    except OSError:
        stored = ""
    if len(stored) >= MIN_SECRET_LENGTH:
        detail = f"generated into {file} (keep it on a volume, or set the variable)"
        return [Check(name, True, detail)]
    return [Check(name, False, "not set, and none generated yet", fix)]


def _print(rows: list[Row]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="ticketworker check")
    for column in ("", "check", "found", "fix"):
        table.add_column(column)
    for row in rows:
        mark = Text("✓", style="green") if row.ok else Text("✗", style="bold red")
        # Text(), not markup: details quote names from other systems.
        table.add_row(mark, Text(row.name), Text(row.detail), Text(row.fix))
    console = Console()
    console.print(table)
    failed = sum(not row.ok for row in rows)
    console.print(
        "all checks passed" if not failed else f"{failed} of {len(rows)} checks failed",
        highlight=False,
    )


#: The parts, in the order a person would fix them (``--only`` takes these names).
PARTS: dict[str, Callable[[Settings], list[Check]]] = {
    "state-database": _state_database,
    "broker": _broker,
    "help-desk": _helpdesk,
    "roster": _roster,
    "account-store": _accounts,
    "templates": _templates,
    "console": _console_secret,
}
