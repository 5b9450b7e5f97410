"""``ticketworker parse``: the parse contract on ticket files, one JSON object per line."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from connectors.helpdesk.ticket_file import TicketFileError, load_ticket_file
from connectors.roster.base import RosterError
from parsers import parse_ticket

from ..roster import load_roster_index

log = logging.getLogger(__name__)


def parse_command(
    tickets: Annotated[list[Path], typer.Argument(help="ticket JSON files", show_default=False)],
    roster: Annotated[Path, typer.Option("--roster", help="OneRoster CSV directory or .zip")],
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="print, per line, what was read and by which rule, and why each student is "
            "ready or review (instead of JSON)",
        ),
    ] = False,
) -> None:
    """Parse ticket files against a roster; print one JSON object per ticket on stdout."""
    try:
        loaded = load_roster_index(roster)
    except RosterError as exc:
        typer.echo(f"error: roster {exc}", err=True)
        raise typer.Exit(2) from None
    status = 0
    for issue in loaded.issues:
        typer.echo(f"roster problem: {issue}", err=True)
        status = 1
    out = sys.stdout
    for path in tickets:
        try:
            ticket = load_ticket_file(path)
        except TicketFileError as exc:
            typer.echo(f"error: ticket {exc}", err=True)
            status = 1
            continue
        if explain:
            from parsers.explain import explain as explain_ticket

            _, text = explain_ticket(
                ticket.id,
                subject=ticket.subject,
                body=ticket.body,
                content_type=ticket.content_type,
                requester=ticket.requester,
                roster=loaded.index,
            )
            out.write("\n".join(text) + "\n\n")
            continue
        result = parse_ticket(
            ticket.id,
            subject=ticket.subject,
            body=ticket.body,
            content_type=ticket.content_type,
            requester=ticket.requester,
            roster=loaded.index,
        )
        out.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False) + "\n")
    out.flush()
    raise typer.Exit(status)


def parse_app() -> None:
    """`ticketworker parse` alone, with the root's --verbose, for the light entry point."""
    app = typer.Typer(add_completion=False)

    @app.callback()
    def _root(
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="debug logging")] = False,
    ) -> None:
        logging.basicConfig(
            level=logging.DEBUG if verbose else logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )

    app.command("parse")(parse_command)
    app()
