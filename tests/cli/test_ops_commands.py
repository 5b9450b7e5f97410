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
    assert run(tmp_path, "db", "current").stdout.strip().endswith(("0001", "0002", "0003", "0004"))
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
