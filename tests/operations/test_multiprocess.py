"""Celery's prefork children: counters of several processes add up in one scrape."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import sys
from worker import metrics
metrics.observe_http_call("probe-desk", "GET", "ok", 0.01)
metrics.RETRIES.labels(step="process_ticket").inc()
"""

SCRAPE = """
import sys
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from worker import metrics
print(metrics.scrape(sessionmaker(create_engine(sys.argv[1]))).decode())
"""


def run(code: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_counters_of_three_processes_add_up_and_a_worker_start_clears_them(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "prometheus"
    directory.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)}
    for _ in range(3):
        run(CHILD, env)
    text = run(SCRAPE, env, f"sqlite:///{tmp_path}/none.db")
    assert 'ticketworker_calls_total{outcome="ok",service="probe-desk"} 3.0' in text
    assert 'ticketworker_retries_total{step="process_ticket"} 3.0' in text
    assert "ticketworker_state_database_up 0.0" in text  # no tables there: reported, no crash

    run("from worker.metrics import clean_multiprocess_dir; clean_multiprocess_dir()", env)
    assert not list(directory.glob("*.db"))
