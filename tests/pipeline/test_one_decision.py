"""One decision: the pipeline acts on exactly what `parse` prints, on every corpus we have.

Every ticket of every corpus (the project's own and the public sample when present) is filed
in the demo help-desk and run end to end through the pipeline against that corpus's roster;
then, ticket by ticket, what the pipeline did is compared with what `parse_ticket` says:
whether it is a reset request, which students were reset, and whether a technician is asked
(flagged exactly when `needs_review`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk
from connectors.roster.oneroster_csv import OneRosterCsvSource
from parsers import parse_ticket
from tests.helpers import shared_corpus
from worker.db.migrate import upgrade
from worker.db.session import make_engine, make_sessions
from worker.db.tables import ResetJobRow, TicketRow, TicketState
from worker.dispatch import InlineDispatch
from worker.messages import Messages, Portal
from worker.pipeline import Options, Pipeline
from worker.roster import index_roster
from worker.seeding import unclaimed_store_for

PARSERS = Path(__file__).resolve().parents[1] / "parsers"


def _corpora() -> list[Path]:
    own = sorted(p.parent for p in PARSERS.glob("corpus*/truth.json"))
    public = shared_corpus()
    return [*own, public] if public is not None else own


@pytest.mark.slow
@pytest.mark.parametrize("corpus", _corpora(), ids=lambda p: p.name)
def test_the_pipeline_acts_on_the_decision_parse_prints(corpus: Path, tmp_path: Path) -> None:
    roster = OneRosterCsvSource(corpus / "roster").load()
    index = index_roster(roster).index
    accounts: SqlAccountStore = unclaimed_store_for(
        f"sqlite:///{tmp_path}/accounts.db", roster.users
    )
    engine = make_engine(f"sqlite:///{tmp_path}/state.db")
    upgrade(engine)
    desk = DemoHelpDesk(DemoHelpdeskConfig(path=tmp_path / "desk"), samples=None)
    dispatch = InlineDispatch()
    clock = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    pipeline = Pipeline(
        helpdesk=desk,
        accounts=accounts,
        roster=lambda: index,
        sessions=make_sessions(engine),
        dispatch=dispatch,
        messages=Messages(Portal("the Portal", "https://portal.example", "the SIS")),
        options=Options(),
        clock=lambda: clock,
    )
    filed: dict[str, dict[str, str]] = {}
    for path in sorted((corpus / "tickets").glob("*.json")):
        ticket = json.loads(path.read_text(encoding="utf-8"))
        helpdesk_id = desk.add_ticket(
            ticket.get("subject", ""),
            ticket.get("body", ""),
            requester=ticket.get("requester", ""),
            # The queue's category: which queue the worker reads is the desk's choice, and
            # the policy does not depend on the category.
            content_type=ticket.get("content_type", "text/plain"),
        )
        filed[helpdesk_id] = ticket
    try:
        for _ in range(len(filed) + 1):  # bounded: each poll takes at least one ticket
            report = pipeline.poll_once()
            dispatch.drain(pipeline)
            if not report.queued:
                break
        with pipeline.sessions() as s:
            rows = {r.helpdesk_id: r for r in s.scalars(select(TicketRow))}
            jobs = list(s.scalars(select(ResetJobRow)))
    finally:
        accounts.close()
        engine.dispose()

    reset_by_ticket: dict[int, set[str]] = {}
    for job in jobs:
        reset_by_ticket.setdefault(job.ticket_id, set()).add(job.student_id)
    disagreements = []
    for helpdesk_id, ticket in filed.items():
        result = parse_ticket(
            ticket["id"],
            subject=ticket.get("subject", ""),
            body=ticket.get("body", ""),
            content_type=ticket.get("content_type", "text/plain"),
            requester=ticket.get("requester", ""),
            roster=index,
        )
        row = rows.get(helpdesk_id)
        if row is None:
            disagreements.append(f"{ticket['id']}: never processed")
            continue
        ready = {d.student_id for d in result.ready if d.student_id}
        reset = reset_by_ticket.get(row.id, set())
        flagged = row.state == TicketState.FLAGGED
        if row.reset_request != result.reset_request:
            disagreements.append(f"{ticket['id']}: reset_request {row.reset_request}")
        elif result.reset_request and flagged != result.needs_review:
            disagreements.append(
                f"{ticket['id']}: parse needs_review={result.needs_review}, pipeline "
                f"{row.state.value} ({row.error})"
            )
        elif reset != ready:
            disagreements.append(f"{ticket['id']}: reset {sorted(reset)} != ready {sorted(ready)}")
        elif not result.reset_request and (reset or flagged):
            disagreements.append(f"{ticket['id']}: not a request, but {row.state.value}")
    assert not disagreements, disagreements
    # Worth something only if the corpus made the pipeline reset and flag.
    assert any(reset_by_ticket.values())
    assert any(r.state == TicketState.FLAGGED for r in rows.values())
