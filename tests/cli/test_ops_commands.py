"""The operating commands on embedded defaults: db upgrade, poll --once (dry run), status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from worker.commands.ops import step_lease_warning

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


def test_a_step_lease_the_time_limit_could_outlive_is_warned_about() -> None:
    # A lease shorter than the hard time limit lets a redelivered step run beside the first.
    warning = step_lease_warning(100, 150)
    assert warning and "TICKETWORKER_STEP_LEASE_SECONDS (100)" in warning
    assert "task_time_limit (150)" in warning
    assert step_lease_warning(151, 150) is None


def test_the_default_step_lease_outlasts_the_hard_time_limit() -> None:
    import celeryconfig
    from worker.settings import Settings

    default = Settings.model_fields["step_lease_seconds"].default
    assert step_lease_warning(default, celeryconfig.task_time_limit) is None
