"""``ticketworker demo``: the real pipeline end to end on embedded defaults, no servers.

SQLite state database, the built-in demo help-desk seeded with the sample tickets, an
account store seeded from the sample roster (every student has claimed an account, as at
the start of a school year), and the steps run in this process instead of a broker.
"""

from __future__ import annotations

import logging
import secrets
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from sqlalchemy import select

from connectors.accounts.config import SqlAccountsConfig
from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk
from connectors.roster.config import OneRosterCsvConfig
from connectors.roster.oneroster_csv import OneRosterCsvSource

from ..db.migrate import upgrade
from ..db.tables import DecisionRow, ResetJobRow, TicketRow
from ..dispatch import InlineDispatch
from ..seeding import unclaimed_store_for
from ..settings import Settings
from ..wiring import build_pipeline, state_engine

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
console = Console()


def demo_settings(root: Path) -> Settings:
    """Embedded defaults, whatever the environment says (the demo never touches real systems)."""
    return Settings(
        database_url=f"sqlite:///{root}/state.db",
        helpdesk=DemoHelpdeskConfig(path=root / "helpdesk"),
        roster=OneRosterCsvConfig(path=SAMPLES / "roster"),
        accounts=SqlAccountsConfig(url=f"sqlite:///{root}/accounts.db"),
        portal_name="the Northwind Student Portal",
        portal_url="https://my.northwind.k12.example",
        sis_name="PowerSchool",
        dry_run=False,
    )


def _seed_accounts(settings: Settings) -> tuple[SqlAccountStore, int]:
    """Every active student has an account and has claimed it (random answers)."""
    roster = OneRosterCsvSource(SAMPLES / "roster").load()
    students = [u for u in roster.users if u.is_student]
    if not isinstance(settings.accounts, SqlAccountsConfig):
        raise TypeError("the demo keeps its accounts in the SQL store")
    store = unclaimed_store_for(settings.accounts.url, students)
    claimed = 0
    for u in students:
        if u.active:
            answers = {f"q{i}": secrets.token_hex(4) for i in range(3)}
            if store.claim(
                u.identifier, u.given_name, u.family_name, answers, secrets.token_urlsafe(12)
            ).ok:
                claimed += 1
    return store, claimed


def demo_command(
    directory: Annotated[Path, typer.Option(help="where the demo keeps its files")] = Path(
        "var/demo"
    ),
) -> None:
    """Run the whole pipeline on the sample tickets and show what it did."""
    for noisy in ("alembic", "connectors", "worker"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    root = directory.resolve()
    settings = demo_settings(root)
    upgrade(state_engine(settings))
    store, claimed = _seed_accounts(settings)
    console.print(f"[bold]Account store:[/] {claimed} students have claimed their accounts.")

    dispatch = InlineDispatch()
    pipeline = build_pipeline(settings, dispatch)
    report = pipeline.poll_once()
    steps = dispatch.drain(pipeline)
    console.print(f"[bold]Poll:[/] {report.seen} tickets waiting; {steps} pipeline steps ran.\n")
    _show(pipeline.sessions, pipeline.helpdesk, store)


def _show(sessions: object, helpdesk: object, store: SqlAccountStore) -> None:
    assert isinstance(helpdesk, DemoHelpDesk)
    with sessions() as s:  # type: ignore[operator]
        tickets = list(s.scalars(select(TicketRow).order_by(TicketRow.id)))
        decisions = list(s.scalars(select(DecisionRow).order_by(DecisionRow.id)))
        jobs = {j.decision_id: j for j in s.scalars(select(ResetJobRow))}
    table = Table(title="Tickets")
    for col in ("#", "subject", "requester", "state", "ready", "review"):
        table.add_column(col)
    for t in tickets:
        mine = [d for d in decisions if d.ticket_id == t.id]
        table.add_row(
            t.helpdesk_id,
            t.subject[:40],
            t.requester,
            t.state,
            str(sum(d.status == "ready" for d in mine)),
            str(sum(d.status == "review" for d in mine)),
        )
    console.print(table)

    table = Table(title="Decisions and resets")
    for col in ("#", "as written", "ID", "decision", "reset / reason"):
        table.add_column(col)
    by_id = {t.id: t.helpdesk_id for t in tickets}
    for d in decisions:
        job = jobs.get(d.id)
        detail = (job.outcome or job.status) if job else "; ".join(d.reasons)[:70]
        table.add_row(
            by_id[d.ticket_id],
            f"{d.first_name} {d.last_name}"[:28],
            d.student_id or "-",
            d.status,
            detail,
        )
    console.print(table)

    for post in helpdesk.posted():
        style = "green" if post.kind == "reply" else "yellow"
        title = (
            f"{'public reply' if post.kind == 'reply' else 'internal note'} on ticket "
            f"{post.ticket_id}: {post.subject[:50]}"
        )
        # Text(), not markup: ticket text must never be read as Rich markup.
        console.print(Panel(Text(post.body.strip()), title=Text(title), border_style=style))

    reset = next((j for j in jobs.values() if j.outcome == "reset"), None)
    if reset is not None:
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
            f"from the beginning: {'accepted' if again.ok else again.message}."
        )
