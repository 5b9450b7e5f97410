"""``ticketworker technician``: the accounts of the people who review flagged tickets."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import timedelta
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..db.session import make_sessions
from ..settings import get_settings
from ..technicians import SessionPolicy, TechnicianError, Technicians, check_password
from ..wiring import state_engine

technician_app = typer.Typer(no_args_is_help=True, help="Technician accounts (console, review).")
console = Console()


def _session_policy() -> SessionPolicy:
    settings = get_settings()
    return SessionPolicy(
        lifetime=timedelta(hours=settings.console_session_hours),
        idle=timedelta(minutes=settings.console_idle_minutes),
    )


def _technicians() -> Technicians:
    return Technicians(make_sessions(state_engine(get_settings())))


def _operator() -> str:
    """Who ran the command, for the audit log."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or "cli"


def _found(username: str, found: bool) -> None:
    """Stop with an error naming the account when there is none."""
    if not found:
        typer.echo(f"error: no technician named {username!r}", err=True)
        raise typer.Exit(1)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    for _ in range(3):
        first = getpass.getpass("Password: ")
        try:
            check_password(first)
        except TechnicianError as exc:
            typer.echo(str(exc), err=True)
            continue
        if getpass.getpass("Password again: ") == first:
            return first
        typer.echo("the two passwords differ", err=True)
    raise typer.Exit(1)


@technician_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="login name, e.g. dreyes")],
    name: Annotated[str, typer.Option("--name", help='display name, e.g. "Dana Reyes"')],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="read the password from the first line of stdin"),
    ] = False,
) -> None:
    """Create a technician account (the password is asked twice)."""
    password = _read_password(password_stdin)
    try:
        tech = _technicians().add(username, name, password, actor=_operator())
    except TechnicianError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    console.print(f"technician {tech.label} added")


@technician_app.command("list")
def list_() -> None:
    """List technician accounts."""
    table = Table(title="technicians")
    for column in ("username", "name", "active", "created", "last login"):
        table.add_column(column)
    for t in _technicians().all():
        table.add_row(
            t.username,
            t.display_name,
            "yes" if t.active else "no",
            t.created_at.strftime("%Y-%m-%d"),
            t.last_login_at.strftime("%Y-%m-%d %H:%M") if t.last_login_at else "never",
        )
    console.print(table)


@technician_app.command("disable")
def disable(username: Annotated[str, typer.Argument(help="login name")]) -> None:
    """Disable an account: it can no longer log in or act; its sessions end."""
    _found(username, _technicians().disable(username, actor=_operator()))
    console.print(f"technician {username} disabled")


@technician_app.command("enable")
def enable(username: Annotated[str, typer.Argument(help="login name")]) -> None:
    """Let a disabled account log in again."""
    _found(username, _technicians().enable(username, actor=_operator()))
    console.print(f"technician {username} enabled")


@technician_app.command("password")
def password(
    username: Annotated[str, typer.Argument(help="login name")],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="read the password from the first line of stdin"),
    ] = False,
) -> None:
    """Set a new password (asked twice); the account's console sessions end."""
    new = _read_password(password_stdin)
    try:
        found = _technicians().set_password(username, new, actor=_operator())
    except TechnicianError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    _found(username, found)
    console.print(f"password of {username} set; its console sessions ended")


@technician_app.command("sessions")
def sessions() -> None:
    """List live console sessions (who, since when, last request, end)."""
    table = Table(title="console sessions")
    for column in ("username", "logged in", "last request", "ends"):
        table.add_column(column)
    for entry in _technicians().live_sessions(_session_policy()):
        table.add_row(
            entry.username,
            entry.created_at.strftime("%Y-%m-%d %H:%M"),
            entry.last_seen_at.strftime("%Y-%m-%d %H:%M"),
            entry.expires_at.strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)


@technician_app.command("logout")
def logout(username: Annotated[str, typer.Argument(help="login name")]) -> None:
    """End every console session of a technician (a lost laptop, a shared screen)."""
    ended = _technicians().end_sessions(username, actor=_operator())
    console.print(f"{ended} console session(s) of {username} ended")
