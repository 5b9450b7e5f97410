"""Operating commands: worker, beat, poll, status, db."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from ..db import repo
from ..db.session import make_engine, make_sessions
from ..db.tables import OutboxRow, ResetJobRow, TicketRow, TicketState
from ..dispatch import ALL_QUEUES
from ..settings import get_settings
from .errors import require_account_tables, require_schema

console = Console(stderr=False)
db_app = typer.Typer(no_args_is_help=True, help="The state database.")


def worker_command(
    concurrency: Annotated[int, typer.Option(help="worker processes")] = 2,
    queues: Annotated[str, typer.Option(help="queues to consume")] = ALL_QUEUES,
    loglevel: Annotated[str, typer.Option(help="Celery log level")] = "INFO",
) -> None:
    """Run a Celery worker for the pipeline's queues."""
    from ..celery_app import app

    require_schema(get_settings())
    if not get_settings().dry_run:  # a dry run resets nothing
        require_account_tables(get_settings())
    from ..metrics import clean_multiprocess_dir

    clean_multiprocess_dir()
    app.worker_main(["worker", "-Q", queues, "-c", str(concurrency), "-l", loglevel])


def beat_command(
    schedule: Annotated[str, typer.Option(help="beat's schedule file")] = "var/celerybeat-schedule",
    loglevel: Annotated[str, typer.Option(help="Celery log level")] = "INFO",
) -> None:
    """Run Celery beat: polls the help-desk, sweeps lost work, reconciles the roster nightly."""
    from ..celery_app import app

    app.start(["beat", "-s", schedule, "-l", loglevel])


def poll_command(
    once: Annotated[bool, typer.Option("--once", help="poll one time, then stop")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="plan only, reset nothing")] = False,
    enqueue: Annotated[
        bool, typer.Option("--enqueue", help="hand the work to Celery workers")
    ] = False,
) -> None:
    """Poll the help-desk and process what is waiting, in this process (or via Celery)."""
    from ..dispatch import InlineDispatch
    from ..wiring import build_pipeline

    settings = get_settings()
    if dry_run:
        settings = settings.model_copy(update={"dry_run": True})
    require_schema(settings)
    if not settings.dry_run:  # a dry run resets nothing
        require_account_tables(settings)
    if enqueue:
        from ..celery_app import app
        from ..dispatch import CeleryDispatch

        pipeline = build_pipeline(settings, CeleryDispatch(app))
        inline = None
    else:
        inline = InlineDispatch()
        pipeline = build_pipeline(settings, inline)
    while True:
        report = pipeline.poll_once()
        steps = inline.drain(pipeline) if inline else 0
        console.print(
            f"polled: {report.seen} waiting, {len(report.queued)} to process"
            + (", skipped: another poll holds the lease" if report.skipped else "")
            + (f", {steps} steps run" if inline else "")
        )
        if once:
            return
        time.sleep(settings.poll_interval_seconds)


def status_command() -> None:
    """Tickets by state, the oldest waiting ticket, and work in flight."""
    settings = get_settings()
    require_schema(settings)
    sessions = make_sessions(make_engine(settings.database_url))
    now = datetime.now(UTC)
    with sessions() as s:
        # (a Result has .keys(), so dict() would take it for a mapping)
        query = select(TicketRow.state, func.count()).group_by(TicketRow.state)
        counts = {state: n for state, n in s.execute(query).tuples()}
        waiting_states = [
            TicketState.NEW,
            TicketState.PARSING,
            TicketState.RESETTING,
            TicketState.REPORTING,
        ]
        oldest = s.scalar(
            select(func.min(TicketRow.created_at)).where(TicketRow.state.in_(waiting_states))
        )
        resets = repo.resets_in_flight(s, now)
        outbox = s.scalar(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "pending")
        )
        refused = s.scalar(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "failed")
        )
        today = s.scalar(
            select(func.count())
            .select_from(ResetJobRow)
            .where(
                ResetJobRow.finished_at >= now - timedelta(days=1),
                ResetJobRow.outcome == "reset",
            )
        )
    table = Table(title="tickets by state")
    table.add_column("state")
    table.add_column("tickets", justify="right")
    for state in TicketState:
        table.add_row(state.value, str(counts.get(state.value, 0)))
    console.print(table)
    age = f"{(now - oldest).total_seconds() / 60:.0f} min" if oldest else "none"
    console.print(f"oldest waiting ticket: {age}")
    console.print(
        f"resets in flight: {resets.running} running, {resets.queued} queued; "
        f"replies to post: {outbox}; resets in 24 h: {today}"
    )
    if resets.abandoned:
        # Claimed by a worker that stopped renewing its lease: not in flight, but waiting
        # for the sweep (every TICKETWORKER_SWEEP_INTERVAL_SECONDS) to send them again.
        console.print(
            f"[bold yellow]resets whose worker stopped: {resets.abandoned}[/] "
            "(the sweep sends them again)"
        )
    if resets.stuck_tickets:
        console.print(
            f"[bold yellow]tickets resetting with every reset finished: "
            f"{resets.stuck_tickets}[/] (the sweep reports them)"
        )
    if refused:
        # Posts the help-desk refused for good: the teacher has not heard back on these.
        console.print(f"[bold red]posts the help-desk refused: {refused}[/] (see the audit log)")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations (safe to run again; `init` does this and more)."""
    from ..db.migrate import current, upgrade

    logging.getLogger("alembic").setLevel(logging.WARNING)
    engine = make_engine(get_settings().database_url)
    upgrade(engine)
    console.print(f"state database at revision {current(engine)}")


@db_app.command("current")
def db_current() -> None:
    """Show the database's migration revision."""
    from ..db.migrate import current

    console.print(str(current(make_engine(get_settings().database_url))))
