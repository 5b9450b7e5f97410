"""The ``ticketworker`` command line."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from .commands.audit import audit_app
from .commands.bench import bench_app
from .commands.console import console_command
from .commands.demo import demo_command
from .commands.ops import beat_command, db_app, poll_command, status_command, worker_command
from .commands.parse import parse_command
from .commands.reconcile import reconcile_command
from .commands.review import review_app
from .commands.technician import technician_app

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
app.command("parse")(parse_command)
app.command("demo")(demo_command)
app.command("worker")(worker_command)
app.command("beat")(beat_command)
app.command("poll")(poll_command)
app.command("status")(status_command)
app.command("reconcile")(reconcile_command)
app.add_typer(db_app, name="db")
app.add_typer(review_app, name="review")
app.add_typer(technician_app, name="technician")
app.command("console")(console_command)
app.add_typer(bench_app, name="bench")
app.add_typer(audit_app, name="audit")


@app.callback()
def _root(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="debug logging")] = False,
) -> None:
    """ticketworker: student portal account resets from help-desk tickets."""
    # Logs go to stderr; stdout carries only command output (the parse contract needs that).
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def main() -> None:
    """Console-script entry point."""
    app()
