"""Fixtures for the fault tests: a fresh world per test, and the chaos repetitions' switch.

Each test module names its own Redis database (``REDIS_DB``) so its broker messages never
mix with another suite's; the fixture empties it before and after the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from connectors.helpdesk.config import RTConfig
from tests.connectors.rt_support import RTOutside
from worker.db.migrate import upgrade
from worker.db.session import make_engine

from ..school_roster import claimed_accounts
from .deployment import Deployment, own_redis
from .faultproxy import FaultProxy
from .roster import ANSWERS, PASSWORD, write_roster
from .world import World


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The ×N repetitions run only when asked for (``pytest -m chaos``): minutes each."""
    if "chaos" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="repetition variant: run with -m chaos")
    for item in items:
        if "chaos" in item.keywords:
            item.add_marker(skip)


@pytest.fixture()
def world(
    request: pytest.FixtureRequest,
    rt_queue: RTConfig,
    rt_env: dict[str, str],
    rt_outside: RTOutside,
    postgres_url: str,
    tmp_path: Path,
) -> Iterator[World]:
    with own_redis(request.module.REDIS_DB) as (redis_url, client):
        world = _new_world(
            redis_url, client, rt_queue, rt_env["RT_TOKEN"], rt_outside, postgres_url, tmp_path
        )
        try:
            yield world
        finally:
            world.accounts.close()
            world.engine.dispose()


def _new_world(
    redis_url: str,
    client: redis.Redis,
    rt_queue: RTConfig,
    rt_token: str,
    rt_outside: RTOutside,
    postgres_url: str,
    tmp_path: Path,
) -> World:
    """Migrated state database, a roster, and a claimed portal account per student."""
    roster = write_roster(tmp_path / "roster")
    engine = make_engine(postgres_url)
    upgrade(engine)
    accounts = claimed_accounts(postgres_url, roster, ANSWERS, PASSWORD, schema="portal")
    return World(
        rt=rt_queue,
        outside=rt_outside,
        roster=roster,
        accounts=accounts,
        engine=engine,
        db_url=postgres_url,
        rt_token=rt_token,
        redis_url=redis_url,
        redis=client,
        tmp=tmp_path,
    )


@pytest.fixture()
def deployment(world: World) -> Iterator[Deployment]:
    """Processes started by the test (through ``deployment.worker()`` and so on), stopped after."""
    deployed = Deployment(world.env(), world.tmp)
    try:
        yield deployed
    finally:
        deployed.stop()


@pytest.fixture()
def rt_proxy(world: World) -> Iterator[FaultProxy]:
    """A fault proxy in front of this test's RT; the worker is pointed at it."""
    with FaultProxy(world.rt.base_url) as proxy:
        yield proxy
