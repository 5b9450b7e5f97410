"""``ticketworker review``: the console's actions from a shell, through the same ReviewService.

STUDENT is the student's number on the ticket, as ``review show`` prints it.  ``--as`` names
the technician (default: $USER), who must have an active account (``technician add``).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from connectors.errors import ConnectorError

from ..review import (
    ActionResult,
    OverrideNeeded,
    ReviewError,
    ReviewService,
    StudentView,
    TicketView,
)
from ..settings import get_settings

review_app = typer.Typer(no_args_is_help=True, help=__doc__)
console = Console(highlight=False)
As = Annotated[
    str,
    typer.Option("--as", envvar="USER", show_envvar=True, help="technician username"),
]
TicketArg = Annotated[str, typer.Argument(help="the help-desk's ticket id")]
StudentArg = Annotated[int, typer.Argument(help="the student's number (see review show)", min=1)]


def _service() -> ReviewService:
    from ..review import build_review_service
    from .errors import require_schema

    settings = get_settings()
    require_schema(settings)
    return build_review_service(settings)


def _student(view: TicketView, number: int) -> StudentView:
    for s in view.students:
        if s.number == number:
            return s
    typer.echo(f"error: ticket {view.helpdesk_id} has no student {number}", err=True)
    raise typer.Exit(1)


def _run(action: object) -> None:
    """Print an action's result, or why it was refused (exit status 1)."""
    assert callable(action)
    try:
        result: ActionResult = action()
    except OverrideNeeded as exc:
        typer.echo("refused: an override reason is needed (--override REASON):", err=True)
        for reason in exc.reasons:
            typer.echo(f"  - {reason}", err=True)
        raise typer.Exit(1) from None
    except ReviewError as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(1) from None
    except ConnectorError as exc:
        typer.echo(f"failed: a connected system did not answer ({type(exc).__name__})", err=True)
        raise typer.Exit(2) from None
    console.print(result.message + ("" if result.changed else " (nothing changed)"))


def _print_ticket(view: TicketView, *, pending_only: bool) -> None:
    hours = view.age.total_seconds() / 3600
    console.print(
        f"[bold]#{view.helpdesk_id}[/bold] {view.subject}  ({hours:.1f} h, {view.state})\n"
        f"  requester: {view.requester}  school: {view.school}",
        markup=True,
    )
    for reason in view.ticket_reasons:
        console.print(f"  ticket: {reason}")
    for s in view.students:
        if pending_only and not s.open:
            continue
        state = "TO DECIDE" if s.open else f"{s.review_state} {s.decided_by or ''}".strip()
        console.print(f"  student {s.number} [{state}]: {s.line or s.written}")
        for reason in s.reasons:
            console.print(f"      reason: {reason}")
        for c in s.candidates:
            grade = f", grade {c.grade}" if c.grade else ""
            console.print(
                f"      candidate {c.student_id} {c.name} ({c.school}{grade}, {c.status}): {c.why}"
            )


@review_app.command("list")
def list_() -> None:
    """Flagged tickets, oldest first, with the students to decide."""
    queue = _service().queue()
    if not queue:
        console.print("nothing waits for a technician")
        return
    table = Table(title=f"{len(queue)} flagged ticket(s)")
    for column in ("ticket", "age", "requester", "school", "to decide"):
        table.add_column(column)
    for view in queue:
        table.add_row(
            view.helpdesk_id,
            f"{view.age.total_seconds() / 3600:.1f} h",
            view.requester,
            view.school,
            str(len(view.pending)),
        )
    console.print(table)
    for view in queue:
        _print_ticket(view, pending_only=True)


@review_app.command("show")
def show(ticket: TicketArg) -> None:
    """One ticket: each student as written, the reasons, and the roster candidates."""
    try:
        view = _service().show(ticket)
    except ReviewError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    _print_ticket(view, pending_only=False)


@review_app.command("approve")
def approve(
    ticket: TicketArg,
    student: StudentArg,
    technician: As,
    student_id: Annotated[
        str | None, typer.Option("--id", help="the student ID to reset (default: as read)")
    ] = None,
    override: Annotated[
        str | None, typer.Option("--override", help="why a failed check may be set aside")
    ] = None,
) -> None:
    """Re-verify the student against the roster, reset the account, and reply."""
    service = _service()
    s = _student(service.show(ticket), student)
    _run(lambda: service.approve(ticket, s.decision_id, technician, student_id, override))


@review_app.command("reject")
def reject(
    ticket: TicketArg,
    student: StudentArg,
    technician: As,
    message: Annotated[str, typer.Option("--message", "-m", help="words to the teacher")],
    ask: Annotated[
        bool, typer.Option("--ask/--no-ask", help="ask the teacher for the student again")
    ] = True,
) -> None:
    """Do not reset the student; reply to the teacher with the message."""
    service = _service()
    s = _student(service.show(ticket), student)
    _run(lambda: service.reject(ticket, s.decision_id, technician, message, ask_for_more=ask))


@review_app.command("reparse")
def reparse(ticket: TicketArg, technician: As) -> None:
    """Parse the ticket again from the help-desk (after the teacher corrected it)."""
    service = _service()
    _run(lambda: service.reparse(ticket, technician))


@review_app.command("release")
def release(ticket: TicketArg, technician: As) -> None:
    """Hand the ticket back to automatic processing, undecided."""
    service = _service()
    _run(lambda: service.release(ticket, technician))
