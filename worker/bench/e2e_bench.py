"""End-to-end benchmark against Request Tracker on loopback.

Files N tickets in RT, runs the real pipeline (RT connector, SQLite state and account store,
steps in one process), and measures tickets/s and the time from a ticket's creation to its
reply.  Then it replays exactly the HTTP requests the worker made, straight to RT with one
plain ``requests`` session, to measure the rate RT itself sustains for the same calls.  The
worker should never be the bottleneck: its rate should be at least 90% of RT's.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from pydantic import SecretStr
from sqlalchemy import select

from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk, _auth
from connectors.http import HttpClient, Timeouts
from connectors.roster.oneroster_csv import OneRosterCsvSource

from ..db.migrate import upgrade
from ..db.session import make_engine, make_sessions
from ..db.tables import AuditRow, TicketRow
from ..dispatch import InlineDispatch
from ..messages import Messages, Portal
from ..pipeline import Pipeline
from ..roster import index_roster
from ..seeding import unclaimed_store_for
from .parse_bench import generate


@dataclass
class Call:
    method: str
    url: str
    params: Any
    data: Any
    json: Any


class RecordingSession(requests.Session):
    """A session that remembers every request, to replay them without the worker."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(
            Call(
                str(method), str(url), kwargs.get("params"), kwargs.get("data"), kwargs.get("json")
            )
        )
        return super().request(method, url, *args, **kwargs)


def _file_tickets(rt: RTConfig, tickets: list[dict[str, str]]) -> dict[str, datetime]:
    """File tickets as teachers would; returns RT ticket id -> creation time."""
    created: dict[str, datetime] = {}
    session = requests.Session()
    headers = {"Authorization": f"token {rt.token.get_secret_value() if rt.token else ''}"}
    for t in tickets:
        response = session.post(
            f"{rt.base_url}/REST/2.0/ticket",
            json={
                "Queue": rt.queue,
                "Subject": t["subject"],
                "Requestor": t["requester"],
                "Content": t["body"],
                "ContentType": t["content_type"],
            },
            headers=headers,
            timeout=30,
        )
        response.raise_for_status()
        created[str(response.json()["id"])] = datetime.now(UTC)
    session.close()
    return created


def _replay(calls: list[Call], rt: RTConfig) -> float:
    """Seconds RT takes to answer the same requests sent directly, one after another."""
    session = requests.Session()
    session.auth = _auth(rt)
    session.headers.update({"Accept": "application/json"})
    started = time.perf_counter()
    for call in calls:
        with session.request(
            call.method, call.url, params=call.params, data=call.data, json=call.json, timeout=30
        ) as response:
            response.content  # noqa: B018 - read the whole answer, as the worker does
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def run(rt_url: str, rt_token: str, tickets: int = 30) -> dict[str, float]:
    """Run the benchmark against the RT at ``rt_url``; returns the figures."""
    run_id = uuid.uuid4().hex[:8]
    rt = RTConfig(
        base_url=rt_url,
        token=SecretStr(rt_token),
        queue=f"Bench {run_id}",
        mark_field=f"Bench State {run_id}",
        timeout_seconds=30,
    )
    RTHelpDesk(rt).ensure_setup()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generated = generate(root, students=2_000, tickets=tickets, seed=11)
        roster = OneRosterCsvSource(generated.roster_dir).load()
        accounts = unclaimed_store_for(f"sqlite:///{root}/accounts.db", roster.users)
        engine = make_engine(f"sqlite:///{root}/state.db")
        upgrade(engine)
        created = _file_tickets(rt, generated.tickets)

        session = RecordingSession()
        http = HttpClient(
            f"{rt_url}/REST/2.0",
            auth=_auth(rt),
            timeouts=Timeouts(connect=30, read=30, total=180),
            session=session,
        )
        dispatch = InlineDispatch()
        index = index_roster(roster).index
        pipeline = Pipeline(
            helpdesk=RTHelpDesk(rt, http=http),
            accounts=accounts,
            roster=lambda: index,
            sessions=make_sessions(engine),
            dispatch=dispatch,
            messages=Messages(Portal("the Portal", "https://portal.example", "the SIS")),
        )
        started = time.perf_counter()
        pipeline.poll_once()
        dispatch.drain(pipeline)
        worker_seconds = time.perf_counter() - started
        with pipeline.sessions() as s:
            states = [t.state for t in s.scalars(select(TicketRow))]
            replied = {
                helpdesk_id: at
                for helpdesk_id, at in s.execute(
                    select(AuditRow.helpdesk_id, AuditRow.at).where(
                        AuditRow.action == "posted_reply"
                    )
                ).tuples()
                if helpdesk_id is not None
            }
        direct_seconds = _replay(session.calls, rt)
        accounts.close()
        engine.dispose()
    latencies = sorted((replied[k] - created[k]).total_seconds() for k in replied if k in created)
    worker_rate = tickets / worker_seconds
    direct_rate = tickets / direct_seconds
    return {
        "tickets": tickets,
        "processed": sum(s in ("resolved", "flagged", "not_reset") for s in states),
        "http_calls": len(session.calls),
        "worker_tickets_per_second": round(worker_rate, 2),
        "rt_direct_tickets_per_second": round(direct_rate, 2),
        "worker_share_of_rt_rate": round(worker_rate / direct_rate, 3),
        "latency_p50_seconds": round(statistics.median(latencies), 2) if latencies else -1,
        "latency_p95_seconds": round(latencies[int(0.95 * (len(latencies) - 1))], 2)
        if latencies
        else -1,
    }
