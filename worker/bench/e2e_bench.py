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
from sqlalchemy import func, select

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


def _percentile(values: list[float], share: float) -> float:
    return round(values[int(share * (len(values) - 1))], 2) if values else -1.0


def run(
    rt_url: str,
    rt_token: str,
    tickets: int = 30,
    *,
    mode: str = "batch",
    spacing: float = 1.5,
    poll_interval: float = 5.0,
) -> dict[str, float | str]:
    """Run the benchmark against the RT at ``rt_url``; returns the figures."""
    if mode != "batch":
        return _run_live(rt_url, rt_token, tickets, mode, spacing, poll_interval)
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


def _run_live(
    rt_url: str, rt_token: str, tickets: int, mode: str, spacing: float, poll_interval: float
) -> dict[str, float | str]:
    """Tickets filed one by one while the worker runs: what a teacher waits for an answer."""
    import socket
    import subprocess
    import threading

    import uvicorn
    from fastapi import FastAPI

    from ..console import hooks
    from ..webhooks import MemoryStore, WebhookReceiver, poll_taken

    if mode not in ("webhook", "poll"):
        raise ValueError(f"unknown mode {mode!r}: batch, poll or webhook")
    run_id = uuid.uuid4().hex[:8]
    rt = RTConfig(
        base_url=rt_url,
        token=SecretStr(rt_token),
        queue=f"Bench {run_id}",
        mark_field=f"Bench State {run_id}",
        timeout_seconds=30,
    )
    RTHelpDesk(rt).ensure_setup()
    script = Path(__file__).resolve().parents[2] / "scripts" / "rt.sh"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generated = generate(root, students=2_000, tickets=tickets, seed=11)
        roster = OneRosterCsvSource(generated.roster_dir).load()
        accounts = unclaimed_store_for(f"sqlite:///{root}/accounts.db", roster.users)
        engine = make_engine(f"sqlite:///{root}/state.db")
        upgrade(engine)
        dispatch = InlineDispatch()
        index = index_roster(roster).index
        pipeline = Pipeline(
            helpdesk=RTHelpDesk(rt),
            accounts=accounts,
            roster=lambda: index,
            sessions=make_sessions(engine),
            dispatch=dispatch,
            messages=Messages(Portal("the Portal", "https://portal.example", "the SIS")),
        )
        asked, stop = threading.Event(), threading.Event()
        store = MemoryStore()

        def work() -> None:
            """The worker: one poll (and every step it causes) when asked or when due.

            Polls are due every ``poll_interval`` seconds from the start, as beat schedules
            them, whatever the time a poll's work takes."""
            due = time.monotonic()
            while not stop.is_set():
                if mode == "poll":
                    due += poll_interval
                    asked.wait(timeout=max(0.0, due - time.monotonic()))
                elif not asked.wait(timeout=0.5):
                    continue
                if stop.is_set():
                    continue
                asked.clear()
                poll_taken(store)
                pipeline.poll_once()
                dispatch.drain(pipeline)

        worker = threading.Thread(target=work, daemon=True)
        server: uvicorn.Server | None = None
        token_file = root / "hook-token"
        token_file.write_text(rt_token[:16] + run_id)
        if mode == "webhook":
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = int(probe.getsockname()[1])
            app = FastAPI()
            app.include_router(hooks.router)
            app.state.webhooks = WebhookReceiver(
                "rt", SecretStr(token_file.read_text()), store, asked.set
            )
            server = uvicorn.Server(
                uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
            )
            threading.Thread(target=server.run, daemon=True).start()
            deadline = time.monotonic() + 10
            while not server.started and time.monotonic() < deadline:
                time.sleep(0.05)
            subprocess.run(
                [str(script), "webhook", rt.queue, f"http://127.0.0.1:{port}/hooks/rt",
                 str(token_file)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
        worker.start()
        created: dict[str, datetime] = {}
        try:
            for ticket in generated.tickets:
                created.update(_file_tickets(rt, [ticket]))
                time.sleep(spacing)
            deadline = time.monotonic() + max(60.0, 3 * poll_interval)
            while time.monotonic() < deadline:
                with pipeline.sessions() as s:
                    waiting = [
                        t.state
                        for t in s.scalars(select(TicketRow))
                        if t.state not in ("resolved", "flagged", "not_reset")
                    ]
                    seen = s.scalar(select(func.count()).select_from(TicketRow)) or 0
                if seen >= len(created) and not waiting:
                    break
                time.sleep(0.5)
        finally:
            stop.set()
            asked.set()
            worker.join(timeout=60)
            if server is not None:
                server.should_exit = True
                subprocess.run(
                    [str(script), "unwebhook", rt.queue], capture_output=True, timeout=120
                )
        with pipeline.sessions() as s:
            answered = {
                helpdesk_id: at
                for helpdesk_id, at in s.execute(
                    select(AuditRow.helpdesk_id, AuditRow.at).where(
                        AuditRow.action.in_(("posted_reply", "posted_note"))
                    )
                ).tuples()
                if helpdesk_id is not None
            }
        accounts.close()
        engine.dispose()
    latencies = sorted((answered[k] - created[k]).total_seconds() for k in answered if k in created)
    return {
        "mode": mode,
        "tickets": tickets,
        "answered": len(latencies),
        "spacing_seconds": spacing,
        "poll_interval_seconds": poll_interval if mode == "poll" else 0.0,
        "latency_p50_seconds": _percentile(latencies, 0.5),
        "latency_p95_seconds": _percentile(latencies, 0.95),
        "latency_max_seconds": round(latencies[-1], 2) if latencies else -1.0,
    }
