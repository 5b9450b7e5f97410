"""``ticketworker reconcile``: make the portal's accounts true to the SIS roster, now.

Exit status: 0 done (or planned, with ``--dry-run``) on a clean roster; 1 the safety floor
tripped or the roster had problems (listed on stderr with file, line and field); 2 the
roster or a store could not be used; 3 another reconciliation is running; 78 the state
database or the account store is not set up yet (run ``ticketworker init``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from connectors.errors import ConnectorError
from connectors.roster.base import RosterError

from ..reconcile import RunStatus, RunSummary, reconcile_once
from ..reconcile.items import CHANGE_KINDS, REPORT_KINDS, PlanKind
from ..settings import get_settings

PHASES = {
    "roster": "Loading the roster",
    "snapshot": "Saving the roster snapshot",
    "plan": "Comparing with the accounts",
    "apply": "Applying changes",
}


def reconcile_command(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="plan and report only; change nothing")
    ] = False,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", metavar="PATH", help="OneRoster CSV directory or .zip to use"),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE.csv", help="write every planned change here"),
    ] = None,
) -> None:
    """Reconcile the roster with the portal's accounts (create, rename, disable, re-enable)."""
    from .errors import require_account_tables, require_schema

    require_schema(get_settings())
    require_account_tables(get_settings())
    try:
        with _Bar(Console(stderr=True)) as bar:
            summary = reconcile_once(
                get_settings(),
                dry_run=dry_run,
                roster_path=roster,
                report_csv=report,
                progress=bar.update,
            )
    except RosterError as exc:
        typer.echo(f"error: roster {exc}", err=True)
        raise typer.Exit(2) from None
    except (ConnectorError, OSError) as exc:
        typer.echo(f"error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2) from None
    except SQLAlchemyError as exc:
        # Its text can quote statement parameters (student data): the kind only.
        typer.echo(
            f"error: state database: {type(exc).__name__} (run with -v for details)", err=True
        )
        raise typer.Exit(2) from None
    if summary.status is RunStatus.SKIPPED:
        typer.echo("another reconciliation is running; nothing done", err=True)
        raise typer.Exit(3)
    # Plain lines (not Rich) for messages: never re-wrapped, so a script can grep them.
    for issue in summary.roster_issues:
        typer.echo(f"roster problem: {issue}", err=True)
    unusable = summary.planned.get(PlanKind.ROSTER_PROBLEM.value, 0)
    if unusable:
        # Counted, not listed: each is a student's record (the --report file names them).
        typer.echo(
            f"roster problem: {unusable} students' records cannot be used as they stand "
            "(a malformed student ID or a blank name; --report lists them)",
            err=True,
        )
    Console().print(summary_table(summary))
    if summary.floor_tripped:
        typer.echo(f"safety floor tripped: {summary.floor_reason}; nothing applied", err=True)
    if report is not None:
        typer.echo(f"report: {summary.report_rows} rows in {report}")
    raise typer.Exit(0 if summary.ok else 1)


def summary_table(summary: RunSummary) -> Table:
    """Planned and applied counts per kind, under a title with the run's outcome."""
    title = f"Reconciliation run {summary.run_id}: {summary.status}"
    table = Table(title=title, title_justify="left")
    table.add_column("change")
    table.add_column("planned", justify="right")
    table.add_column("applied", justify="right")
    for kind in CHANGE_KINDS:
        applied = summary.applied.get(kind.value)
        planned = str(summary.planned.get(kind.value, 0))
        table.add_row(kind.value, planned, "-" if applied is None else str(applied))
    for kind in REPORT_KINDS:
        table.add_row(kind.value, str(summary.planned.get(kind.value, 0)), "report only")
    baseline = "none" if summary.baseline_students is None else str(summary.baseline_students)
    table.caption = (
        f"active students: {summary.active_students}\n"
        f"at the last good run: {baseline}\n"
        f"roster problems: {summary.roster_problems}"
    )
    table.caption_justify = "left"
    return table


class _Bar:
    """One Rich progress bar per phase, on stderr (stdout carries the summary)."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=False,
            # Bars on a terminal only: a log or a pipe gets the summary, not redraws.
            disable=not console.is_terminal,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> _Bar:
        self._progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._progress.stop()

    def update(self, phase: str, done: int, total: int | None) -> None:
        for other, task in self._tasks.items():
            if other != phase and not self._progress.tasks[task].finished:
                finished = self._progress.tasks[task].completed
                self._progress.update(task, total=max(finished, 1), completed=max(finished, 1))
        if phase not in self._tasks:
            self._tasks[phase] = self._progress.add_task(PHASES.get(phase, phase), total=total)
        self._progress.update(self._tasks[phase], completed=done, total=total)
