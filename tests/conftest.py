"""Fixtures shared by every suite: real services on loopback (Request Tracker, PostgreSQL).

Tests that use them are marked ``integration`` (and ``rt`` for Request Tracker).  They are
skipped with the reason when a service cannot be reached here, except under ``CI=true``,
where they fail instead.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator

import pytest
from pydantic import SecretStr
from sqlalchemy import create_engine, text

from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from tests.connectors.rt_support import RTOutside, parse_exports, rt_may_run_here, run_rt_script
from tests.helpers import need

POSTGRES_ADMIN_URL = os.environ.get(
    "TICKETWORKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(scope="session")
def rt_env() -> Iterator[dict[str, str]]:
    """The ``export`` variables of a running RT (RT_URL, RT_TOKEN, RT_MBOX_DIR, ...).

    An RT this session started is stopped at the end (``TW_RT_KEEP=1`` keeps it running);
    one that was already running is left alone.
    """
    reason = rt_may_run_here()
    need(not reason, f"Request Tracker unavailable: {reason}")
    was_running = run_rt_script("env").returncode == 0
    started = time.monotonic()
    result = run_rt_script("start")
    tail = " | ".join(result.stderr.strip().splitlines()[-3:])
    need(result.returncode == 0, f"scripts/rt.sh start exited {result.returncode}: {tail}")
    env = parse_exports(result.stdout)
    print(f"\nRT ready in {time.monotonic() - started:.1f} s at {env.get('RT_URL')}")
    yield env
    if not was_running and os.environ.get("TW_RT_KEEP") != "1":
        run_rt_script("stop")


@pytest.fixture(scope="session")
def rt_outside(rt_env: dict[str, str]) -> RTOutside:
    return RTOutside.from_env(rt_env)


@pytest.fixture()
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    name = f"tw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        admin.dispose()
        need(False, f"PostgreSQL unavailable at {POSTGRES_ADMIN_URL}: {type(exc).__name__}")
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture()
def rt_queue(rt_env: dict[str, str]) -> RTConfig:
    """A queue and a mark field of this test's own in the test RT, set up for the worker.

    A fresh queue keeps other tests' tickets out of the listings; a fresh field because
    REST2 can only apply a custom field to a queue when it creates the field.
    """
    run = uuid.uuid4().hex[:8]
    config = RTConfig(
        base_url=rt_env["RT_URL"],
        token=SecretStr(rt_env["RT_TOKEN"]),
        queue=f"Instructional Technology {run}",
        mark_field=f"Worker State {run}",
        timeout_seconds=10,
    )
    RTHelpDesk(config).ensure_setup()
    return config
