"""``ticketworker demo``: the real pipeline end to end on embedded defaults, no servers.

SQLite state database, the built-in demo help-desk seeded with the sample tickets, an
account store seeded from the sample roster (every student has claimed an account, as at
the start of a school year), and the steps run in this process instead of a broker.

The demo keeps its state where the default settings look (``var/ticketworker.db``,
``var/accounts.db``, ``var/demo-helpdesk``), so ``ticketworker status``, ``review list`` and
``console`` in the same directory work on it afterwards.  It tells the story as a technician
sees it: each ticket with the teacher's own text, each student's decision with its full
reason, the reply the teacher gets, and what to try next.
"""

from __future__ import annotations

import logging
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text
from sqlalchemy import select

from connectors.accounts.config import SqlAccountsConfig
from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk._demo_store import read_samples
from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk, DemoPost
from connectors.roster.config import OneRosterCsvConfig
from connectors.roster.oneroster_csv import OneRosterCsvSource
from parsers.text import body_text

from ..db.migrate import upgrade
from ..db.tables import DecisionRow, ResetJobRow, TicketRow
from ..dispatch import InlineDispatch
from ..seeding import unclaimed_store_for
from ..settings import Settings, get_settings
from ..wiring import build_pipeline, state_engine
from .errors import UserError

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
#: Written into the demo's directory: only a directory holding it is wiped by the next demo.
MARKER = ".ticketworker-demo"
#: The files of the default settings the demo owns (with SQLite's -wal and -shm beside them).
STATE, ACCOUNTS, DESK = "ticketworker.db", "accounts.db", "demo-helpdesk"
DEMO_TECHNICIAN = "demo"
console = Console(highlight=False)

_OUTCOME_WORDS = {
    "reset": "account reset: the student claims it again",
    "already_unclaimed": "account was not claimed yet: nothing to reset, the student can claim now",
    "already_applied": "already reset by this ticket",
    "unknown_account": "NO portal account has this ID: a technician looks at it",
    "disabled_account": "the portal account is disabled: not reset",
}


def demo_settings(root: Path) -> Settings:
    """Embedded defaults, whatever the environment says (the demo never touches real systems)."""
    return Settings(
        database_url=f"sqlite:///{root}/{STATE}",
        helpdesk=DemoHelpdeskConfig(path=root / DESK),
        roster=OneRosterCsvConfig(path=SAMPLES / "roster"),
        accounts=SqlAccountsConfig(url=f"sqlite:///{root}/{ACCOUNTS}"),
        portal_name="the Northwind Student Portal",
        portal_url="https://my.northwind.k12.example",
        sis_name="PowerSchool",
        dry_run=False,
    )


def _clear(root: Path) -> None:
    """Remove the previous demo's files; refuse to touch anything the demo did not create."""
    ours = [root / STATE, root / ACCOUNTS, root / DESK]
    found = [p for p in ours if p.exists()]
    if found and not (root / MARKER).exists():
        raise UserError(
            f"{found[0]} exists and was not made by the demo; the demo would replace it",
            "run the demo in another directory, or with --directory",
        )
    for path in ours:
        if path.is_dir():
            shutil.rmtree(path)
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            file.unlink(missing_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("files here were made by `ticketworker demo`\n")


def _seed_accounts(settings: Settings) -> tuple[SqlAccountStore, int]:
    """Every active student has an account and has claimed it (random answers)."""
    roster = OneRosterCsvSource(SAMPLES / "roster").load()
    students = [u for u in roster.users if u.is_student]
    accounts = settings.accounts
    assert isinstance(accounts, SqlAccountsConfig)  # demo_settings chose it
    store = unclaimed_store_for(accounts.url, students)
    claimed = 0
    for u in students:
        if u.active:
            answers = {f"q{i}": secrets.token_hex(4) for i in range(3)}
            if store.claim(
                u.identifier, u.given_name, u.family_name, answers, secrets.token_urlsafe(12)
            ).ok:
                claimed += 1
    return store, claimed


def _technician(settings: Settings) -> str:
    """A technician account for trying the review; its password is printed once."""
    from ..db.session import make_sessions
    from ..technicians import Technicians

    password = secrets.token_urlsafe(12)
    Technicians(make_sessions(state_engine(settings))).add(
        DEMO_TECHNICIAN, "Demo Technician", password, actor="demo"
    )
    return password


def demo_command(
    directory: Annotated[
        Path, typer.Option(help="where the demo keeps its state (the default settings' var/)")
    ] = Path("var"),
) -> None:
    """Run the whole pipeline on the sample tickets and show what it did, ticket by ticket."""
    for noisy in ("alembic", "connectors", "worker"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    root = directory.resolve()
    _clear(root)
    settings = demo_settings(root)
    upgrade(state_engine(settings))
    store, claimed = _seed_accounts(settings)
    password = _technician(settings)
    console.print(
        f"[bold]Northwind Unified School District[/] (invented): {claimed} students have "
        "claimed their portal accounts; 12 tickets wait in the demo help-desk."
    )
    dispatch = InlineDispatch()
    pipeline = build_pipeline(settings, dispatch)
    report = pipeline.poll_once()
    steps = dispatch.drain(pipeline)
    console.print(
        f"The worker polled the help-desk: {report.seen} tickets in the category "
        f"{getattr(settings.helpdesk, 'category', '')!r}; {steps} pipeline steps ran.\n"
    )
    helpdesk = pipeline.helpdesk
    assert isinstance(helpdesk, DemoHelpDesk)
    flagged = _story(pipeline.sessions, helpdesk, settings)
    _claim_again(pipeline.sessions, store)
    _next_steps(flagged, _example(pipeline.sessions, flagged), password, root)


def _story(sessions: Any, helpdesk: DemoHelpDesk, settings: Settings) -> list[str]:
    """Each sample ticket in order: the text, the decisions, the reply; the flagged ids."""
    with sessions() as s:
        tickets = {t.helpdesk_id: t for t in s.scalars(select(TicketRow))}
        decisions = list(s.scalars(select(DecisionRow).order_by(DecisionRow.position)))
        jobs = {j.decision_id: j for j in s.scalars(select(ResetJobRow))}
    posts: dict[str, list[DemoPost]] = {}
    for post in helpdesk.posted():
        posts.setdefault(post.ticket_id, []).append(post)
    category = getattr(settings.helpdesk, "category", "")
    first_reply: list[str] = []
    flagged: list[str] = []
    for file in sorted((SAMPLES / "tickets").glob("*.json")):
        for sample in read_samples(file):
            console.print(Rule(Text(f"{sample.id}  {sample.subject}"), align="left"))
            console.print(Text(f"from {sample.requester}, filed under {sample.category!r}"))
            teacher = body_text(sample.body, sample.content_type).strip()
            console.print(Panel(Text(teacher), title="the teacher wrote", title_align="left"))
            row = tickets.get(sample.id)
            if row is None:
                console.print(
                    Text(
                        f"skipped: filed under {sample.category!r}, and the worker only takes "
                        f"{category!r} tickets; nobody's account is touched\n",
                        style="yellow",
                    )
                )
                continue
            mine = [d for d in decisions if d.ticket_id == row.id]
            _decisions(mine, jobs, row)
            if row.state == "flagged":
                flagged.append(sample.id)
            first_reply = _posts(posts.get(sample.id, []), first_reply)
    return flagged


def _decisions(mine: Sequence[DecisionRow], jobs: dict[int, ResetJobRow], row: TicketRow) -> None:
    if not mine:
        why = "not a reset request" if row.reset_request is False else "no student could be read"
        console.print(Text(f"no students: {why}", style="yellow"))
    for d in mine:
        written = f"{d.first_name} {d.last_name}".strip() or "(no name)"
        as_written = f"{written} {d.written_id or '(no ID)'}"
        job = jobs.get(d.id)
        if d.status == "ready" and job is not None:
            outcome = job.outcome or job.status
            mark, style = (
                ("✓", "green") if outcome in ("reset", "already_unclaimed") else ("!", "red")
            )
            read = f" -> {d.student_id}" if d.student_id != d.written_id else ""
            line = Text(f"  {mark} {as_written}{read}: ")
            line.append(_OUTCOME_WORDS.get(outcome, outcome), style=style)
            console.print(line)
            continue
        line = Text(f"  ? {as_written}: ")
        line.append("to a technician", style="yellow")
        console.print(line)
        for reason in d.reasons:
            console.print(Text(f"      because {reason}"))  # in full: a technician acts on it
    console.print(Text(f"ticket state: {row.state}", style="bold"))


def _posts(posts: Sequence[DemoPost], first_reply: list[str]) -> list[str]:
    """The reply (the advice shared with an earlier reply folded), then any note in full."""
    for post in posts:
        lines = post.body.strip().splitlines()
        if post.kind == "reply":
            shown = _fold_shared(lines, first_reply)
            title, style = "public reply to the teacher", "green"
            if not first_reply and any("claim" in line for line in lines):
                first_reply = lines
        else:
            shown, title, style = lines, "internal note for the technicians", "yellow"
        console.print(
            Panel(Text("\n".join(shown)), title=title, title_align="left", border_style=style)
        )
    console.print()
    return first_reply


def _fold_shared(lines: list[str], earlier: list[str], least: int = 3) -> list[str]:
    """``lines`` with each run of ``least`` or more lines also in ``earlier`` folded to one."""
    if not earlier:
        return lines
    # Not the greeting, the signature or the marker: only the advice in between.
    seen = {line for line in earlier[2:-2] if line.strip()}
    out: list[str] = []
    run: list[str] = []
    for line in [*lines, "\0"]:
        if line in seen or (run and not line.strip()):
            run.append(line)
            continue
        if sum(1 for r in run if r.strip()) >= least:
            out.append("  [... the claiming advice, as in the first reply above ...]")
            if run[-1].strip() == "":
                out.append("")
        else:
            out.extend(run)
        run = []
        if line != "\0":
            out.append(line)
    return out


def _claim_again(sessions: Any, store: SqlAccountStore) -> None:
    with sessions() as s:
        reset = s.scalars(select(ResetJobRow).where(ResetJobRow.outcome == "reset")).first()
    if reset is None:
        return
    account = store.lookup(reset.student_id)
    assert account is not None
    again = store.claim(
        reset.student_id,
        account.first_name,
        account.last_name,
        {"pet": "Rex", "street": "Elm", "food": "rice"},
        "New-Claim-2026",
    )
    console.print(
        f"[bold]The story closes:[/] student {reset.student_id} claims the account again "
        f"from the beginning: {'accepted' if again.ok else again.message}.\n"
    )


def _example(sessions: Any, flagged: list[str]) -> tuple[str, int, str] | None:
    """A flagged student with a roster suggestion: (ticket, number on it, suggested ID)."""
    with sessions() as s:
        for ticket in flagged:
            row = s.scalars(select(TicketRow).where(TicketRow.helpdesk_id == ticket)).one()
            query = select(DecisionRow).where(DecisionRow.ticket_id == row.id)
            for d in s.scalars(query.order_by(DecisionRow.position)):
                if d.status == "review" and d.suggestions:
                    return ticket, d.position + 1, str(d.suggestions[0]["student_id"])
    return None


def _next_steps(
    flagged: list[str], example: tuple[str, int, str] | None, password: str, root: Path
) -> None:
    from sqlalchemy.engine import make_url

    here = make_url(get_settings().database_url)
    same = bool(here.database) and Path(str(here.database)).resolve() == root / STATE
    ticket, number, suggested = example or (flagged[0] if flagged else "NW-1002", 1, "ID")
    lines = [
        ("ticketworker status", "the tickets by state"),
        ("ticketworker review list", f"the {len(flagged)} flagged tickets and what to decide"),
        (f"ticketworker review show {ticket}", "one ticket: the reasons and roster candidates"),
        (
            f"ticketworker review approve {ticket} {number} --as {DEMO_TECHNICIAN} "
            f"--id {suggested}",
            f"reset student {number} of {ticket} with the candidate's ID, and reply",
        ),
        (
            "ticketworker console",
            f"the same in a browser: http://localhost:8000, user {DEMO_TECHNICIAN}, "
            f"password {password} (this demo only)",
        ),
    ]
    console.print("[bold]What to try next[/] (on this demo's state, from this directory):")
    for command, what in lines:
        console.print(Text(f"  $ {command}"))
        console.print(Text(f"      {what}", style="dim"))
    if not same:
        console.print(
            Text(
                "  (your environment or .env points TICKETWORKER_DATABASE_URL elsewhere: "
                f"set it to sqlite:///{root}/{STATE} for these)",
                style="yellow",
            )
        )
    console.print(Text("  ticketworker init, then ticketworker check: your district (README)"))
