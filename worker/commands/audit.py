"""``ticketworker audit``: prove the audit log was not changed, and hand it to the district.

``verify`` walks the hash chain (worker/db/audit_chain.py) and names the first row that
breaks it; exit 0 intact, 1 broken, 2 the state database could not be read.  ``export``
writes the rows since a date as JSON lines or CSV, hashes included, so the district's copy
can be checked against the database later.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from sqlalchemy.exc import SQLAlchemyError

from ..db import audit_chain
from ..db.session import make_sessions
from ..settings import get_settings
from ..wiring import state_engine

audit_app = typer.Typer(
    no_args_is_help=True, help="The audit log: verify its hash chain, export it."
)


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


@audit_app.command("verify")
def verify_command() -> None:
    """Check every audit row's hashes, in order; name the first row that does not hold."""
    with _state_database() as sessions, sessions() as session:
        report = audit_chain.verify(session)
    if report.broken is not None:
        typer.echo(
            f"audit chain BROKEN at {report.broken}; the {report.rows} rows before it are intact",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(
        f"audit chain intact: {report.rows} rows; last hash {report.head_hash} "
        "(keep it: a later verify must show this hash at this row count or beyond)"
    )


@audit_app.command("export")
def export_command(
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="rows at or after this UTC date or time (YYYY-MM-DD)"
        ),
    ] = None,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="jsonl (one JSON object a line) or csv")
    ] = ExportFormat.JSONL,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="write here (default: stdout)"),
    ] = None,
) -> None:
    """Write the audit rows (student IDs included: a FERPA record) with their hashes."""
    start = _parse_since(since) if since else None
    with _state_database() as sessions, sessions() as session, _opened(output) as out:
        rows = (audit_chain.export_record(r) for r in audit_chain.rows_since(session, start))
        written = _write(rows, output_format, out)
    if output is not None:
        typer.echo(f"{written} audit rows written to {output}", err=True)


def _parse_since(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        typer.echo(
            f"error: --since {value!r} is not a date (YYYY-MM-DD) or a time "
            "(YYYY-MM-DDTHH:MM, UTC unless it has an offset)",
            err=True,
        )
        raise typer.Exit(2) from None
    if isinstance(parsed, date) and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


@contextmanager
def _state_database() -> Iterator[audit_chain.SessionFactory]:
    settings = get_settings()
    engine = state_engine(settings)
    try:
        yield make_sessions(engine)
    except SQLAlchemyError as exc:
        # Its text can quote statement parameters (student data): the kind only.
        typer.echo(
            f"error: cannot read the audit log from TICKETWORKER_DATABASE_URL "
            f"({type(exc).__name__}); check that the database is up and migrated "
            "(ticketworker db upgrade)",
            err=True,
        )
        raise typer.Exit(2) from None
    finally:
        engine.dispose()


@contextmanager
def _opened(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    try:
        # Owner-only from the start: the file holds student IDs.
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        typer.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        raise typer.Exit(2) from None
    with open(descriptor, "w", encoding="utf-8", newline="") as file:
        yield file


_CSV_COLUMNS = [
    "seq",
    "id",
    "at",
    "actor",
    "action",
    "helpdesk_id",
    "student_id",
    "detail",
    "prev_hash",
    "row_hash",
]


def _write(rows: Iterator[dict[str, object]], output_format: ExportFormat, out: TextIO) -> int:
    written = 0
    if output_format is ExportFormat.JSONL:
        for record in rows:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            written += 1
        return written
    writer = csv.DictWriter(out, fieldnames=_CSV_COLUMNS)
    writer.writeheader()
    for record in rows:
        record["detail"] = json.dumps(record["detail"], ensure_ascii=False, sort_keys=True)
        writer.writerow({k: _no_formula(v) if isinstance(v, str) else v for k, v in record.items()})
        written += 1
    return written


def _no_formula(text: str) -> str:
    """A spreadsheet must not run a cell as a formula (OWASP CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
