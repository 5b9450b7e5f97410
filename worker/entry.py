"""The ``ticketworker`` console script: `parse` starts light, every other command as before.

`ticketworker parse` is run once per ticket file by scorers and scripts, so its start-up is
most of its cost.  It imports only the parser, the roster reader and the ticket-file reader:
not the demo, the console, SQLAlchemy, Celery or the settings that the full command line
(:mod:`worker.cli`) imports for its other commands.
"""

from __future__ import annotations

import sys


def _command(argv: list[str]) -> str | None:
    """The first word that is not an option (``ticketworker -v parse ...`` -> ``parse``)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main() -> None:
    """Console-script entry point."""
    # Help goes through the full command line, which writes every command's help one way.
    if _command(sys.argv[1:]) == "parse" and not {"--help", "-h"} & set(sys.argv[1:]):
        from .commands.parse import parse_app

        parse_app()
        return
    from .cli import main as full_main

    full_main()
