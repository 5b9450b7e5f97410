"""Fixtures for connector tests: a real Request Tracker started by scripts/rt.sh.

Tests that use ``rt_env`` must be marked ``rt`` and ``integration``.  They are skipped with the
reason when RT cannot be started here, except under ``CI=true``, where they fail instead.
An RT this session started is stopped at the end (``TW_RT_KEEP=1`` keeps it running); one that
was already running is left alone.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from typing import NoReturn

import pytest
from pydantic import SecretStr

from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk

from .rt_support import RTOutside, parse_exports, rt_may_run_here, run_rt_script


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"Request Tracker is required under CI=true but unavailable: {reason}")
    pytest.skip(f"Request Tracker unavailable: {reason}")


@pytest.fixture(scope="session")
def rt_env() -> Iterator[dict[str, str]]:
    """The ``export`` variables of a running RT (RT_URL, RT_TOKEN, RT_MBOX_DIR, ...)."""
    reason = rt_may_run_here()
    if reason:
        _unavailable(reason)
    was_running = run_rt_script("env").returncode == 0
    started = time.monotonic()
    result = run_rt_script("start")
    if result.returncode != 0:
        tail = " | ".join(result.stderr.strip().splitlines()[-3:])
        _unavailable(f"scripts/rt.sh start exited {result.returncode}: {tail}")
    env = parse_exports(result.stdout)
    print(f"\nRT ready in {time.monotonic() - started:.1f} s at {env.get('RT_URL')}")
    yield env
    if not was_running and os.environ.get("TW_RT_KEEP") != "1":
        run_rt_script("stop")


@pytest.fixture(scope="session")
def rt_outside(rt_env: dict[str, str]) -> RTOutside:
    return RTOutside.from_env(rt_env)


@pytest.fixture(scope="session")
def rt_config(rt_env: dict[str, str]) -> RTConfig:
    """A queue and a mark field of this session's own, created through ensure_setup().

    A fresh queue keeps other runs' tickets out of the listings; a fresh field because REST2
    can only apply a custom field to a queue when it creates the field.
    """
    run = uuid.uuid4().hex[:8]
    config = RTConfig(
        base_url=rt_env["RT_URL"],
        token=SecretStr(rt_env["RT_TOKEN"]),
        queue=f"Instructional Technology {run}",
        mark_field=f"Worker State {run}",
        page_size=2,
        timeout_seconds=10,
    )
    RTHelpDesk(config).ensure_setup()
    return config
