"""The ``ticketworker`` command line."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)


@app.callback()
def _root() -> None:
    """ticketworker: student portal account resets from help-desk tickets."""


def main() -> None:
    """Console-script entry point."""
    app()
