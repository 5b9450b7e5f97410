"""The ``ticketworker`` command line.

Commands are imported when they are run, not when the program starts: ``status`` should not
pay for Celery, FastAPI and the parser.  Every failure a user can cause ends in one or two
lines and an exit code (:mod:`.commands.errors`); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import logging
import sys
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

#: name -> (module under worker.commands, attribute, one-line help for ``--help``).
#: An attribute ending in ``_app`` is a group of commands (a Typer app).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("init", "init_command", "Create or upgrade everything ticketworker owns."),
    "check": ("check", "check_command", "Check every configured part for real."),
    "status": ("ops", "status_command", "Tickets by state, the oldest waiting ticket."),
    "poll": ("ops", "poll_command", "Poll the help-desk and process what is waiting."),
    "worker": ("ops", "worker_command", "Run a Celery worker for the pipeline's queues."),
    "beat": ("ops", "beat_command", "Run Celery beat: polls, sweeps, nightly reconcile."),
    "review": ("review", "review_app", "Technicians' review on the command line."),
    "technician": ("technician", "technician_app", "Technician accounts and sessions."),
    "console": ("console", "console_command", "Serve the technicians' web console."),
    "reconcile": ("reconcile", "reconcile_command", "Reconcile the roster and accounts."),
    "db": ("ops", "db_app", "The state database's migrations."),
    "parse": ("parse", "parse_command", "The parse contract: tickets in, JSON lines out."),
    "demo": ("demo", "demo_command", "The whole pipeline on the sample tickets."),
    "bench": ("bench", "bench_app", "Benchmarks (figures for the README)."),
    "audit": ("audit", "audit_app", "Verify and export the tamper-evident audit log."),
    "metrics": ("metrics", "metrics_app", "Prometheus metrics for Celery processes."),
}


class LazyGroup(TyperGroup):
    """A group whose commands load on first use (their modules import the heavy libraries)."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute, _help = COMMANDS[cmd_name]
        target = getattr(import_module(f"worker.commands.{module_name}"), attribute)
        if isinstance(target, typer.Typer):
            # Plain click help: no completion options, no "<bool>" metavars.
            target._add_completion = False
            target.rich_markup_mode = None
            command = typer.main.get_command(target)
        else:
            single = typer.Typer(add_completion=False, rich_markup_mode=None)
            single.command(cmd_name)(target)
            command = typer.main.get_command(single)
        command.name = cmd_name
        _plain_help(command)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # From the table, so `ticketworker --help` imports no command.
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry[2]) for name, entry in COMMANDS.items()])


def _plain_help(command: Any) -> None:
    """Docstrings quote code reST-style (``status``); help shows it as `status`."""
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text:
            setattr(command, attribute, text.replace("``", "`"))
    for param in command.params:
        # typer's own metavars read "{ticket} <str>"; click's convention is TICKET.
        if isinstance(param, TyperArgument):
            name = (param.name or "").upper()
            param.metavar = name
            usage = (name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else "")
            setattr(param, "_usage_display_name", lambda usage=usage: usage)  # noqa: B010
            setattr(param, "display_type_rich", lambda ctx: "")  # noqa: B010
        elif isinstance(param, TyperOption) and not param.is_flag and not param.count:
            if param.metavar is None or param.metavar.startswith("<"):
                param.metavar = (param.name or "value").upper()
    for sub in getattr(command, "commands", {}).values():
        _plain_help(sub)


app = typer.Typer(
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    help="ticketworker: student portal account resets from help-desk tickets.",
    rich_markup_mode=None,
)


@app.callback()
def _root(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="debug logging")] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="debug logging, and a traceback on errors")
    ] = False,
) -> None:
    """ticketworker: student portal account resets from help-desk tickets."""
    # Logs go to stderr; stdout carries only command output (the parse contract needs that).
    from .logs import configure

    configure(logging.DEBUG if verbose or debug else logging.INFO)
    if not _asks_for_help(sys.argv[1:]) and ctx.invoked_subcommand not in ("parse", None):
        # A misspelt variable must stop the program, never leave a default in place.
        from .config_errors import check_environment
        from .settings import Settings

        check_environment(Settings, Path(".env"))


def _asks_for_help(args: list[str]) -> bool:
    return "--help" in args or "-h" in args


def _settings_if_readable() -> Any:
    try:
        from .settings import get_settings

        return get_settings()
    except Exception:  # noqa: BLE001 - only used to name URLs in a message
        return None


def main() -> None:
    """Console-script entry point: the one place a failure becomes a message."""
    debug = "--debug" in sys.argv[1:]
    try:
        app()
    except Exception as exc:
        if debug:
            raise
        from .commands.errors import ExitCode, explain

        error = explain(exc, _settings_if_readable())
        if error is None:
            typer.echo(
                f"error: an unexpected failure inside ticketworker ({type(exc).__name__}); "
                "run the command again with --debug for the traceback and report it",
                err=True,
            )
            sys.exit(ExitCode.INTERNAL)
        for line in error.lines:
            typer.echo(f"error: {line}", err=True)
        sys.exit(error.code)
