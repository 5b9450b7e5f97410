"""A non-editable install (the Docker image) must carry every file the program reads."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO

READ_AT_RUN_TIME = [
    "worker/templates/*.j2",
    "worker/console/templates/*.html",
    "worker/db/migrations/env.py",
    "worker/db/migrations/script.py.mako",
    "worker/db/migrations/versions/*.py",
    "worker/samples/roster/*.csv",
    "worker/samples/tickets/*.json",
]


@pytest.mark.slow
def test_the_wheel_holds_templates_migrations_and_demo_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("ticketworker-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for pattern in READ_AT_RUN_TIME:
        expected = {str(p.relative_to(REPO)) for p in REPO.glob(pattern)}
        assert expected, pattern
        assert expected <= names, sorted(expected - names)
    assert "celeryconfig.py" in names
