"""The liveness file and ``ticketworker metrics alive``."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worker import liveness
from worker.commands.metrics import metrics_app
from worker.settings import get_settings


@pytest.fixture(autouse=True)
def alive_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TICKETWORKER_ALIVE_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def alive(role: str, max_age: float = 60) -> tuple[int, str]:
    result = CliRunner().invoke(metrics_app, ["alive", "--role", role, "--max-age", str(max_age)])
    return result.exit_code, result.output


def test_a_running_process_is_alive_and_a_stopped_one_goes_stale(alive_dir: Path) -> None:
    assert alive("worker")[0] == 1  # never started
    stop = liveness.start("worker", every=0.05)
    try:
        deadline = time.monotonic() + 5
        while not (alive_dir / "alive-worker").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        code, output = alive("worker")
        assert code == 0, output
        assert alive("beat")[0] == 1  # only the worker's file is touched
    finally:
        stop.set()
    old = time.time() - 120
    time.sleep(0.1)  # the thread has seen the stop and touches no more
    os.utime(alive_dir / "alive-worker", (old, old))
    code, output = alive("worker")
    assert code == 1 and "last touched" in output
    assert alive("nobody")[0] == 2
