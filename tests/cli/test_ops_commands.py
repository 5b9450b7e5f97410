"""The operating commands on embedded defaults: db upgrade, poll --once (dry run), status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "worker" / "samples"


def run(tmp: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **extra,
        "TICKETWORKER_DATABASE_URL": f"sqlite:///{tmp}/state.db",
        "TICKETWORKER_HELPDESK__KIND": "demo",
        "TICKETWORKER_HELPDESK__PATH": str(tmp / "desk"),
        "TICKETWORKER_ACCOUNTS__URL": f"sqlite:///{tmp}/accounts.db",
        "TICKETWORKER_ROSTER__PATH": str(SAMPLES / "roster"),
    }
    exe = Path(sys.executable).parent / "ticketworker"
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=120)


def test_db_upgrade_poll_dry_run_and_status(tmp_path: Path) -> None:
    assert run(tmp_path, "db", "upgrade").returncode == 0
    assert run(tmp_path, "db", "current").stdout.strip().endswith(("0004", "0005"))
    poll = run(tmp_path, "poll", "--once", "--dry-run")
    assert poll.returncode == 0, poll.stderr[-2000:]
    assert "polled: 11 waiting, 11 to process" in poll.stdout
    status = run(tmp_path, "status")
    assert status.returncode == 0
    assert "dry_run" in status.stdout and "oldest waiting ticket: none" in status.stdout
    # Our own notes touched the tickets: the next poll looks once for anything new from the
    # teachers, finds nothing, and the one after that has nothing to do at all.
    run(tmp_path, "poll", "--once", "--dry-run")
    again = run(tmp_path, "poll", "--once", "--dry-run")
    assert "0 to process" in again.stdout


def test_parse_output_is_the_only_stdout(tmp_path: Path) -> None:
    ticket = tmp_path / "t.json"
    ticket.write_text(json.dumps({"id": "A-1", "body": "hello"}))
    proc = run(tmp_path, "parse", "--roster", str(SAMPLES / "roster"), str(ticket))
    assert [json.loads(line)["ticket_id"] for line in proc.stdout.splitlines()] == ["A-1"]


def test_status_tells_running_queued_abandoned_and_stuck_work_apart(tmp_path: Path) -> None:
    """Issue 17: 'resetting 1' beside 'resets in flight: 0', and 'in flight: 10' for jobs
    whose worker was dead: status says which work is live and which waits for the sweep."""
    from datetime import UTC, datetime, timedelta

    from worker.db.migrate import upgrade
    from worker.db.session import make_engine, make_sessions
    from worker.db.tables import DecisionRow, ResetJobRow, TicketRow, TicketState

    engine = make_engine(f"sqlite:///{tmp_path}/state.db")
    upgrade(engine)
    now = datetime.now(UTC)
    live, dead = now + timedelta(minutes=5), now - timedelta(seconds=30)
    jobs = {  # ticket -> its jobs' (status, lease end)
        "working": [("running", live), ("pending", None), ("running", dead), ("running", dead)],
        "stuck": [("done", None)],
        "other": [("pending", None)],
    }
    with make_sessions(engine).begin() as s:
        for label, states in jobs.items():
            ticket = TicketRow(
                helpdesk_id=label, state=TicketState.RESETTING, created_at=now, updated_at=now
            )
            s.add(ticket)
            s.flush()
            for n, (status, lease) in enumerate(states):
                decision = DecisionRow(ticket_id=ticket.id, round=0, position=n, status="ready")
                s.add(decision)
                s.flush()
                s.add(
                    ResetJobRow(
                        ticket_id=ticket.id,
                        decision_id=decision.id,
                        student_id=f"0{ticket.id}{n:05d}",
                        idempotency_key=f"{label}-{n}",
                        status=status,
                        lease_until=lease,
                        created_at=now,
                    )
                )
    engine.dispose()
    status = run(tmp_path, "status", COLUMNS="200")
    assert status.returncode == 0, status.stderr[-2000:]
    assert "resets in flight: 1 running, 2 queued" in status.stdout
    assert "resets whose worker stopped: 2" in status.stdout
    assert "tickets resetting with every reset finished: 1" in status.stdout
