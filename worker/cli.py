"""The ``ticketworker`` command line."""

from __future__ import annotations

import logging

import typer

from .commands.parse import parse_command

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
app.command("parse")(parse_command)


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="debug logging")) -> None:
    """ticketworker: student portal account resets from help-desk tickets."""
    # Logs go to stderr; stdout carries only command output (the parse contract needs that).
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def main() -> None:
    """Console-script entry point."""
    app()
